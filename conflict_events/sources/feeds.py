"""RSS and Atom feeds (feedparser): a feed URL or a saved feed file gives one article per item,
each item's page fetched over HTTP (http.py: robots.txt, rate limit, retries) and read as HTML
(html_page.py). An item whose page cannot be fetched or read is a Rejection named by its link;
the other items are read. A URL that serves an HTML page instead of a feed is read as that one
page.

The item's own metadata wins over the page's where both exist (the feed's title and date are
what the outlet published); the feed's title fills in the outlet when the page names none.
With fetch_items=False the item's summary or content in the feed is the text; so it is when a
fetched page has no readable text, or less than the feed gives (a paywall, a video player),
noted in Article.extra["text_from"].

Options: fetch_items (default True), max_items, max_bytes, and http_client (one HttpClient
shared by the run; read_inputs makes one from user_agent, timeout, retries, min_interval,
respect_robots). Needs the `feeds` extra (feedparser; trafilatura for the pages)."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from conflict_events.errors import ArticleRejected
from conflict_events.schema.models import Article
from conflict_events.sources.base import (
    Location,
    Record,
    Rejection,
    Source,
    is_url,
    location_name,
)
from conflict_events.sources.dates import parse_date
from conflict_events.sources.decoding import read_limited
from conflict_events.sources.fields import FieldMapping
from conflict_events.sources.html_page import missing_html_extra, parse_html
from conflict_events.sources.http import (
    HTTP_OPTIONS,
    MAX_RESPONSE_BYTES,
    HttpClient,
    client_from_options,
)

EXTRA = "feeds"
# Why a fetched page may be replaced by the item's summary in the feed.
PAGE_FALLBACK_CODES = frozenset({"empty", "missing_extra"})
_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote)\b[^>]*>", re.IGNORECASE)
# A numeric character reference: feedparser calls chr() on its value, which raises for values
# beyond U+10FFFF or too large for a C int, and a surrogate breaks its UTF-8 re-encoding.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_REPLACEMENT_REF = b"&#xFFFD;"


def _safe_char_refs(data: bytes) -> bytes:
    """DATA with every numeric reference to a non-character (beyond U+10FFFF, a surrogate)
    replaced by a reference to U+FFFD, so that one bad item cannot lose the whole feed."""
    def replace(match: re.Match[bytes]) -> bytes:
        digits = match[1] or match[2]
        if len(digits) > 8:
            return _REPLACEMENT_REF
        value = int(digits, 16 if match[1] else 10)
        return _REPLACEMENT_REF if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF else match[0]

    return _CHAR_REF.sub(replace, data)


def missing_feed_extra() -> str | None:
    if importlib.util.find_spec("feedparser") is None:
        return f"needs feedparser: pip install 'conflict-events[{EXTRA}]'"
    return None


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            try:
                return dt.date(stamp[0], stamp[1], stamp[2])
            except (TypeError, ValueError, IndexError):
                continue
    for key in ("published", "updated", "created", "date"):
        day = parse_date(entry.get(key))
        if day is not None:
            return day
    return None


def _fragment_text(markup: str) -> str:
    text = _TAG.sub(" ", _BLOCK.sub("\n\n", markup))
    lines = (" ".join(line.split()) for line in html.unescape(text).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The text of an item in the feed itself: its content, else its summary."""
    contents = entry.get("content") or []
    markup = next((c.get("value") for c in contents if c.get("value")), None)
    return _fragment_text(str(markup or entry.get("summary") or ""))


