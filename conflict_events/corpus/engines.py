"""Where extraction runs: this machine's cores (local, the default) or a Dask cluster.

An engine turns a stream of Articles into a stream of ArticleResults, one per article and in
input order; what happens to the results (deduplication, the release) is the same whatever
the engine, so a local run and a Dask run of one corpus give the same events.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Protocol

from conflict_events.errors import InputError
from conflict_events.extract.api import ArticleResult, extract_many, process
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


class LocalEngine:
    """A process pool on this machine (extract_many); workers default to all cores. The
    extraction resources are loaded once, before the pool forks."""

    name = "local"

    def __init__(self, workers: int | None = None, chunk_size: int = 8) -> None:
        self.workers = max(1, workers) if workers else os.cpu_count() or 1
        self.chunk_size = chunk_size

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        if self.workers > 1:
            warm_up()
        yield from extract_many(articles, workers=self.workers, chunk_size=self.chunk_size)

    def close(self) -> None:
        return None


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
