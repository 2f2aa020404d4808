"""Reading the knowledge files: YAML through the safe loader only, errors as KnowledgeError.

Each document is also kept as JSON in the per-user cache (conflict_events.cache), under a
fingerprint of the file's text and of the YAML library: reading JSON back is several times
faster than parsing YAML, and the knowledge files are read at every startup. The dates YAML
gives (a period's "start: 2012-03-01") are written as strings with their places in the
document and turned back into dates; a document holding anything else JSON cannot carry
exactly (sets, binary, keys that are not strings) is parsed from YAML every time.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from conflict_events.cache import CompiledCache, digest
from conflict_events.errors import KnowledgeError

# The C build of the safe loader (same documents, same types) reads the knowledge files
# seven times faster; the pure-Python one is the fallback where libyaml is missing.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Where = list[str | int]  # keys and list positions from the document's root to a value


def read_yaml(path: Traversable | Path) -> Any:
    """The document in PATH, read with the safe loader."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path.name}: cannot be read: {exc}") from exc
    key = digest([yaml.__version__, _SAFE_LOADER.__name__, text])
    cached = _documents().get(key, lambda: _to_json(parse_yaml(text, path.name)), _from_json)
    return parse_yaml(text, path.name) if cached is _NOT_CACHED else cached


Model = TypeVar("Model", bound=BaseModel)


def read_knowledge(path: Traversable | Path, model: type[Model]) -> Model:
    """The knowledge file at PATH validated as MODEL; a KnowledgeError naming the file and
    the fault when it cannot be read or is not what the model says."""
    try:
        return model.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise KnowledgeError(f"{path.name}: {exc}") from exc


def parse_yaml(text: str, name: str) -> Any:
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{name}: not valid YAML: {exc}") from exc


@cache
def _documents() -> CompiledCache:
    return CompiledCache("yaml", __file__)


_NOT_CACHED = object()


class _NotJson(Exception):
    """The document holds a value JSON cannot carry exactly."""


def _to_json(document: Any) -> dict[str, Any] | None:
    """{"document": the document with dates as ISO strings, "dates": where they are}, or None
    when the document cannot be carried by JSON exactly."""
    dates: list[Where] = []
    times: list[Where] = []

    def walk(value: Any, where: Where) -> Any:
        if value is None or isinstance(value, (str, bool, int, float)):
            return value
        if isinstance(value, dt.date) and where:  # a datetime is a date too
            (times if isinstance(value, dt.datetime) else dates).append(where)
            return value.isoformat()
        if isinstance(value, list):
            return [walk(v, [*where, n]) for n, v in enumerate(value)]
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return {k: walk(v, [*where, k]) for k, v in value.items()}
        raise _NotJson

    try:
        return {"document": walk(document, []), "dates": dates, "datetimes": times}
    except _NotJson:
        return None


def _from_json(data: Any) -> Any:
    if data is None:
        return _NOT_CACHED
    document = data["document"]
    for kind, places in ((dt.date, data["dates"]), (dt.datetime, data["datetimes"])):
        for where in places:
            *parents, last = where
            holder = document
            for step in parents:
                holder = holder[step]
            holder[last] = kind.fromisoformat(holder[last])
    return document
