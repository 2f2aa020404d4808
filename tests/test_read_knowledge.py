"""read_knowledge: a knowledge file validated by its model, or a KnowledgeError that names the
file and the fault (every geo knowledge file and the coding conventions are read this way)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from conflict_events.errors import ConflictEventsError, KnowledgeError
from conflict_events.knowledge.yaml_files import read_knowledge


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    size: int


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    entries: list[_Entry]


def test_a_valid_file_is_its_model(tmp_path: Path) -> None:
    path = tmp_path / "sizes.yaml"
    path.write_text("entries:\n  - name: a\n    size: 2\n", encoding="utf-8")
    loaded = read_knowledge(path, _File)
    assert isinstance(loaded, _File)
    assert loaded.entries[0].size == 2


@pytest.mark.parametrize("text, fault", [
    ("entries:\n  - name: a\n    size: two\n", "size"),       # wrong type
    ("entries:\n  - name: a\n    sise: 2\n", "sise"),          # misspelt key
    ("entries: [unclosed\n", "not valid YAML"),                # not YAML at all
])
def test_a_faulty_file_names_itself_and_the_fault(tmp_path: Path, text: str, fault: str) -> None:
    path = tmp_path / "sizes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        read_knowledge(path, _File)
    assert "sizes.yaml" in str(caught.value)
    assert fault in str(caught.value)
    assert isinstance(caught.value, ConflictEventsError)


def test_a_missing_file_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"absent\.yaml"):
        read_knowledge(tmp_path / "absent.yaml", _File)


def test_the_shipped_geo_files_load() -> None:
    from conflict_events.geo.countrynames import country_cues
    from conflict_events.geo.landmarks import landmarks
    from conflict_events.geo.local_areas import local_area_words
    from conflict_events.geo.reforms import read_reforms

    assert country_cues().entries
    assert landmarks().landmarks
    assert local_area_words().words
    assert read_reforms().reforms
