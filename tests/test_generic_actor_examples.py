"""Every example of knowledge/generic_actors.yaml runs as a test: the sentence, coded in the
country its expected name gives, yields an event with that actor on one side."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

import pytest

from conflict_events.extract.lexicons import GenericActorsFile
from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.knowledge.yaml_files import read_yaml
from conflict_events.schema.models import Article

_FILE = GenericActorsFile.model_validate(read_yaml(
    resources.files("conflict_events.knowledge").joinpath("generic_actors.yaml")))
EXAMPLES = [(group.kind, example["text"], example["name"])
            for group in _FILE.groups for example in group.examples]


def _country(name: str) -> str:
    """The country an expected name speaks of: "Civilians (Mexico)", "Military Forces of
    Brazil"."""
    found = re.search(r"\(([^()]+)\)\s*$", name) or re.search(r"\bof (.+)$", name)
    assert found, f"no country in the expected name {name!r}"
    return found.group(1)


@pytest.fixture(scope="module")
def pipe():  # type: ignore[no-untyped-def]
    return fixed_place_pipeline()


def test_every_group_has_an_example() -> None:
    assert all(group.examples for group in _FILE.groups)


@pytest.mark.parametrize(("kind", "text", "name"), EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_generic_actor_example(pipe, kind: str, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    article = Article(article_id="t", text=text, published=dt.date(2021, 3, 15),
                      extra={"country": _country(name)})
    sides = [side for event in pipe(article).events for side in (event.actor1, event.actor2)
             if side]
    # a state force's name carries its era: "Military Forces of Brazil (2019-)"
    assert any(side == name or side.startswith(name + " (") for side in sides), (kind, sides)
