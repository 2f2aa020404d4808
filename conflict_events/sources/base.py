"""The reader interface: a Source turns one input (a file, a URL) into Articles and Rejections.

    class MyReader(Source):
        name = "my_format"
        suffixes = (".myf",)

        def read(self, location, **options):
            yield Article(...)           # one per article found
            yield Rejection(name, "broken_record", "why")   # one per article that is not usable

A reader never raises for bad content: every article it finds comes out as an Article or as a
Rejection naming the input, so a run can account for every input and one bad input never stops a
batch. Exceptions that escape anyway are turned into Rejections by read_inputs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from conflict_events.errors import ArticleRejected, ConflictEventsError
from conflict_events.schema.models import Article

# Rejection codes used by the built-in readers (a plug-in may add its own).
REJECTION_CODES: dict[str, str] = {
    "not_found": "the file, folder or glob does not exist or matches nothing",
    "unreadable": "the file cannot be opened or read",
    "no_reader": "no reader handles this kind of input",
    "unknown_source": "the requested reader is not registered",
    "missing_extra": "the reader needs an optional dependency that is not installed",
    "empty": "the input or record holds no text",
    "not_text": "binary data, not text",
    "too_large": "over the size limit",
    "bad_encoding": "the bytes are not in the expected or detected text encoding",
    "broken_json": "malformed JSON (a file or one line of a JSONL file)",
    "too_deep": "JSON nested too deeply to read safely",
    "broken_csv": "malformed CSV row",
    "bad_record": "a record without the fields an article needs (text)",
    "bad_date": "a date that cannot be read",
    "not_a_feed": "an RSS/Atom input that is neither a feed nor a page",
    "duplicate_item": "a feed item whose link an earlier item of the feed already gave",
    "http_error": "the server answered with an error status",
    "timeout": "the server did not answer in time",
    "network_error": "the connection failed",
    "robots_disallowed": "robots.txt of the site does not allow fetching the URL",
    "reader_error": "the reader failed on this input (a bug or an unforeseen input)",
}


@dataclass(frozen=True)
class Rejection:
    """An input, or one record of it, that gave no Article: where, a short code, and why."""

    input_name: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input_name}: {self.code}: {self.reason}"

    def to_error(self) -> ArticleRejected:
        return ArticleRejected(self.code, self.reason, input_name=self.input_name)

    @classmethod
    def from_error(cls, exc: BaseException, input_name: str) -> Rejection:
        """A Rejection for an exception raised while reading `input_name`."""
        if isinstance(exc, ArticleRejected):
            return cls(exc.input_name or input_name, exc.code, exc.reason)
        if isinstance(exc, ConflictEventsError):
            reason = getattr(exc, "reason", None) or str(exc)
            return cls(getattr(exc, "input_name", None) or input_name, "reader_error", reason)
        return cls(input_name, "reader_error", f"{type(exc).__name__}: {exc}"[:500])


Record = Article | Rejection
Location = str | Path


def is_url(location: Location) -> bool:
    return isinstance(location, str) and urlsplit(location).scheme in ("http", "https")


def location_name(location: Location) -> str:
    return location if isinstance(location, str) else str(location)


class Source(ABC):
    """A reader of one kind of input.

    Class attributes: `name` (what `--source NAME` selects), `suffixes` (file name endings it
    reads, lower case with the dot), `schemes` (URL schemes it reads), `options` (the keyword
    options `read` understands; read_inputs refuses options no reader knows), `extra` (the
    optional-dependency group it needs, if any), `reads_folders` (a folder is given to `read`
    whole instead of file by file) and a one-line `description`."""

    name: str
    suffixes: ClassVar[tuple[str, ...]] = ()
    schemes: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[frozenset[str]] = frozenset()
    extra: ClassVar[str | None] = None
    reads_folders: ClassVar[bool] = False
    description: str = ""

    def can_read(self, location: Location) -> bool:
        """Whether this reader handles `location` when no reader is forced."""
        if is_url(location):
            return urlsplit(str(location)).scheme in self.schemes
        name = Path(location).name.lower()
        return any(name.endswith(suffix) for suffix in self.suffixes)

    def available(self) -> str | None:
        """None when the reader can run here, else why not (e.g. a missing extra)."""
        return None

    @abstractmethod
    def read(self, location: Location, **options: Any) -> Iterator[Record]:
        """Articles and Rejections of one input; never raises for bad content."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
