"""events.csv: the canonical table as UTF-8 CSV with ACLED's columns first.

List fields are joined with "; " (evidence items as "article:start-end"). Text cells that a
spreadsheet would run as a formula are neutralised with a leading apostrophe: a cell matching
^'*[=+\\-@] gets one more "'" in front. Reading removes exactly one, so the rule is reversible
(a value that genuinely starts with "'=" survives the round trip). Parquet keeps raw values.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from conflict_events.dataset.table import normalise
from conflict_events.errors import DatasetError
from conflict_events.schema.descriptors import EVIDENCE_TYPE, event_columns

FORMULA_PATTERN = r"^'*[=+\-@]"
NEUTRALISED_PATTERN = r"^'+[=+\-@]"


def neutralise(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    risky = pc.fill_null(pc.match_substring_regex(values, FORMULA_PATTERN), False)
    if not pc.any(risky).as_py():
        return values
    return pc.if_else(risky, pc.binary_join_element_wise("'", values, ""), values)


def restore(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    marked = pc.fill_null(pc.match_substring_regex(values, NEUTRALISED_PATTERN), False)
    if not pc.any(marked).as_py():
        return values
    return pc.if_else(marked, pc.utf8_slice_codeunits(values, 1), values)


def _join_evidence(values: pa.ChunkedArray) -> pa.Array:
    lists = values.combine_chunks()
    if isinstance(lists, pa.ChunkedArray):  # pragma: no cover - empty chunked arrays
        lists = pa.concat_arrays(lists.chunks) if lists.chunks else pa.array([], lists.type)
    flat = lists.flatten()
    span = pc.binary_join_element_wise(
        pc.cast(flat.field("start"), pa.string()), pc.cast(flat.field("end"), pa.string()), "-"
    )
    items = pc.binary_join_element_wise(flat.field("article_id"), span, ":")
    offsets = pc.subtract(lists.offsets, lists.offsets[0])
    return pc.binary_join(pa.ListArray.from_arrays(offsets, items), "; ")


def to_csv_table(table: pa.Table) -> pa.Table:
    """Canonical plain table -> all-text-safe table for CSV."""
    arrays = []
    for column in event_columns():
        values = table.column(column.name)
        if column.kind == "list":
            values = pc.binary_join(values, "; ")
        elif column.kind == "evidence":
            values = _join_evidence(values)
        if pa.types.is_string(values.type):
            values = neutralise(values)
        arrays.append(values)
    return pa.Table.from_arrays(arrays, names=[c.name for c in event_columns()])


def write_csv(table: pa.Table, path: Path | IO[bytes], *, header: bool = True) -> None:
    """events.csv of TABLE (header=False: the rows alone, a piece of a larger file)."""
    options = pacsv.WriteOptions(include_header=header, quoting_style="needed")
    pacsv.write_csv(to_csv_table(table), path, write_options=options)


def _split(values: pa.ChunkedArray) -> pa.ChunkedArray:
    values = pc.fill_null(values, "")
    parts = pc.split_pattern(values, "; ")
    # "" splits into [""]: an empty cell is an empty list.
    return pc.if_else(pc.equal(values, ""), pa.scalar([], pa.list_(pa.string())), parts)


def _parse_evidence(values: pa.ChunkedArray, name: str) -> pa.Array:
    lists = _split(values).combine_chunks()
    flat = lists.flatten()
    parsed = pc.extract_regex(flat, r"^(?P<article_id>.+):(?P<start>\d+)-(?P<end>\d+)$")
    if parsed.null_count:
        bad = flat.filter(pc.is_null(parsed))[0].as_py()
        raise DatasetError(f"{name}: evidence item {bad!r} is not ARTICLE:START-END")
    structs = pa.StructArray.from_arrays(
        [parsed.field("article_id"), pc.cast(parsed.field("start"), pa.int32()),
         pc.cast(parsed.field("end"), pa.int32())],
        fields=list(EVIDENCE_TYPE),
    )
    offsets = pc.subtract(lists.offsets, lists.offsets[0])
    return pa.ListArray.from_arrays(offsets, structs, type=pa.list_(EVIDENCE_TYPE))


def read_csv(source: Path | IO[bytes] | bytes) -> pa.Table:
    """events.csv (as written by write_csv) -> the canonical plain table."""
    name = str(source) if isinstance(source, Path) else "events.csv"
    column_types: dict[str, pa.DataType] = {
        c.name: (pa.string() if c.kind in ("list", "evidence") else c.plain_type)
        for c in event_columns()
    }
    convert = pacsv.ConvertOptions(
        column_types=column_types, strings_can_be_null=True, quoted_strings_can_be_null=True,
        null_values=[""],  # only an empty cell is null: "NULL" or "NA" may be real text
        include_columns=list(column_types),
    )
    data: Path | IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        # Notes may hold line breaks inside quotes; the parser must not split blocks there.
        parse = pacsv.ParseOptions(newlines_in_values=True)
        table = pacsv.read_csv(data, convert_options=convert, parse_options=parse)
    except (pa.ArrowInvalid, pa.ArrowKeyError, KeyError) as exc:
        raise DatasetError(f"{name} is not an events CSV of this schema: {exc}") from exc
    arrays = {}
    for column in event_columns():
        values = table.column(column.name)
        if pa.types.is_string(values.type):
            values = restore(values)
        if column.kind == "list":
            values = _split(values)
        elif column.kind == "evidence":
            values = _parse_evidence(values, name)
        arrays[column.name] = values
    return normalise(pa.table(arrays))
