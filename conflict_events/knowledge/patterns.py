"""Checks shared by the knowledge files that carry regular expressions."""

from __future__ import annotations

import re


def check_compiles(patterns: list[str], what: str) -> list[str]:
    """PATTERNS unchanged when each compiles; else a ValueError naming the pattern (pydantic
    reports it with the file and entry)."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{what} {pattern!r} does not compile: {exc}") from exc
    return patterns
