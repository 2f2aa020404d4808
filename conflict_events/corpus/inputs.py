"""Inputs of a corpus run: files, folders, globs and feed URLs -> Articles or rejections.

The source readers (conflict_events.sources.read_inputs) are used when installed; otherwise a
small built-in reader handles plain text files (one article each), JSONL/JSON files (one
article per record: article_id or id, text/body/content, title, published/date, source, url)
and folders and globs of those. Whatever cannot be read becomes an InputRejection naming the
input and the reason, so it is recorded in articles.parquet, never dropped.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from conflict_events.dataset.articles import ArticleRecord, ArticleStatus
from conflict_events.schema.models import Article

MAX_BYTES = 20_000_000  # one input file larger than this is rejected as too large
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json"}


@dataclass(frozen=True)
class InputRejection:
    """An input that gave no article: unreadable file, broken JSON line, HTTP error, ..."""

    input_name: str
    code: str
    reason: str

    def record(self) -> ArticleRecord:
        return ArticleRecord(article_id=self.input_name, status=ArticleStatus.REJECTED,
                             error=f"{self.code}: {self.reason}")


def read_inputs(inputs: Iterable[str | Path], source: str | None = None,
                **options: Any) -> Iterator[Article | InputRejection]:
    """Articles and rejections from INPUTS, in input order. OPTIONS go to the source
    readers (e.g. metadata=SIDECAR); the built-in reader takes none."""
    reader = _source_readers()
    if reader is not None:
        for item in reader(list(inputs), source=source, **options):
            yield item if isinstance(item, Article) else as_rejection(item)
        return
    for given in inputs:
        yield from _read_one(str(given), source)


def _source_readers() -> Any:
    try:
        from conflict_events.sources.inputs import read_inputs as source_read_inputs
    except ImportError:
        return None
    return source_read_inputs


def as_rejection(item: Any) -> InputRejection:
    """A rejection from whatever object a source reader yields for a failed input."""
    name = (getattr(item, "input_name", None) or getattr(item, "name", None)
            or getattr(item, "article_id", None) or "?")
    code = getattr(item, "code", None) or type(item).__name__
    reason = getattr(item, "reason", None) or getattr(item, "error", None) or str(item)
    return InputRejection(str(name), str(code), str(reason))


def _read_one(given: str, source: str | None) -> Iterator[Article | InputRejection]:
    if given.startswith(("http://", "https://")):
        yield InputRejection(given, "no_reader",
                             "feed and page URLs need the source readers (conflict_events.sources)")
        return
    if any(ch in given for ch in "*?["):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            yield InputRejection(given, "unreadable", "the pattern matches no file")
        for match in matches:
            if Path(match).is_file():
                yield from _read_file(Path(match), Path(match).name, source)
        return
    path = Path(given)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        for file in files:
            yield from _read_file(file, file.relative_to(path).as_posix(), source)
        return
    yield from _read_file(path, path.name, source)


def _read_file(path: Path, name: str, source: str | None) -> Iterator[Article | InputRejection]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield InputRejection(name, "too_large", f"{size} bytes, the limit is {MAX_BYTES}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputRejection(name, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    if b"\x00" in data[:4096]:
        yield InputRejection(name, "not_text", "the file holds binary data")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield InputRejection(name, "not_text", f"not UTF-8 text: {exc.reason}")
        return
    kind = source or path.suffix.lower().lstrip(".")
    if kind in ("jsonl", "ndjson"):
        yield from _jsonl(text, name)
    elif kind == "json":
        yield from _json(text, name)
    else:
        yield from _text(text, name, path.stem)


def _text(text: str, name: str, stem: str) -> Iterator[Article | InputRejection]:
    if not text.strip():
        yield InputRejection(name, "empty", "the file holds no text")
        return
    lines = text.strip().splitlines()
    title = lines[0].strip() if len(lines) > 1 and len(lines[0]) < 200 else None
    yield Article(article_id=name, title=title, text=text)


def _jsonl(text: str, name: str) -> Iterator[Article | InputRejection]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputRejection(where, "broken_json", f"line {number}: {exc.msg}")
            continue
        yield _record(record, where)


def _json(text: str, name: str) -> Iterator[Article | InputRejection]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputRejection(name, "broken_json", f"line {exc.lineno}: {exc.msg}")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _record(record, f"{name}:{number}")


def _record(record: Any, where: str) -> Article | InputRejection:
    if not isinstance(record, dict):
        return InputRejection(where, "bad_record", f"a {type(record).__name__}, not an object")
    text = record.get("text") or record.get("body") or record.get("content")
    if not isinstance(text, str) or not text.strip():
        return InputRejection(where, "empty", "the record has no text")
    fields: dict[str, Any] = {
        "article_id": str(record.get("article_id") or record.get("id") or where),
        "title": record.get("title"),
        "text": text,
        "published": record.get("published") or record.get("date") or None,
        "source": record.get("source"),
        "url": record.get("url"),
    }
    try:
        return Article.model_validate(fields)
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(p) for p in problem["loc"])
        return InputRejection(where, "bad_metadata", f"{field}: {problem['msg']}")


def estimate_total(inputs: Iterable[str | Path]) -> int | None:
    """How many articles INPUTS probably hold (files, JSONL lines), for a progress bar's ETA;
    None when it cannot be known cheaply (URLs)."""
    total = 0
    for given in map(str, inputs):
        if given.startswith(("http://", "https://")):
            return None
        if any(ch in given for ch in "*?["):
            paths = [Path(p) for p in glob.glob(given, recursive=True)]
        elif Path(given).is_dir():
            paths = [p for p in Path(given).rglob("*") if not p.name.startswith(".")]
        else:
            paths = [Path(given)]
        for path in paths:
            if not path.is_file():
                continue
            if path.suffix.lower() in (".jsonl", ".ndjson"):
                total += _count_lines(path)
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return lines
