"""Overlap tests against many spans in logarithmic time: texts with hundreds of place mentions
must not cost the square of their number."""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Spans:
    """Half-open (start, end) spans that do not overlap each other, sorted once."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps any span."""
        index = bisect.bisect_right(self.starts, start) - 1
        # the span starting at or before `start`, and the next one
        return any(start < e and s < end for s, e in self.spans[max(0, index) : index + 2])

    def covering(self, start: int, end: int) -> tuple[int, int] | None:
        """The span that contains [start, end), if any."""
        index = bisect.bisect_right(self.starts, start) - 1
        if index >= 0:
            s, e = self.spans[index]
            if s <= start and end <= e:
                return s, e
        return None
