"""`conflict-events sources list` and `sources read`, and the reader options (field mapping,
feed options) of `sources read` and `extract`, against a local server."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sources_server import LocalServer, Route, local_server

from conflict_events.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def test_sources_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "list"]) == 0
    out = capsys.readouterr().out
    for name in ("text", "jsonl", "json", "csv", "html", "feed"):
        assert any(line.startswith(name + " ") for line in out.splitlines()), name
    assert "built-in" in out and ".jsonl" in out and "https://" in out


def test_sources_read_prints_articles_and_rejections(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    code = main(["sources", "read", str(FIXTURES / "custom_fields.csv"), "--field",
                 "text=story", "--field", "article_id=story_id", "--field", "title=heading"])
    assert code == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["kind"], r.get("article_id") or r.get("code")) for r in rows] == [
        ("article", "csv-1"), ("rejection", "empty"), ("article", "csv-3")]
    assert "text" not in rows[0] and rows[0]["title"] == "Blast hits Kabul"
    assert "2 article(s), 1 rejection(s)" in captured.err


def test_sources_read_bad_option_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "read", str(FIXTURES), "--field", "nonsense"]) == 1
    assert "FIELD=KEY" in capsys.readouterr().err
    assert main(["sources", "read", str(FIXTURES), "--source", "nope"]) == 1
    assert "no source reader named 'nope'" in capsys.readouterr().err


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Times</title>
<item><title>Troops retake Palmyra</title><link>{base}/news/palmyra</link>
<pubDate>Sun, 27 Mar 2016 08:00:00 GMT</pubDate></item>
<item><title>Slow story</title><link>{base}/news/slow</link></item>
</channel></rss>"""
PAGE = ("<html><head><title>Troops retake Palmyra</title></head><body><article><p>Syrian "
        "government troops retook the ancient city of Palmyra from Islamic State fighters on "
        "Sunday after weeks of fighting, state media said. Four soldiers were killed.</p>"
        "</article></body></html>")


@pytest.fixture
def feed_site() -> Iterator[LocalServer]:
    with local_server() as server:
        server.routes["/feed.rss"] = Route(body=FEED, content_type="application/rss+xml")
        server.routes["/news/palmyra"] = Route(body=PAGE)
        server.routes["/news/slow"] = Route(body=PAGE.replace("Palmyra", "Homs"), delay=4.0)
        yield server


def test_feed_options_reach_the_http_client(feed_site: LocalServer,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("feedparser", reason="the `feeds` extra is not installed")
    pytest.importorskip("trafilatura", reason="the `html` extra is not installed")
    code = main(["sources", "read", feed_site.url("/feed.rss"), "--user-agent",
                 "newsroom-archive/2.0", "--rate-limit", "0", "--timeout", "1.5",
                 "--retries", "0", "--ignore-robots"])
    assert code == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["kind"] for r in rows] == ["article", "rejection"]
    assert rows[1]["input"].endswith("/news/slow") and "within 1.5 s" in rows[1]["reason"]
    # robots.txt ignored (never asked for), one try of the slow page (no retries)
    assert sorted(feed_site.paths()) == ["/feed.rss", "/news/palmyra", "/news/slow"]
    assert {hit.user_agent for hit in feed_site.hits} == {"newsroom-archive/2.0"}


def test_extract_takes_feed_options(feed_site: LocalServer, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("feedparser", reason="the `feeds` extra is not installed")
    pytest.importorskip("trafilatura", reason="the `html` extra is not installed")
    release = tmp_path / "release"
    code = main(["extract", feed_site.url("/feed.rss"), "-o", str(release), "--workers", "1",
                 "--quiet", "--user-agent", "newsroom-archive/2.0", "--rate-limit", "0",
                 "--timeout", "1.5", "--retries", "0"])
    assert code == 0
    assert "articles rejected:     1" in capsys.readouterr().out
    assert {hit.user_agent for hit in feed_site.hits} == {"newsroom-archive/2.0"}
    assert "/robots.txt" in feed_site.paths()


def test_extract_takes_a_field_mapping(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "dump.jsonl"
    story = ("Gunmen killed four farmers in Riyom, Plateau State, on Monday, police said. "
             "The attackers fled before troops arrived.")
    dump.write_text(json.dumps({"story_id": "s-1", "story": story, "meta": {
        "day": "2021-03-02"}, "outlet": "Daily Trust"}) + "\n", encoding="utf-8")
    release = tmp_path / "release"
    assert main(["extract", str(dump), "-o", str(release), "--workers", "1", "--quiet"]) == 0
    assert "articles rejected:     1" in capsys.readouterr().out  # no text field found

    assert main(["extract", str(dump), "-o", str(release), "--workers", "1", "--quiet",
                 "--field", "text=story", "--field", "article_id=story_id",
                 "--field", "published=meta.day"]) == 0
    assert "articles rejected:     0" in capsys.readouterr().out
    articles = pq.read_table(release / "articles.parquet").to_pylist()
    assert [(a["article_id"], a["published"], a["source"]) for a in articles] == [
        ("s-1", dt.date(2021, 3, 2), "Daily Trust")]


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--field", "text", "FIELD=KEY"), ("--timeout", "0", "--timeout"),
    ("--rate-limit", "-1", "--rate-limit"), ("--retries", "-2", "--retries")])
def test_extract_refuses_bad_reader_options(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            option: str, value: str, message: str) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"text": "Protest in Harare."}\n', encoding="utf-8")
    code = main(["extract", str(dump), "-o", str(tmp_path / "release"), "--workers", "1",
                 "--quiet", option, value])
    assert code == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "release").exists()
