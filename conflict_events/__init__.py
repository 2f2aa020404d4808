"""conflict_events: news articles in, ACLED-coded political violence and protest events out.

    import conflict_events as ce
    df = ce.load()                     # the release shipped in data/
    events = ce.extract(text, published="2016-02-02")

Public names are imported lazily so that `import conflict_events` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from conflict_events._version import __version__

# name -> "module:attribute"
_LAZY: dict[str, str] = {
    # schema
    "Article": "conflict_events.schema.models:Article",
    "Event": "conflict_events.schema.models:Event",
    "Actor": "conflict_events.schema.models:Actor",
    "Location": "conflict_events.schema.models:Location",
    "Evidence": "conflict_events.schema.models:Evidence",
    "EventType": "conflict_events.schema.taxonomy:EventType",
    "SubEventType": "conflict_events.schema.taxonomy:SubEventType",
    "DisorderType": "conflict_events.schema.taxonomy:DisorderType",
    "Inter": "conflict_events.schema.taxonomy:Inter",
    "SCHEMA_VERSION": "conflict_events.schema.models:SCHEMA_VERSION",
    # dataset
    "write_dataset": "conflict_events.dataset.write:write_dataset",
    "load": "conflict_events.dataset.load:load",
    "to_frame": "conflict_events.dataset.frame:to_frame",
    "from_frame": "conflict_events.dataset.frame:from_frame",
    "read_acled": "conflict_events.dataset.acled:read_acled",
    "validate_release": "conflict_events.dataset.validate:validate_release",
    # extraction
    "extract": "conflict_events.extract.api:extract",
    "extract_many": "conflict_events.extract.api:extract_many",
    "Pipeline": "conflict_events.extract.pipeline:Pipeline",
    # sources
    "read_inputs": "conflict_events.sources.inputs:read_inputs",
    # corpus runs
    "run_corpus": "conflict_events.corpus.run:run",
    "deduplicate": "conflict_events.corpus.dedup:deduplicate",
    "update_release": "conflict_events.corpus.update:update_release",
    # evaluation
    "evaluate": "conflict_events.evaluate.api:evaluate",
    # errors
    "ConflictEventsError": "conflict_events.errors:ConflictEventsError",
}

__all__ = ["__version__", "geo", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from conflict_events import geo
    from conflict_events.corpus.dedup import deduplicate
    from conflict_events.corpus.run import run as run_corpus
    from conflict_events.corpus.update import update_release
    from conflict_events.dataset.acled import read_acled
    from conflict_events.dataset.frame import from_frame, to_frame
    from conflict_events.dataset.load import load
    from conflict_events.dataset.validate import validate_release
    from conflict_events.dataset.write import write_dataset
    from conflict_events.errors import ConflictEventsError
    from conflict_events.evaluate.api import evaluate
    from conflict_events.extract.api import extract, extract_many
    from conflict_events.extract.pipeline import Pipeline
    from conflict_events.schema.models import (
        SCHEMA_VERSION,
        Actor,
        Article,
        Event,
        Evidence,
        Location,
    )
    from conflict_events.schema.taxonomy import DisorderType, EventType, Inter, SubEventType
    from conflict_events.sources.inputs import read_inputs


def __getattr__(name: str) -> Any:
    if name == "geo":
        return importlib.import_module("conflict_events.geo")
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'conflict_events' has no attribute {name!r}")
    module_name, _, attr = target.partition(":")
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


# `df.events` on pandas frames, registered once pandas is imported (not imported here).
from conflict_events.notebook import hook as _notebook_hook  # noqa: E402

_notebook_hook.install()
