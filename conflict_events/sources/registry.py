"""The readers known to this installation: the built-in ones, then those other packages declare
in the entry-point group `conflict_events.sources`.

An entry point may name a Source subclass, a Source instance, or a plain callable
`read(location) -> Iterable[Article]`; a callable is wrapped (it runs only when chosen by name,
`source="NAME"`, since it declares no suffixes). Plug-ins are consulted before the built-in
readers when picking a reader for an input, so a plug-in can claim a site or a format more
precisely; a plug-in cannot take the name of a built-in reader. A plug-in that fails to load is
listed with its error (`conflict-events sources list`) and never stops the others."""

from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from conflict_events.errors import InputError
from conflict_events.schema.models import Article
from conflict_events.sources.base import Location, Record, Rejection, Source, location_name

ENTRY_POINT_GROUP = "conflict_events.sources"
log = logging.getLogger(__name__)


class CallableSource(Source):
    """A plug-in given as a function `read(location) -> Iterable[Article]`. It gets folders
    whole, as such functions expect (`read("my_articles/")`)."""

    reads_folders = True

    def __init__(self, name: str, function: Callable[..., Iterable[Any]],
                 description: str = "") -> None:
        self.name = name
        self.function = function
        self.description = description

    def can_read(self, location: Location) -> bool:
        return False

    def read(self, location: Location, **options: Any) -> Iterator[Record]:
        name = location_name(location)
        for item in self.function(location):
            if isinstance(item, Article | Rejection):
                yield item
            else:
                yield Rejection(name, "reader_error", f"reader {self.name!r} gave a "
                                f"{type(item).__name__}, not an Article")


@dataclass(frozen=True)
class Registered:
    source: Source
    origin: str  # "built-in" or the distribution that declares it


@dataclass(frozen=True)
class BrokenPlugin:
    name: str
    origin: str
    error: str


def builtin_sources() -> list[Source]:
    from conflict_events.sources.csv_table import CsvSource
    from conflict_events.sources.feeds import FeedSource
    from conflict_events.sources.html_page import HtmlSource
    from conflict_events.sources.json_records import JsonLinesSource, JsonSource
    from conflict_events.sources.plain_text import TextSource

    return [TextSource(), JsonLinesSource(), JsonSource(), CsvSource(), HtmlSource(),
            FeedSource()]


def as_source(name: str, loaded: Any) -> Source:
    """A Source from what an entry point loads: a Source class or instance, or a callable."""
    if isinstance(loaded, type) and issubclass(loaded, Source):
        source = loaded()
    elif isinstance(loaded, Source):
        source = loaded
    elif callable(loaded):
        doc = (getattr(loaded, "__doc__", None) or "").strip().splitlines()
        return CallableSource(name, loaded, doc[0] if doc else "")
    else:
        raise TypeError(f"{type(loaded).__name__} is neither a Source nor a callable")
    if not getattr(source, "name", None):
        raise TypeError(f"{type(source).__name__} has no name")
    return source


class SourceRegistry:
    """Readers by name, in the order they are consulted."""

    def __init__(self, sources: Iterable[Source] = (), *, origin: str = "built-in") -> None:
        self._entries: dict[str, Registered] = {}
        self.broken: list[BrokenPlugin] = []
        for source in sources:
            self.add(source, origin=origin)

    def add(self, source: Source, *, origin: str = "user", replace: bool = False) -> None:
        if source.name in self._entries and not replace:
            raise InputError(f"a reader named {source.name!r} is already registered "
                             f"({self._entries[source.name].origin})")
        self._entries[source.name] = Registered(source, origin)

    def load_entry_points(self, entry_points: Iterable[importlib.metadata.EntryPoint]
                          | None = None) -> None:
        """Add the readers other packages declare; a broken one is recorded, not raised."""
        if entry_points is None:
            entry_points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        for entry_point in entry_points:
            dist = getattr(entry_point, "dist", None)
            origin = dist.name if dist is not None else entry_point.value
            try:
                source = as_source(entry_point.name, entry_point.load())
                if source.name in self._entries:
                    raise InputError(f"the name {source.name!r} is taken by the reader of "
                                     f"{self._entries[source.name].origin}")
            except Exception as exc:  # a broken plug-in must not stop the others
                log.warning("source reader %r from %s not loaded: %s", entry_point.name,
                            origin, exc)
                self.broken.append(BrokenPlugin(entry_point.name, origin,
                                                f"{type(exc).__name__}: {exc}"))
                continue
            self._entries[source.name] = Registered(source, origin)

    def __iter__(self) -> Iterator[Registered]:
        return iter(self._entries.values())

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def names(self) -> list[str]:
        return list(self._entries)

    def get(self, name: str) -> Source:
        try:
            return self._entries[name].source
        except KeyError:
            raise InputError(f"no source reader named {name!r}; known: "
                             f"{', '.join(self._entries) or 'none'}") from None

    def reader_for(self, location: Location) -> Source | None:
        """The reader for `location`: plug-ins first, then the built-in readers."""
        ordered = sorted(self._entries.values(), key=lambda r: r.origin == "built-in")
        return next((r.source for r in ordered if r.source.can_read(location)), None)

    def option_names(self) -> frozenset[str]:
        names: set[str] = set()
        for registered in self:
            names |= registered.source.options
        return frozenset(names)


_DEFAULT: SourceRegistry | None = None


def default_registry(*, reload: bool = False) -> SourceRegistry:
    """The built-in readers and the installed plug-ins (entry points read once)."""
    global _DEFAULT
    if _DEFAULT is None or reload:
        registry = SourceRegistry(builtin_sources())
        registry.load_entry_points()
        _DEFAULT = registry
    return _DEFAULT


def register_source(source: Source, *, replace: bool = False) -> None:
    """Add a reader for this process (e.g. from a notebook), without packaging it."""
    default_registry().add(source, origin="user", replace=replace)
