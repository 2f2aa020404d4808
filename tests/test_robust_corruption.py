"""Every kind of corruption these tests can make to a release is detected, by ce.load and by
`conflict-events validate`: truncated and bit-flipped files, a column of the wrong type, an
unknown sub-event type, duplicated event ids, a datapackage.json that disagrees with the files
(size, hash, row count, schema) and missing files. Rewrites that also update
datapackage.json's size and hash ("consistent tampering") must be caught by the content checks.

    python -m pytest tests/test_robust_corruption.py -q -s   # prints the detection table"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from _events import many_events

import conflict_events as ce
from conflict_events.cli.main import main
from conflict_events.dataset.release import forget_verified
from conflict_events.errors import ConflictEventsError


def _package(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "datapackage.json").read_text())


def _save_package(folder: Path, package: dict[str, Any]) -> None:
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2))


def _rehash(folder: Path, name: str) -> None:
    """Make datapackage.json agree with the bytes of NAME (a consistent tamper)."""
    package = _package(folder)
    data = (folder / name).read_bytes()
    for entry in package["resources"]:
        if entry["path"] == name:
            entry["bytes"] = len(data)
            entry["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
            entry["rows"] = pq.read_metadata(folder / name).num_rows
    _save_package(folder, package)


def _flip(folder: Path, name: str, where: float = 0.5) -> None:
    path = folder / name
    data = bytearray(path.read_bytes())
    index = int(len(data) * where)
    data[index] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(folder: Path, name: str) -> None:
    path = folder / name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _rewrite_events(folder: Path, change: Callable[[pa.Table], pa.Table]) -> None:
    """Rewrite events.parquet with CHANGE applied, keeping its metadata, then rehash."""
    path = folder / "events.parquet"
    table = pq.read_table(path)
    pq.write_table(change(table), path)
    _rehash(folder, "events.parquet")


def _set_column(table: pa.Table, name: str, values: pa.Array) -> pa.Table:
    index = table.schema.get_field_index(name)
    return table.set_column(index, pa.field(name, values.type), values)


def _wrong_type(table: pa.Table) -> pa.Table:
    as_text = pc.cast(table["fatalities"], pa.string()).combine_chunks()
    return _set_column(table, "fatalities", as_text)


def _unknown_sub_event(table: pa.Table) -> pa.Table:
    values = table["sub_event_type"].cast(pa.string()).to_pylist()
    values[0] = "Alien invasion"
    return _set_column(table, "sub_event_type",
                       pa.array(values).dictionary_encode().cast(table.schema.field(
                           "sub_event_type").type))


def _duplicate_ids(table: pa.Table) -> pa.Table:
    return pa.concat_tables([table, table.slice(0, 1)])


def _package_field(key: str, value: object, name: str = "events.parquet") -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        package = _package(folder)
        for entry in package["resources"]:
            if entry["path"] == name:
                entry[key] = value(entry[key]) if callable(value) else value
        _save_package(folder, package)
    return change


def _package_schema(folder: Path) -> None:
    package = _package(folder)
    for entry in package["resources"]:
        if entry["path"] == "events.parquet":
            entry["schema"]["fields"] = entry["schema"]["fields"][:-1]
    _save_package(folder, package)


def _garble(path: Path) -> None:
    path.write_text("{not json")


def _remove(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).unlink()


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "events.parquet truncated": lambda f: _truncate(f, "events.parquet"),
    "events.parquet byte flipped": lambda f: _flip(f, "events.parquet"),
    "events.parquet footer byte flipped": lambda f: _flip(f, "events.parquet", 0.995),
    "events.csv byte flipped": lambda f: _flip(f, "events.csv"),
    "events.csv truncated": lambda f: _truncate(f, "events.csv"),
    "articles.parquet byte flipped": lambda f: _flip(f, "articles.parquet"),
    "column of the wrong type (rehashed)": lambda f: _rewrite_events(f, _wrong_type),
    "unknown sub-event type (rehashed)": lambda f: _rewrite_events(f, _unknown_sub_event),
    "duplicated event ids (rehashed)": lambda f: _rewrite_events(f, _duplicate_ids),
    "datapackage size disagrees": _package_field("bytes", lambda b: b + 1),
    "datapackage hash disagrees": _package_field("hash", "sha256:" + "0" * 64),
    "datapackage row count disagrees": _package_field("rows", lambda r: r + 1),
    "datapackage schema disagrees": _package_schema,
    "datapackage.json not JSON": lambda f: _garble(f / "datapackage.json"),
    "datapackage.json missing": _remove("datapackage.json"),
    "events.parquet missing": _remove("events.parquet"),
    "events.csv missing": _remove("events.csv"),
    "articles.parquet missing": _remove("articles.parquet"),
}
# What ce.load reads: the events. Corruption of the other files is validate's job.
LOAD_READS = {name for name in CORRUPTIONS
              if not name.startswith(("events.csv", "articles.parquet"))}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pristine") / "release"
    ce.write_dataset(many_events(40), folder)
    assert ce.validate_release(folder).ok
    return folder


def _corrupted(pristine: Path, tmp_path: Path, kind: str) -> Path:
    folder = tmp_path / "release"
    shutil.copytree(pristine, folder)
    CORRUPTIONS[kind](folder)
    forget_verified()
    return folder


def _load_detects(folder: Path) -> bool:
    try:
        ce.load(folder)
    except ConflictEventsError:
        return True
    return False


def _validate_detects(folder: Path) -> bool:
    try:
        report_ok = ce.validate_release(folder).ok
    except ConflictEventsError:
        report_ok = False  # a typed error is a detection too, though validate should report
    return not report_ok and main(["validate", str(folder)]) != 0


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_validate_detects(pristine: Path, tmp_path: Path, kind: str) -> None:
    assert _validate_detects(_corrupted(pristine, tmp_path, kind)), kind


@pytest.mark.parametrize("kind", sorted(LOAD_READS))
def test_load_detects(pristine: Path, tmp_path: Path, kind: str) -> None:
    assert _load_detects(_corrupted(pristine, tmp_path, kind)), kind


def test_detection_table(pristine: Path, tmp_path: Path) -> None:
    """The table of docs/reliability.md (run with -s to print it)."""
    rows = []
    for number, kind in enumerate(sorted(CORRUPTIONS)):
        folder = _corrupted(pristine, tmp_path / str(number), kind)
        by_load = "yes" if _load_detects(folder) else (
            "n/a" if kind not in LOAD_READS else "NO")
        rows.append(f"| {kind} | {by_load} | {'yes' if _validate_detects(folder) else 'NO'} |")
    print("\n| corruption | ce.load | conflict-events validate |\n|---|---|---|")
    print("\n".join(rows))
    assert not any("NO" in row for row in rows)
