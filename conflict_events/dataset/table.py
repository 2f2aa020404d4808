"""The events table in Arrow, column-wise: from Event objects or a pandas frame to the
canonical Arrow table of a release, and from Arrow to the typed pandas frame.

Canonical form: the columns of schema.descriptors.event_columns() in order; blank text in a
nullable column is null; '; '-joined list fields are null when empty; article_ids and evidence
are lists (possibly empty, never null). Dictionary encoding is applied last, after sorting, so
that the dictionaries (and therefore the file bytes) depend only on the rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_events.errors import SchemaError
from conflict_events.schema.descriptors import (
    EVIDENCE_TYPE,
    SORT_KEY,
    Column,
    arrow_schema,
    columns_by_name,
    event_columns,
)
from conflict_events.schema.models import Event

# pandas dtypes of the loaded frame, by Arrow type (see docs/schema.md, "Loaded dtypes").
_INT_DTYPES: dict[pa.DataType, pd.api.extensions.ExtensionDtype] = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
}
STRING_DTYPE = pd.StringDtype("pyarrow")
DATE_DTYPE = np.dtype("datetime64[ns]")


# --- building the plain table ------------------------------------------------------------

def events_to_table(events: Iterable[Event]) -> pa.Table:
    """Event objects to the canonical (plain, unsorted) Arrow table."""
    rows = [event.model_dump(mode="python") for event in events]
    arrays: dict[str, pa.Array] = {}
    for column in event_columns():
        values = [row[column.name] for row in rows]
        if column.kind == "joined":
            values = ["; ".join(v) if v else None for v in values]
        elif column.kind == "evidence":
            values = [[dict(e) for e in v] for v in values]
        elif column.enum is not None and column.kind == "text":
            values = [None if v is None else str(v) for v in values]
        elif column.kind == "int":
            values = [None if v is None else int(v) for v in values]
        arrays[column.name] = pa.array(values, type=column.plain_type)
    return normalise(pa.table(arrays))


def _series_to_arrow(series: pd.Series, column: Column) -> pa.Array | pa.ChunkedArray:
    target = column.plain_type
    if isinstance(series.dtype, pd.CategoricalDtype):
        try:  # dictionary array straight from the codes, then decoded
            return pa.array(series, from_pandas=True).cast(target)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            values = series.astype(object).where(series.notna(), None)
            return pa.array(values, type=target, from_pandas=True)
    if column.kind == "date":
        if not pd.api.types.is_datetime64_any_dtype(series.dtype):
            if isinstance(series.dtype, pd.ArrowDtype):
                return pa.array(series, from_pandas=True).cast(target)
            series = pd.to_datetime(series, errors="raise")
        return pa.array(series.dt.tz_localize(None) if series.dt.tz else series,
                        from_pandas=True).cast(target)
    if column.kind in ("list", "evidence"):
        if isinstance(series.dtype, pd.ArrowDtype):
            return pa.array(series, from_pandas=True).cast(target)
        cells = [_list_cell(v, column) for v in series.astype(object).tolist()]
        return pa.array(cells, type=target)
    if column.kind == "joined" and series.dtype == object:
        values = series.map(lambda v: "; ".join(v) if isinstance(v, list | tuple) else v)
        return pa.array(values, type=target, from_pandas=True)
    if column.kind == "int" and pd.api.types.is_float_dtype(series.dtype):
        finite = series.dropna()
        if not (finite == np.floor(finite)).all():
            raise SchemaError(f"column {column.name!r} holds non-integer values")
    try:
        return pa.array(series, type=target, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise SchemaError(f"column {column.name!r} cannot be read as {target}: {exc}") from exc


def _list_cell(value: Any, column: Column) -> list[Any]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(";") if p.strip()]
        if column.kind == "evidence":
            from conflict_events.schema.models import Evidence

            return [Evidence.parse(p).model_dump() for p in parts]
        return parts
    items = list(value)
    if column.kind == "evidence":
        return [e.model_dump() if hasattr(e, "model_dump") else dict(e) for e in items]
    return [str(item) for item in items]


def frame_to_table(frame: pd.DataFrame) -> pa.Table:
    """A frame with the release's columns (any reasonable dtypes) to the canonical table."""
    missing = [c.name for c in event_columns() if c.name not in frame.columns]
    if missing:
        raise SchemaError(f"frame lacks the columns {missing}")
    arrays = {c.name: _series_to_arrow(frame[c.name], c) for c in event_columns()}
    return normalise(pa.table(arrays))


