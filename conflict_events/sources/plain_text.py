"""Plain-text articles: one article per file, as saved from a news page.

From the top of the file the reader takes:
- the title: the first non-blank line, when it reads as a headline (at most 250 characters and
  30 words, not ending in '.' or ':', with text after it); a repeat of it in the next lines is
  dropped;
- the publication date: the first dateline among the first 15 non-blank lines, a line that is
  only a date ("02 February, 2016", "Feb 2, 2016", "Published: 2 Feb 2016 14:05 GMT"); such
  lines are dropped from the text. Failing that, a wire-style opening ("BEIRUT, Feb 2, 2016
  (Reuters) - ...") gives the date and stays in the text;
- the outlet: the agency of a wire-style opening ("BEIRUT (Reuters) - ..." gives "Reuters").
Page furniture (boilerplate.yaml: reading-time badges, share bars, advertising labels, photo
credits and captions, "Other news" trailers) is dropped. A metadata sidecar (option
`metadata`, see sidecar.py) overrides what the text gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflict_events.errors import ArticleRejected
from conflict_events.schema.models import Article
from conflict_events.sources.base import Location, Record, Rejection, Source, location_name
from conflict_events.sources.boilerplate import Boilerplate, default_boilerplate
from conflict_events.sources.dates import (
    dateline_date,
    wire_opening_agency,
    wire_opening_date,
)
from conflict_events.sources.decoding import MAX_ARTICLE_BYTES, read_text_file
from conflict_events.sources.fields import FieldMapping
from conflict_events.sources.sidecar import load_sidecar

HEAD_LINES = 15  # datelines are looked for among this many non-blank lines at the top
WIRE_LINES = 5
MAX_TITLE_CHARS = 250
MAX_TITLE_WORDS = 30


@dataclass
class ParsedText:
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_basis: str | None = None
    source: str | None = None  # the news agency of a wire-style opening
    dropped: list[str] = field(default_factory=list)


def looks_like_title(line: str) -> bool:
    line = line.strip()
    return (0 < len(line) <= MAX_TITLE_CHARS and len(line.split()) <= MAX_TITLE_WORDS
            and not line.endswith((".", ":", ",", ";")) and dateline_date(line) is None)


def parse_text(raw: str, *, title_line: bool | None = None,
               boilerplate: Boilerplate | None = None) -> ParsedText:
    """Title, publication date and cleaned text of a saved article.

    `title_line`: True takes the first line as the title, False never does, None decides by
    looks_like_title."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    parsed = ParsedText(text="")
    if lines and (title_line or (title_line is None and looks_like_title(lines[0])
                                 and any(x.strip() for x in lines[1:]))):
        parsed.title = " ".join(lines.pop(0).split())
    head: list[int] = [i for i, x in enumerate(lines) if x.strip()][:HEAD_LINES]
    drop: set[int] = set()
    for position, index in enumerate(head):
        line = lines[index]
        if position < 3 and parsed.title and " ".join(line.split()) == parsed.title:
            drop.add(index)  # the headline repeated above the lede
            continue
        day = dateline_date(line)
        if day is not None:
            drop.add(index)
            if parsed.published is None:
                parsed.published = day
                parsed.published_basis = f"dateline in the text ({line.strip()})"
    for index in head[:WIRE_LINES]:
        if index in drop:
            continue
        day = wire_opening_date(lines[index])
        if day is not None and parsed.published is None:
            parsed.published = day
            parsed.published_basis = "wire-style dateline in the text"
        agency = wire_opening_agency(lines[index])
        if agency is not None:
            parsed.source = agency
        if day is not None or agency is not None:
            break
    parsed.dropped = [lines[i] for i in sorted(drop)]
    body = [x for i, x in enumerate(lines) if i not in drop]
    kept, furniture = (boilerplate or default_boilerplate()).clean(body)
    parsed.dropped += furniture
    text = "\n".join(x.rstrip() for x in kept)
    parsed.text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return parsed


class TextSource(Source):
    name = "text"
    suffixes = (".txt", ".text")
    options = frozenset({"encoding", "max_bytes", "metadata", "title_line"})
    description = "plain-text article files: title line, dateline, page furniture dropped"

    def read(self, location: Location, **options: Any) -> Iterator[Record]:
        name = location_name(location)
        path = Path(location)
        try:
            raw = read_text_file(path, max_bytes=int(options.get("max_bytes") or
                                                     MAX_ARTICLE_BYTES),
                                 encoding=options.get("encoding"))
            yield self.article(raw, path, options)
        except ArticleRejected as exc:
            yield Rejection.from_error(exc, name)

    def article(self, raw: str, path: Path, options: dict[str, Any]) -> Article:
        name = str(path)
        if not raw.strip():
            raise ArticleRejected("empty", "the file holds no text", input_name=name)
        parsed = parse_text(raw, title_line=options.get("title_line"))
        if not parsed.text:
            raise ArticleRejected("empty", "no article text once the title, datelines and page "
                                  "furniture are removed", input_name=name)
        record: dict[str, Any] = {"text": parsed.text}
        if parsed.title:
            record["title"] = parsed.title
        if parsed.published:
            record["published"] = parsed.published
        if parsed.source:
            record["source"] = parsed.source
        context: dict[str, Any] = {"input": name}
        if parsed.published_basis:
            context["published_basis"] = parsed.published_basis
        sidecar_path = options.get("metadata")
        metadata = load_sidecar(sidecar_path).lookup(path) if sidecar_path else None
        if metadata:
            record.update({k: v for k, v in metadata.items() if k != "text" and v is not None})
            if metadata.get("published") is not None:
                context.pop("published_basis", None)
        if record.get("article_id") is None and "id" not in record:
            record["article_id"] = Article.from_text(parsed.text).article_id
        return FieldMapping().article(record, name, context=context)