class FeedSource(Source):
    name = "feed"
    suffixes = (".rss", ".atom", ".xml")
    schemes = ("http", "https")
    options = frozenset({"fetch_items", "max_items", "max_bytes", "http_client"}) | HTTP_OPTIONS
    extra = EXTRA
    description = "RSS/Atom feeds (URL or file); each item's page fetched and read as HTML"

    def available(self) -> str | None:
        return missing_feed_extra() or missing_html_extra()

    def read(self, location: Location, **options: Any) -> Iterator[Record]:
        name = location_name(location)
        problem = missing_feed_extra()
        if problem:
            yield Rejection(name, "missing_extra", problem)
            return
        import feedparser

        client = client_from_options(options)
        max_bytes = int(options.get("max_bytes") or MAX_RESPONSE_BYTES)
        base_url = name if is_url(location) else None
        charset: str | None = None
        try:
            if is_url(location):
                response = client.get(name)
                data, base_url, charset = response.body, response.url, response.charset
                is_page = response.content_type in ("text/html", "application/xhtml+xml")
            else:
                data = read_limited(Path(location), max_bytes)
                is_page = False
        except ArticleRejected as exc:
            yield Rejection.from_error(exc, name)
            return
        try:
            parsed = feedparser.parse(_safe_char_refs(data))  # bytes: never fetched
        except (ValueError, OverflowError, UnicodeError) as exc:
            # references in an encoding the byte pattern cannot see (UTF-16, UTF-32)
            yield Rejection(name, "not_a_feed", f"the feed cannot be parsed ({exc})"[:300])
            return
        if not parsed.entries:
            if is_page or (base_url and b"<html" in data[:2048].lower()):
                try:
                    yield parse_html(data, name, url=base_url, charset=charset,
                                     context={"input": name})
                except ArticleRejected as exc:
                    yield Rejection.from_error(exc, name)
                return
            why = parsed.get("bozo_exception") or "no items"
            yield Rejection(name, "not_a_feed", f"not an RSS/Atom feed with items ({why})"[:300])
            return
        outlet = " ".join(str(parsed.feed.get("title") or "").split()) or None
        limit = options.get("max_items")
        first_item: dict[str, int] = {}  # link -> number of the item that listed it first
        for index, entry in enumerate(parsed.entries):
            if limit is not None and index >= int(limit):
                break
            link = str(entry.get("link") or "").strip()
            link = urljoin(base_url, link) if link and base_url else link
            if link and link in first_item:
                yield Rejection(f"{name}#{index + 1}", "duplicate_item",
                                f"the feed lists {link} again (item {first_item[link]})")
                continue
            if link:
                first_item[link] = index + 1
            yield self._item(entry, index, name, base_url, outlet, client, options)

    def _item(self, entry: Mapping[str, Any], index: int, feed_name: str,
              base_url: str | None, outlet: str | None, client: HttpClient,
              options: Mapping[str, Any]) -> Record:
        link = str(entry.get("link") or "").strip()
        if link and base_url:
            link = urljoin(base_url, link)
        item_name = link or f"{feed_name}#{index + 1}"
        context: dict[str, Any] = {"input": feed_name, "item": index + 1}
        if entry.get("id"):
            context["guid"] = str(entry["id"])
        title = " ".join(str(entry.get("title") or "").split()) or None
        published = _entry_date(entry)
        try:
            if options.get("fetch_items", True) and urlsplit(link).scheme in ("http", "https"):
                response = client.get(link)
                summary = _entry_text(entry)
                try:
                    page = parse_html(response.body, item_name, url=response.url,
                                      charset=response.charset, context=context)
                    shorter = len(page.text) < len(summary)
                except ArticleRejected as exc:
                    if exc.code not in PAGE_FALLBACK_CODES or not summary:
                        raise
                    page, shorter = None, False
                    context["text_from"] = f"feed item summary (page: {exc.code})"
                if page is None or shorter:
                    # a page with less text than the feed gives (a paywall, a video player):
                    # the feed's own summary of the item is the better text
                    context.setdefault("text_from", "feed item summary (the page has less text)")
                    return self._from_entry(entry, item_name, response.url, title, published,
                                            outlet, context)
                updates: dict[str, Any] = {"extra": {**page.extra, "feed_item": True}}
                if title:
                    updates["title"] = title
                if published:
                    updates["published"] = published
                    updates["extra"]["published_basis"] = "feed item date"
                if not page.source and outlet:
                    updates["source"] = outlet
                if not page.url:
                    updates["url"] = response.url
                return page.model_copy(update=updates)
            return self._from_entry(entry, item_name, link, title, published, outlet, context)
        except ArticleRejected as exc:
            return Rejection.from_error(exc, item_name)

    @staticmethod
    def _from_entry(entry: Mapping[str, Any], name: str, link: str, title: str | None,
                    published: dt.date | None, outlet: str | None,
                    context: dict[str, Any]) -> Article:
        text = _entry_text(entry)
        record: dict[str, Any] = {"text": text, "article_id": Article.from_text(text).article_id
                                  if text else None}
        for key, value in (("title", title), ("published", published), ("url", link or None),
                           ("source", outlet)):
            if value:
                record[key] = value
        return FieldMapping().article(record, name, context=context)
