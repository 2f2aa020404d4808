"""The HTML reader (extra `html`): main text, meta date, title, canonical URL; scripts neither
run nor read; nothing fetched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sources_server import Route, local_server

from conflict_events.schema.models import Article
from conflict_events.sources.base import Rejection
from conflict_events.sources.html_meta import page_meta

pytest.importorskip("trafilatura", reason="the `html` extra (trafilatura) is not installed")
pytest.importorskip("htmldate", reason="the `html` extra (htmldate) is not installed")

from conflict_events.sources.html_page import HtmlSource

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture(autouse=True)
def no_fetching(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt by the HTML libraries to download something fails the test."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a page made the reader fetch {args!r}")

    import htmldate.utils
    import trafilatura.downloads

    monkeypatch.setattr(htmldate.utils, "fetch_url", refuse)
    monkeypatch.setattr(trafilatura.downloads, "fetch_url", refuse)


def read_one(path: Path) -> Article | Rejection:
    records = list(HtmlSource().read(path))
    assert len(records) == 1
    return records[0]


def test_page_fixture() -> None:
    article = read_one(FIXTURES / "page.html")
    assert isinstance(article, Article)
    assert article.title == "Rebels seize town in eastern Congo"
    assert article.published == dt.date(2022, 11, 15)
    assert article.extra["published_basis"] == "meta article:published_time"
    assert article.url == "https://example.org/news/rebels-seize-town"
    assert article.source == "Example Post" and article.language == "en"
    assert article.text.startswith("M23 rebels seized the town of Kiwanja")
    assert "The army said it had withdrawn" in article.text
    for unwanted in ("INJECTED", "SCRIPT TEXT", "document.write", "color: red", "Copyright",
                     "tracker.invalid"):
        assert unwanted not in article.text, unwanted


def test_date_from_json_ld_and_time(tmp_path: Path) -> None:
    ld = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
          '"@type": "NewsArticle", "headline": "Ambush near Mopti", "datePublished": '
          '"2020-07-14T09:00:00Z", "publisher": {"@type": "Organization", "name": "Sahel '
          'Daily"}}</script></head><body></body></html>')
    meta = page_meta(ld)
    assert (meta.published, meta.title, meta.site) == (dt.date(2020, 7, 14), "Ambush near Mopti",
                                                       "Sahel Daily")
    timed = page_meta('<html><body><time datetime="2019-05-21">21 May</time></body></html>')
    assert timed.published == dt.date(2019, 5, 21)


def test_htmldate_when_no_meta_date(tmp_path: Path) -> None:
    page = tmp_path / "no_meta.html"
    page.write_text(
        '<html><head><title>Strike in Harare</title>'
        '<link rel="canonical" href="https://example.org/2019/05/21/strike-harare"></head><body>'
        "<article><p>Doctors in Harare went on strike on Tuesday over pay, union leaders "
        "said, and hospitals turned away patients across the city.</p><p>The health "
        "ministry called the strike illegal and said talks would continue on "
        "Wednesday with the doctors' association.</p></article></body></html>",
        encoding="utf-8")
    article = read_one(page)
    assert isinstance(article, Article)
    assert article.published == dt.date(2019, 5, 21)
    assert article.extra["published_basis"] == "htmldate"
    assert article.title == "Strike in Harare"


def test_page_that_is_only_a_url_is_not_fetched(tmp_path: Path) -> None:
    with local_server() as server:
        server.routes["/article"] = Route(body="<p>Fetched text must never appear.</p>")
        page = tmp_path / "url.html"
        page.write_text(server.url("/article"), encoding="utf-8")
        record = read_one(page)
        assert server.hits == []
    assert "Fetched text" not in getattr(record, "text", "")


def test_page_without_text_and_binary_page(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><script>alert(1)</script></body></html>", encoding="utf-8")
    binary = tmp_path / "binary.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    codes = [getattr(read_one(p), "code", None) for p in (empty, binary)]
    assert codes == ["empty", "not_text"]


@pytest.mark.parametrize("markup", ["<html", "<!--", "<?xml"])
def test_page_that_lxml_cannot_parse_is_empty(tmp_path: Path, markup: str) -> None:
    page = tmp_path / "broken.html"
    page.write_text(markup, encoding="utf-8")
    record = read_one(page)
    assert isinstance(record, Rejection) and record.code == "empty", record


def test_legacy_encoding_declared_in_meta(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    body = ("<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 attack</title></head>"
            "<body><article><p>Gunmen attacked a caf\xe9 in Ouagadougou on Friday night, "
            "killing four people, the security ministry said in a statement.</p><p>The "
            "attackers fled on motorbikes towards the north of the capital.</p></article>"
            "</body></html>")
    page.write_bytes(body.encode("cp1252"))
    article = read_one(page)
    assert isinstance(article, Article)
    assert article.title == "Café attack" and "café in Ouagadougou" in article.text
