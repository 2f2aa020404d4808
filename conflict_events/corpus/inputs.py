"""Inputs of a corpus run: files, folders, globs and feed URLs -> Articles or rejections.

Reading is the source readers' job (conflict_events.sources.read_inputs); this module adds
what a corpus run needs around them: the articles.parquet row of a rejected input, and a cheap
estimate of how many articles the inputs hold for the progress bar's ETA.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from conflict_events.dataset.articles import ArticleRecord, ArticleStatus
from conflict_events.sources.base import Rejection
from conflict_events.sources.inputs import read_inputs

__all__ = ["Rejection", "estimate_total", "read_inputs", "rejection_record"]


def rejection_record(rejection: Rejection) -> ArticleRecord:
    """The articles.parquet row of an input that gave no article."""
    return ArticleRecord(article_id=rejection.input_name, status=ArticleStatus.REJECTED,
                         error=f"{rejection.code}: {rejection.reason}")


def estimate_total(inputs: Iterable[str | Path]) -> int | None:
    """How many articles INPUTS probably hold (files, JSONL lines), for a progress bar's ETA;
    None when it cannot be known cheaply (URLs)."""
    total = 0
    for given in map(str, inputs):
        if given.startswith(("http://", "https://")):
            return None
        if any(ch in given for ch in "*?["):
            paths = [Path(p) for p in glob.glob(given, recursive=True)]
        elif Path(given).is_dir():
            paths = [p for p in Path(given).rglob("*") if not p.name.startswith(".")]
        else:
            paths = [Path(given)]
        for path in paths:
            if not path.is_file():
                continue
            if path.suffix.lower() in (".jsonl", ".ndjson"):
                total += _count_lines(path)
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return lines