def normalise(table: pa.Table) -> pa.Table:
    """Plain table in canonical form: column order and types, blank -> null in nullable text
    columns, null -> "" / [] where the column is not nullable, nulls checked."""
    arrays = []
    for column in event_columns():
        values = table.column(column.name)
        if pa.types.is_dictionary(values.type):
            values = values.cast(column.plain_type)
        elif values.type != column.plain_type:
            try:
                values = values.cast(column.plain_type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise SchemaError(
                    f"column {column.name!r} cannot be cast to {column.plain_type}: {exc}"
                ) from exc
        if column.kind in ("text", "joined") and column.nullable:
            values = pc.if_else(pc.equal(pc.utf8_trim_whitespace(values), ""), None, values)
        elif column.kind in ("list", "evidence"):
            values = pc.fill_null(values, pa.scalar([], type=column.plain_type))
        elif column.name == "notes":
            values = pc.fill_null(values, "")
        if not column.nullable and values.null_count:
            raise SchemaError(
                f"column {column.name!r} has {values.null_count} missing values; it is required"
            )
        arrays.append(values)
    return pa.Table.from_arrays(arrays, schema=arrow_schema(plain=True))


def sort_table(table: pa.Table) -> pa.Table:
    """Rows in the release order (SORT_KEY, ascending)."""
    return table.sort_by([(name, "ascending") for name in SORT_KEY])


def encode(table: pa.Table, chunk_rows: int | None = None) -> pa.Table:
    """Plain canonical table -> the Arrow schema of events.parquet (dictionary columns).

    With chunk_rows, each slice of that many rows gets its own dictionaries (written one per
    Parquet row group), holding only the values of those rows: a smaller file, and a
    filtered read decodes small dictionaries. Dictionaries are in order of first appearance,
    so they depend only on the rows."""
    schema = arrow_schema()
    size = chunk_rows or max(table.num_rows, 1)
    parts = []
    for offset in range(0, max(table.num_rows, 1), size):
        piece = table.slice(offset, size)
        arrays = []
        for column in event_columns():
            values = piece.column(column.name).combine_chunks()
            if column.dictionary:
                values = pc.dictionary_encode(values).cast(column.arrow_type)
            arrays.append(values)
        parts.append(pa.Table.from_arrays(arrays, schema=schema))
    return pa.concat_tables(parts)


# --- Arrow -> pandas -----------------------------------------------------------------------

def _types_mapper(arrow_type: pa.DataType) -> Any:
    if arrow_type in _INT_DTYPES:
        return _INT_DTYPES[arrow_type]
    if arrow_type == pa.string() or arrow_type == pa.large_string():
        return STRING_DTYPE
    if pa.types.is_list(arrow_type):
        return pd.ArrowDtype(arrow_type)
    return None


def table_to_frame(table: pa.Table) -> pd.DataFrame:
    """Arrow table (plain or encoded, any subset of columns) to the typed frame:
    categoricals for dictionary columns (enum columns list every allowed value in
    vocabulary order; other categories sorted), datetime64[ns] event_date, nullable
    integers, float64 coordinates, pyarrow-backed strings, Arrow lists for provenance."""
    specs = columns_by_name()
    for name in table.column_names:
        spec = specs.get(name)
        if spec is not None and spec.dictionary and not pa.types.is_dictionary(
            table.schema.field(name).type
        ):
            index = table.schema.get_field_index(name)
            table = table.set_column(
                index, pa.field(name, spec.arrow_type),
                pc.dictionary_encode(table.column(name)).cast(spec.arrow_type),
            )
    frame = table.to_pandas(
        types_mapper=_types_mapper, date_as_object=False, split_blocks=True,
        self_destruct=False, ignore_metadata=True,
    )
    for name in frame.columns:
        spec = specs.get(name)
        if spec is None:
            continue
        series = frame[name]
        if spec.dictionary:
            frame[name] = _canonical_categories(series, spec)
        elif spec.kind == "date":
            frame[name] = series.astype(DATE_DTYPE)
        elif isinstance(series.dtype, np.dtype) and not series.to_numpy().flags.writeable:
            # Zero-copy Arrow buffers are read-only; users expect to assign into a frame.
            frame[name] = series.to_numpy().copy()
    return frame


def _canonical_categories(series: pd.Series, spec: Column) -> pd.Series:
    current = series.cat.categories
    if spec.enum is not None:
        wanted = pd.Index(list(spec.enum), dtype=current.dtype)
        unknown = current.difference(wanted)
        if len(unknown):
            raise SchemaError(
                f"column {spec.name!r} has values outside its vocabulary: {list(unknown)}"
            )
    else:
        wanted = current.sort_values()
    if current.equals(wanted):
        return series
    return series.cat.set_categories(wanted)


__all__ = [
    "DATE_DTYPE",
    "EVIDENCE_TYPE",
    "STRING_DTYPE",
    "encode",
    "events_to_table",
    "frame_to_table",
    "normalise",
    "sort_table",
    "table_to_frame",
]
