"""Stages tested alone: normalisation with offsets, sentences, dates, fatality figures."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.extract.doc import Doc
from conflict_events.extract.stages.dates import find_dates
from conflict_events.extract.stages.normalise import normalise_text
from conflict_events.extract.stages.numbers import find_numbers
from conflict_events.extract.stages.sentences import split_sentences
from conflict_events.schema.models import Article

PUBLISHED = dt.date(2016, 2, 2)  # a Tuesday


def test_normalise_keeps_offsets_into_the_original() -> None:
    original = "Cafe\u0301  attack \u201cclaimed\u201d   here.\n\n\nNext   line."
    doc = Doc.from_article(Article(article_id="a", text=original))
    normalise_text(doc)
    assert doc.text == 'Café attack "claimed" here.\n\nNext line.'
    start = doc.text.index("attack")
    o_start, o_end = doc.original_span(start, start + len("attack"))
    assert original[o_start:o_end] == "attack"
    start = doc.text.index("Next")
    o_start, o_end = doc.original_span(start, len(doc.text))
    assert original[o_start:o_end] == "Next   line."


def test_sentences_respect_abbreviations_and_lines() -> None:
    text = ("The U.N. envoy met Gen. Haftar on Jan. 5 in Geneva. Fighting resumed.\n"
            "Headline without a stop\nDr. Smith said 3 died.")
    sentences = [text[s.start:s.end] for s in split_sentences(text)]
    assert sentences == [
        "The U.N. envoy met Gen. Haftar on Jan. 5 in Geneva.",
        "Fighting resumed.",
        "Headline without a stop",
        "Dr. Smith said 3 died.",
    ]


@pytest.mark.parametrize(("text", "day", "precision"), [
    ("On 9 May 2020, militants attacked", dt.date(2020, 5, 9), 1),
    ("Around 9 May 2020 (as reported), police", dt.date(2020, 5, 9), 2),
    ("On May 9, 2020, police", dt.date(2020, 5, 9), 1),
    ("on 2020-05-09 police", dt.date(2020, 5, 9), 1),
    ("On an unspecified date in early May 2020, x", dt.date(2020, 5, 1), 3),
    ("Between 1 and 7 May 2020, x", dt.date(2020, 5, 4), 2),
    ("in late January 2016", dt.date(2016, 1, 31), 3),
    ("clashes on Tuesday", PUBLISHED, 1),
    ("clashes on Sunday", dt.date(2016, 1, 31), 1),
    ("Yesterday, gunmen", dt.date(2016, 2, 1), 1),
    ("today", PUBLISHED, 1),
    ("since Monday", dt.date(2016, 2, 1), 1),
    ("last week", dt.date(2016, 1, 28), 2),
    ("over the weekend", dt.date(2016, 1, 30), 2),
    ("earlier this month", dt.date(2016, 2, 2), 3),
    ("last month", dt.date(2016, 1, 15), 3),
    ("on 30 January", dt.date(2016, 1, 30), 1),
    ("three days ago", dt.date(2016, 1, 30), 1),
    ("09/01/2016", dt.date(2016, 1, 9), 1),
])
def test_dates_resolve_against_publication(text: str, day: dt.date, precision: int) -> None:
    found = find_dates(text, PUBLISHED)
    assert [(d.day, d.precision) for d in found][:1] == [(day, precision)]


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Fighting may resume soon", PUBLISHED) == []


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("on Tuesday", None) == []
    assert find_dates("on 9 May 2020", None)[0].day == dt.date(2020, 5, 9)


@pytest.mark.parametrize(("text", "value"), [
    ("at least one girl was killed in opposition fire", 1),
    ("three civilians were killed", 3),
    ("two soldiers and a civilian were killed", 3),
    ("the attack killed 5 people", 5),
    ("killing 12 and injuring 30", 12),
    ("5 people were killed", 5),
    ("2 fatalities.", 2),
    ("the death toll rose to 17", 17),
    ("dozens were killed", 12),
    ("hundreds of people were killed", 100),
    ("several soldiers were killed", 3),
    ("killing between 2 to 4 fighters", 2),
    ("left seven people dead", 7),
])
def test_fatality_figures(text: str, value: int) -> None:
    numbers = [n for n in find_numbers(text) if not n.negated]
    assert [n.value for n in numbers] == [value]


@pytest.mark.parametrize("text", [
    "12 people were injured in the blast",
    "the clashes caused casualties",
    "killing and injuring 12 people",
])
def test_injuries_and_ambiguous_casualties_are_not_deaths(text: str) -> None:
    assert [n for n in find_numbers(text) if not n.negated] == []


def test_explicit_zero_is_recorded() -> None:
    found = find_numbers("No fatalities were reported.")
    assert found and found[0].negated and found[0].value == 0
