"""What the HTML report shows, as one JSON-able payload built from a release.

Events become rows of plain values; evidence carries the article id and offsets, and the
sentence itself when the article texts are given (a release stores no article text).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from conflict_events.errors import InputError
from conflict_events.notebook.style import EVENT_TYPE_COLOURS, OTHER_COLOUR
from conflict_events.schema.taxonomy import EventType

# Columns of each event row, in order (the JavaScript reads rows by these names).
ROW_FIELDS: tuple[str, ...] = (
    "id", "date", "country", "admin1", "location", "lat", "lon", "type", "sub_type",
    "actor1", "actor2", "fatalities", "notes", "confidence", "evidence",
)
MAX_SENTENCE = 600  # characters of evidence text kept per span


@dataclass(frozen=True)
class ArticleInfo:
    """What the report can say about an article: where it is and, when known, its text."""

    article_id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    text: str | None = None
    sha256: str | None = None  # of the text the release was built from (articles.parquet)


def read_articles_jsonl(path: Path) -> dict[str, ArticleInfo]:
    """Articles by id from JSONL: one JSON object per line with article_id and text (the
    fields of conflict_events.Article). A line that is not such an object raises InputError
    naming the file and the line."""
    found: dict[str, ArticleInfo] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read articles: {exc}", input_name=str(path)) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number} is not JSON: {exc.msg}",
                             input_name=str(path)) from exc
        if not isinstance(record, dict) or not isinstance(record.get("article_id"), str):
            raise InputError(f"line {number} is not an object with a string article_id",
                             input_name=str(path))
        text = record.get("text")
        found[record["article_id"]] = ArticleInfo(
            article_id=record["article_id"], title=_text(record.get("title")),
            url=_text(record.get("url")), source=_text(record.get("source")),
            text=text if isinstance(text, str) else None,
        )
    return found


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def merge_articles(*sources: Mapping[str, ArticleInfo]) -> dict[str, ArticleInfo]:
    """Later sources fill what earlier ones lack."""
    merged: dict[str, ArticleInfo] = {}
    for source in sources:
        for key, info in source.items():
            old = merged.get(key)
            if old is None:
                merged[key] = info
                continue
            merged[key] = ArticleInfo(
                article_id=key, title=old.title or info.title, url=old.url or info.url,
                source=old.source or info.source, text=old.text or info.text,
                sha256=old.sha256 or info.sha256,
            )
    return merged


def drop_changed_texts(articles: Mapping[str, ArticleInfo]) -> tuple[dict[str, ArticleInfo],
                                                                      list[str]]:
    """Texts whose sha256 differs from the one the release recorded are not the text the
    evidence offsets point into: drop them (the offsets are still shown). Returns the
    articles and the ids whose text was dropped."""
    kept: dict[str, ArticleInfo] = {}
    changed: list[str] = []
    for key, info in articles.items():
        if info.text is not None and info.sha256 is not None and hashlib.sha256(
                info.text.encode("utf-8", "surrogatepass")).hexdigest() != info.sha256:
            changed.append(key)
            info = dataclasses.replace(info, text=None)
        kept[key] = info
    return kept, sorted(changed)


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _evidence(spans: Iterable[Mapping[str, Any]] | None,
              articles: Mapping[str, ArticleInfo]) -> list[list[Any]]:
    """[[article_id, start, end, sentence, url, title], ...]."""
    out: list[list[Any]] = []
    for span in spans if spans is not None else []:
        article_id, start, end = span["article_id"], int(span["start"]), int(span["end"])
        info = articles.get(article_id)
        sentence = None
        if info is not None and info.text is not None and end <= len(info.text):
            sentence = " ".join(info.text[start:end].split())[:MAX_SENTENCE]
        out.append([article_id, start, end, sentence, info.url if info else None,
                    info.title if info else None])
    return out


def report_payload(frame: pd.DataFrame, *, articles: Mapping[str, ArticleInfo] | None = None,
                   title: str = "Conflict events", subtitle: str = "") -> dict[str, Any]:
    """The report's data: event rows, event types with colours, headline facts."""
    articles = articles or {}
    dates = pd.to_datetime(frame["event_date"]).dt.strftime("%Y-%m-%d")
    evidence = frame["evidence"] if "evidence" in frame else [None] * len(frame)
    columns: dict[str, list[Any]] = {
        name: frame[name].astype(object).tolist()
        for name in ("event_id_cnty", "country", "admin1", "location", "latitude", "longitude",
                     "event_type", "sub_event_type", "actor1", "actor2", "fatalities", "notes",
                     "confidence")
    }
    rows = []
    for i, (day, spans) in enumerate(zip(dates, evidence, strict=True)):
        c = {name: values[i] for name, values in columns.items()}
        rows.append([
            c["event_id_cnty"], day, _plain(c["country"]), _plain(c["admin1"]),
            _plain(c["location"]), round(float(c["latitude"]), 4),
            round(float(c["longitude"]), 4), str(c["event_type"]), str(c["sub_event_type"]),
            _plain(c["actor1"]), _plain(c["actor2"]), int(c["fatalities"] or 0),
            _plain(c["notes"]) or "", round(float(c["confidence"]), 3),
            _evidence(spans, articles),
        ])
    present = set(frame["event_type"].astype(str))
    types = [{"name": t.value, "colour": EVENT_TYPE_COLOURS.get(t.value, OTHER_COLOUR)}
             for t in EventType if t.value in present]
    with_text = sum(1 for info in articles.values() if info.text)
    return {
        "title": title,
        "subtitle": subtitle,
        "fields": list(ROW_FIELDS),
        "types": types,
        "events": rows,
        "articles_with_text": with_text,
    }
