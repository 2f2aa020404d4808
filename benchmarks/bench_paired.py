"""Extraction time of this code against another checkout, measured in one process, article by
article in turn, so that both see the machine at the same moment.

    python benchmarks/bench_paired.py --baseline /tmp/before --mb 2 [--corpus dense news] [--no-gc]

On a shared machine the speed of the same code moves by a factor of two within minutes, and
separate processes run minutes apart see different machines; here each article is extracted
by both codes one after the other (in alternating order), and each code's CPU time per stage
is summed. The baseline's package is copied to a temporary directory under another name
(`conflict_events_baseline`, its own imports renamed) so that both can be imported at once;
it keeps the same cache directory. Both first extract 0.1 MB of other articles of the corpus
(lexicons, gazetteer and caches loaded). The corpora are those of bench_extract.py. The script
also checks that both codes give the same events (as JSON), article by article."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

BASELINE_PACKAGE = "conflict_events_baseline"


def copy_renamed(baseline: Path, folder: Path) -> None:
    """The baseline's conflict_events package copied into `folder` as BASELINE_PACKAGE, every
    reference to the package renamed except the cache directory's name."""
    target = folder / BASELINE_PACKAGE
    shutil.copytree(baseline / "conflict_events", target,
                    ignore=shutil.ignore_patterns("__pycache__"))
    name = re.compile(r"\bconflict_events\b")
    for path in target.rglob("*.py"):
        text = name.sub(BASELINE_PACKAGE, path.read_text(encoding="utf-8"))
        if path.name == "cache.py":  # the same cache directory as this code
            text = text.replace(f'APP = "{BASELINE_PACKAGE}"', 'APP = "conflict_events"')
        path.write_text(text, encoding="utf-8")


class Side:
    """One code's pipeline, and how to make its checked Article from a text."""

    def __init__(self, package: str) -> None:
        api = importlib.import_module(f"{package}.extract.api")
        self.checks = importlib.import_module(f"{package}.extract.checks")
        self.models = importlib.import_module(f"{package}.schema.models")
        self.pipeline = api.Pipeline.default()
        self.pipeline.measure_cpu = True
        self.cpu = 0.0
        self.events = 0

    def extract(self, number: int, text: str, published: Any) -> list[Any]:
        article = self.checks.check_article(
            self.models.Article(article_id=f"b{number}", text=text, published=published))
        return list(self.pipeline(article).events)

    def timed(self, number: int, text: str, published: Any) -> list[Any]:
        start = time.process_time()
        events = self.extract(number, text, published)
        self.cpu += time.process_time() - start
        self.events += len(events)
        return events


def run(kind: str, megabytes: float, sides: dict[str, Side], no_gc: bool = False) -> None:
    from bench_extract import corpus

    for side in sides.values():
        for n, (text, published) in enumerate(corpus(0.1, seed=99, kind=kind)):
            side.extract(n, text, published)  # warm: lexicons, gazetteer, caches
        side.pipeline.reset_timings()
        side.cpu, side.events = 0.0, 0
    articles = corpus(megabytes, kind=kind)
    mb = sum(len(t.encode("utf-8")) for t, _ in articles) / 1e6
    differ = 0
    if no_gc:
        gc.collect()
        gc.disable()
    load_start = os.getloadavg()
    for n, (text, published) in enumerate(articles):
        names = list(sides) if n % 2 == 0 else list(reversed(sides))
        found = {name: sides[name].timed(n, text, published) for name in names}
        dumps = [[e.model_dump(mode="json") for e in events] for events in found.values()]
        differ += any(d != dumps[0] for d in dumps[1:])
    load_end = os.getloadavg()
    gc.enable()
    print(f"== corpus {kind!r}: {len(articles):,} articles, {mb:.1f} MB; articles whose events "
          f"differ: {differ}; load average (1 min) {load_start[0]:.2f} at the start, "
          f"{load_end[0]:.2f} at the end, on {os.cpu_count()} CPUs")
    for name, side in sides.items():
        print(f"{name:>9}: {side.events:,} events, {side.cpu:.2f} s CPU = {mb / side.cpu:.3f} MB/s")
    names = list(sides)
    print("CPU seconds per stage: " + " / ".join(names))
    first = sides[names[0]].pipeline.cpu_timings
    for stage in sorted(first, key=lambda s: -first[s]):
        figures = [sides[name].pipeline.cpu_timings.get(stage, 0.0) for name in names]
        print(f"  {stage:<10} " + " / ".join(f"{f:.3f}" for f in figures))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True,
                        help="a checkout (or `git archive` copy) holding conflict_events/")
    parser.add_argument("--mb", type=float, default=2.0, help="MB of each corpus (default 2)")
    parser.add_argument("--no-gc", action="store_true",
                        help="no cyclic garbage collection while the articles are measured: "
                             "a collection is charged to whichever side and stage runs when "
                             "it starts, several percent of a stage in a 2 MB run")
    parser.add_argument("--corpus", nargs="+", choices=["dense", "news"],
                        default=["dense", "news"], help="corpora to run (default both)")
    args = parser.parse_args()
    if not (args.baseline / "conflict_events").is_dir():
        parser.error(f"{args.baseline} holds no conflict_events package")

    from machine_info import describe, machine

    print(f"machine: {describe(machine())}")
    with tempfile.TemporaryDirectory(prefix="bench-paired-") as scratch:
        copy_renamed(args.baseline, Path(scratch))
        sys.path.insert(0, scratch)
        sys.path.insert(0, str(ROOT))
        sides = {"baseline": Side(BASELINE_PACKAGE), "this code": Side("conflict_events")}
        for kind in args.corpus:
            run(kind, args.mb, sides, args.no_gc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
