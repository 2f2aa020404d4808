"""Every example sentence of the trigger lexicon runs through the real pipeline (with a fixed
place per sentence instead of the gazetteer) and must be coded as its entry says."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conflict_events.extract.lexicons import TriggerEntry, TriggerExample, trigger_lexicon
from conflict_events.extract.stages.dates import find_dates
from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article, Event

EXAMPLES = [
    pytest.param(entry, example, id=f"{entry.id}-{n}")
    for entry in trigger_lexicon().entries
    for n, example in enumerate(entry.examples)
]
_PERIOD = re.compile(r"\s*\(\d{4}-\d{0,4}\).*$")


@pytest.fixture(scope="module")
def pipe():  # type: ignore[no-untyped-def]
    return fixed_place_pipeline()


def _values(event: Event) -> dict[str, object]:
    return {
        "sub_event_type": event.sub_event_type.value,
        "event_type": event.event_type.value,
        "actor1": _PERIOD.sub("", event.actor1),
        "actor2": _PERIOD.sub("", event.actor2) if event.actor2 else None,
        "inter1": int(event.inter1),
        "inter2": int(event.inter2),
        "fatalities": event.fatalities,
        "civilian_targeting": event.civilian_targeting,
    }


@pytest.mark.parametrize(("entry", "example"), EXAMPLES)
def test_trigger_example_is_coded_as_expected(
    pipe, entry: TriggerEntry, example: TriggerExample  # type: ignore[no-untyped-def]
) -> None:
    dates = find_dates(example.text, None)
    published = (dates[0].day if dates else dt.date(2020, 5, 9)) + dt.timedelta(days=1)
    article = Article(article_id=f"example-{entry.id}", text=example.text,
                      published=published, extra={"country": example.country})
    doc = pipe(article)
    got = [_values(e) for e in doc.events]
    assert any(all(v[k] == want for k, want in example.expect.items()) for v in got), (
        f"{example.text!r}: expected {example.expect}, got {got} (dropped: {doc.dropped})"
    )


def test_every_entry_has_examples_and_compiles() -> None:
    lexicon = trigger_lexicon()
    assert lexicon.entries
    assert all(entry.examples for entry in lexicon.entries)
    assert lexicon.regex.search("Gunmen attacked the village")


def test_bad_trigger_file_is_reported() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        TriggerEntry.model_validate({"id": "x", "cls": "no-such-class", "strength": 0.5,
                                     "patterns": ["a"], "examples": []})
