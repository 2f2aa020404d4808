"""JSON and JSONL files of article records, read through a field mapping (fields.py).

- JSONL (.jsonl, .ndjson): one object per line, read as a stream; a broken line is a Rejection
  named FILE:LINE and the next line is read.
- JSON (.json): an array of objects, an object holding such an array under `records`
  (option; default: the first of articles|items|data|records|results|documents that is a list),
  or a single object (one article). The whole file is parsed, so it is held to max_bytes.

Options: fields (mapping, see fields.py), records, encoding, max_bytes (file, JSON),
max_record_bytes (one line of JSONL)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from conflict_events.errors import ArticleRejected, InputError
from conflict_events.sources.base import Location, Record, Rejection, Source, location_name
from conflict_events.sources.decoding import (
    MAX_ARTICLE_BYTES,
    MAX_FILE_BYTES,
    check_not_binary,
    decode_text,
    open_binary,
    read_limited,
    stream_encoding,
)
from conflict_events.sources.fields import FieldMapping, parse_field_options

MAX_DEPTH = 64  # nesting of one record: deeper is hostile, not news metadata
LIST_KEYS = ("articles", "items", "data", "records", "results", "documents")
RECORD_OPTIONS = frozenset({"fields", "encoding", "max_bytes", "max_record_bytes"})


def mapping_of(options: Mapping[str, Any]) -> FieldMapping:
    return FieldMapping(parse_field_options(options.get("fields")))


def parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ArticleRejected("too_deep", "JSON nested too deeply to read", input_name=name
                              ) from exc
    except ValueError as exc:
        raise ArticleRejected("broken_json", str(exc)[:200], input_name=name) from exc


def decode_line(raw: bytes, name: str, encoding: str | None, first: bool) -> str:
    """One line of a JSONL file: UTF-8 (a BOM allowed on the first line) unless named."""
    chosen = encoding or ("utf-8-sig" if first else "utf-8")
    try:
        return raw.decode(chosen)
    except LookupError as exc:
        raise ArticleRejected("bad_encoding", f"unknown encoding {chosen!r}",
                              input_name=name) from exc
    except UnicodeDecodeError as exc:
        raise ArticleRejected("bad_encoding", f"the line is not {chosen} ({exc.reason} at "
                              f"byte {exc.start})", input_name=name) from exc


def depth_of(value: Any) -> int:
    """Nesting depth of a JSON value, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def records_from(record: Any, mapping: FieldMapping, name: str,
                 context: dict[str, Any]) -> Iterator[Record]:
    if not isinstance(record, dict):
        yield Rejection(name, "bad_record", f"a JSON {type(record).__name__}, not an object")
        return
    if depth_of(record) > MAX_DEPTH:
        yield Rejection(name, "too_deep", f"the record is nested over {MAX_DEPTH} levels deep")
        return
    try:
        yield mapping.article(record, name, context=context)
    except ArticleRejected as exc:
        yield Rejection.from_error(exc, name)


class JsonLinesSource(Source):
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
    # byte_range=(start, end, first line number): read only the lines that begin in
    # [start, end) of an uncompressed file, cut at line starts (a Dask run's partitions).
    options = RECORD_OPTIONS | {"byte_range"}
    description = "JSON Lines: one article object per line (field mapping)"

    def read(self, location: Location, **options: Any) -> Iterator[Record]:
        name = location_name(location)
        mapping = mapping_of(options)
        limit = int(options.get("max_record_bytes") or MAX_ARTICLE_BYTES)
        encoding = options.get("encoding")
        start, end, first_line = options.get("byte_range") or (0, None, 1)
        try:
            if encoding == "auto":  # guess once from the head of the file
                with open_binary(Path(location)) as sniff:
                    encoding = stream_encoding("auto", sniff.read(65536))
            handle = open_binary(Path(location))  # closed by the `with` below
        except (OSError, EOFError, zlib.error) as exc:
            yield Rejection(name, "unreadable", f"{type(exc).__name__}: {exc}")
            return
        with handle:
            number = first_line - 1
            if start:
                handle.seek(start)
            while True:
                if end is not None and handle.tell() >= end:
                    break
                try:
                    raw = handle.readline(limit + 1)
                except (OSError, EOFError, zlib.error) as exc:  # incl. a corrupt .gz
                    yield Rejection(f"{name}:{number + 1}", "unreadable",
                                    f"{type(exc).__name__}: {exc}")
                    return
                if not raw:
                    break
                number += 1
                line_name = f"{name}:{number}"
                if len(raw) > limit and not raw.endswith(b"\n"):
                    yield Rejection(line_name, "too_large", f"line over {limit:,} bytes "
                                    "(raise it with max_record_bytes)")
                    while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                        raw = handle.readline(1 << 20)
                    continue
                if not raw.strip():
                    continue
                try:
                    if number == 1:
                        check_not_binary(raw, name)

                    record = parse_json(decode_line(raw, line_name, encoding, number == 1),
                                        line_name)
                except ArticleRejected as exc:
                    yield Rejection.from_error(exc, line_name)
                    if exc.code == "not_text":
                        return  # a binary file: one rejection, not one per "line"
                    continue
                yield from records_from(record, mapping, line_name,
                                        {"input": name, "line": number})


class JsonSource(Source):
    name = "json"
    suffixes = (".json",)
    options = RECORD_OPTIONS | {"records"}
    description = "JSON: an array of article objects, or an object holding one (field mapping)"

    def read(self, location: Location, **options: Any) -> Iterator[Record]:
        name = location_name(location)
        mapping = mapping_of(options)
        try:
            data = read_limited(Path(location), int(options.get("max_bytes") or MAX_FILE_BYTES))
            text = decode_text(data, name, options.get("encoding"))
            try:
                document = parse_json(text, name)
            except ArticleRejected as exc:
                if not _several_lines_of_json(exc):
                    raise
                # a .json file that holds one object per line: read it as JSON Lines
                yield from JsonLinesSource().read(location, **{
                    k: v for k, v in options.items() if k in JsonLinesSource.options})
                return
            items = self._records(document, options.get("records"), name)
        except ArticleRejected as exc:
            yield Rejection.from_error(exc, name)
            return
        for index, record in enumerate(items):
            record_name = f"{name}[{index}]" if len(items) > 1 or document is not record \
                else name
            yield from records_from(record, mapping, record_name, {"input": name,
                                                                   "index": index})

    @staticmethod
    def _records(document: Any, key: str | None, name: str) -> list[Any]:
        if key:
            found = document.get(key) if isinstance(document, dict) else None
            if not isinstance(found, list):
                raise ArticleRejected("bad_record", f"no list under {key!r}", input_name=name)
            return found
        if isinstance(document, list):
            return document
        if isinstance(document, dict):
            for candidate in LIST_KEYS:
                if isinstance(document.get(candidate), list):
                    return list(document[candidate])
            return [document]
        raise ArticleRejected("bad_record", f"a JSON {type(document).__name__}, not an object "
                              "or a list of objects", input_name=name)


def _several_lines_of_json(exc: ArticleRejected) -> bool:
    cause = exc.__cause__
    return (isinstance(cause, json.JSONDecodeError) and cause.msg == "Extra data"
            and "\n" in cause.doc[: cause.pos + 1].strip())


def check_options(options: Mapping[str, Any]) -> None:
    """Raise InputError for a field mapping that cannot be used."""
    if "fields" in options:
        parse_field_options(options["fields"])
    if options.get("records") is not None and not isinstance(options["records"], str):
        raise InputError("records must be the name of the key holding the list of records")
