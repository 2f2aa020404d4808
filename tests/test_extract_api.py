"""The public extraction API: input checks, batches, the command line, the seed articles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

import conflict_events as ce
from conflict_events.cli.main import main
from conflict_events.errors import ArticleRejected, ConflictEventsError
from conflict_events.extract.api import (
    STATUS_NO_EVENTS,
    STATUS_PROCESSED,
    STATUS_REJECTED,
    extract,
    extract_many,
    to_article,
)
from conflict_events.extract.checks import MAX_TEXT_CHARS, check_article, decode
from conflict_events.schema.models import Article

NOTE = ("On 9 May 2020, Al Shabaab militants attacked Somali soldiers in Kismayo. "
        "2 soldiers were killed.")


def test_package_level_extract_is_the_api_function() -> None:
    import conflict_events.extract.pipeline  # noqa: F401  (binds the package name)

    assert ce.extract(NOTE, published="2020-05-10") == extract(NOTE, published="2020-05-10")


def test_extract_from_text_and_from_article_agree() -> None:
    from_text = extract(NOTE, published="2020-05-10", source="Test Wire")
    article = Article(article_id="a1", text=NOTE, published=dt.date(2020, 5, 10),
                      source="Test Wire")
    from_article = extract(article)
    assert [e.sub_event_type for e in from_text] == [e.sub_event_type for e in from_article]
    event = from_article[0]
    assert event.source == ["Test Wire"]
    assert event.article_ids == ["a1"]
    assert event.event_date == dt.date(2020, 5, 9)
    assert event.fatalities == 2


@pytest.mark.parametrize(("text", "code"), [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("\x00\x01\x02binary\x03\x04" * 50, "binary"),
    ("Der Angriff auf das Dorf forderte zwei Tote und viele Verletzte in der Nacht zum "
     "Sonntag, teilte die Polizei mit. Die Angreifer flohen danach mit einem Auto in "
     "Richtung der Grenze, wo sie von der Armee gestellt wurden. Nach Angaben der Behörden "
     "wurden drei von ihnen festgenommen und zwei weitere sind noch auf der Flucht.",
     "unsupported_language"),
    ("On 7 May 2020, 5 Saudi-led coalition airstrikes reportedly targeted Khabb wa ash Shaaf "
     "district (Al Jawf). No fatalities nor injuries reported.", None),
    ("On 9 May 2020, 6 Saudi-led coalition airstrikes reportedly targeted Majzar district "
     "(Marib). No fatalities nor injuries reported.", None),
])
def test_unusable_text_is_rejected_with_a_code(text: str, code: str | None) -> None:
    if code is None:  # short English full of names is still English
        extract(text, published="2020-05-10")
        return
    with pytest.raises(ArticleRejected) as info:
        extract(text, published="2020-05-10")
    assert info.value.code == code
    assert isinstance(info.value, ConflictEventsError)


def test_a_huge_article_is_too_large() -> None:
    with pytest.raises(ArticleRejected) as info:
        check_article(Article(article_id="big", text="x" * (MAX_TEXT_CHARS + 1)))
    assert info.value.code == "too_large"


def test_bytes_must_be_utf8() -> None:
    with pytest.raises(ArticleRejected) as info:
        decode(b"caf\xe9 attack")
    assert info.value.code == "not_utf8"
    assert decode("café".encode()) == "café"


def test_dates_future_and_unparseable() -> None:
    with pytest.raises(ArticleRejected) as info:
        to_article(NOTE, published="9th of May")
    assert info.value.code == "bad_date"
    future = dt.date.today() + dt.timedelta(days=30)
    with pytest.raises(ArticleRejected) as info:
        extract(NOTE, published=future)
    assert info.value.code == "future_date"


def test_html_markup_is_stripped() -> None:
    html = ("<html><head><script>var x = 'attacked';</script></head><body><p>On 9 May 2020, "
            "Al Shabaab militants attacked Somali soldiers in Kismayo.</p><p>2 soldiers "
            "were killed.</p></body></html>")
    events = extract(html, published="2020-05-10")
    assert [e.fatalities for e in events] == [2]


def test_extract_many_streams_and_survives_bad_articles() -> None:
    articles = [
        Article(article_id="good", text=NOTE, published=dt.date(2020, 5, 10)),
        Article(article_id="empty", text="  "),
        Article(article_id="quiet", text="The weather was fine and the market was busy today.",
                published=dt.date(2020, 5, 10)),
    ]
    for workers in (1, 2):
        results = list(extract_many(articles, workers=workers))
        assert [r.article_id for r in results] == ["good", "empty", "quiet"]
        assert [r.status for r in results] == [STATUS_PROCESSED, STATUS_REJECTED,
                                               STATUS_NO_EVENTS]
        assert results[0].n_events >= 1
        assert results[1].error_code == "empty" and results[1].reason
        assert results[2].reason and results[2].reason.startswith("no_trigger")


def test_evidence_points_into_the_original_text() -> None:
    text = ("Kismayo  \u2014  On 9 May 2020,  Al Shabaab   militants attacked Somali soldiers "
            "in Kismayo.")
    event = extract(text, published="2020-05-10")[0]
    ev = event.evidence[0]
    quoted = text[ev.start:ev.end]
    assert "On 9 May 2020,  Al Shabaab   militants" in quoted  # original spacing kept
    assert quoted.endswith("Kismayo.")


def test_cli_extract_writes_a_release(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Militants attack soldiers\n\n" + NOTE, encoding="utf-8")
    (inputs / "b.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    (inputs / "articles.jsonl").write_text(json.dumps(
        {"file": "a.txt", "article_id": "art-a", "published": "2020-05-10",
         "source": "Test Wire"}) + "\n", encoding="utf-8")
    out = tmp_path / "release"
    assert main(["extract", str(inputs), "-o", str(out), "--workers", "1"]) == 0
    printed = capsys.readouterr().out
    assert "articles read:         2" in printed
    assert "articles rejected:     1" in printed
    events = pd.read_parquet(out / "events.parquet")
    assert len(events) >= 1
    articles = pd.read_parquet(out / "articles.parquet")
    assert set(articles["status"].astype(str)) == {"processed", "rejected"}


def test_seed_articles_required_events_are_found(shared: Path) -> None:
    seeds = shared / "seeds"
    meta = [json.loads(line) for line in (seeds / "articles.jsonl").read_text().splitlines()]
    gold = [json.loads(line) for line in (seeds / "gold.jsonl").read_text().splitlines()]
    predicted: dict[str, list[tuple[str, str]]] = {}
    for m in meta:
        events = extract((seeds / m["file"]).read_text(encoding="utf-8"),
                         published=m["published"], source=m["source"], title=m["title"])
        predicted[m["article_id"]] = [(e.event_type.value, e.event_date.isoformat())
                                      for e in events]
    for g in gold:
        if g["status"] != "required":
            continue
        days = {(dt.date.fromisoformat(d) + dt.timedelta(days=k)).isoformat()
                for d in g["event_date"] for k in (-1, 0, 1)}
        assert any(t == g["event_type"] and d in days
                   for t, d in predicted[g["article_id"]]), g["gold_id"]
