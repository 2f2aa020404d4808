"""The committed descriptors are exactly what the models generate."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from conflict_events.schema import descriptors
from conflict_events.schema.descriptors import (
    ACLED_COLUMNS,
    arrow_schema,
    event_columns,
    generated_files,
    table_schema,
)
from conflict_events.schema.models import Event

ROOT = Path(__file__).resolve().parent.parent


def test_committed_descriptors_do_not_drift() -> None:
    files = generated_files(ROOT)
    assert {p.name for p in files} >= {
        "event.schema.json", "article.schema.json", "events.tableschema.json", "schema.md",
    }
    drifted = [
        str(path.relative_to(ROOT)) for path, content in files.items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]
    assert drifted == [], (
        f"{drifted} differ from the models: run python -m conflict_events.schema.descriptors"
    )


def test_check_mode_reports_drift(tmp_path: Path) -> None:
    assert descriptors.main(["--root", str(tmp_path)]) == 0  # writes them
    assert descriptors.main(["--root", str(tmp_path), "--check"]) == 0
    target = tmp_path / "schemas" / "event.schema.json"
    target.write_text("{}\n", encoding="utf-8")
    assert descriptors.main(["--root", str(tmp_path), "--check"]) == 1


def test_columns_follow_the_model_in_order() -> None:
    assert [c.name for c in event_columns()] == list(Event.model_fields)
    assert ACLED_COLUMNS[0] == "event_id_cnty" and ACLED_COLUMNS[-1] == "timestamp"
    assert len(ACLED_COLUMNS) == 31


def test_arrow_types_come_from_annotations() -> None:
    schema = arrow_schema()
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("inter1").type == pa.int8()
    assert schema.field("latitude").type == pa.float64()
    assert pa.types.is_dictionary(schema.field("sub_event_type").type)
    assert pa.types.is_dictionary(schema.field("country").type)
    assert schema.field("notes").type == pa.string()
    assert schema.field("source").type.value_type == pa.string()  # joined like ACLED
    assert pa.types.is_list(schema.field("article_ids").type)
    evidence = schema.field("evidence").type.value_type
    assert [f.name for f in evidence] == ["article_id", "start", "end"]
    assert schema.field("actor2").nullable and not schema.field("actor1").nullable
    assert schema.metadata[b"conflict_events.schema_version"]


def test_table_schema_has_types_vocabularies_and_meanings() -> None:
    fields = {f["name"]: f for f in table_schema()["fields"]}
    assert all(f["description"] for f in fields.values())
    assert len(fields["sub_event_type"]["constraints"]["enum"]) == 25
    assert fields["event_type"]["constraints"]["enum"][0] == "Battles"
    assert fields["inter1"]["constraints"]["enum"] == list(range(9))
    assert 60 in fields["interaction"]["constraints"]["enum"]
    assert fields["event_date"]["type"] == "date"
    assert fields["latitude"]["constraints"] == {"required": True, "minimum": -90,
                                                 "maximum": 90}
    assert "Political violence; Demonstrations" in fields["disorder_type"]["constraints"]["enum"]


def test_json_schema_files_are_valid_json_with_descriptions() -> None:
    event = json.loads((ROOT / "schemas" / "event.schema.json").read_text(encoding="utf-8"))
    assert all("description" in spec for spec in event["properties"].values())
    article = json.loads((ROOT / "schemas" / "article.schema.json").read_text(encoding="utf-8"))
    assert "text" in article["required"]
