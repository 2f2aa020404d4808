"""events.csv survives any text: quotes, newlines, separators, formula characters."""

from __future__ import annotations

import io

from _events import make_event
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_events.dataset.csvfile import read_csv, write_csv
from conflict_events.dataset.table import events_to_table

# Text as it may come out of news articles; surrogates cannot be encoded as UTF-8.
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
NAME = TEXT.filter(lambda t: t.strip() != "" and ";" not in t)


@settings(max_examples=60, deadline=None)
@given(notes=TEXT, actor=NAME, admin=TEXT)
def test_csv_round_trip_of_arbitrary_text(notes: str, actor: str, admin: str) -> None:
    event = make_event(notes=notes, actor1=actor, admin3=admin or None)
    table = events_to_table([event])
    buffer = io.BytesIO()
    write_csv(table, buffer)
    assert read_csv(buffer.getvalue()).equals(table)


def test_newlines_and_quotes_in_notes() -> None:
    table = events_to_table([make_event(notes='Line one.\r\nLine "two",\nthree')])
    buffer = io.BytesIO()
    write_csv(table, buffer)
    assert read_csv(buffer.getvalue()).column("notes")[0].as_py() == \
        'Line one.\r\nLine "two",\nthree'
