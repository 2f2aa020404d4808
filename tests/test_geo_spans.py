"""Overlap tests against sorted, disjoint spans (used so that texts with many place mentions do
not cost the square of their number)."""

from __future__ import annotations

import random

from conflict_events.geo.spans import Spans


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
        index = Spans(spans)
        for _ in range(20):
            start = rng.randrange(0, position + 5)
            end = start + rng.randrange(1, 8)
            assert index.overlaps(start, end) == brute_overlaps(spans, start, end)


def test_covering_finds_the_span_that_holds_a_range() -> None:
    index = Spans([(11, 25), (0, 4)])  # "Guatemala City" at 11-25
    assert index.covering(11, 20) == (11, 25)
    assert index.covering(20, 26) is None
    assert index.covering(5, 6) is None
    assert Spans([]).covering(0, 1) is None and not Spans([]).overlaps(0, 1)
