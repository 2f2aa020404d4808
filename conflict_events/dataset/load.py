"""load(): a release's events as the typed pandas frame, filters pushed down to Parquet.

Filters become a pyarrow.dataset expression, so Parquet row groups whose statistics exclude
them are never decoded. Row-group statistics are not used by Arrow for dictionary-encoded
columns (country, event_type, sub_event_type), so load() first keeps only the row groups whose
min/max of those columns can hold a wanted value, then lets the dataset scan apply the exact
filter. Rows are sorted by country then date (see write.py), so one country occupies few
row groups.

Before returning, the file's size and sha256 are checked against datapackage.json (hashing
runs in a second thread while Arrow reads) and its Arrow schema against the models'. A
verified file is remembered for the life of the process, keyed by inode, size, mtime and
ctime, so repeated loads do not hash again. verify=False skips both checks.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from conflict_events.dataset.release import (
    DATAPACKAGE,
    EVENTS_PARQUET,
    EVENTS_PART_PREFIX,
    EVENTS_PARTS,
    Resource,
    find_default_release,
    read_datapackage,
    release_folder,
    resources,
    verify_file,
)
from conflict_events.dataset.table import normalise, sort_table, table_to_frame
from conflict_events.errors import DatasetError, InputError
from conflict_events.schema.countries import country_by_name
from conflict_events.schema.descriptors import (
    METADATA_SCHEMA_VERSION,
    arrow_schema,
    columns_by_name,
    table_schema,
)
from conflict_events.schema.models import SCHEMA_VERSION
from conflict_events.schema.taxonomy import EventType, SubEventType

Values = str | Iterable[str] | None
DateLike = dt.date | str | pd.Timestamp | None


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    country: Values = None,
    start: DateLike = None,
    end: DateLike = None,
    event_type: Values = None,
    sub_event_type: Values = None,
    columns: Sequence[str] | None = None,
    verify: bool = True,
) -> pd.DataFrame:
    """Events of a release as a typed DataFrame.

    path: a release folder (or its events.parquet); default: the release shipped in the
    repository's data/ folder, or $CONFLICT_EVENTS_DATA. country: ACLED country names or ISO
    alpha-2/alpha-3 codes. start/end: inclusive bounds on event_date. event_type,
    sub_event_type: ACLED vocabulary values. columns: subset of columns, in that order.
    """
    folder, parquet = _locate(path, verify)
    wanted_columns = _columns(columns)
    filters = _filters(country, start, end, event_type, sub_event_type)
    if not parquet.is_file() and (folder / EVENTS_PARTS).is_dir():
        return table_to_frame(_read_partitioned(folder, wanted_columns, filters, verify))

    if not verify:
        return table_to_frame(_read(parquet, wanted_columns, filters))
    package = read_datapackage(folder)
    listed = resources(package, folder)
    events = listed.get("events")
    if events is None or events.path != EVENTS_PARQUET:
        raise DatasetError(f"{folder / DATAPACKAGE} lists no events.parquet resource")
    with ThreadPoolExecutor(max_workers=1) as pool:
        hashed = pool.submit(verify_file, folder, events)
        try:
            check_descriptor(folder, events)
            check_schema(parquet, events.rows)
            check_unique_ids(parquet)
            table = _read(parquet, wanted_columns, filters)
        finally:
            hashed.result()  # a checksum failure wins over any read error it explains
    return table_to_frame(table)


def _locate(path: str | os.PathLike[str] | None, verify: bool) -> tuple[Path, Path]:
    if path is None:
        folder = find_default_release()
        return folder, folder / EVENTS_PARQUET
    given = Path(path)
    if given.is_file() or given.suffix == ".parquet":
        if not given.is_file():
            raise DatasetError(f"{given} does not exist")
        if verify and not (given.parent / DATAPACKAGE).is_file():
            raise DatasetError(
                f"{given} has no {DATAPACKAGE} beside it, so it cannot be verified; load its "
                "release folder, or pass verify=False to read it unchecked"
            )
        return given.parent, given
    folder = release_folder(given)
    return folder, folder / EVENTS_PARQUET


# --- partitioned releases (events/year=Y/country=C/part-0.parquet, see release.py) ---------

def partition_files(folder: Path, verify: bool = True) -> list[tuple[Path, Resource | None]]:
    """The event files of a partitioned release with their datapackage.json entries (None
    when not verifying: then every Parquet file under events/ is read)."""
    if not verify:
        return [(p, None) for p in sorted((folder / EVENTS_PARTS).rglob("*.parquet"))]
    listed = resources(read_datapackage(folder), folder)
    parts = [r for r in listed.values() if r.name.startswith(EVENTS_PART_PREFIX)]
    return [(folder / r.path, r) for r in sorted(parts, key=lambda r: r.path)]


def _partition_values(path: Path) -> dict[str, str]:
    from urllib.parse import unquote

    return {key: unquote(value) for key, _, value in
            (part.partition("=") for part in path.parent.parts if "=" in part)}


def _may_match(path: Path, filters: dict[str, Any]) -> bool:
    values = _partition_values(path)
    if filters["country"] is not None and "country" in values and (
        values["country"] not in filters["country"]
    ):
        return False
    if "year" in values and values["year"].isdigit():
        year = int(values["year"])
        if filters["start"] is not None and year < filters["start"].year:
            return False
        if filters["end"] is not None and year > filters["end"].year:
            return False
    return True


def _read_partitioned(folder: Path, columns: list[str] | None, filters: dict[str, Any],
                      verify: bool) -> pa.Table:
    """All partitions as one plain table in the release order (SORT_KEY)."""
    tables = []
    files = partition_files(folder, verify)
    for path, resource in files:
        if not _may_match(path, filters):
            continue
        if resource is not None:
            verify_file(folder, resource)
            check_schema(path, resource.rows)
        tables.append(normalise(_read(path, None, filters)))
    if tables:
        table = sort_table(pa.concat_tables(tables))
    elif files:  # no rows: an empty slice keeps the file's types, as a single-file read does
        table = pq.read_table(files[0][0]).slice(0, 0)
    else:
        table = normalise(arrow_schema(plain=True).empty_table())
    return table.select(columns) if columns else table


def read_events(path: str | os.PathLike[str], *, verify: bool = True) -> pa.Table:
    """The plain canonical events table of a release, single-file or partitioned."""
    folder, parquet = _locate(path, verify)
    if not parquet.is_file() and (folder / EVENTS_PARTS).is_dir():
        return _read_partitioned(folder, None, _filters(None, None, None, None, None), verify)
    if verify:
        listed = resources(read_datapackage(folder), folder)
        events = listed.get("events")
        if events is None:
            raise DatasetError(f"{folder / DATAPACKAGE} lists no events.parquet resource")
        verify_file(folder, events)
        check_schema(parquet, events.rows)
    return sort_table(normalise(_read(parquet, None, _filters(None, None, None, None, None))))


def check_schema(parquet: Path, rows: int | None = None) -> pq.FileMetaData:
    """The file's Arrow schema and row count match the models and datapackage.json."""
    try:
        metadata = pq.read_metadata(parquet)
        schema = metadata.schema.to_arrow_schema()
    except (OSError, pa.ArrowInvalid) as exc:
        raise DatasetError(f"{parquet} is not a readable Parquet file: {exc}") from exc
    expected = arrow_schema()
    version = (schema.metadata or {}).get(METADATA_SCHEMA_VERSION)
    if version is None:
        raise DatasetError(f"{parquet} is not a conflict_events release file "
                           "(no schema version in its metadata)")
    if version.decode().split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise DatasetError(f"{parquet} has schema version {version.decode()}; this library "
                           f"reads {SCHEMA_VERSION}")
    actual = [(f.name, f.type) for f in schema]
    wanted = [(f.name, f.type) for f in expected]
    if actual != wanted:
        differences = [
            f"{name}: {typ}" for name, typ in actual if (name, typ) not in wanted
        ] + [f"missing {name}" for name, _ in wanted if name not in schema.names]
        raise DatasetError(f"{parquet} does not have the events schema: {differences[:5]}")
    if rows is not None and metadata.num_rows != rows:
        raise DatasetError(f"{parquet} holds {metadata.num_rows} rows; {DATAPACKAGE} "
                           f"records {rows}")
    return metadata


