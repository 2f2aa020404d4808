"""read_inputs: files, folders, globs and URLs in; Articles and Rejections out, one reader per
input.

    for record in read_inputs(["saved/", "dump.jsonl", "pages/*.html", "https://x.org/rss"]):
        ...  # Article, or Rejection(input_name, code, reason)

- a folder is read recursively in name order, skipping hidden files and folders (.git,
  .DS_Store) and the metadata sidecar itself;
- a glob (`*`, `?`, `[`; `**` recurses) is expanded in name order;
- an http(s) URL is read by the first reader that claims it (the feed reader, unless a plug-in
  claims the site);
- `source="NAME"` forces one reader for every input (a reader that `reads_folders` gets a
  folder whole).
Every input is accounted for: a missing path, a file no reader handles, a reader's failure each
come out as a Rejection, and the next input is read. Options no reader knows are refused
(InputError) before anything is read, so a misspelt option never passes silently."""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from conflict_events.errors import InputError
from conflict_events.sources.base import Location, Record, Rejection, Source, is_url
from conflict_events.sources.json_records import check_options
from conflict_events.sources.registry import SourceRegistry, default_registry
from conflict_events.sources.sidecar import load_sidecar

_GLOB_CHARS = frozenset("*?[")


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def expand_input(item: str | Path, *, skip: frozenset[Path] = frozenset(),
                 keep_folders: bool = False) -> Iterator[Location | Rejection]:
    """The locations one input stands for (or a not_found Rejection)."""
    text = str(item)
    if isinstance(item, str) and is_url(item):
        yield item
        return
    path = Path(item).expanduser()
    if path.is_dir() and keep_folders:
        yield path
        return
    if path.is_dir():
        found = False
        for child in sorted(path.rglob("*")):
            if child.is_file() and _visible(child, path) and child.resolve() not in skip:
                found = True
                yield child
        if not found:
            yield Rejection(text, "not_found", "the folder holds no files")
        return
    if path.exists():
        yield path
        return
    if _GLOB_CHARS & set(text):
        matches = [Path(m) for m in sorted(glob.glob(str(path), recursive=True))]
        files = [m for m in matches if m.is_file() and m.resolve() not in skip]
        for match in matches:
            if match.is_dir():
                files.extend(c for c in sorted(match.rglob("*"))
                             if c.is_file() and _visible(c, match) and c.resolve() not in skip)
        if files:
            yield from dict.fromkeys(files)  # "**" matches a folder and the files in it
            return
        yield Rejection(text, "not_found", "the pattern matches no file")
        return
    yield Rejection(text, "not_found", "no such file or folder")


def read_inputs(
    inputs: Iterable[str | Path] | str | Path,
    *,
    source: str | None = None,
    registry: SourceRegistry | None = None,
    **options: Any,
) -> Iterator[Record]:
    """Articles and Rejections of every input, in input order (see module doc). One path
    or URL may be given alone."""
    registry = registry or default_registry()
    forced: Source | None = registry.get(source) if source else None
    locations = input_locations(inputs, source=source, registry=registry, **options)
    options = with_http_client(options, registry, forced)
    for location in locations:
        if isinstance(location, Rejection):
            yield location
            continue
        yield from _read_one(location, forced, registry, options)


def input_locations(
    inputs: Iterable[str | Path] | str | Path,
    *,
    source: str | None = None,
    registry: SourceRegistry | None = None,
    **options: Any,
) -> Iterator[Location | Rejection]:
    """The files and URLs INPUTS stand for, in reading order (or not_found Rejections), after
    checking the options (InputError for one no reader knows, or a bad field mapping or
    sidecar) before anything is read."""
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    registry = registry or default_registry()
    forced: Source | None = registry.get(source) if source else None
    known = forced.options if forced is not None else registry.option_names()
    unknown = sorted(set(options) - known)
    if unknown:
        whose = f"reader {source!r}" if source else "any reader"
        raise InputError(f"unknown option(s) for {whose}: {', '.join(unknown)}; known: "
                         f"{', '.join(sorted(known)) or 'none'}")
    check_options(options)
    skip: frozenset[Path] = frozenset()
    if options.get("metadata"):
        sidecar = load_sidecar(options["metadata"])  # a bad sidecar fails before any input
        skip = frozenset({sidecar.path.resolve()})
    return _expand_all(list(inputs), forced, skip)


def _expand_all(inputs: list[str | Path], forced: Source | None,
                skip: frozenset[Path]) -> Iterator[Location | Rejection]:
    for item in inputs:
        keep_folders = forced is not None and forced.reads_folders
        yield from expand_input(item, skip=skip, keep_folders=keep_folders)


def with_http_client(options: dict[str, Any], registry: SourceRegistry,
                     forced: Source | None = None) -> dict[str, Any]:
    """OPTIONS with one HttpClient for the run (it holds the per-host rate limit and
    robots.txt), when a reader may fetch."""
    known = forced.options if forced is not None else registry.option_names()
    if "http_client" in options or "http_client" not in known:
        return options
    from conflict_events.sources.http import client_from_options

    return {**options, "http_client": client_from_options(options)}


def read_location(location: Location, *, source: str | None = None,
                  registry: SourceRegistry | None = None, **options: Any) -> Iterator[Record]:
    """The records of one location given by input_locations, read as read_inputs reads it
    (options already checked there)."""
    registry = registry or default_registry()
    forced = registry.get(source) if source else None
    yield from _read_one(location, forced, registry, options)


def _read_one(location: Location, forced: Source | None, registry: SourceRegistry,
              options: dict[str, Any]) -> Iterator[Record]:
    name = str(location)
    reader = forced or registry.reader_for(location)
    if reader is None:
        yield Rejection(name, "no_reader", "no reader for this kind of file; choose one with "
                        f"source=NAME ({', '.join(registry.names())})")
        return
    wanted = {k: v for k, v in options.items() if k in reader.options}
    try:
        yield from reader.read(location, **wanted)
    except Exception as exc:  # one bad input never stops a run
        yield Rejection.from_error(exc, name)
