"""Reading the knowledge files: YAML through the safe loader only, errors as KnowledgeError."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from conflict_events.errors import KnowledgeError

# The C build of the safe loader (same documents, same types) reads the knowledge files
# seven times faster; the pure-Python one is the fallback where libyaml is missing.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Traversable | Path) -> Any:
    """The document in PATH, read with the safe loader."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path.name}: cannot be read: {exc}") from exc
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML: {exc}") from exc
