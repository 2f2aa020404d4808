"""Span queries answer what a scan of every span answers (they keep texts with many mentions
from costing the square of their number)."""

from __future__ import annotations

import random

from conflict_events.spans import DisjointSpans, SpanCover


def brute_overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def test_overlaps_agrees_with_a_linear_scan() -> None:
    rng = random.Random(7)
    for _ in range(200):
        spans, position = [], 0
        for _ in range(rng.randrange(0, 12)):
            position += rng.randrange(0, 5)
            length = rng.randrange(1, 6)
            spans.append((position, position + length))
            position += length
        index = DisjointSpans(spans)
        cover = SpanCover(spans)
        for _ in range(20):
            start = rng.randrange(0, position + 5)
            end = start + rng.randrange(1, 8)
            assert index.overlaps(start, end) == brute_overlaps(spans, start, end)
            assert cover.meets(start, end) == brute_overlaps(spans, start, end)


def test_covering_finds_the_span_that_holds_a_range() -> None:
    index = DisjointSpans([(11, 25), (0, 4)])  # "Guatemala City" at 11-25
    assert index.covering(11, 20) == (11, 25)
    assert index.covering(20, 26) is None
    assert index.covering(5, 6) is None
    assert DisjointSpans([]).covering(0, 1) is None and not DisjointSpans([]).overlaps(0, 1)


def test_meets_takes_overlapping_spans() -> None:
    rng = random.Random(3)
    for _ in range(300):
        spans = []
        for _ in range(rng.randrange(0, 12)):
            start = rng.randrange(0, 60)
            spans.append((start, start + rng.randrange(1, 15)))
        cover = SpanCover(spans)
        for _ in range(40):
            start = rng.randrange(0, 70)
            end = start + rng.randrange(0, 10)
            assert cover.meets(start, end) is brute_overlaps(spans, start, end), (spans, start)
    assert not SpanCover([]).meets(0, 5)
    assert SpanCover([(0, 100), (10, 12)]).meets(50, 60)  # inside a long span, past a short one
