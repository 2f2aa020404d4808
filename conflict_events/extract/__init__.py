"""Rule-based extraction: articles in, ACLED-coded events out.

    from conflict_events.extract.api import extract, extract_many
    from conflict_events.extract.pipeline import Pipeline

The package name equals the public function `conflict_events.extract`: once this package is
imported, Python binds the name on `conflict_events` to the package, shadowing the lazily
imported function. The package module is therefore callable and forwards to api.extract, so
`ce.extract(text)` works whatever was imported first.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from conflict_events.extract.api import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
