"""Per-article limits end in a typed rejection, never a hang or an untyped crash; inputs the
fuzzers and the hostile-text benchmark found are kept here as regression cases."""

from __future__ import annotations

import pytest

import conflict_events as ce
from conflict_events.errors import ArticleRejected, ConflictEventsError
from conflict_events.extract.checks import MAX_SENTENCE_CHARS, MAX_TEXT_CHARS
from conflict_events.extract.stages.numbers import number_value
from conflict_events.extract.stages.sentences import split_sentences

PUBLISHED = "2020-05-14"


def _code(text: str) -> str | None:
    try:
        ce.extract(text, published=PUBLISHED)
    except ArticleRejected as exc:
        return exc.code
    return None


def test_too_large() -> None:
    assert _code("Gunmen killed two people in Aleppo. " * (MAX_TEXT_CHARS // 36 + 1)) == \
        "too_large"


def test_run_on_text_is_refused() -> None:
    unit = "militants attacked the army in Aleppo killing 5 people on Tuesday "
    run_on = (unit * (MAX_SENTENCE_CHARS // len(unit) + 2))
    assert _code(run_on) == "run_on_text"
    # The same words cut into sentences below the character limit hold hundreds of mentions
    # each: refused too, by the mention limit.
    sentences = (run_on[: MAX_SENTENCE_CHARS // 2] + ".\n") * 3
    assert _code(sentences) == "too_many_mentions"
    # Long sentences of ordinary words with an event in each are read.
    filler = "and the weather stayed warm and dry through the long and quiet afternoon "
    long_prose = ("Militants attacked the army in Aleppo on Tuesday " + filler * 120 + ".\n") * 3
    assert _code(long_prose) is None


def test_html_markup_does_not_count_as_run_on() -> None:
    script = "<script>" + "x" * (MAX_SENTENCE_CHARS * 2) + "</script>"
    page = (f"<html><head>{script}</head><body><p>Gunmen killed two people in Aleppo, "
            "Syria, on Monday, police said.</p></body></html>")
    assert _code(page) is None


@pytest.mark.parametrize("digits", [10, 4301, 50_000])
def test_a_huge_figure_is_no_number(digits: int) -> None:
    assert number_value("9" * digits) is None
    assert number_value(f"{'9' * digits} to 12") is None
    text = "Gunmen killed " + "1234567890" * (digits // 10 + 1) + " people in Aleppo."
    try:
        events = ce.extract(text, published=PUBLISHED)
    except ConflictEventsError:
        return
    assert all(event.fatalities < 10**9 for event in events)


def test_plausible_figures_are_still_read() -> None:
    assert number_value("5") == (5, False)
    assert number_value("1,250") == (1250, False)
    assert number_value("123456789") == (123456789, False)


def test_a_long_run_of_full_stops_is_split_in_linear_time() -> None:
    """A run of 200,000 marks is one sentence end (quadratic before: hours)."""
    text = "Gunmen killed five people in Aleppo" + "." * 200_000 + " Police said so."
    assert len(split_sentences(text)) == 2
    assert len(split_sentences('He left... Then "she came!?" Yes. no end')) == 3


@pytest.mark.parametrize("published", ["0001-01-02", "1899-12-31"])
def test_a_publication_date_before_1900_is_refused(published: str) -> None:
    with pytest.raises(ArticleRejected) as caught:
        ce.extract("Gunmen killed two people in Aleppo yesterday, police said.",
                   published=published)
    assert caught.value.code == "bad_date"


@pytest.mark.parametrize("phrase", ["¹", "²³", "½", "Ⅻ"])
def test_digit_like_characters_are_no_number(phrase: str) -> None:
    assert number_value(phrase) is None
