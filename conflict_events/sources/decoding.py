"""Bytes to text for the readers: size limits, binary detection and encodings, each failure an
ArticleRejected with a code (too_large, not_text, bad_encoding, unreadable, empty).

Encodings: a byte-order mark decides (UTF-8, UTF-16, UTF-32); otherwise the text must be UTF-8,
unless the caller names an encoding ("cp1252", "latin-1"...) or asks for "auto", which takes
the best guess of charset-normalizer when it is installed (it comes with the `html`
extra)."""

from __future__ import annotations

import codecs
import gzip
import re
from pathlib import Path
from typing import BinaryIO

from conflict_events.errors import ArticleRejected

MAX_FILE_BYTES = 200_000_000  # a JSON/CSV/JSONL file; read as a stream where the format allows
MAX_ARTICLE_BYTES = 5_000_000  # one article: far beyond any news story
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly when its name ends in .gz (streamed: limits
    apply to the decompressed lines and rows, so a small archive cannot flood memory)."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def check_size(size: int, limit: int, name: str) -> None:
    if size > limit:
        raise ArticleRejected("too_large", f"{size:,} bytes is over the limit of {limit:,} "
                              "(raise it with max_bytes)", input_name=name)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a file of at most `limit` bytes (the size is checked before reading)."""
    name = str(path)
    try:
        check_size(path.stat().st_size, limit, name)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ArticleRejected("unreadable", exc.strerror or str(exc), input_name=name) from exc
    check_size(len(data), limit, name)  # a file that grew, or a special file
    return data


def bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def check_not_binary(data: bytes, name: str) -> None:
    """NUL bytes or many control characters in the first 8 KB mean binary data (UTF-16/32 text
    has NULs too, so a byte-order mark exempts the check)."""
    sample = data[:8192]
    if bom_encoding(sample) in ("utf-16", "utf-32"):
        return
    controls = len(_CONTROL.findall(sample))
    if b"\x00" in sample or controls > max(3, len(sample) // 100):
        raise ArticleRejected("not_text", f"{controls} control byte(s) in the first "
                              f"{len(sample):,}: binary data, not text", input_name=name)


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text of `data`. `encoding`: None (BOM or strict UTF-8), a codec name, or "auto"."""
    check_not_binary(data, name)
    chosen = bom_encoding(data)
    if chosen is None and encoding and encoding != "auto":
        chosen = encoding
    if chosen is None and encoding == "auto":
        chosen = _guess_encoding(data)
    chosen = chosen or "utf-8"
    try:
        return data.decode(chosen)
    except LookupError as exc:
        raise ArticleRejected("bad_encoding", f"unknown encoding {chosen!r}",
                              input_name=name) from exc
    except UnicodeDecodeError as exc:
        hint = "" if encoding else "; name the encoding with encoding=... or use encoding='auto'"
        raise ArticleRejected("bad_encoding", f"the bytes are not {chosen} ({exc.reason} at byte "
                              f"{exc.start}){hint}", input_name=name) from exc


def stream_encoding(encoding: str | None, head: bytes, default: str = "utf-8") -> str:
    """The codec for a file read as a stream (JSONL, CSV): a byte-order mark, the named
    encoding, or for "auto" a guess from the first bytes."""
    if encoding == "auto":
        return bom_encoding(head) or _guess_encoding(head) or default
    return bom_encoding(head) or encoding or default


def _guess_encoding(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer comes with the html extra
        return None
    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def read_text_file(path: Path, *, max_bytes: int, encoding: str | None = None) -> str:
    """A whole text file, checked: size, binary, encoding."""
    return decode_text(read_limited(path, max_bytes), str(path), encoding)
