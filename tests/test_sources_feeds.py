"""Feeds (extra `feeds`): items fetched from a local server, politely; every item accounted
for; saved feed files read without the network."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sources_server import FakeClock, LocalServer, Route, local_server

from conflict_events.schema.models import Article
from conflict_events.sources.base import Record, Rejection
from conflict_events.sources.http import HttpClient
from conflict_events.sources.inputs import read_inputs

pytest.importorskip("feedparser", reason="the `feeds` extra (feedparser) is not installed")
pytest.importorskip("trafilatura", reason="the `html` extra (trafilatura) is not installed")

import itertools

from conflict_events.sources.feeds import FeedSource

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
ROBOTS = "User-agent: *\nDisallow: /members/\n"


def article_page(title: str, body: str, date: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (f"<html><head><title>{title}</title>{meta}"
            '<meta property="og:site_name" content="Local Times"></head>'
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Times - World</title><link>{base}/</link>
<item><title>Troops retake Palmyra</title><link>{base}/news/palmyra</link>
<pubDate>Sun, 27 Mar 2016 08:00:00 GMT</pubDate></item>
<item><title>Gone story</title><link>{base}/news/gone</link></item>
<item><title>Members only</title><link>{base}/members/story</link></item>
<item><title>Flaky story</title><link>/news/flaky</link></item>
<item><title>Troops retake Palmyra (again)</title><link>{base}/news/palmyra</link></item>
<item><title>Paywalled</title><link>{base}/news/paywall</link>
<description>Gunmen killed four farmers in Plateau State on Monday, police said.</description>
</item>
</channel></rss>"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def site(clock: FakeClock) -> LocalServer:
    with local_server(clock) as server:
        server.routes["/robots.txt"] = Route(body=ROBOTS, content_type="text/plain")
        server.routes["/feed.rss"] = Route(body=FEED, content_type="application/rss+xml")
        server.routes["/news/palmyra"] = Route(body=article_page(
            "Troops retake Palmyra | Local Times",
            "Syrian government troops retook the ancient city of Palmyra from Islamic State "
            "fighters on Sunday after weeks of fighting, state media said.\nThe army said it "
            "was clearing mines left in the city's streets and around the ruins."))
        server.routes["/news/flaky"] = Route(status=[503, 200], body=article_page(
            "Flaky story", "Police arrested twelve protesters in central Minsk on Saturday, "
            "a rights group said, as demonstrations against the election continued.",
            date="2020-09-12T10:00:00Z"))
        server.routes["/news/paywall"] = Route(body="<html><body><div>Subscribe to read"
                                               "</div></body></html>")
        yield server


def client(clock: FakeClock) -> HttpClient:
    return HttpClient(clock=clock, sleep=clock.sleep, min_interval=1.5, retries=2,
                      backoff=1.0, timeout=5.0, proxies={})


def by_name(records: list[Record]) -> dict[str, Record]:
    return {(r.url if isinstance(r, Article) else r.input_name) or "": r for r in records}


def test_feed_items_fetched_and_accounted_for(site: LocalServer, clock: FakeClock) -> None:
    records = list(read_inputs([site.url("/feed.rss")], http_client=client(clock)))
    assert len(records) == 6  # one per item
    duplicate = records[4]
    assert isinstance(duplicate, Rejection) and duplicate.code == "duplicate_item"
    assert duplicate.input_name == site.url("/feed.rss") + "#5" and "(item 1)" in (
        duplicate.reason)
    paywalled = records[5]
    assert isinstance(paywalled, Article)
    assert paywalled.text == "Gunmen killed four farmers in Plateau State on Monday, police said."
    assert paywalled.extra["text_from"] == "feed item summary (the page has less text)"
    found = by_name(records[:4])
    palmyra = found[site.url("/news/palmyra")]
    assert isinstance(palmyra, Article)
    assert palmyra.title == "Troops retake Palmyra"  # the item's title, not the page's
    assert palmyra.published == dt.date(2016, 3, 27)
    assert palmyra.extra["published_basis"] == "feed item date"
    assert palmyra.source == "Local Times"  # og:site_name of the page
    assert palmyra.text.startswith("Syrian government troops retook")
    gone = found[site.url("/news/gone")]
    assert isinstance(gone, Rejection) and gone.code == "http_error" and "404" in gone.reason
    members = found[site.url("/members/story")]
    assert isinstance(members, Rejection) and members.code == "robots_disallowed"
    flaky = found[site.url("/news/flaky")]  # a relative link, resolved; 503 then 200
    assert isinstance(flaky, Article) and flaky.published == dt.date(2020, 9, 12)

    paths = site.paths()
    assert "/members/story" not in paths
    assert paths.count("/robots.txt") == 1 and paths.count("/news/flaky") == 2
    assert paths.count("/news/palmyra") == 1
    times = [hit.at for hit in site.hits]
    assert all(b - a >= 1.5 for a, b in itertools.pairwise(times))


def test_url_serving_a_page_reads_that_page(site: LocalServer, clock: FakeClock) -> None:
    (record,) = list(read_inputs([site.url("/news/palmyra")], http_client=client(clock)))
    assert isinstance(record, Article)
    assert record.title == "Troops retake Palmyra | Local Times"
    assert record.url == site.url("/news/palmyra")


def test_broken_feed_url_is_one_rejection(site: LocalServer, clock: FakeClock) -> None:
    site.routes["/junk.xml"] = Route(body="<notafeed>", content_type="application/xml")
    records = list(read_inputs([site.url("/junk.xml"), site.url("/nothing.rss")],
                               http_client=client(clock)))
    assert [(type(r).__name__, getattr(r, "code", None)) for r in records] == [
        ("Rejection", "not_a_feed"), ("Rejection", "http_error")]


def test_saved_feed_files_without_fetching() -> None:
    rss = list(FeedSource().read(FIXTURES / "feed.rss", fetch_items=False))
    assert [a.title for a in rss if isinstance(a, Article)] == [
        "Rebels seize town in eastern Congo", "Students protest fees in Nairobi"]
    first = rss[0]
    assert isinstance(first, Article)
    assert first.source == "Example Post - World" and first.published == dt.date(2022, 11, 14)
    assert first.text == "M23 rebels seized the town of Kiwanja in North Kivu province on Monday."
    (atom,) = list(FeedSource().read(FIXTURES / "feed.atom", fetch_items=False))
    assert isinstance(atom, Article)
    assert atom.published == dt.date(2023, 1, 9)  # published, not updated
    assert atom.url == "https://example.org/atom/curfew"
    assert atom.text == ("Authorities imposed a curfew in Port-au-Prince on Monday after gangs "
                         "attacked a police station.\n\nTwo officers were wounded.")
    assert atom.extra["guid"] == "urn:example:curfew"


def test_max_items(site: LocalServer, clock: FakeClock) -> None:
    records = list(read_inputs([site.url("/feed.rss")], http_client=client(clock), max_items=1))
    assert len(records) == 1 and isinstance(records[0], Article)


def test_forced_html_reader_on_a_page_url(site: LocalServer, clock: FakeClock) -> None:
    (record,) = list(read_inputs([site.url("/news/palmyra")], source="html",
                                 http_client=client(clock)))
    assert isinstance(record, Article)
    assert record.text.startswith("Syrian government troops retook")
    (gone,) = list(read_inputs([site.url("/news/gone")], source="html",
                               http_client=client(clock)))
    assert isinstance(gone, Rejection) and gone.code == "http_error"


def test_entity_expansion_bomb_is_not_expanded(tmp_path: Path) -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)]
    feed = tmp_path / "bomb.rss"
    feed.write_text('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(levels) + "\n]>\n"
                    "<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>x</title>"
                    "<description>Gunmen attacked a bus.</description></item></channel></rss>",
                    encoding="utf-8")
    (record,) = list(FeedSource().read(feed, fetch_items=False))
    assert isinstance(record, Article) and record.text == "Gunmen attacked a bus."
    assert "lollol" not in (record.source or "")


def test_read_inputs_makes_its_client_from_the_options(site: LocalServer) -> None:
    records = list(read_inputs([site.url("/feed.rss")], user_agent="ce-test/1.0",
                               min_interval=0.0, retries=1, timeout=5.0, backoff=0.0,
                               max_items=1))
    assert len(records) == 1 and isinstance(records[0], Article)
    assert {hit.user_agent for hit in site.hits} == {"ce-test/1.0"}


def test_page_without_text_falls_back_to_the_item_summary(site: LocalServer,
                                                          clock: FakeClock) -> None:
    site.routes["/news/player"] = Route(body="<html><body><script>play()</script></body></html>")
    site.routes["/player.rss"] = Route(content_type="application/rss+xml", body=(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Times</title>'
        "<item><title>Video: clashes</title><link>{base}/news/player</link>"
        "<description>Police and protesters clashed in Nairobi.</description></item>"
        "<item><title>No summary</title><link>{base}/news/player</link></item>"
        "</channel></rss>"))
    site.routes["/bare.rss"] = Route(content_type="application/rss+xml", body=(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local Times</title>'
        "<item><title>No summary</title><link>{base}/news/player</link></item>"
        "</channel></rss>"))
    records = list(read_inputs([site.url("/player.rss"), site.url("/bare.rss")],
                               http_client=client(clock)))
    video, repeat, bare = records
    assert isinstance(video, Article) and video.text == "Police and protesters clashed in Nairobi."
    assert video.extra["text_from"] == "feed item summary (page: empty)"
    assert isinstance(repeat, Rejection) and repeat.code == "duplicate_item"
    assert isinstance(bare, Rejection) and bare.code == "empty"


@pytest.mark.parametrize("reference", ["&#x110000;", "&#1114112;", "&#xD800;",
                                       "&#99999999999999999999;"])
def test_item_with_a_reference_to_no_character_keeps_the_feed(tmp_path: Path,
                                                               reference: str) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Local Times</title>"
        f"<item><title>Bad {reference} item</title><description>Gunmen killed two {reference} "
        "farmers in Plateau State on Monday.</description></item>"
        "<item><title>Good item</title><description>Police dispersed protesters in Harare on "
        "Friday.</description></item></channel></rss>", encoding="utf-8")
    records = list(FeedSource().read(feed, fetch_items=False))
    assert [type(r) for r in records] == [Article, Article], records
    first = records[0]
    assert isinstance(first, Article) and "\ufffd" in first.text
