"""validate_release: everything that must hold in a release folder, reported check by check.

Files: datapackage.json readable; every resource present with the recorded bytes, sha256 and
row count. events.parquet: the models' Arrow schema, the coding rules of Event (vectorised,
checks.py) and unique ids. events.csv: ACLED's header order, and the same rows as the Parquet.
articles.parquet: its schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from conflict_events.dataset.articles import ARTICLES_SCHEMA
from conflict_events.dataset.checks import Problem, check_events
from conflict_events.dataset.csvfile import read_csv
from conflict_events.dataset.load import check_descriptor, check_schema, partition_files
from conflict_events.dataset.release import (
    ARTICLES_PARQUET,
    DATAPACKAGE,
    EVENTS_CSV,
    EVENTS_PARQUET,
    EVENTS_PARTS,
    Resource,
    read_datapackage,
    release_folder,
    resources,
    verify_file,
)
from conflict_events.dataset.table import normalise, sort_table
from conflict_events.errors import ConflictEventsError
from conflict_events.schema.descriptors import event_columns


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class ValidationReport:
    folder: Path
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks) and not self.problems

    def add(self, name: str, ok: bool, detail: str = "") -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok

    def format(self) -> str:
        lines = [f"release {self.folder}: {self.rows} events"]
        for check in self.checks:
            mark = "ok  " if check.ok else "FAIL"
            lines.append(f"  {mark} {check.name}" + (f": {check.detail}" if check.detail else ""))
        if self.problems:
            lines.append(f"  FAIL coding rules: {len(self.problems)} rule(s) broken")
            lines.extend(f"       {p}" for p in self.problems)
        elif any(c.name == "events.parquet schema" and c.ok for c in self.checks):
            lines.append("  ok   coding rules and unique ids")
        lines.append("valid" if self.ok else "INVALID")
        return "\n".join(lines)


def validate_release(folder: str | Path) -> ValidationReport:
    """Check a release folder; never raises for a bad release, reports instead."""
    given = Path(folder)
    report = ValidationReport(folder=given)
    try:
        given = release_folder(given)
        report.folder = given
        package = read_datapackage(given)
        listed = resources(package, given)
    except ConflictEventsError as exc:
        report.add(DATAPACKAGE, False, str(exc))
        return report
    report.add(DATAPACKAGE, True, f"{len(listed)} resources")

    intact: dict[str, Resource] = {}
    for resource in listed.values():
        try:
            verify_file(given, resource)
        except ConflictEventsError as exc:
            report.add(f"{resource.path} checksum", False, str(exc))
        else:
            report.add(f"{resource.path} checksum", True, f"{resource.bytes} bytes, sha256 ok")
            intact[resource.path] = resource

    if (given / EVENTS_PARTS).is_dir() and "events" not in listed:
        table = _partitioned_events(report, given, intact)
        if table is None:
            return report
        _check_rest(report, given, intact, table)
        return report
    events = listed.get("events")
    if events is None or events.path != EVENTS_PARQUET:
        report.add("events.parquet", False, f"{DATAPACKAGE} lists no events.parquet")
        return report
    if EVENTS_PARQUET not in intact:
        return report
    try:
        check_descriptor(given, events)
        check_schema(given / EVENTS_PARQUET, events.rows)
        table = pq.read_table(given / EVENTS_PARQUET)
    except ConflictEventsError as exc:
        report.add("events.parquet schema", False, str(exc))
        return report
    report.rows = table.num_rows
    report.add("events.parquet schema", True, f"{len(table.schema)} columns, {events.rows} rows")
    report.problems = check_events(table)
    _check_rest(report, given, intact, table)
    return report


def _partitioned_events(report: ValidationReport, folder: Path,
                        intact: dict[str, Resource]) -> pa.Table | None:
    """Every partition file's schema and rows; the partitions as one table in release order."""
    tables = []
    for path, resource in partition_files(folder):
        assert resource is not None
        if resource.path not in intact:
            return None
        try:
            check_descriptor(folder, resource)
            check_schema(path, resource.rows)
        except ConflictEventsError as exc:
            report.add("events partitions schema", False, str(exc))
            return None
        tables.append(normalise(pq.read_table(path)))
    if not tables:
        report.add("events partitions", False, "a partitioned release lists no event files")
        return None
    table = sort_table(pa.concat_tables(tables))
    report.rows = table.num_rows
    report.add("events.parquet schema", True,
               f"{len(tables)} partitions, {table.num_rows} rows")
    report.problems = check_events(table)
    return table


def _check_rest(report: ValidationReport, given: Path, intact: dict[str, Resource],
                table: pa.Table) -> None:
    if EVENTS_CSV in intact:
        _check_csv(report, given / EVENTS_CSV, table)
    if ARTICLES_PARQUET in intact:
        _check_articles(report, given / ARTICLES_PARQUET, intact[ARTICLES_PARQUET])


def _check_csv(report: ValidationReport, path: Path, events: pa.Table) -> None:
    with path.open("r", encoding="utf-8", newline="") as handle:
        header = handle.readline().rstrip("\r\n").replace('"', "").split(",")
    expected = [c.name for c in event_columns()]
    if header != expected:
        report.add("events.csv header", False, "columns are not ACLED's order then ours")
        return
    try:
        rows = read_csv(path)
    except ConflictEventsError as exc:
        report.add("events.csv content", False, str(exc))
        return
    same = rows.equals(normalise(events))
    report.add("events.csv content", same,
               "same rows as events.parquet" if same else "rows differ from events.parquet")


def _check_articles(report: ValidationReport, path: Path, resource: Resource) -> None:
    schema = pq.read_schema(path)
    actual = [(f.name, f.type) for f in schema]
    wanted = [(f.name, f.type) for f in ARTICLES_SCHEMA]
    rows = pq.read_metadata(path).num_rows
    ok = actual == wanted and rows == resource.rows
    report.add("articles.parquet schema", ok,
               f"{rows} articles" if ok else "schema or row count differs from the record")
