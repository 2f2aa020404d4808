"""Stage `merge`: one event per actor pair, place and day (conflict_events.coding.aggregate)."""

from __future__ import annotations

from conflict_events.coding.aggregate import aggregate, sides_from_earlier_battle
from conflict_events.coding.fatalities import code_deaths_to_violence
from conflict_events.extract.doc import Doc
from conflict_events.extract.pipeline import register_stage


def merge_mentions(doc: Doc) -> None:
    doc.mentions = aggregate(doc.mentions)
    sides_from_earlier_battle(doc.mentions)
    code_deaths_to_violence(doc.mentions)


register_stage("merge", inputs=("mentions",), outputs=("mentions",))(merge_mentions)
