"""Register `df.events` once pandas is imported, without importing pandas ourselves.

`import conflict_events` must stay fast, so it only calls install(): when pandas is already
imported the accessor is registered at once; otherwise a meta-path finder waits for pandas'
own import to finish and registers it then.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

ACCESSOR_MODULE = "conflict_events.notebook.accessor"


def _register() -> None:
    importlib.import_module(ACCESSOR_MODULE)


class _AfterPandas:
    """A sys.meta_path finder that finds nothing itself: it wraps the loader of `pandas` so
    that registration follows pandas' import."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "pandas":
            return None
        _remove()
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            original(module)
            _register()

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


_FINDER = _AfterPandas()


def _remove() -> None:
    while _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)


def install() -> None:
    """Make `df.events` available: now if pandas is loaded, else right after it loads."""
    if "pandas" in sys.modules:
        _register()
    elif _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def installed() -> Any:
    """The accessor class when registered (for tests), else None."""
    module = sys.modules.get(ACCESSOR_MODULE)
    return getattr(module, "EventsAccessor", None)
