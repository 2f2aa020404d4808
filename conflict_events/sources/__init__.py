"""Source readers: files, folders, globs and feed URLs in; Articles and Rejections out.

    from conflict_events.sources import read_inputs, Rejection
    for record in read_inputs(["saved_pages/", "dump.jsonl", "https://example.org/rss"]):
        ...

See docs/sources.md: the readers (text, jsonl, json, csv, html, feed), their options, the
rejection codes, and how a package adds a reader through the entry-point group
`conflict_events.sources`.
"""

from conflict_events.sources.base import Rejection, Source
from conflict_events.sources.inputs import read_inputs
from conflict_events.sources.registry import default_registry, register_source

__all__ = ["Rejection", "Source", "default_registry", "read_inputs", "register_source"]