def check_descriptor(folder: Path, resource: Resource) -> None:
    """The fields datapackage.json records for an events file are the models' (name, type),
    so a reader going by datapackage.json sees the columns the file holds."""
    recorded = resource.descriptor.get("schema")
    fields = recorded.get("fields") if isinstance(recorded, dict) else None
    wanted = [(f["name"], f["type"]) for f in table_schema()["fields"]]
    try:
        actual = [(f["name"], f["type"]) for f in fields] if isinstance(fields, list) else None
    except (KeyError, TypeError):
        actual = None
    if actual != wanted:
        raise DatasetError(f"{folder / DATAPACKAGE}: the schema recorded for {resource.path} "
                           "is not the events schema of this library")


def check_unique_ids(parquet: Path) -> None:
    """Event ids are unique (read once per file version: the id column alone)."""
    key = (str(parquet.resolve()), parquet.stat().st_mtime_ns, parquet.stat().st_size)
    if key in _UNIQUE_CHECKED:
        return
    try:
        ids = pq.read_table(parquet, columns=["event_id"]).column("event_id")
    except (OSError, pa.ArrowInvalid) as exc:
        raise DatasetError(f"{parquet} cannot be read: {exc}") from exc
    if pc.count_distinct(ids).as_py() != len(ids):
        raise DatasetError(f"{parquet} holds duplicated event ids")
    _UNIQUE_CHECKED.add(key)


