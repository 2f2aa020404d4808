"""Deduplication of a run's new events on several cores, by country.

Two reports can be the same event only when they share a country (dedup.same_event), and
deduplicate() does not depend on the order of its input, so the countries can be deduplicated
apart and the results put together: the same events, ids and merge counts as one call. The
countries are spread over the processes by their number of events (largest first, each to
the least loaded process), the processes are forked after the events are gathered so they
read them from the parent's memory, and each sends back an Arrow table, which is cheap to
pickle.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pyarrow as pa

from conflict_events.corpus.dedup import MergeStats, deduplicate
from conflict_events.dataset.table import events_to_table
from conflict_events.schema.models import Event

# Below this many events a second process costs more than it saves.
MIN_EVENTS = 5_000

_EVENTS: list[Event] = []  # the run's events, inherited by the forked processes


def country_groups(events: list[Event], groups: int) -> list[frozenset[int]]:
    """Countries (iso) split into GROUPS sets of about equal numbers of events."""
    sizes = Counter(event.iso for event in events)
    loads = [0] * groups
    members: list[set[int]] = [set() for _ in range(groups)]
    for iso, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        lightest = loads.index(min(loads))
        loads[lightest] += size
        members[lightest].add(iso)
    return [frozenset(m) for m in members if m]


def _deduplicate_countries(countries: frozenset[int]) -> tuple[pa.Table, MergeStats]:
    merged, stats = deduplicate([e for e in _EVENTS if e.iso in countries])
    return events_to_table(merged), stats


def deduplicate_table(events: list[Event], workers: int) -> tuple[pa.Table, MergeStats]:
    """The deduplicated events as a plain table (any row order) and the merge counts, on up
    to WORKERS processes."""
    groups = country_groups(events, workers) if workers > 1 else []
    methods = multiprocessing.get_all_start_methods()
    if len(groups) < 2 or len(events) < MIN_EVENTS or "fork" not in methods:
        merged, stats = deduplicate(events)
        return events_to_table(merged), stats
    global _EVENTS
    _EVENTS = events
    gc.freeze()  # else a collection in a process copies every inherited object's page
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(groups), mp_context=context) as pool:
            parts = list(pool.map(_deduplicate_countries, groups))
    finally:
        gc.unfreeze()
        _EVENTS = []
    stats = MergeStats(sum(s.input_events for _, s in parts),
                       sum(s.output_events for _, s in parts),
                       sum(s.merged_groups for _, s in parts))
    return pa.concat_tables([table for table, _ in parts]), stats
