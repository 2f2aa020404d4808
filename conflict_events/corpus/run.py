"""run(): a whole corpus run, inputs to release, on either engine.

    inputs -> read_inputs -> already-seen articles dropped (update) -> engine.extract
           -> one articles.parquet row per input -> dedup against the release -> write_dataset

The command `conflict-events extract` is a thin wrapper around run().
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from conflict_events.corpus.dask_engine import DaskEngine
from conflict_events.corpus.engines import Engine, make_engine
from conflict_events.corpus.inputs import estimate_total, read_inputs
from conflict_events.corpus.progress import log_event, progress, show_bar
from conflict_events.corpus.update import (
    PARTITION_BY,
    SkipCounter,
    UpdateResult,
    apply_results,
    empty_state,
    new_articles,
    read_state,
)
from conflict_events.dataset.articles import ArticleRecord
from conflict_events.errors import InputError
from conflict_events.extract.api import STATUS_NO_EVENTS, STATUS_REJECTED, ArticleResult
from conflict_events.schema.models import Article


@dataclass
class RunSummary:
    """The final account of a run."""

    result: UpdateResult
    already_seen: int
    seconds: float
    engine: str
    workers: int
    no_event_reasons: Counter[str] = field(default_factory=Counter)

    @property
    def rejected_reasons(self) -> Counter[str]:
        """Rejected articles by the code of their error ('broken_json', 'not_text', ...)."""
        return Counter((r.error or "rejected").split(":")[0] for r in self.result.records
                       if r.status.value == "rejected")

    @property
    def articles_per_second(self) -> float:
        extracted = sum(1 for r in self.result.records if r.sha256)
        return extracted / self.seconds if self.seconds > 0 else 0.0

    def fields(self) -> dict[str, Any]:
        counts = self.result.counts()
        return {
            "release": str(self.result.folder),
            "changed": self.result.changed,
            "articles": len(self.result.records),
            **counts,
            "already_seen": self.already_seen,
            "events_extracted": self.result.events_extracted,
            "reports_merged": self.result.merge.merged_events,
            "events_added": len(self.result.events_added),
            "events_updated": len(self.result.events_updated),
            "events_total": self.result.events_total,
            "engine": self.engine,
            "workers": self.workers,
            "seconds": round(self.seconds, 2),
            "articles_per_s": round(self.articles_per_second, 2),
        }

    def format(self) -> str:
        f = self.fields()
        state = "written" if f["changed"] else "unchanged (nothing new)"
        return "\n".join([
            f"release {f['release']}: {state}",
            f"  articles: {f['articles']} recorded ({f['processed']} with events, "
            f"{f['no_events']} without, {f['rejected']} rejected), "
            f"{f['already_seen']} already in the release",
            f"  events: {f['events_extracted']} extracted, {f['reports_merged']} merged as "
            f"reports of the same event, {f['events_added']} added, {f['events_updated']} "
            f"updated, {f['events_total']} in the release",
            f"  {f['seconds']} s on {f['engine']} with {f['workers']} worker(s), "
            f"{f['articles_per_s']} articles/s",
        ])


def run(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str] | None = None,
    *,
    update: str | os.PathLike[str] | None = None,
    engine: str | Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    source: str | None = None,
    quiet: bool = True,
    partitioned: bool | None = None,
    source_options: dict[str, Any] | None = None,
    formats: Sequence[str] = ("parquet", "csv"),
) -> RunSummary:
    """Extract INPUTS (files, folders, globs, feed URLs) into the release OUT, or add them to
    the release UPDATE (written to OUT when given, else in place).

    engine: "local" (process pool of `workers`, default all cores) or "dask" (`scheduler`
    address, default a LocalCluster), or an Engine. partitioned: write events by year and
    country (default: as the updated release is, else only for the dask engine).
    source, source_options: the reader to force and options for the source readers
    (conflict_events.sources, e.g. {"metadata": SIDECAR})."""
    if out is None and update is None:
        raise InputError("give an output folder (out) or a release to update",
                         input_name="out")
    target = Path(out) if out is not None else Path(str(update))
    state = read_state(update) if update is not None else empty_state()
    names = [str(i) for i in inputs]
    if not names:
        raise InputError("no inputs given", input_name="inputs")
    runner = make_engine(engine, workers=workers, scheduler=scheduler) if isinstance(
        engine, str) else engine
    layout: tuple[str, ...] | None = None
    if partitioned is not None:
        layout = PARTITION_BY if partitioned else ()
    elif update is None:
        layout = PARTITION_BY if runner.name == "dask" else ()
    log_event("run_started", inputs=len(names), engine=runner.name, workers=runner.workers,
              update=str(update) if update is not None else "", out=str(target))
    started = time.perf_counter()
    counter = SkipCounter()
    side: list[ArticleRecord] = []
    no_event_reasons: Counter[str] = Counter()

    def articles() -> Iterator[Article]:
        for item in new_articles(read_inputs(names, source=source, **(source_options or {})),
                                 state, counter):
            if isinstance(item, Article):
                yield item
            else:
                _log_record(item)
                side.append(item)

    def records_later() -> Iterator[ArticleRecord]:
        yield from side  # complete once the engine's stream is exhausted

    try:
        total = estimate_total(names) if show_bar(quiet) else None
        if isinstance(runner, DaskEngine) and update is None and layout == PARTITION_BY:
            # a new partitioned release: read, extract, deduplicate and write on the workers
            result, reasons = runner.run_release(
                names, target, source=source, options=dict(source_options or {}),
                formats=formats, quiet=quiet, total=total, counter=counter)
            no_event_reasons.update(reasons)
            return _finished(RunSummary(result, counter.already_seen,
                                        time.perf_counter() - started, runner.name,
                                        runner.workers, no_event_reasons))
        results = progress(_logged(runner.extract(articles()), no_event_reasons),
                           quiet=quiet, total=total)
        result = apply_results(
            state, chain(results, records_later()), target, partition_by=layout,
            force_write=update is None or target != Path(str(update)), formats=formats,
            workers=runner.workers if runner.name == "local" else 1,
        )
    finally:
        if isinstance(engine, str):
            runner.close()
    return _finished(RunSummary(result, counter.already_seen, time.perf_counter() - started,
                                runner.name, runner.workers, no_event_reasons))


def _finished(summary: RunSummary) -> RunSummary:
    log_event("run_finished", **summary.fields())
    return summary


def _logged(results: Iterable[ArticleResult], no_event_reasons: Counter[str],
            ) -> Iterator[ArticleResult]:
    for result in results:
        if result.status == STATUS_NO_EVENTS:
            no_event_reasons[(result.reason or "no_events").split(":")[0]] += 1
        if result.status == STATUS_REJECTED:
            log_event("article_rejected", logging.WARNING, article=result.article_id,
                      reason=f"{result.error_code}: {result.error}")
        else:
            log_event("article_done", logging.DEBUG, article=result.article_id,
                      status=result.status, events=result.n_events)
        yield result


def _log_record(record: ArticleRecord) -> None:
    log_event("article_rejected", logging.WARNING, article=record.article_id,
              reason=record.error or "")
