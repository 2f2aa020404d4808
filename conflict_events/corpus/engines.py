"""Where extraction runs: this machine's cores (local, the default) or a Dask cluster.

An engine turns a stream of Articles into a stream of ArticleResults, one per article and in
input order; what happens to the results (deduplication, the release) is the same whatever
the engine, so a local run and a Dask run of one corpus give the same events.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Protocol

from conflict_events.errors import InputError
from conflict_events.extract.api import ArticleResult, process
from conflict_events.schema.models import Article

ENGINES = ("local", "dask")


class Engine(Protocol):
    name: str
    workers: int

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """One result per article, in input order, streamed."""
        ...

    def close(self) -> None:
        ...


WARM_UP_TEXT = (
    "On 3 March 2021, government soldiers clashed with rebels in the town of Aleppo, killing "
    "two fighters, a monitor said."
)


def warm_up() -> None:
    """Load everything extraction needs (lexicons, gazetteer) by extracting one invented
    sentence: done in the parent before the pool forks, the workers share it instead of
    each loading it again."""
    process(Article(article_id="warm-up", text=WARM_UP_TEXT))


def extract_chunk(articles: list[Article]) -> list[ArticleResult]:
    """Runs in a pool process: the results of a chunk, made small for the way back (the
    parent still has the articles, and only the codes of the dropped mentions make the
    no-events reason)."""
    results = [process(article) for article in articles]
    for result in results:
        result.article = None
        result.dropped = [(code, "") for code, _ in result.dropped]
    return results


class LocalEngine:
    """A process pool on this machine; workers default to all cores. The extraction
    resources are loaded once, before the pool forks, and frozen out of the garbage
    collector's reach so that the workers share their memory pages instead of copying them.
    Results come back in input order, a bounded number of chunks in flight."""

    name = "local"

    def __init__(self, workers: int | None = None, chunk_size: int = 16) -> None:
        self.workers = max(1, workers) if workers else os.cpu_count() or 1
        self.chunk_size = chunk_size

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        iterator = iter(articles)
        # A few articles (a small update) are extracted here: starting a pool would cost
        # more than it saves, and nothing at all is loaded when there is nothing new.
        head = list(islice(iterator, self.chunk_size))
        if self.workers == 1 or len(head) < self.chunk_size:
            yield from (process(article) for article in chain(head, iterator))
            return
        iterator = chain(head, iterator)
        warm_up()
        gc.freeze()  # a collection in a worker would write to every shared object's header
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        try:
            with ProcessPoolExecutor(max_workers=self.workers, mp_context=context) as pool:
                pending: deque[tuple[list[Article], Future[list[ArticleResult]]]] = deque()
                while chunk := list(islice(iterator, self.chunk_size)):
                    pending.append((chunk, pool.submit(extract_chunk, chunk)))
                    while len(pending) >= self.workers * 4:
                        yield from _with_articles(*pending.popleft())
                while pending:
                    yield from _with_articles(*pending.popleft())
        finally:
            gc.unfreeze()

    def close(self) -> None:
        return None


def _with_articles(chunk: list[Article], future: Future[list[ArticleResult]],
                   ) -> list[ArticleResult]:
    results = future.result()
    for article, result in zip(chunk, results, strict=True):
        result.article = article
    return results


def make_engine(name: str = "local", *, workers: int | None = None,
                scheduler: str | None = None) -> Engine:
    """The engine called NAME. scheduler: a Dask scheduler address (dask only; none starts a
    LocalCluster on this machine)."""
    if name == "local":
        if scheduler:
            raise InputError("--scheduler needs --engine dask", input_name="scheduler")
        return LocalEngine(workers)
    if name == "dask":
        from conflict_events.corpus.dask_engine import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers)
    raise InputError(f"unknown engine {name!r}; choose one of {list(ENGINES)}",
                     input_name="engine")
