"""Stage `merge`: one event per actor pair, place and day (conflict_events.coding.aggregate)."""

from __future__ import annotations

from conflict_events.coding.aggregate import aggregate
from conflict_events.coding.fatalities import within_definition
from conflict_events.extract.doc import Doc
from conflict_events.extract.pipeline import register_stage


def merge_mentions(doc: Doc) -> None:
    doc.mentions = aggregate(doc.mentions)
    for m in doc.mentions:
        m.fatalities = within_definition(m.sub_event_type, m.fatalities)


register_stage("merge", inputs=("mentions",), outputs=("mentions",))(merge_mentions)
