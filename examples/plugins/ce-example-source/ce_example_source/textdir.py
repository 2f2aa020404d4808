"""textdir: read a folder of plain-text articles, each with a short header.

    Title: Protesters rally in Lagos over fuel prices
    Date: 2020-02-03
    Source: Example Daily
    URL: https://example.org/lagos-protest

    Thousands of people marched ...

The header ends at the first blank line; `Date` is the publication date (ISO). The file name
without `.txt` is the article id. A file that cannot be read or parsed is reported with its
name and skipped, so one bad file never stops the folder.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

from conflict_events.errors import InputError
from conflict_events.schema.models import Article

log = logging.getLogger(__name__)
HEADER_FIELDS = {"title": "title", "date": "published", "source": "source", "url": "url"}


def parse_article(path: Path) -> Article:
    """One file as an Article; InputError names the file and the problem."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", input_name=str(path)) from exc
    head, sep, body = raw.partition("\n\n")
    if not sep:
        head, body = "", raw
    metadata: dict[str, object] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        field = HEADER_FIELDS.get(key.strip().lower())
        if not colon or field is None:
            raise InputError(f"header line {line!r} is not one of Title/Date/Source/URL",
                             input_name=str(path))
        metadata[field] = value.strip()
    if "published" in metadata:
        try:
            metadata["published"] = dt.date.fromisoformat(str(metadata["published"]))
        except ValueError as exc:
            raise InputError(f"Date {metadata['published']!r} is not YYYY-MM-DD",
                             input_name=str(path)) from exc
    if not body.strip():
        raise InputError("the article has no text", input_name=str(path))
    return Article(article_id=path.stem, text=body.strip(), **metadata)  # type: ignore[arg-type]


def read_text_folder(folder: str | Path) -> Iterator[Article]:
    """Every *.txt file of FOLDER (sorted by name) as an Article; bad files are logged."""
    for path in sorted(Path(folder).glob("*.txt")):
        try:
            yield parse_article(path)
        except InputError as exc:
            log.warning("skipped %s", exc)


def sample_folder() -> Path:
    """The two example articles shipped with this package."""
    return Path(__file__).with_name("sample")
