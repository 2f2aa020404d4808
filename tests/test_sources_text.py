"""The plain-text reader: title line, datelines, page furniture, metadata sidecars."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import shared_path

from conflict_events.schema.models import Article
from conflict_events.sources.base import Rejection
from conflict_events.sources.boilerplate import default_boilerplate, load_rules
from conflict_events.sources.dates import (
    dateline_date,
    parse_date,
    wire_opening_agency,
    wire_opening_date,
)
from conflict_events.sources.plain_text import TextSource, parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def read_one(path: Path, **options: object) -> Article | Rejection:
    records = list(TextSource().read(path, **options))
    assert len(records) == 1
    return records[0]


def test_fixture_title_dateline_and_furniture() -> None:
    article = read_one(FIXTURES / "dateline.txt")
    assert isinstance(article, Article)
    assert article.title == "Militants attack army post near Gao"
    assert article.published == dt.date(2021, 2, 8)
    assert article.extra["published_basis"] == "dateline in the text (Feb 8, 2021)"
    text = article.text
    assert text.startswith("Gunmen on motorbikes stormed an army post")
    assert "killing two soldiers" in text and "reinforced checkpoints" in text
    for furniture in ("3 min read", "Feb 8, 2021", "[AFP]", "Share this article",
                      "Advertisement", "Other news", "Floods displace", "Election results"):
        assert furniture not in text, furniture
    assert "Militants attack army post near Gao" not in text  # the repeated headline
    assert article.article_id == Article.from_text(text).article_id


def test_parse_text_reports_what_it_dropped() -> None:
    parsed = parse_text((FIXTURES / "dateline.txt").read_text(encoding="utf-8"))
    assert "3 min read" in parsed.dropped and "Other news" in parsed.dropped
    assert "Floods displace thousands in Niamey" in parsed.dropped


@pytest.mark.parametrize(("line", "day"), [
    ("02 February, 2016", dt.date(2016, 2, 2)),
    ("Feb 2, 2016", dt.date(2016, 2, 2)),
    ("February 2nd, 2016", dt.date(2016, 2, 2)),
    ("Tuesday 2 February 2016 14:05 GMT", dt.date(2016, 2, 2)),
    ("Published: 2 Feb 2016", dt.date(2016, 2, 2)),
    ("Updated on Sept. 3, 2019 | 10:30 am EST", dt.date(2019, 9, 3)),
    ("2016-02-02", dt.date(2016, 2, 2)),
    ("31 February 2016", None),
    ("2 min read", None),
    ("Rebels attacked on 2 February 2016 near the town.", None),
])
def test_dateline_forms(line: str, day: dt.date | None) -> None:
    assert dateline_date(line) == day


@pytest.mark.parametrize(("value", "day"), [
    ("2016-02-02T10:00:00Z", dt.date(2016, 2, 2)),
    ("Tue, 02 Feb 2016 10:00:00 GMT", dt.date(2016, 2, 2)),
    ("Feb 2, 2016", dt.date(2016, 2, 2)),
    (dt.datetime(2016, 2, 2, 23, 0), dt.date(2016, 2, 2)),
    ("yesterday", None),
    ("03/06/2021", None),  # day/month order unknown: not guessed
    (None, None),
])
def test_parse_date(value: object, day: dt.date | None) -> None:
    assert parse_date(value) == day


def test_wire_opening_gives_the_date_and_stays() -> None:
    assert wire_opening_date("BEIRUT, Feb 2, 2016 (Reuters) - Syrian troops") == dt.date(
        2016, 2, 2)
    assert wire_opening_date("Troops said on Feb 2, 2016 - that") is None
    raw = ("Syrian troops advance\n\nBEIRUT, Feb 2, 2016 (Reuters) - Syrian troops advanced "
           "north of Aleppo on Tuesday, a monitor said.\n")
    parsed = parse_text(raw)
    assert parsed.published == dt.date(2016, 2, 2)
    assert parsed.text.startswith("BEIRUT, Feb 2, 2016 (Reuters)")


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    parsed = parse_text("Police fired tear gas at protesters in Dhaka on Sunday.\n\n"
                        "Dozens were hurt, witnesses said.")
    assert parsed.title is None
    assert parsed.text.startswith("Police fired tear gas")
    forced = parse_text("Police fired tear gas.\n\nDozens were hurt.", title_line=True)
    assert forced.title == "Police fired tear gas."
    assert parse_text("Clashes in Aden\n\nFighting broke out.", title_line=False).title is None


def test_other_news_at_the_top_does_not_swallow_the_article() -> None:
    raw = "Other news\nGunmen killed three villagers in Zamfara on Sunday, police said.\n"
    parsed = parse_text(raw, title_line=False)
    assert parsed.text == "Gunmen killed three villagers in Zamfara on Sunday, police said."


def test_boilerplate_examples_run_as_tests() -> None:
    rules = load_rules()
    boilerplate = default_boilerplate()
    for rule in rules.line:
        for example in rule.examples:
            assert boilerplate.is_line(example), (rule.why, example)
        for counter in rule.counter_examples:
            assert not boilerplate.is_line(counter), (rule.why, counter)
    for rule in rules.tail:
        for example in rule.examples:
            assert boilerplate.is_tail(example), (rule.why, example)
        for counter in rule.counter_examples:
            assert not boilerplate.is_tail(counter) and not boilerplate.is_line(counter)


def test_metadata_sidecar_overrides_the_text(tmp_path: Path) -> None:
    article_path = tmp_path / "one.txt"
    article_path.write_text("Clashes in Aden\n\nFighting broke out in Aden on Monday.",
                            encoding="utf-8")
    sidecar = tmp_path / "meta.jsonl"
    sidecar.write_text(json.dumps({"file": "one.txt", "article_id": "aden-1",
                                   "source": "Example Wire", "published": "2020-01-06",
                                   "title": None, "desk": "Yemen"}) + "\n", encoding="utf-8")
    article = read_one(article_path, metadata=sidecar)
    assert isinstance(article, Article)
    assert (article.article_id, article.source, article.published) == (
        "aden-1", "Example Wire", dt.date(2020, 1, 6))
    assert article.title == "Clashes in Aden"  # null in the sidecar: the text's title stays
    assert article.extra["desk"] == "Yemen"


def test_seeds_with_their_metadata_match_the_metadata() -> None:
    seeds = shared_path("seeds")
    sidecar = seeds / "articles.jsonl"
    rows = [json.loads(line) for line in sidecar.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    for row in rows:
        article = read_one(seeds / row["file"], metadata=sidecar)
        assert isinstance(article, Article)
        assert article.article_id == row["article_id"]
        assert article.title == row["title"]
        assert article.source == row["source"]
        assert str(article.published) == row["published"]
        assert article.language == row["language"]
        # without the sidecar the text alone gives the same title, and the dateline's date
        plain = read_one(seeds / row["file"])
        assert isinstance(plain, Article)
        assert plain.title == row["title"]
        assert plain.text == article.text
        if "dateline in the text" in row["published_basis"]:
            assert str(plain.published) == row["published"]


@pytest.mark.parametrize(("line", "agency"), [
    ("BEIRUT (Reuters) - Syrian troops advanced on Tuesday.", "Reuters"),
    ("KABUL, Afghanistan (AP) — A suicide bomber struck.", "AP"),
    ("GAZA CITY (Anadolu Agency) - Israeli jets struck.", "Anadolu Agency"),
    ("BEIRUT, Feb 2, 2016 (Reuters) - Syrian troops advanced.", "Reuters"),
    ("ALEPPO, 2 February 2016 - Syrian troops advanced.", None),
    ("The army (SAA) - said it advanced.", None),
    ("BEIRUT (2016) - troops advanced.", None),
])
def test_wire_opening_agency(line: str, agency: str | None) -> None:
    assert wire_opening_agency(line) == agency


def test_wire_agency_becomes_the_outlet_and_bylines_go() -> None:
    raw = ("Suicide bomber strikes Kabul\n\nBy Ahmed Karimi and Jane Doe\n\n"
           "KABUL (Reuters) - A suicide bomber killed six people at a checkpoint in Kabul on "
           "Monday, officials said.\n\nReporting by Ahmed Karimi; Editing by Alex Smith\n")
    parsed = parse_text(raw)
    assert parsed.source == "Reuters" and parsed.published is None
    assert parsed.text.startswith("KABUL (Reuters) - A suicide bomber")
    assert "Karimi" not in parsed.text and "Editing" not in parsed.text
