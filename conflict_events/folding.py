"""Folding texts one character for one, fast on the mostly-ASCII prose of news.

News text is ASCII but for a few curly quotes and dashes, so it rarely takes an all-ASCII
fast path; folding it character by character costs a dictionary look-up per character. The
ASCII stretches are folded whole instead, and only the non-ASCII runs one character at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold_by_runs(text: str, fold_ascii: Callable[[str], str],
                 fold_run: Callable[[str], str]) -> str:
    """`text` with its ASCII stretches folded by `fold_ascii` and its runs of non-ASCII
    characters by `fold_run`; both must keep the length of what they fold."""
    if text.isascii():
        return fold_ascii(text)
    parts: list[str] = []
    position = 0
    for run in _NON_ASCII.finditer(text):
        start, end = run.span()
        parts.append(fold_ascii(text[position:start]))
        parts.append(fold_run(run.group()))
        position = end
    parts.append(fold_ascii(text[position:]))
    return "".join(parts)
