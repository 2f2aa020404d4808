"""The Event model's coding rules, vectorised over an Arrow table, for whole releases.

Each check returns a Problem naming the column, how many rows break the rule and an example
(event_id_cnty and the offending value), so a report is readable without the data at hand."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from conflict_events.schema.descriptors import event_columns
from conflict_events.schema.models import EVENT_ID_CNTY_PATTERN
from conflict_events.schema.taxonomy import SubEventType, is_valid_source_scale


@dataclass(frozen=True)
class Problem:
    column: str
    rule: str
    rows: int
    example: str

    def __str__(self) -> str:
        return f"{self.column}: {self.rule} ({self.rows} rows, e.g. {self.example})"


def _plain(table: pa.Table, name: str) -> pa.Array:
    values = table.column(name)
    if pa.types.is_dictionary(values.type):
        values = values.cast(values.type.value_type)
    return values.combine_chunks()


def _problem(table: pa.Table, bad: pa.Array | np.ndarray, column: str, rule: str,
             shown: str | None = None) -> Problem | None:
    mask = np.asarray(pc.fill_null(bad, False) if isinstance(bad, pa.Array) else bad, dtype=bool)
    count = int(mask.sum())
    if not count:
        return None
    row = int(np.flatnonzero(mask)[0])
    ident = table.column("event_id_cnty")[row].as_py() if "event_id_cnty" in table.column_names \
        else f"row {row}"
    value = table.column(shown or column)[row].as_py()
    return Problem(column, rule, count, f"{ident} with {shown or column}={value!r}")


def check_events(table: pa.Table) -> list[Problem]:
    """Every rule the Event model enforces, plus unique ids, over a whole table."""
    problems: list[Problem | None] = []
    n = table.num_rows
    if n == 0:
        return []

    for column in event_columns():
        values = _plain(table, column.name)
        if not column.nullable:
            problems.append(_problem(table, pc.is_null(values), column.name, "missing value"))
        if column.enum is not None:
            allowed = pa.array(list(column.enum), type=values.type)
            outside = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, allowed)))
            problems.append(_problem(table, outside, column.name, "value outside the vocabulary"))
        if column.minimum is not None:
            problems.append(_problem(table, pc.less(values, column.minimum), column.name,
                                     f"below {column.minimum}"))
        if column.maximum is not None:
            problems.append(_problem(table, pc.greater(values, column.maximum), column.name,
                                     f"above {column.maximum}"))
        if column.kind == "text" and not column.nullable and column.name != "notes":
            blank = pc.equal(pc.utf8_trim_whitespace(values), "")
            problems.append(_problem(table, blank, column.name, "empty text"))

    # Expected event and disorder type per row, looked up once per distinct sub-event type.
    by_sub = {s.value: (s.event_type.value, s.disorder_type) for s in SubEventType}
    encoded = pc.dictionary_encode(_plain(table, "sub_event_type"))
    distinct = encoded.dictionary.to_pylist()
    known = pc.is_valid(pc.index_in(encoded.dictionary, pa.array(list(by_sub))))
    for position, (name, rule) in enumerate([
        ("event_type", "sub-event type under the wrong event type"),
        ("disorder_type", "disorder type does not match the sub-event type"),
    ]):
        expected_values = pa.array([by_sub.get(v, (None, None))[position] for v in distinct],
                                   pa.string())
        expected = pa.DictionaryArray.from_arrays(encoded.indices, expected_values)
        wrong = pc.and_(pc.take(known, encoded.indices),
                        pc.not_equal(_plain(table, name), expected.cast(pa.string())))
        shown = "sub_event_type" if name == "event_type" else name
        problems.append(_problem(table, wrong, shown, rule))

    years = pc.year(_plain(table, "event_date"))
    problems.append(_problem(table, pc.not_equal(years, pc.cast(_plain(table, "year"), pa.int64())),
                             "year", "year is not the year of event_date"))

    inter1 = _plain(table, "inter1").to_numpy(zero_copy_only=False).astype(np.int64)
    inter2 = _plain(table, "inter2").to_numpy(zero_copy_only=False).astype(np.int64)
    interaction = _plain(table, "interaction").to_numpy(zero_copy_only=False).astype(np.int64)
    problems.append(_problem(table, inter1 == 0, "inter1", "actor1 needs an actor type (1-8)"))
    no_actor2 = np.asarray(pc.is_null(_plain(table, "actor2")))
    problems.append(_problem(table, no_actor2 != (inter2 == 0), "inter2",
                             "inter2 must be 0 exactly when there is no actor2"))
    low, high = np.minimum(inter1, inter2), np.maximum(inter1, inter2)
    expected = np.where(low == 0, 10 * high, 10 * low + high)
    problems.append(_problem(table, expected != interaction, "interaction",
                             "interaction does not follow from inter1/inter2"))

    scale = _plain(table, "source_scale")
    unique_scales = [s for s in pc.unique(scale).to_pylist() if s is not None]
    bad_scales = [s for s in unique_scales if not is_valid_source_scale(s)]
    if bad_scales:
        problems.append(_problem(table, pc.is_in(scale, pa.array(bad_scales, pa.string())),
                                 "source_scale", "not an ACLED source scale"))

    ids = _plain(table, "event_id_cnty")
    problems.append(_problem(table, pc.invert(pc.match_substring_regex(ids, EVENT_ID_CNTY_PATTERN)),
                             "event_id_cnty", "not ISO alpha-3 + digits"))
    for name in ("event_id_cnty", "event_id"):
        problems.append(_duplicates(table, name))
    return [p for p in problems if p is not None]


def _duplicates(table: pa.Table, name: str) -> Problem | None:
    values = _plain(table, name)
    counts = pc.value_counts(values)
    repeated = counts.filter(pc.greater(counts.field("counts"), 1))
    if len(repeated) == 0:
        return None
    rows = int(pc.sum(repeated.field("counts")).as_py())
    return Problem(name, "duplicate id", rows, f"{repeated.field('values')[0].as_py()!r}")
