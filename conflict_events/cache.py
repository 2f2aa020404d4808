"""Knowledge compiled once and kept in the per-user cache directory, as JSON.

Some structures the extractor needs take a large share of its startup to derive from the
knowledge files: the beginnings of the lexicons' regexes (extract/anchors.py) and the
state-force surface forms (knowledge/actors.py). Like the gazetteer and its automaton
(geo/store.py, geo/automaton.py), they are compiled on first use and cached:

    <cache dir>/compiled/<kind>-<code>/<key>.json       the compiled data, as JSON
    <cache dir>/compiled/<kind>-<code>/<key>.manifest   its size and SHA-256, written last

<code> hashes the modules that compile the data (and the Python version, whose regex parser
and Unicode tables they use), so editing them starts a new directory and the old ones are
removed; <key> hashes the inputs (the knowledge files, or the patterns themselves), so editing
a knowledge file compiles it again. A file whose size or hash differs from its manifest, that
is not valid JSON, or that the caller's decoder rejects is compiled again and rewritten, never
trusted; nothing is ever unpickled. A cache directory that cannot be written only costs the
time to compile in every process.

The directory is CONFLICT_EVENTS_CACHE_DIR when set, else the platform's user cache
directory.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

APP = "conflict_events"
# Bump when the layout of the files written here changes.
FORMAT_VERSION = "1"

T = TypeVar("T")


def cache_root() -> Path:
    env = os.environ.get("CONFLICT_EVENTS_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir(APP))


def digest(parts: Iterable[str | bytes]) -> str:
    """A short hex fingerprint of a sequence of strings or bytes (each one delimited, so
    ("ab", "c") and ("a", "bc") differ)."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.hexdigest()[:16]


def code_fingerprint(*modules: str | Path) -> str:
    """The fingerprint of the source files that compile a kind of data, with the Python
    version (the regex parser, Unicode tables)."""
    return digest([FORMAT_VERSION, sys.version, *(Path(m).read_bytes() for m in modules)])


@contextmanager
def _no_collection() -> Iterator[None]:
    """Decoding creates some 100,000 containers that all live on: the garbage collector's
    passes over them (and the rest of the heap) would only add to the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class CompiledCache:
    """One kind of compiled data ("anchors", "state-forms"), compiled by the given modules."""

    def __init__(self, kind: str, *modules: str | Path) -> None:
        self.kind = kind
        self.code = code_fingerprint(*modules)

    @property
    def directory(self) -> Path:
        return cache_root() / "compiled" / f"{self.kind}-{self.code}"

    def paths(self, key: str) -> tuple[Path, Path]:
        return self.directory / f"{key}.json", self.directory / f"{key}.manifest"

    def get(self, key: str, build: Callable[[], Any], decode: Callable[[Any], T]) -> T:
        """decode(data) for the data cached under `key`, or, when it is absent or damaged, for
        build() (plain JSON values), written to the cache first. Either way decode reads the
        data as JSON gives it back (lists for tuples), so the result is the same with and
        without the cache. decode raises ValueError, KeyError or TypeError on data it cannot
        use."""
        with _no_collection():
            data = self.read(key)
            if data is not None:
                try:
                    return decode(data)
                except (ValueError, KeyError, TypeError, IndexError):
                    pass  # well-formed JSON of the wrong shape: compiled again below
        text = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
        self.write(key, text)
        with _no_collection():
            return decode(json.loads(text))

    def read(self, key: str) -> Any | None:
        """The cached JSON under `key` when it matches its manifest, else None."""
        data_path, manifest_path = self.paths(key)
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            raw = data_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
            return None
        if manifest.get("size") != len(raw):
            return None
        if manifest.get("sha256") != hashlib.sha256(raw).hexdigest():
            return None
        try:
            return json.loads(raw.decode("utf-8"))
        except ValueError:
            return None

    def write(self, key: str, text: str) -> None:
        """Write the data, then its manifest, each atomically; older code's directories of the
        same kind are removed. An unwritable cache is left as it is."""
        data_path, manifest_path = self.paths(key)
        try:
            raw = text.encode("utf-8")
        except UnicodeError:  # a lone surrogate: kept in memory only
            return
        manifest = {"format": FORMAT_VERSION, "kind": self.kind, "size": len(raw),
                    "sha256": hashlib.sha256(raw).hexdigest()}
        pid = os.getpid()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            manifest_path.unlink(missing_ok=True)
            tmp = data_path.with_name(f".{data_path.name}.{pid}")
            tmp.write_bytes(raw)
            tmp.replace(data_path)
            tmp = manifest_path.with_name(f".{manifest_path.name}.{pid}")
            tmp.write_text(json.dumps(manifest), encoding="utf-8")
            tmp.replace(manifest_path)
        except OSError:
            return
        for old in self.directory.parent.glob(f"{self.kind}-*"):
            if old != self.directory and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
