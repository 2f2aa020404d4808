"""`conflict-events evaluate`: measure the extractor against gold data (protocol A for an ACLED
CSV export with notes, protocol B for gold.jsonl with its articles)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="measure extraction against gold events",
        description="Run the evaluation protocol: an ACLED export with notes (.csv) is protocol "
        "A (one note, one gold event); gold.jsonl with its articles is protocol B.",
    )
    parser.add_argument("--gold", required=True, type=Path, help="gold file (.csv or .jsonl)")
    parser.add_argument("--articles", type=Path, default=None,
                        help="protocol B: folder with articles.jsonl and the article files "
                        "(default: the gold file's folder)")
    parser.add_argument("--json", dest="json_out", type=Path, default=None, metavar="OUT",
                        help="also write the full result, with every miss, as JSON")
    parser.add_argument("--workers", type=int, default=None,
                        help="extractor processes (default: number of CPUs)")
    parser.add_argument("--limit", type=int, default=None, help="first N rows/articles only")
    parser.add_argument("--extractor", default=None, metavar="MODULE:FUNCTION",
                        help="extractor to measure, importable from here (default: "
                        "conflict_events.extract.api:extract)")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N",
                        help="print N example rows per error kind")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from conflict_events.evaluate.api import evaluate
    from conflict_events.evaluate.runner import load_extractor

    extractor = None
    if args.extractor:
        # Like `python -m`, a module in the current folder can be named.
        if os.getcwd() not in sys.path:
            sys.path.insert(0, os.getcwd())
        extractor = load_extractor(args.extractor)
    bars: list[Any] = []

    def progress_bar(total: int) -> Callable[[int], Any]:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="row", desc="evaluating", file=sys.stderr)
        bars.append(bar)
        return bar.update

    try:
        result = evaluate(args.gold, articles=args.articles, extractor=extractor,
                          workers=args.workers, limit=args.limit,
                          progress=progress_bar if sys.stderr.isatty() else None)
    finally:
        for bar in bars:
            bar.close()
    print(result.table(show_misses=args.show_misses))
    if args.json_out is not None:
        result.to_json(args.json_out)
        print(f"written {args.json_out}", file=sys.stderr)
    return 0
