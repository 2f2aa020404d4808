"""Metadata sidecars: a JSONL file that gives, per article file, the metadata the file itself
lacks (id, title, outlet, publication date...).

    {"file": "000_0a6a.txt", "article_id": "seed-000", "title": "...", "source": "The New Arab",
     "published": "2016-02-02", "language": "en"}

`file` (or `path`, `filename`) is the article file's path relative to the sidecar's folder, or
its bare name. Other fields go through the same field mapping as JSON records; fields the
mapping does not know are kept in Article.extra. A sidecar that cannot be read is a
configuration error (InputError), raised before any article is read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflict_events.errors import InputError

FILE_KEYS = ("file", "path", "filename")


@dataclass(frozen=True)
class Sidecar:
    path: Path
    by_file: dict[str, dict[str, Any]] = field(default_factory=dict)

    def lookup(self, article_path: Path) -> dict[str, Any] | None:
        """The metadata of `article_path`, or None when the sidecar does not list it."""
        try:
            relative = article_path.resolve().relative_to(self.path.resolve().parent).as_posix()
        except ValueError:
            relative = None
        if relative is not None and relative in self.by_file:
            return self.by_file[relative]
        if article_path.name in self.by_file:
            return self.by_file[article_path.name]
        return next((meta for key, meta in self.by_file.items()
                     if key.rsplit("/", 1)[-1] == article_path.name), None)


_CACHE: dict[tuple[str, float, int], Sidecar] = {}


def load_sidecar(path: str | Path) -> Sidecar:
    """Read a sidecar (cached by path, modification time and size)."""
    path = Path(path)
    name = str(path)
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime, stat.st_size)
        if key in _CACHE:
            return _CACHE[key]
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the metadata sidecar: {exc}", input_name=name) from exc
    by_file: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise InputError(f"line {number} is not JSON ({exc})", input_name=name) from exc
        if not isinstance(record, dict):
            raise InputError(f"line {number} is not a JSON object", input_name=name)
        file_key = next((record[k] for k in FILE_KEYS if isinstance(record.get(k), str)), None)
        if not file_key:
            raise InputError(f"line {number} has no 'file' naming the article file",
                             input_name=name)
        by_file[Path(file_key).as_posix()] = {
            k: v for k, v in record.items() if k not in FILE_KEYS
        }
    sidecar = Sidecar(path, by_file)
    _CACHE[key] = sidecar
    return sidecar
