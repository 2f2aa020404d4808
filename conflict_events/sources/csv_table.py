"""CSV and TSV files of article records (a header row, one article per row), read as a stream
through a field mapping (fields.py). A row that cannot be used is a Rejection named FILE:ROW
(the header is row 1) and the next row is read.

Options: fields, delimiter (default: tab for .tsv, else sniffed among , ; | tab), encoding
(default UTF-8 with or without BOM), max_record_bytes (one field)."""

from __future__ import annotations

import csv
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conflict_events.errors import ArticleRejected
from conflict_events.sources.base import Location, Record, Rejection, Source, location_name
from conflict_events.sources.decoding import (
    MAX_ARTICLE_BYTES,
    check_not_binary,
    open_binary,
    stream_encoding,
)
from conflict_events.sources.json_records import mapping_of

DELIMITERS = ",;|\t"


class CsvSource(Source):
    name = "csv"
    suffixes = (".csv", ".tsv", ".csv.gz", ".tsv.gz")
    options = frozenset({"fields", "delimiter", "encoding", "max_record_bytes"})
    description = "CSV/TSV with a header row: one article per row (field mapping)"

    def read(self, location: Location, **options: Any) -> Iterator[Record]:
        name = location_name(location)
        path = Path(location)
        mapping = mapping_of(options)
        limit = int(options.get("max_record_bytes") or MAX_ARTICLE_BYTES)
        try:
            with open_binary(path) as handle:
                head = handle.read(8192)
        except (OSError, EOFError, zlib.error) as exc:
            yield Rejection(name, "unreadable", f"{type(exc).__name__}: {exc}")
            return
        try:
            check_not_binary(head, name)
        except ArticleRejected as exc:
            yield Rejection.from_error(exc, name)
            return
        encoding = stream_encoding(options.get("encoding"), head, default="utf-8-sig")
        delimiter = options.get("delimiter") or self._delimiter(path, head)
        previous_limit = csv.field_size_limit()
        csv.field_size_limit(limit)
        try:
            with io.TextIOWrapper(open_binary(path), encoding=encoding, errors="strict",
                                  newline="") as handle:
                yield from self._rows(handle, name, delimiter, mapping)
        except LookupError:
            yield Rejection(name, "bad_encoding", f"unknown encoding {encoding!r}")
        except (OSError, EOFError, zlib.error) as exc:
            yield Rejection(name, "unreadable", f"{type(exc).__name__}: {exc}")
        finally:
            csv.field_size_limit(previous_limit)

    def _rows(self, handle: io.TextIOBase, name: str, delimiter: str,
              mapping: Any) -> Iterator[Record]:
        reader = csv.reader(handle, delimiter=delimiter)
        row_number = 1
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            yield self._broken(exc, name, 1)
            return
        if not header or not any(h.strip() for h in header):
            yield Rejection(name, "empty", "no header row")
            return
        header = [h.strip() for h in header]
        while True:
            row_number += 1
            row_name = f"{name}:{row_number}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield self._broken(exc, name, row_number)
                if isinstance(exc, UnicodeDecodeError):
                    return  # the decoder cannot resynchronise: stop at the first bad bytes
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield Rejection(row_name, "broken_csv",
                                f"{len(row)} fields for {len(header)} columns")
                continue
            record = dict(zip(header, row, strict=False))
            try:
                yield mapping.article(record, row_name, context={"input": name,
                                                                 "row": row_number})
            except ArticleRejected as exc:
                yield Rejection.from_error(exc, row_name)

    @staticmethod
    def _broken(exc: Exception, name: str, row_number: int) -> Rejection:
        if isinstance(exc, UnicodeDecodeError):
            return Rejection(f"{name}:{row_number}", "bad_encoding",
                             f"the bytes are not {exc.encoding} ({exc.reason}); name the "
                             "encoding with encoding=...")
        code = "too_large" if "field larger" in str(exc) else "broken_csv"
        return Rejection(f"{name}:{row_number}", code, str(exc))

    @staticmethod
    def _delimiter(path: Path, head: bytes) -> str:
        if path.name.lower().endswith((".tsv", ".tsv.gz")):
            return "\t"
        first_line = head.decode("utf-8", "replace").splitlines()[0] if head else ""
        counts = {d: first_line.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","
