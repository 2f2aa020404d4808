"""Span queries shared by the extraction stages and the geocoder.

A set of non-overlapping spans that answers "does this span overlap one of you?" in
logarithmic time: the overlap resolution of mentions (keep the best, drop what overlaps it)
stays linear-logarithmic in the number of mentions, not quadratic."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class DisjointSpans:
    """Spans [start, end) kept pairwise non-overlapping (two spans overlap when
    a.start < b.end and b.start < a.end, the test the stages have always used).

    Sorted by (start, end), such spans also have non-decreasing ends, so the spans starting
    before a given end are a prefix of the list and the last of them reaches furthest."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        """Start from spans that do not overlap each other (or from none)."""
        self._spans: list[tuple[int, int]] = sorted(spans)

    def __len__(self) -> int:
        return len(self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        before_end = bisect.bisect_left(self._spans, (end,))  # spans with start < end
        return before_end > 0 and self._spans[before_end - 1][1] > start

    def covering(self, start: int, end: int) -> tuple[int, int] | None:
        """The span that contains [start, end), if any."""
        index = bisect.bisect_right(self._spans, (start, float("inf"))) - 1
        if index >= 0:
            s, e = self._spans[index]
            if s <= start and end <= e:
                return s, e
        return None

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none of the set (check with `overlaps` first)."""
        bisect.insort(self._spans, (start, end))

    def add_if_free(self, start: int, end: int) -> bool:
        """Add the span unless it overlaps one of the set; whether it was added."""
        if self.overlaps(start, end):
            return False
        self.add(start, end)
        return True


class SpanCover:
    """Does one of these spans (overlapping or not) cover a span or a position? Answers the
    `any(s <= start and end <= e for s, e in spans)` of the stages by bisection on the spans
    sorted by start, with the furthest end reached by any span starting up to there."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def _furthest(self, start: int) -> int:
        """The furthest end of the spans starting at or before `start` (-1 if none)."""
        k = bisect.bisect_right(self._starts, start)
        return self._reach[k - 1] if k else -1

    def covers(self, start: int, end: int) -> bool:
        """Some span s has s.start <= start and end <= s.end."""
        return self._furthest(start) >= end

    def holds(self, position: int) -> bool:
        """Some span s has s.start <= position < s.end."""
        return self._furthest(position) > position

    def meets(self, start: int, end: int) -> bool:
        """Some span s overlaps [start, end): s.start < end and start < s.end."""
        return self._furthest(end - 1) > start
