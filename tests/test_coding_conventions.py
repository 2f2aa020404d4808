"""Every example of the country coding conventions (coding/conventions.yaml) runs through the
real pipeline (with a fixed place per sentence) and must be coded as the entry says."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conflict_events.coding.conventions import Example, conventions, default_perpetrator, front
from conflict_events.extract.stages.dates import find_dates
from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article

_PERIOD = re.compile(r"\s*\(\d{4}-\d{0,4}\)")
EXAMPLES = [
    pytest.param(example, id=f"{kind}-{entry.country}-{n}")
    for kind, entries in (("perpetrator", conventions().unidentified_perpetrator),
                          ("front", conventions().fronts))
    for entry in entries
    for n, example in enumerate(entry.examples)
]


@pytest.fixture(scope="module")
def pipe():  # type: ignore[no-untyped-def]
    return fixed_place_pipeline()


def _strip(value: object) -> object:
    return _PERIOD.sub("", value) if isinstance(value, str) else value


@pytest.mark.parametrize("example", EXAMPLES)
def test_convention_example_is_coded_as_expected(pipe, example: Example) -> None:  # type: ignore[no-untyped-def]
    dates = find_dates(example.text, None)
    published = (dates[0].day if dates else dt.date(2020, 5, 9)) + dt.timedelta(days=1)
    doc = pipe(Article(article_id="example", text=example.text, published=published,
                       extra={"country": example.country}))
    got = [{"sub_event_type": e.sub_event_type.value, "actor1": e.actor1, "actor2": e.actor2}
           for e in doc.events]
    assert any(all(_strip(v[k]) == _strip(want) for k, want in example.expect.items())
               for v in got), f"{example.text!r}: expected {example.expect}, got {got}"


def test_front_is_bounded_by_its_dates() -> None:
    assert front("Ukraine", dt.date(2020, 5, 1)) is not None
    assert front("Ukraine", dt.date(2023, 5, 1)) is None
    assert front("Kenya", dt.date(2020, 5, 1)) is None


def test_default_perpetrator_only_where_a_convention_exists() -> None:
    assert default_perpetrator("Mexico", "the body was found with the hands tied") == (
        "Unidentified Gang (Mexico)")
    assert default_perpetrator("Mexico", "a man was found dead") is None
    assert default_perpetrator("Brazil", "a man was killed in a drive-by shooting") == (
        "Unidentified Gang and/or Police Militia")
    assert default_perpetrator("Mexico", "armed men attacked a patrol") is None
    assert default_perpetrator("Nigeria", "a man was found dead") is None


def test_unattributed_fire_away_from_a_front_keeps_unidentified_sides(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "On 12 May 2020, shots were fired in both directions near Maiduguri."
    doc = pipe(Article(article_id="x", text=text, published=dt.date(2020, 5, 13),
                       extra={"country": "Nigeria"}))
    assert doc.events
    assert all("Novorossiya" not in (e.actor2 or "") for e in doc.events)


def test_vague_figure_of_combatants_on_a_front_counts_ten() -> None:
    from conflict_events.coding.fatalities import total
    from conflict_events.extract.doc import NumberMention

    several = NumberMention(0, 7, 3, vague=True)
    assert total([several], "the clashes on the Nihm front killed several fighters") == 10
    assert total([several], "gunmen killed several villagers in a raid") == 3


def test_one_body_found_is_one_death() -> None:
    from conflict_events.coding.fatalities import single_death

    assert single_death("the body of a man was found under a bridge") == 1
    assert single_death("the bodies were not found") == 0


def test_a_misspelt_key_of_a_knowledge_file_is_refused() -> None:
    from pydantic import ValidationError

    from conflict_events.coding.conventions import Example
    from conflict_events.extract.lexicons import GenericGroup

    with pytest.raises(ValidationError):
        Example.model_validate({"text": "x", "country": "Mali", "expect": {}, "expcet": {}})
    with pytest.raises(ValidationError):
        GenericGroup.model_validate({"kind": "rebels", "inter": 2, "patterns": ["x"],
                                     "pattern": ["y"]})
