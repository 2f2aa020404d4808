"""Corpus runs on a Dask cluster (extra `dask`: pip install "conflict-events[dask]").

A new release (run_release) is built on the workers, the client only plans and commits:

    client   inputs -> files and URLs -> parts (large JSON Lines files cut at line starts)
    workers  read_part                      records of each part, kept on the worker
    client   keys_of -> ArticlePlanner       one (id, sha256) per input, in input order:
                                            already seen, renamed, duplicate text
    workers  extract_part                   articles.parquet rows + events of each part
    workers  split_events -> dedup_and_write    shuffle by country; each bucket deduplicates
                                            every report of its countries and writes their
                                            year/country partition files and CSV pieces
    client   events.csv (pieces joined), articles.parquet, changelog, datapackage.json, swap

Deduplication needs a global view, but only per country: two reports can be the same event
only when they share a country (dedup.same_event), and deduplicate() does not depend on the
order of its input. Shuffling the events by country therefore gives every bucket all it needs,
and the union of the buckets' results is the local run's result, ids included. The planner
(already-seen and duplicate texts, first copy wins in input order) runs on the client over the
small keys, in input order, as in a local run. The output folder and the inputs must be
reachable by the workers at the same paths (a LocalCluster, or a shared file system).

An update of an existing release (extract) streams the articles to the workers and merges the
results on the client, as the local engine does. With no scheduler address a LocalCluster is
started on this machine (one single-threaded worker process per core, or `workers`).
"""

from __future__ import annotations

import logging
import operator
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa

from conflict_events.corpus.dask_parts import (
    BucketResult,
    PartResult,
    dedup_and_write,
    extract_part,
    failed_records,
    join_csv,
    keys_of,
    plan_parts,
    read_part,
    split_events,
)
from conflict_events.corpus.dedup import MergeStats
from conflict_events.corpus.progress import log_event, progress
from conflict_events.corpus.update import (
    CHANGELOG,
    PARTITION_BY,
    SKIP,
    ArticlePlanner,
    Decision,
    SkipCounter,
    UpdateResult,
    changelog_entry,
    crash_point,
    empty_state,
    remove_stale_staging,
)
from conflict_events.dataset.articles import (
    ArticleRecord,
    ArticleStatus,
    articles_table,
    plain_articles,
)
from conflict_events.dataset.release import EVENTS_CSV
from conflict_events.dataset.write import (
    commit_staging,
    created_from,
    csv_resource,
    open_staging,
    partition_resource_names,
    staged,
)
from conflict_events.errors import InputError
from conflict_events.extract.api import STATUS_REJECTED, ArticleResult, process
from conflict_events.schema.models import Article
from conflict_events.sources.base import Location, Rejection
from conflict_events.sources.inputs import input_locations

MIN_PART_BYTES, MAX_PART_BYTES = 1_000_000, 64_000_000


def extract_partition(articles: list[Article]) -> list[ArticleResult]:
    """Runs on a worker (updates): the results of one partition (never raises for one bad
    article)."""
    results = [process(article) for article in articles]
    for result in results:
        result.article = None  # the client has the article; do not ship its text back
    return results


