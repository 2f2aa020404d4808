"""HTML pages (saved .html files, or pages fetched from a feed): the main text with trafilatura,
the title, outlet and canonical URL from the markup, the publication date from meta tags,
JSON-LD or <time> (html_meta.py), else from htmldate.

Nothing in a page is executed or fetched: trafilatura and htmldate get a parsed tree, never a
string they could take for a URL. Needs the `html` extra (trafilatura, htmldate)."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
from conflict_events.sources.decoding import check_not_binary, read_limited
from conflict_events.sources.fields import FieldMapping
from conflict_events.sources.html_meta import page_meta
from conflict_events.sources.http import HTTP_OPTIONS, client_from_options

MAX_PAGE_BYTES = 10_000_000
EXTRA = "html"
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)


def missing_html_extra() -> str | None:
    missing = [m for m in ("trafilatura", "htmldate") if importlib.util.find_spec(m) is None]
    if missing:
        return (f"needs {', '.join(missing)}: pip install 'conflict-events[{EXTRA}]'")
    return None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Text of a page: the HTTP charset, a <meta charset>, UTF-8, else Windows-1252 (what
    browsers fall back to)."""
    declared = _META_CHARSET.search(data[:4096])
    for encoding in (charset, declared[1].decode("ascii") if declared else None, "utf-8"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", "replace")


def parse_html(data: bytes, name: str, *, url: str | None = None,
               charset: str | None = None, context: dict[str, Any] | None = None) -> Article:
    """An Article from the bytes of a page, or ArticleRejected naming `name`."""
    problem = missing_html_extra()
    if problem:
        raise ArticleRejected("missing_extra", problem, input_name=name)
    import htmldate
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    if not data.strip():
        raise ArticleRejected("empty", "the page is empty", input_name=name)
    check_not_binary(data, name)
    markup = decode_html(data, charset)
    meta = page_meta(markup)
    try:
        tree = lxml_html.document_fromstring(markup.encode("utf-8"),
                                             parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (ValueError, TypeError, etree.LxmlError) as exc:  # e.g. ParserError: "<html" alone
        raise ArticleRejected("empty", f"no HTML document could be parsed ({exc})",
                              input_name=name) from exc
    page_url = meta.url or url
    published, basis = meta.published, meta.published_basis
    if published is None:
        found = htmldate.find_date(tree, url=page_url, original_date=True,
                                   extensive_search=True, outputformat="%Y-%m-%d")
        published, basis = parse_date(found), "htmldate"
    text = trafilatura.extract(tree, url=page_url, include_comments=False,
                               include_tables=False, include_images=False,
                               deduplicate=False, with_metadata=False)
    text = _without_headline(text or "", meta.title)
    if not text.strip():
        raise ArticleRejected("empty", "no main text found in the page", input_name=name)
    record: dict[str, Any] = {"text": text.strip(), "article_id":
                              Article.from_text(text.strip()).article_id}
    for key, value in (("title", meta.title), ("source", meta.site), ("url", page_url),
                       ("language", meta.language), ("published", published)):
        if value:
            record[key] = value
    extra = dict(context or {})
    if published is not None and basis:
        extra["published_basis"] = basis
    return FieldMapping().article(record, name, context=extra)


def _without_headline(text: str, title: str | None) -> str:
    """The text without the page's <h1> when it repeats the title (it is in Article.title)."""
    first, _, rest = text.strip().partition("\n")
    if title and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        return rest.strip()
    return text.strip()


class HtmlSource(Source):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml", ".shtml")
    options = frozenset({"max_bytes", "http_client"}) | HTTP_OPTIONS
    extra = EXTRA
    description = ("saved HTML pages (or page URLs with --source html): main text "
                   "(trafilatura), title, canonical URL, date")

    def available(self) -> str | None:
        return missing_html_extra()

    def read(self, location: Location, **options: Any) -> Iterator[Record]:
        name = location_name(location)
        try:
            if is_url(location):
                response = client_from_options(options).get(name)
                yield parse_html(response.body, name, url=response.url,
                                 charset=response.charset, context={"input": name})
                return
            data = read_limited(Path(location), int(options.get("max_bytes") or MAX_PAGE_BYTES))
            yield parse_html(data, name, context={"input": name})
        except ArticleRejected as exc:
            yield Rejection.from_error(exc, name)
