"""Event objects <-> the typed pandas frame of a release (same columns and dtypes as load())."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from pydantic import ValidationError

from conflict_events.dataset.table import events_to_table, frame_to_table, table_to_frame
from conflict_events.errors import SchemaError
from conflict_events.schema.models import Event, Evidence


def to_frame(events: Iterable[Event]) -> pd.DataFrame:
    """Events to the typed frame, in the order given."""
    return table_to_frame(events_to_table(events))


def from_frame(frame: pd.DataFrame) -> list[Event]:
    """The typed frame (or any frame with the release's columns) back to validated Events.

    Raises SchemaError naming the row and the rule when a row is not a valid event."""
    table = frame_to_table(frame)
    events: list[Event] = []
    for number, row in enumerate(table.to_pylist()):
        row["evidence"] = [Evidence(**e) for e in row["evidence"]]
        row = {k: v for k, v in row.items() if v is not None}
        try:
            events.append(Event.model_validate(row))
        except ValidationError as exc:
            name = row.get("event_id_cnty") or f"row {number}"
            raise SchemaError(f"{name}: {exc}") from exc
    return events