def part_size(locations: Sequence[Location | Rejection], workers: int) -> int:
    """Bytes of a piece of a large JSON Lines file: about 16 pieces per worker, so that the
    last pieces leave little idle time at the end, within 1 MB (per-task costs) to 64 MB (the
    number of tasks of a huge corpus)."""
    total = 0
    for location in locations:
        if isinstance(location, Path) and location.is_file():
            total += location.stat().st_size
    return min(MAX_PART_BYTES, max(MIN_PART_BYTES, total // (16 * max(1, workers))))


def _summary(result: PartResult) -> PartResult:
    return result.summary()


class DaskEngine:
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None,
                 partition_size: int = 32, processes: bool = True,
                 connect_timeout: float = 30.0, partition_bytes: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise InputError(
                "the dask engine needs the dask extra: pip install 'conflict-events[dask]'",
                input_name="engine",
            ) from exc
        self.partition_size = partition_size
        self.partition_bytes = partition_bytes
        self._cluster: Any = None
        if scheduler:
            try:
                self._client: Any = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                                 input_name="scheduler") from exc
        else:
            count = max(1, workers) if workers else os.cpu_count() or 1
            self._cluster = LocalCluster(n_workers=count, threads_per_worker=1,
                                         processes=processes, dashboard_address=":0")
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    # -- an update: articles streamed from the client --------------------------------------

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        iterator = iter(articles)
        pending: list[tuple[list[Article], Any]] = []
        in_flight = self.workers * 3
        while True:
            partition = list(islice(iterator, self.partition_size))
            if partition:
                future = self._client.submit(extract_partition, partition, pure=False)
                pending.append((partition, future))
            if pending and (len(pending) >= in_flight or not partition):
                batch, future = pending.pop(0)
                yield from _collect(batch, future)
            if not partition and not pending:
                return

    # -- a new release, built on the workers -----------------------------------------------

    def run_release(self, inputs: Sequence[str], target: Path, *, source: str | None,
                    options: dict[str, Any], formats: Sequence[str], quiet: bool,
                    total: int | None, counter: SkipCounter,
                    ) -> tuple[UpdateResult, Counter[str]]:
        """Read, extract, deduplicate and write the partitioned release TARGET on the
        workers (module docstring); the result and why articles gave no events."""
        client = self._client
        locations = list(input_locations(inputs, source=source, **options))
        size = self.partition_bytes or part_size(locations, self.workers)
        parts = plan_parts(locations, source=source, partition_bytes=size)
        log_event("dask_parts", parts=len(parts), workers=self.workers)
        reads = [client.submit(read_part, part, source, options, pure=False) for part in parts]
        keys = [client.submit(keys_of, read, pure=False) for read in reads]

        planner = ArticlePlanner(empty_state(), counter)
        lost: list[ArticleRecord] = []
        extracted: list[tuple[list[Decision], Any]] = []
        for part, read, key_future in zip(parts, reads, keys, strict=True):
            try:
                part_keys = key_future.result()
            except Exception as exc:  # the worker died or the reader broke: inputs recorded
                lost.extend(failed_records(part.names(), exc))
                continue
            decisions = [planner.decide(key) for key in part_keys]
            extracted.append((decisions, client.submit(extract_part, read, decisions,
                                                       pure=False)))
        del reads, keys

        summaries = self._summaries(extracted, lost, quiet, total)
        crash_point("after_extract")
        finished = [future for (_, future), summary in zip(extracted, summaries, strict=True)
                    if summary is not None]
        remove_stale_staging(target)
        staging = open_staging(target)
        with staged(staging, target):
            buckets = self._dedup_and_write(finished, staging, "csv" in formats)
            crash_point("after_dedup")
            result = self._commit(staging, target, buckets, summaries, lost, formats)
        reasons: Counter[str] = Counter()
        for summary in summaries:
            if summary is not None:
                reasons.update(summary.no_event_reasons)
        return result, reasons

    def _summaries(self, extracted: list[tuple[list[Decision], Any]],
                   lost: list[ArticleRecord], quiet: bool, total: int | None,
                   ) -> list[PartResult | None]:
        """Each part's summary in input order (None for a part whose extraction failed: its
        articles are recorded in LOST), with the progress bar and the log."""
        summaries: list[PartResult | None] = []

        def done() -> Iterator[None]:
            for decisions, future in extracted:
                try:
                    summary: PartResult = self._client.submit(_summary, future,
                                                              pure=False).result()
                except Exception as exc:
                    names = [article_id for what, article_id, _ in decisions if what != SKIP]
                    lost.extend(failed_records(names, exc))
                    summaries.append(None)
                    yield from (None for _ in names)
                    continue
                summaries.append(summary)
                for article_id, reason in summary.rejected:
                    log_event("article_rejected", logging.WARNING, article=article_id,
                              reason=reason)
                yield from (None for _ in range(summary.articles.num_rows))

        for _ in progress(done(), quiet=quiet, total=total):
            pass
        return summaries

    def _dedup_and_write(self, finished: list[Any], staging: Path, with_csv: bool,
                         ) -> list[BucketResult]:
        """Shuffle the events by country into buckets; each bucket is deduplicated and
        written by one task."""
        client = self._client
        count = max(1, 2 * self.workers)
        splits = [client.submit(split_events, future, count, pure=False) for future in finished]
        tasks = []
        for bucket in range(count):
            pieces = [client.submit(operator.getitem, split, bucket, pure=False)
                      for split in splits]
            tasks.append(client.submit(dedup_and_write, str(staging), with_csv, *pieces,
                                       pure=False))
        results: list[BucketResult] = client.gather(tasks)
        return results

    def _commit(self, staging: Path, target: Path, buckets: list[BucketResult],
                summaries: list[PartResult | None], lost: list[ArticleRecord],
                formats: Sequence[str]) -> UpdateResult:
        files = [entry for bucket in buckets for entry in bucket.files]
        keys = [key for bucket in buckets for key in bucket.keys]
        named = partition_resource_names(files, keys)
        rows = sum(bucket.rows for bucket in buckets)
        if "csv" in formats:
            join_csv(staging, [piece for bucket in buckets for piece in bucket.csv_pieces],
                     staging / EVENTS_CSV)
            named.append(csv_resource(staging, rows))
        tables = [s.articles for s in summaries if s is not None]
        tables.append(plain_articles(articles_table(lost)))
        article_rows = articles_table(pa.concat_tables(tables))
        records = [ArticleRecord.model_construct(**{**row, "status": ArticleStatus(row["status"])})
                   for row in plain_articles(article_rows).to_pylist()]  # checked on the workers
        stats = MergeStats(sum(b.stats.input_events for b in buckets),
                           sum(b.stats.output_events for b in buckets),
                           sum(b.stats.merged_groups for b in buckets))
        added = sorted(event_id for bucket in buckets for event_id in bucket.added)
        entry = changelog_entry(1, records, added, [], stats, rows)
        stamps = [b.latest_timestamp for b in buckets if b.latest_timestamp]
        crash_point("before_write")
        commit_staging(staging, target, named, article_rows,
                       created=created_from(max(stamps) if stamps else None),
                       partition_by=PARTITION_BY, extra_files={CHANGELOG: entry})
        crash_point("after_write")
        return UpdateResult(target, True, records, stats.input_events, added, [], stats, rows)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _collect(batch: list[Article], future: Any) -> list[ArticleResult]:
    """The partition's results with their articles; a partition whose worker failed (died,
    lost, out of memory) gives rejected results naming the failure, and the run goes on."""
    try:
        results: list[ArticleResult] = future.result()
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"[:500]
        return [ArticleResult(a.article_id, STATUS_REJECTED, error_code="worker_error",
                              error=reason, article=a) for a in batch]
    for article, result in zip(batch, results, strict=True):
        result.article = article
    return results
