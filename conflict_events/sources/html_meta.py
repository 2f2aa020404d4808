"""Metadata of an HTML page from its markup alone (standard library parser): title, outlet,
canonical URL, language and the publication date from meta tags, JSON-LD or <time>.

Nothing in the page is executed or fetched: scripts are skipped, JSON-LD is parsed as data."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from conflict_events.sources.dates import parse_date

# Meta names and properties that carry the publication date, most specific first.
DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "parsely-pub-date", "sailthru.date", "article.published", "pubdate",
    "publishdate", "publish-date", "publication_date", "citation_publication_date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
)
TITLE_META = ("og:title", "twitter:title", "headline")
SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
URL_META = ("og:url",)
MAX_JSON_LD_CHARS = 200_000


@dataclass
class PageMeta:
    title: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    published: dt.date | None = None
    published_basis: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.lang: str | None = None
        self.title_parts: list[str] = []
        self.time_dates: list[str] = []
        self.json_ld: list[str] = []
        self._in: str | None = None  # "title", "ld" or "skip" (script/style)
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.lang = values["lang"]
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop")
                   or "").strip().lower()
            if key and "content" in values and key not in self.meta:
                self.meta[key] = values["content"].strip()
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href") or None
        elif tag == "time" and values.get("datetime") and (
                "pubdate" in values or values.get("itemprop", "").lower() == "datepublished"
                or not self.time_dates):
            self.time_dates.append(values["datetime"])
        elif tag == "title" and self._in is None:
            self._in = "title"
        elif tag == "script":
            self._in = "ld" if "ld+json" in values.get("type", "").lower() else "skip"
            self._buffer = []
        elif tag in ("style", "noscript", "template"):
            self._in = "skip"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in == "title":
            self._in = None
        elif tag == "script" and self._in in ("ld", "skip"):
            if self._in == "ld":
                self.json_ld.append("".join(self._buffer)[:MAX_JSON_LD_CHARS])
            self._in = None
        elif tag in ("style", "noscript", "template") and self._in == "skip":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title_parts.append(data)
        elif self._in == "ld":
            self._buffer.append(data)


def _json_ld_objects(blocks: list[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        stack: list[Any] = [data]
        while stack and len(found) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return found


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    if isinstance(value, dict):
        return _text(value.get("name"))
    return None


def page_meta(html: str) -> PageMeta:
    parser = _MetaParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was parsed
        pass
    meta = parser.meta
    found = PageMeta(meta=meta)
    ld = _json_ld_objects(parser.json_ld)
    articles = [o for o in ld if "datePublished" in o or "headline" in o]
    for key in DATE_META:
        day = parse_date(meta.get(key))
        if day is not None:
            found.published, found.published_basis = day, f"meta {key}"
            break
    if found.published is None:
        for obj in articles:
            day = parse_date(obj.get("datePublished"))
            if day is not None:
                found.published, found.published_basis = day, "JSON-LD datePublished"
                break
    if found.published is None:
        for value in parser.time_dates:
            day = parse_date(value)
            if day is not None:
                found.published, found.published_basis = day, "<time datetime>"
                break
    title = next((meta[k] for k in TITLE_META if meta.get(k)), None)
    title = title or next((_text(o.get("headline")) for o in articles if o.get("headline")),
                          None)
    title = title or " ".join("".join(parser.title_parts).split()) or None
    found.title = title
    found.site = next((meta[k] for k in SITE_META if meta.get(k)), None) or next(
        (_text(o.get("publisher")) for o in articles if _text(o.get("publisher"))), None)
    found.url = parser.canonical or next((meta[k] for k in URL_META if meta.get(k)), None)
    lang = (parser.lang or meta.get("og:locale") or meta.get("language") or "").strip()
    found.language = re.split(r"[-_]", lang)[0].lower() or None if lang else None
    return found
