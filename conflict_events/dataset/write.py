"""write_dataset: a release folder, written atomically and deterministically.

Atomic: every file is written into a staging folder beside the target (same file system),
fsynced, then swapped in with two renames (target -> backup, staging -> target) and the backup
removed. An exception before the swap leaves the previous release untouched; a crash between
the two renames leaves the backup, which load() and the next write_dataset() recover.

Deterministic: rows are sorted by SORT_KEY (country, event_date, event_id_cnty, event_id),
dictionaries are built after sorting, and no clock time enters the data files. datapackage.json
records `created`: the value passed, else the latest event timestamp (so the same events give
the same datapackage.json too), omitted when no event has a timestamp.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from conflict_events._version import __version__
from conflict_events.dataset.articles import ArticleRecord, articles_table, articles_table_schema
from conflict_events.dataset.checks import check_events
from conflict_events.dataset.csvfile import write_csv
from conflict_events.dataset.release import (
    ARTICLES_PARQUET,
    DATAPACKAGE,
    EVENTS_CSV,
    EVENTS_PARQUET,
    EVENTS_PART_PREFIX,
    EVENTS_PARTS,
    PACKAGE_PROFILE,
    backup_path,
    sha256_file,
    staging_prefix,
)
from conflict_events.dataset.table import (
    encode,
    events_to_table,
    frame_to_table,
    normalise,
    sort_table,
)
from conflict_events.errors import DatasetError, InputError, ReleaseWriteError, SchemaError
from conflict_events.schema.descriptors import (
    DICTIONARY_COLUMNS,
    SORT_KEY,
    table_schema,
)
from conflict_events.schema.models import SCHEMA_VERSION, Event

# 64k rows per row group: a country's rows fall in few groups, so a country filter reads a
# small part of the file (load() prunes row groups by their min/max country). Each row group
# carries its own dictionaries (table.encode).
ROW_GROUP_SIZE = 65_536
COMPRESSION = "zstd"
COMPRESSION_LEVEL = 3
FORMATS = ("parquet", "csv")


def write_dataset(
    events_or_frame: Iterable[Event] | pd.DataFrame | pa.Table,
    folder: str | os.PathLike[str],
    formats: Sequence[str] = FORMATS,
    articles: Iterable[ArticleRecord] | pa.Table | None = None,
    *,
    created: dt.datetime | str | None = None,
    partition_by: Sequence[str] = (),
    extra_files: Mapping[str, bytes] | None = None,
) -> Path:
    """Write a release (events.parquet, events.csv, articles.parquet, datapackage.json) into
    FOLDER, replacing the release there. Returns the folder.

    partition_by: columns (e.g. ("year", "country")) to split the events into hive-style
    files events/year=Y/country=C/part-0.parquet instead of one events.parquet (release.py).
    extra_files: further files of the release (name -> bytes, e.g. a changelog.jsonl), written
    and swapped in with the rest and listed in datapackage.json with their checksums.

    Raises SchemaError when an event breaks a coding rule, DatasetError when FOLDER holds
    files that are not a release (they are never overwritten)."""
    target = Path(folder)
    if isinstance(formats, str):
        formats = (formats,)
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        raise InputError(f"formats must be a non-empty subset of {FORMATS}, got {list(formats)}")
    if "parquet" not in formats:
        raise InputError("a release always holds events.parquet: include 'parquet' in formats")

    table = _plain_table(events_or_frame)
    problems = check_events(table)
    if problems:
        listed = "\n  ".join(str(p) for p in problems)
        raise SchemaError(f"{len(problems)} rule(s) broken, nothing written:\n  {listed}")
    table = sort_table(table)
    article_rows = articles_table(articles if articles is not None else [])

    staging = open_staging(target)
    with staged(staging, target):
        files: list[dict[str, Any]] = []
        if partition_by:
            files.extend(_write_partitions(table, staging, list(partition_by)))
        else:
            _write_parquet(encode(table, ROW_GROUP_SIZE), staging / EVENTS_PARQUET)
            files.append(_resource("events", EVENTS_PARQUET, staging, table.num_rows,
                                   table_schema(), "parquet"))
        if "csv" in formats:
            write_csv(table, staging / EVENTS_CSV)
            files.append(csv_resource(staging, table.num_rows))
        commit_staging(staging, target, files, article_rows, created=_created(created, table),
                       partition_by=partition_by, extra_files=extra_files)
    return target


# --- the steps of a write, also used by writers that fill the staging folder in parallel ------

def open_staging(target: Path) -> Path:
    """A new, empty staging folder beside TARGET (after finishing an interrupted swap there
    and refusing a TARGET that is not a release)."""
    _recover(target)
    _refuse_foreign(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f"{staging_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    return staging


@contextlib.contextmanager
def staged(staging: Path, target: Path) -> Iterator[None]:
    """Remove STAGING when the block fails; an OSError (disk full, permissions) becomes a
    ReleaseWriteError, and the previous release stays."""
    try:
        yield
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ReleaseWriteError(f"cannot write the release {target}: {exc}; the previous "
                                "release there is unchanged") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_partition(rows: pa.Table, staging: Path, columns: Sequence[str],
                    key: Sequence[Any]) -> dict[str, Any]:
    """Write the release-ordered ROWS of one partition KEY (values of COLUMNS) to its
    hive-style file; its datapackage resource, named by partition_resource_names()."""
    folder = "/".join(f"{c}={quote(str(v), safe='')}" for c, v in zip(columns, key, strict=True))
    relative = f"{EVENTS_PARTS}/{folder}/part-0.parquet"
    (staging / relative).parent.mkdir(parents=True, exist_ok=True)
    _write_parquet(encode(rows, ROW_GROUP_SIZE), staging / relative)
    return _resource("", relative, staging, rows.num_rows, table_schema(), "parquet")


def partition_resource_names(files: list[dict[str, Any]], keys: list[tuple[Any, ...]],
                             ) -> list[dict[str, Any]]:
    """The partition resources in key order, named events-part-NNNNN by that order."""
    ordered = sorted(zip(keys, files, strict=True), key=lambda pair: pair[0])
    return [{**entry, "name": f"{EVENTS_PART_PREFIX}{number:05d}"}
            for number, (_, entry) in enumerate(ordered)]


def csv_resource(staging: Path, rows: int) -> dict[str, Any]:
    return _resource("events_csv", EVENTS_CSV, staging, rows, table_schema(), "csv")


def commit_staging(staging: Path, target: Path, files: list[dict[str, Any]],
                   article_rows: pa.Table, *, created: str | None,
                   partition_by: Sequence[str] = (),
                   extra_files: Mapping[str, bytes] | None = None) -> None:
    """Finish the staging folder (articles.parquet, extra files, datapackage.json, the
    release's other files), fsync it and swap it in for TARGET."""
    files = list(files)
    _write_parquet(article_rows, staging / ARTICLES_PARQUET)
    files.append(_resource("articles", ARTICLES_PARQUET, staging, article_rows.num_rows,
                           articles_table_schema(), "parquet"))
    for name, content in sorted((extra_files or {}).items()):
        (staging / name).write_bytes(content)
        files.append(_extra_resource(name, staging, content))
    package = _datapackage(files, created, list(partition_by))
    (staging / DATAPACKAGE).write_text(
        json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    _carry_other_files(target, staging, set(extra_files or ()))
    _fsync_tree(staging)
    _swap(staging, target)


def _plain_table(data: Iterable[Event] | pd.DataFrame | pa.Table) -> pa.Table:
    if isinstance(data, pd.DataFrame):
        return frame_to_table(data)
    if isinstance(data, pa.Table):
        return normalise(data)
    events = list(data)
    bad = next((e for e in events if not isinstance(e, Event)), None)
    if bad is not None:
        raise InputError(f"write_dataset takes Events or a DataFrame, got {type(bad).__name__}")
    return events_to_table(events)


def _write_parquet(table: pa.Table, path: Path) -> None:
    dictionary = [f.name for f in table.schema if pa.types.is_dictionary(f.type)]
    pq.write_table(
        table, path, compression=COMPRESSION, compression_level=COMPRESSION_LEVEL,
        row_group_size=ROW_GROUP_SIZE, use_dictionary=dictionary or False,
        write_statistics=True, store_schema=True,
    )


def partition_keys(table: pa.Table, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    unknown = [c for c in columns if c not in table.column_names]
    if unknown:
        raise InputError(f"cannot partition by unknown columns {unknown}")
    return sorted(set(zip(*(table.column(c).to_pylist() for c in columns), strict=True)))


def partition_rows(table: pa.Table, columns: Sequence[str], key: Sequence[Any]) -> pa.Table:
    """The rows of one partition, in the order of TABLE."""
    mask = None
    for column, value in zip(columns, key, strict=True):
        part = pc.equal(table.column(column), pa.scalar(value))
        mask = part if mask is None else pc.and_(mask, part)
    return table.filter(mask)


def _write_partitions(table: pa.Table, staging: Path, columns: list[str]) -> list[dict[str, Any]]:
    """One file per distinct value combination, in sorted order; rows keep the release order."""
    keys = partition_keys(table, columns)
    files = [write_partition(partition_rows(table, columns, key), staging, columns, key)
             for key in keys]
    return partition_resource_names(files, keys)


def _extra_resource(name: str, folder: Path, content: bytes) -> dict[str, Any]:
    if "/" in name or name in _RELEASE_FILES or name in ("", ".", ".."):
        raise InputError(f"{name!r} cannot be an extra file of a release")
    return {
        "name": Path(name).stem.lower().replace("_", "-"),
        "path": name,
        "format": Path(name).suffix.lstrip(".") or "txt",
        "bytes": len(content),
        "hash": f"sha256:{sha256_file(folder / name)}",
        "rows": content.count(b"\n"),
    }


def _resource(name: str, file_name: str, folder: Path, rows: int, schema: dict[str, Any],
              fmt: str) -> dict[str, Any]:
    path = folder / file_name
    entry: dict[str, Any] = {
        "name": name,
        "path": file_name,
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
    }
    if fmt == "csv":
        entry["encoding"] = "utf-8"
        entry["dialect"] = {"delimiter": ",", "header": True, "quoteChar": '"',
                            "doubleQuote": True, "lineTerminator": "\n"}
    entry.update({
        "bytes": path.stat().st_size,
        "hash": f"sha256:{sha256_file(path)}",
        "rows": rows,
        "schema": schema,
    })
    return entry


def _created(created: dt.datetime | str | None, table: pa.Table) -> str | None:
    if isinstance(created, str):
        return created
    if isinstance(created, dt.datetime):
        moment = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return created_from(pc.max(table.column("timestamp")).as_py() if table.num_rows else None)


def created_from(latest_timestamp: int | None) -> str | None:
    """datapackage.json's `created` from the latest event timestamp (None: no timestamp)."""
    if not latest_timestamp:
        return None
    return dt.datetime.fromtimestamp(latest_timestamp, dt.UTC).isoformat().replace("+00:00", "Z")


def _datapackage(files: list[dict[str, Any]], created: str | None,
                 partition_by: list[str]) -> dict[str, Any]:
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "conflict-events",
        "title": "ACLED-coded political violence and protest events extracted from news",
        "version": __version__,
    }
    if created is not None:
        package["created"] = created
    package["conflict_events"] = {
        "profile": PACKAGE_PROFILE,
        "schema_version": SCHEMA_VERSION,
        "package_version": __version__,
        "sort_key": list(SORT_KEY),
        "dictionary_columns": sorted(DICTIONARY_COLUMNS),
        "csv_formula_rule": "text cells matching ^'*[=+\\-@] get one leading apostrophe",
    }
    if partition_by:
        package["conflict_events"]["partitioning"] = partition_by
    package["resources"] = files
    return package


# --- the swap ------------------------------------------------------------------------------

_RELEASE_FILES = {EVENTS_PARQUET, EVENTS_CSV, ARTICLES_PARQUET, DATAPACKAGE}


def _recover(target: Path) -> None:
    """Finish what an interrupted swap left: restore or drop the backup."""
    backup = backup_path(target)
    if not backup.exists():
        return
    if (target / DATAPACKAGE).is_file():
        shutil.rmtree(backup)  # the new release made it in; the backup is stale
    elif not target.exists():
        os.replace(backup, target)


def _refuse_foreign(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise DatasetError(f"{target} is a file, not a release folder")
    if (target / DATAPACKAGE).is_file():
        return
    foreign = [p.name for p in target.iterdir() if not _carried(p.name)]
    if foreign:
        raise DatasetError(
            f"{target} holds files but no {DATAPACKAGE}: not a release, refusing to replace "
            f"it (found {sorted(foreign)[:5]})"
        )


def _carried(name: str) -> bool:
    """Non-release files kept across releases: hidden files and READMEs."""
    return name.startswith(".") or name.upper().startswith("README")


def _carry_other_files(target: Path, staging: Path, written: set[str]) -> None:
    if not target.is_dir():
        return
    for path in target.iterdir():
        if path.name not in _RELEASE_FILES and path.name not in written and path.is_file():
            shutil.copy2(path, staging / path.name)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir():
            _fsync_tree(path)
            continue
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swap(staging: Path, target: Path) -> None:
    backup = backup_path(target)
    if target.exists():
        os.replace(target, backup)
        try:
            os.replace(staging, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.replace(backup, target)
            raise
    else:
        os.replace(staging, target)
    _fsync_dir(target.parent)
    shutil.rmtree(backup, ignore_errors=True)
