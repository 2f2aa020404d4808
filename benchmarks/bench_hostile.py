"""Hostile text: how much longer one pathological article takes than a normal article of the
same size, through the whole extraction pipeline (ce.extract), on one core.

    python benchmarks/bench_hostile.py --kb 1024

The normal article is invented news prose (the templates of bench_extract.py) with sentence
breaks. Each pathological article is the same size and is built to defeat a parser: long runs
of digits, the same date repeated, the same place name repeated, event words without
sentence breaks (refused as run_on_text), and the same runs cut into 5,000-character and
400-character sentences. Target: every pathological article within 3x the normal one.
Timings are the best of --repeat runs, normal and hostile measured in the same run.
Rejections (ArticleRejected) count as handled; their time is measured all the same."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import synthetic_article

import conflict_events as ce
from conflict_events.errors import ArticleRejected

PUBLISHED = dt.date(2020, 5, 14)


def normal(size: int) -> str:
    rng = random.Random(7)
    parts: list[str] = []
    total = 0
    while total < size:
        text, _ = synthetic_article(rng)
        parts.append(text)
        total += len(text) + 2
    return "\n\n".join(parts)[:size]


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "Gunmen killed " + repeated("1234567890", n - 14),
    "digit_words": lambda n: repeated("killed 12345 67890 ", n),
    "dates": lambda n: repeated("on 12 May 2020 and ", n),
    "places": lambda n: repeated("Aleppo ", n),
    "place_list": lambda n: repeated("in Aleppo, Idlib, Homs and Hama ", n),
    "no_breaks": lambda n: repeated("militants attacked the army in Aleppo killing 5 people "
                                    "and wounding 12 others on Tuesday ", n),
    "capitalised": lambda n: repeated("Al Shabaab Fighters Attacked Mogadishu Town ", n),
    "dots": lambda n: "Gunmen killed 5 in Aleppo" + repeated(".", n - 25),
    "tags": lambda n: "<p>Gunmen killed 5 in Aleppo</p><div>" + repeated("<", n - 39),
    "numbers_words": lambda n: repeated("five six seven eight nine ten people ", n),
    # The same hostile runs cut into 5,000-character sentences: processed, not refused.
    "long_sentences": lambda n: repeated(repeated("militants attacked the army in Aleppo "
                                                  "killing 5 people on Tuesday ", 4998) + ". ",
                                         n),
    # The same, each sentence starting with a capital so that the splitter cuts it there: 5,000
    # characters of event words per sentence (refused: too many mentions in one sentence) and
    # 400 (processed: every sentence an event, some 40 mentions in each).
    "cut_sentences": lambda n: repeated(repeated("Militants attacked the army in Aleppo "
                                                 "killing 5 people on Tuesday ", 4998) + ". ",
                                        n),
    "dense_sentences": lambda n: repeated(repeated("Militants attacked the army in Aleppo "
                                                   "killing 5 people on Tuesday ", 398) + ". ",
                                          n),
    "capitalised_sentences": lambda n: repeated(repeated("Al Shabaab Fighters Attacked "
                                                         "Mogadishu Town ", 4998) + ". ", n),
    "digit_sentences": lambda n: repeated("Gunmen killed " + "1234567890" * 498 + ". ", n),
}


def best_time(text: str, repeat: int) -> tuple[float, str]:
    best = float("inf")
    outcome = ""
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            outcome = f"{len(ce.extract(text, published=PUBLISHED))} events"
        except ArticleRejected as exc:
            outcome = f"rejected: {exc.code}"
        except Exception as exc:  # a crash is a finding: report it, measure the rest
            outcome = f"CRASH {type(exc).__name__}: {str(exc)[:80]}"
        best = min(best, time.perf_counter() - started)
    return best, outcome


def growth(sizes_kb: list[int], repeat: int) -> int:
    """CPU seconds of the normal article at each size, best of `repeat`."""
    for kb in sizes_kb:
        text = normal(kb * 1024)
        best = float("inf")
        for _ in range(repeat):
            started = time.process_time()
            events = len(ce.extract(text, published=PUBLISHED))
            best = min(best, time.process_time() - started)
        print(f"normal {kb:>6} KB {best:8.2f} s CPU {best / kb * 1024:8.2f} s per MB   "
              f"{events} events", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=1024, help="article size in KB (1024 = 1 MB)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="pathological kinds to run")
    parser.add_argument("--growth", nargs="+", type=int, default=None, metavar="KB",
                        help="only time the normal article at these sizes (CPU time): "
                             "linear work keeps the seconds per MB flat")
    args = parser.parse_args()
    size = args.kb * 1024
    ce.extract("Gunmen killed two people in Aleppo on Monday.", published=PUBLISHED)  # warm up
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} cores, {platform.platform()}")
    if args.growth:
        return growth(args.growth, args.repeat)
    base, outcome = best_time(normal(size), args.repeat)
    print(f"{'normal':<14} {base:8.2f} s   1.00x   {outcome}")
    worst = 0.0
    for name, build in PATHOLOGICAL.items():
        if args.only and name not in args.only:
            continue
        seconds, outcome = best_time(build(size), args.repeat)
        worst = max(worst, seconds / base)
        print(f"{name:<14} {seconds:8.2f} s {seconds / base:6.2f}x   {outcome}", flush=True)
    print(f"worst slowdown: {worst:.2f}x (target <= 3x)")
    return 0 if worst <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
