"""Incremental releases: add articles to a release without re-extracting it.

- An article whose text (sha256) is already in the release's articles.parquet is skipped, and
  so is a rejected input whose name is already recorded; a second copy of a text within one
  run is recorded as rejected ("duplicate_text"). A new article whose id is taken by a
  different text gets the id "<id>~<first 8 hex of its sha256>".
- New events are deduplicated against the release (dedup.py): an existing event absorbs new
  reports of itself and keeps its event_id and event_id_cnty; existing events never merge with
  each other and are never renumbered.
- changelog.jsonl in the release gets one line per run that changed something: the run number,
  article counts, the event_id_cnty of added and of updated events, and the merge count. No
  clock time is written, so the same inputs give the same bytes.
- A run that brings nothing new writes nothing: running the same update twice leaves every
  file byte-identical.
- The release is written with write_dataset (staging folder + swap), so killing the process at
  any point leaves the previous release valid.

Only the existing events that could match a new one (same country and event type, dates
within the widest matching window) are turned into Event objects; the rest of the release is
carried over as an Arrow table.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from conflict_events.corpus.dedup import DAY_SLACK, MergeStats, deduplicate
from conflict_events.corpus.inputs import Rejection, rejection_record
from conflict_events.corpus.parallel_dedup import deduplicate_table
from conflict_events.dataset.articles import (
    ARTICLES_SCHEMA,
    ArticleRecord,
    ArticleStatus,
    articles_table,
    plain_articles,
)
from conflict_events.dataset.load import read_events
from conflict_events.dataset.release import (
    ARTICLES_PARQUET,
    EVENTS_PARQUET,
    EVENTS_PARTS,
    release_folder,
    staging_prefix,
)
from conflict_events.dataset.table import events_to_table, normalise
from conflict_events.dataset.write import write_dataset
from conflict_events.errors import DatasetError
from conflict_events.extract.api import STATUS_REJECTED, ArticleResult
from conflict_events.schema.descriptors import arrow_schema
from conflict_events.schema.models import Article, Event, Evidence

CHANGELOG = "changelog.jsonl"
PARTITION_BY = ("year", "country")
CRASH_ENV = "CONFLICT_EVENTS_CRASH_AT"  # test hook: SIGKILL this process at the named step


def crash_point(step: str) -> None:
    """Kill this process (SIGKILL, no clean-up) when $CONFLICT_EVENTS_CRASH_AT names STEP;
    used by the tests to prove a release survives a crash at that step."""
    if os.environ.get(CRASH_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class ReleaseState:
    """What an update needs to know about the release it extends."""

    events: pa.Table
    articles: pa.Table  # articles.parquet, dictionary columns decoded (plain_articles)
    changelog: bytes = b""
    partitioned: bool = False
    seen_texts: set[str] = field(default_factory=set)
    article_ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        # Column reads, not a Python object per row: an update's cost stays close to the
        # size of its new input, whatever the size of the release.
        self.seen_texts = set(self.articles.column("sha256").drop_null().to_pylist())
        self.article_ids = set(self.articles.column("article_id").to_pylist())


def empty_state() -> ReleaseState:
    return ReleaseState(normalise(arrow_schema(plain=True).empty_table()),
                        plain_articles(ARTICLES_SCHEMA.empty_table()))


def read_state(folder: str | os.PathLike[str]) -> ReleaseState:
    """The release at FOLDER (verified against its checksums), or an error naming it."""
    where = release_folder(Path(folder))
    events = read_events(where)
    articles_path = where / ARTICLES_PARQUET
    articles = (plain_articles(pq.read_table(articles_path)) if articles_path.is_file()
                else plain_articles(ARTICLES_SCHEMA.empty_table()))
    changelog = (where / CHANGELOG).read_bytes() if (where / CHANGELOG).is_file() else b""
    partitioned = (where / EVENTS_PARTS).is_dir() and not (where / EVENTS_PARQUET).is_file()
    return ReleaseState(events, articles, changelog, partitioned)


@dataclass
class SkipCounter:
    already_seen: int = 0


@dataclass(frozen=True)
class ArticleKey:
    """What deciding the fate of one input needs (small: a Dask run gathers one per article
    from its workers): the article id, or the name of a rejected input, and the text's sha256
    (None for a rejection)."""

    name: str
    sha256: str | None


# What becomes of one input: (what, article id, id of the first copy of its text or "").
Decision = tuple[str, str, str]
EXTRACT, SKIP, DUPLICATE, RECORD = "extract", "skip", "duplicate", "record"


def key_of(item: Article | Rejection) -> ArticleKey:
    if isinstance(item, Rejection):
        return ArticleKey(item.input_name, None)
    return ArticleKey(item.article_id, item.sha256)


class ArticlePlanner:
    """Decides, input by input in run order, what happens to each (module docstring): skipped
    as already in the release, renamed when its id is taken, a duplicate text of this run, a
    rejection to record, or an article to extract."""

    def __init__(self, state: ReleaseState, counter: SkipCounter) -> None:
        self.state = state
        self.counter = counter
        self.texts_this_run: dict[str, str] = {}
        self.ids_this_run: set[str] = set()

    def decide(self, key: ArticleKey) -> Decision:
        state, ids = self.state, self.ids_this_run
        if key.sha256 is None:  # a rejected input
            if key.name in state.article_ids or key.name in ids:
                self.counter.already_seen += 1
                return (SKIP, key.name, "")
            ids.add(key.name)
            return (RECORD, key.name, "")
        digest = key.sha256
        if digest in state.seen_texts:
            self.counter.already_seen += 1
            return (SKIP, key.name, "")
        article_id = key.name
        if article_id in state.article_ids or article_id in ids:
            article_id = f"{article_id}~{digest[:8]}"
            if article_id in ids:  # the same id and text twice in one run
                self.counter.already_seen += 1
                return (SKIP, article_id, "")
        ids.add(article_id)
        if digest in self.texts_this_run:
            return (DUPLICATE, article_id, self.texts_this_run[digest])
        self.texts_this_run[digest] = article_id
        return (EXTRACT, article_id, "")


def apply_decision(item: Article | Rejection, decision: Decision,
                   ) -> Article | ArticleRecord | None:
    """The article to extract, the record of an input that will not be, or None (skipped)."""
    what, article_id, first = decision
    if what == SKIP:
        return None
    if isinstance(item, Rejection):
        return rejection_record(item)
    if article_id != item.article_id:
        item = item.model_copy(update={"article_id": article_id})
    if what == DUPLICATE:
        return ArticleRecord.from_article(item, n_events=0,
                                          error=f"duplicate_text: same text as {first}")
    return item


def new_articles(items: Iterable[Article | Rejection], state: ReleaseState,
                 counter: SkipCounter) -> Iterator[Article | ArticleRecord]:
    """Articles to extract and records of inputs that will not be, already-seen ones dropped
    (and counted)."""
    planner = ArticlePlanner(state, counter)
    for item in items:
        kept = apply_decision(item, planner.decide(key_of(item)))
        if kept is not None:
            yield kept


@dataclass
class UpdateResult:
    """What one run did to the release."""

    folder: Path
    changed: bool
    records: list[ArticleRecord]
    events_extracted: int
    events_added: list[str]
    events_updated: list[str]
    merge: MergeStats
    events_total: int

    def counts(self) -> dict[str, int]:
        by_status = {s.value: 0 for s in ArticleStatus}
        for record in self.records:
            by_status[record.status.value] += 1
        return by_status


def record_of(result: ArticleResult) -> ArticleRecord:
    """The articles.parquet row of one extraction result."""
    error = f"{result.error_code}: {result.error}" if result.status == STATUS_REJECTED else None
    if result.article is not None:
        return ArticleRecord.from_article(result.article, n_events=result.n_events, error=error)
    status = ArticleStatus(result.status)
    return ArticleRecord(article_id=result.article_id, status=status,
                         n_events=result.n_events, error=error)


def apply_results(
    state: ReleaseState,
    results: Iterable[ArticleResult | ArticleRecord],
    out: str | os.PathLike[str],
    *,
    partition_by: tuple[str, ...] | None = None,
    force_write: bool = False,
    formats: Sequence[str] = ("parquet", "csv"),
    workers: int = 1,
) -> UpdateResult:
    """Deduplicate the new events against the release (a new release on up to `workers`
    processes) and write the release to OUT."""
    records: list[ArticleRecord] = []
    new_events: list[Event] = []
    for result in results:
        if isinstance(result, ArticleRecord):
            records.append(result)
            continue
        records.append(record_of(result))
        new_events.extend(result.events)
    crash_point("after_extract")
    target = Path(out)
    if not records and not force_write:
        return UpdateResult(target, False, [], 0, [], [], MergeStats(0, 0, 0),
                            state.events.num_rows)

    candidates = _candidate_mask(state.events, new_events)
    if state.events.num_rows == 0:  # a new release: every country apart, on all cores
        merged_table, stats = deduplicate_table(new_events, workers)
        added = sorted(merged_table.column("event_id_cnty").to_pylist())
        updated: list[str] = []
    else:
        released = events_from_table(state.events.filter(candidates))
        merged, stats = deduplicate(new_events, released)
        before = {e.event_id: e for e in released}
        added = sorted(e.event_id_cnty for e in merged if e.event_id not in before)
        updated = sorted(e.event_id_cnty for e in merged
                         if e.event_id in before and e != before[e.event_id])
        merged_table = events_to_table(merged)
    crash_point("after_dedup")

    table = pa.concat_tables([state.events.filter(pc.invert(candidates)), merged_table])
    all_records = pa.concat_tables([state.articles, plain_articles(articles_table(records))])
    run = state.changelog.count(b"\n") + 1
    entry = changelog_entry(run, records, added, updated, stats, table.num_rows)
    layout = partition_by if partition_by is not None else (
        PARTITION_BY if state.partitioned else ())
    crash_point("before_write")
    remove_stale_staging(target)
    write_dataset(table, target, formats=formats, articles=all_records, partition_by=layout,
                  extra_files={CHANGELOG: state.changelog + entry})
    crash_point("after_write")
    return UpdateResult(target, True, records, len(new_events), added, updated, stats,
                        table.num_rows)


def remove_stale_staging(target: Path) -> None:
    """Remove staging folders that a killed writer left beside TARGET (its process is gone);
    they were never part of a release."""
    prefix = staging_prefix(target)
    if not target.parent.is_dir():
        return
    for path in target.parent.iterdir():
        if not path.name.startswith(prefix) or not path.is_dir():
            continue
        pid = path.name[len(prefix):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def changelog_entry(run: int, records: list[ArticleRecord], added: list[str],
                    updated: list[str], stats: MergeStats, total: int) -> bytes:
    counts = {s.value: 0 for s in ArticleStatus}
    for record in records:
        counts[record.status.value] += 1
    entry: dict[str, Any] = {
        "run": run,
        "articles": {"recorded": len(records), **counts},
        "events_added": added,
        "events_updated": updated,
        "reports_merged": stats.merged_events,
        "events_total": total,
    }
    return (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _candidate_mask(events: pa.Table, new_events: list[Event]) -> pa.ChunkedArray:
    """Rows of the release that a new event could be the same event as: same country and
    event type, a day within twice the widest matching window of a new event's day."""
    if not new_events or events.num_rows == 0:
        return pa.chunked_array([pa.array([False] * events.num_rows, pa.bool_())])
    reach = 2 * max(DAY_SLACK.values())
    wanted: set[str] = set()
    for event in new_events:
        prefix = f"{event.iso}|{event.event_type.value}|"
        for offset in range(-reach, reach + 1):
            wanted.add(prefix + (event.event_date + dt.timedelta(days=offset)).isoformat())
    keys = pc.binary_join_element_wise(
        pc.cast(events.column("iso"), pa.string()), events.column("event_type"),
        pc.cast(events.column("event_date"), pa.string()), "|")
    return pc.is_in(keys, value_set=pa.array(sorted(wanted), pa.string()))


