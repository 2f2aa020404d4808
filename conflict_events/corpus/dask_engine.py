"""Extraction on a Dask cluster (extra `dask`: pip install "conflict-events[dask]").

The article stream is cut into partitions of `partition_size` articles; each partition is
sent to a worker, extracted there (each worker process builds the extraction pipeline once)
and its results come back in input order. A bounded number of partitions is in flight, so a
corpus larger than memory streams through. With no scheduler address a LocalCluster is
started on this machine (one single-threaded worker process per core, or `workers`).

Deduplication and writing stay on the client: they need every event of a country at once
and cost little next to extraction. The release is written partitioned by year and country
(events/year=Y/country=C/part-0.parquet), which load() reads as one dataset.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from conflict_events.errors import InputError
from conflict_events.extract.api import STATUS_REJECTED, ArticleResult, process
from conflict_events.schema.models import Article


def extract_partition(articles: list[Article]) -> list[ArticleResult]:
    """Runs on a worker: the results of one partition (never raises for one bad article)."""
    results = [process(article) for article in articles]
    for result in results:
        result.article = None  # the client has the article; do not ship its text back
    return results


class DaskEngine:
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None,
                 partition_size: int = 32, processes: bool = True,
                 connect_timeout: float = 30.0) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise InputError(
                "the dask engine needs the dask extra: pip install 'conflict-events[dask]'",
                input_name="engine",
            ) from exc
        self.partition_size = partition_size
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