_UNIQUE_CHECKED: set[tuple[str, int, int]] = set()


# --- filters ----------------------------------------------------------------------------------

def _as_list(values: Values) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values]


def _vocabulary(name: str, values: Values, allowed: Iterable[str]) -> list[str] | None:
    chosen = _as_list(values)
    if chosen is None:
        return None
    allowed = list(allowed)
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise InputError(f"unknown {name} {unknown}; allowed: {allowed}", input_name=name)
    return chosen


def _countries(values: Values) -> list[str] | None:
    chosen = _as_list(values)
    if chosen is None:
        return None
    names = []
    for value in chosen:
        found = country_by_name(value)
        names.append(found.name if found else value)
    return names


def _day(value: DateLike, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"{value!r} is not an ISO date (YYYY-MM-DD)", input_name=name) from exc


def _filters(country: Values, start: DateLike, end: DateLike, event_type: Values,
             sub_event_type: Values) -> dict[str, Any]:
    return {
        "country": _countries(country),
        "event_type": _vocabulary("event_type", event_type, [e.value for e in EventType]),
        "sub_event_type": _vocabulary("sub_event_type", sub_event_type,
                                      [s.value for s in SubEventType]),
        "start": _day(start, "start"),
        "end": _day(end, "end"),
    }


def _columns(columns: Sequence[str] | None) -> list[str] | None:
    if columns is None:
        return None
    if isinstance(columns, str):
        columns = [columns]
    known = columns_by_name()
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise InputError(f"unknown columns {unknown}", input_name="columns")
    return list(columns)


def _expression(filters: dict[str, Any]) -> ds.Expression | None:
    parts: list[ds.Expression] = []
    for name in ("country", "event_type", "sub_event_type"):
        if filters[name] is not None:
            parts.append(ds.field(name).isin(pa.array(filters[name], pa.string())))
    if filters["start"] is not None:
        parts.append(ds.field("event_date") >= pa.scalar(filters["start"], pa.date32()))
    if filters["end"] is not None:
        parts.append(ds.field("event_date") <= pa.scalar(filters["end"], pa.date32()))
    if not parts:
        return None
    expression = parts[0]
    for part in parts[1:]:
        expression = expression & part
    return expression


def _row_groups(metadata: pq.FileMetaData, filters: dict[str, Any]) -> list[int] | None:
    """Row groups whose min/max statistics can hold the wanted values of the dictionary
    columns filtered on (Arrow does not prune those itself)."""
    wanted = {n: filters[n] for n in ("country", "event_type", "sub_event_type") if filters[n]}
    if not wanted:
        return None
    positions = {metadata.schema.column(i).name: i for i in range(metadata.num_columns)}
    keep = []
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        possible = True
        for name, values in wanted.items():
            stats = row_group.column(positions[name]).statistics
            if stats is None or not stats.has_min_max:
                continue
            low, high = stats.min, stats.max
            if isinstance(low, bytes):
                low, high = low.decode("utf-8"), high.decode("utf-8")
            if not any(low <= v <= high for v in values):
                possible = False
                break
        if possible:
            keep.append(group)
    return keep


def _read(parquet: Path, columns: list[str] | None,
          filters: dict[str, Any]) -> pa.Table:
    expression = _expression(filters)
    try:
        fmt = ds.ParquetFileFormat()
        if expression is None:
            return pq.read_table(parquet, columns=columns)
        groups = _row_groups(pq.read_metadata(parquet), filters)
        fragment = fmt.make_fragment(str(parquet), filesystem=pafs.LocalFileSystem(),
                                     row_groups=groups)
        dataset = ds.FileSystemDataset([fragment], fragment.physical_schema, fmt,
                                       pafs.LocalFileSystem())
        return dataset.to_table(columns=columns, filter=expression)
    except (OSError, pa.ArrowInvalid) as exc:
        raise DatasetError(f"{parquet} cannot be read: {exc}") from exc