def events_from_table(table: pa.Table) -> list[Event]:
    """Plain canonical rows -> validated Events."""
    events = []
    for row in table.to_pylist():
        row["evidence"] = [Evidence(**e) for e in row["evidence"]]
        events.append(Event.model_validate({k: v for k, v in row.items() if v is not None}))
    return events


def update_release(
    release: str | os.PathLike[str],
    articles_or_results: Iterable[Article | ArticleResult | Rejection],
    *,
    out: str | os.PathLike[str] | None = None,
    workers: int | None = 1,
) -> UpdateResult:
    """Add articles (extracted here with `workers` processes) or ready extraction results to
    the release at RELEASE, written back in place or to OUT."""
    from conflict_events.corpus.engines import LocalEngine

    try:
        state = read_state(release)
    except DatasetError:
        if Path(release).exists() and any(Path(release).iterdir()):
            raise
        state = empty_state()
    counter = SkipCounter()
    items = list(articles_or_results)
    ready = [r for r in items if isinstance(r, ArticleResult)
             and (r.article is None or r.article.sha256 not in state.seen_texts)]
    fresh = new_articles((i for i in items if not isinstance(i, ArticleResult)), state,
                         counter)
    to_extract: list[Article] = []
    records: list[ArticleResult | ArticleRecord] = list(ready)
    for item in fresh:
        if isinstance(item, Article):
            to_extract.append(item)
        else:
            records.append(item)
    records.extend(LocalEngine(workers).extract(to_extract))
    target = Path(out) if out is not None else Path(release)
    return apply_results(state, records, target,
                         force_write=out is not None and Path(out) != Path(release))
