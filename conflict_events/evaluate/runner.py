"""Running an extractor over many inputs in a process pool. Each worker imports the extractor
once; an exception on one input is recorded for that input and never stops the run."""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from conflict_events.errors import EvaluationError
from conflict_events.evaluate.views import EventView

Extractor = Callable[..., Any]
Progress = Callable[[int], None]  # called with the number of inputs just finished
DEFAULT_EXTRACTOR = "conflict_events.extract.api:extract"


@dataclass(frozen=True, slots=True)
class Job:
    """One extractor call: the text and the keyword arguments that go with it."""

    text: str
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the extractor returned for one job, or the error it raised."""

    events: tuple[EventView, ...] = ()
    error: str | None = None


def load_extractor(spec: str) -> Extractor:
    """The callable named by "package.module:function"."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise EvaluationError(f"extractor {spec!r} is not of the form package.module:function")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise EvaluationError(f"extractor {spec!r}: {module_name} cannot be imported "
                              f"({exc})") from exc
    extractor = getattr(module, attr, None)
    if not callable(extractor):
        raise EvaluationError(f"extractor {spec!r}: {module_name} has no function {attr!r}")
    return extractor


def default_extractor() -> Extractor:
    """The project's extractor, imported on first use."""
    return load_extractor(DEFAULT_EXTRACTOR)


def run_one(extractor: Extractor, job: Job) -> Outcome:
    try:
        events = extractor(job.text, **job.kwargs)
        if events is None:
            return Outcome()
        if not isinstance(events, list | tuple):
            return Outcome(error=f"TypeError: the extractor returned a "
                                 f"{type(events).__name__}, not a list of events")
        return Outcome(events=tuple(EventView.of(e) for e in events))
    except Exception as exc:  # one bad row is recorded, never fatal
        return Outcome(error=f"{type(exc).__name__}: {exc}"[:500])


_worker_extractor: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    global _worker_extractor
    _worker_extractor = extractor


def _run_chunk(jobs: Sequence[Job]) -> list[Outcome]:
    extractor = _worker_extractor
    if extractor is None:  # pragma: no cover - the initializer always runs first
        extractor = default_extractor()
    return [run_one(extractor, job) for job in jobs]


def _chunks(jobs: Sequence[Job], size: int) -> Iterator[Sequence[Job]]:
    for start in range(0, len(jobs), size):
        yield jobs[start:start + size]


def _run_serial(extractor: Extractor, jobs: Sequence[Job], progress: Progress | None
                ) -> list[Outcome]:
    outcomes = []
    for job in jobs:
        outcomes.append(run_one(extractor, job))
        if progress is not None:
            progress(1)
    return outcomes


def run_jobs(jobs: Sequence[Job], extractor: Extractor | None = None, *,
             workers: int | None = None, progress: Progress | None = None) -> list[Outcome]:
    """Outcomes in the order of `jobs`. `workers` defaults to the number of CPUs; 1 runs in
    this process. The default extractor is imported here first, so a missing extractor fails
    once with a clear error rather than once per row."""
    if extractor is None:
        extractor_in_parent: Extractor = default_extractor()
    else:
        extractor_in_parent = extractor
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers < 1:
        raise EvaluationError(f"workers must be at least 1, not {workers}")
    workers = min(workers, len(jobs))
    if workers <= 1:
        return _run_serial(extractor_in_parent, jobs, progress)
    # The first job runs here: whatever the extractor loads on first use (lexicons, gazetteer)
    # is then loaded once and shared with the forked workers instead of loaded in each.
    outcomes = _run_serial(extractor_in_parent, jobs[:1], progress)
    jobs = jobs[1:]
    # A few chunks per worker balance the load; each chunk is one round trip.
    size = max(1, min(200, len(jobs) // (workers * 4) or 1))
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_init_worker,
                                 initargs=(extractor_in_parent,)) as pool:
            for chunk_outcomes in pool.map(_run_chunk, _chunks(jobs, size)):
                outcomes.extend(chunk_outcomes)
                if progress is not None:
                    progress(len(chunk_outcomes))
    except BrokenProcessPool as exc:
        # A worker died outright (killed, out of memory, crash in native code): no row-level
        # error to record, so the run cannot give honest figures.
        raise EvaluationError(f"an extractor process died after {len(outcomes)} of "
                              f"{len(jobs) + 1} inputs: {exc}") from exc
    return outcomes
