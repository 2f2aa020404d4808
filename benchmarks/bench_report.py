"""HTML report benchmark on synthetic events (run by hand; figures go to docs/report.md).

    python benchmarks/bench_report.py [--events 20000] [--repeat 3]

Writes a release of N synthetic events (bench_io's generator: realistic cardinalities of
countries, actors and places), then times in the same run:
  - ce.load() of the release, the baseline every report pays;
  - `conflict-events report` (build_report: load + payload + HTML) and the file size;
  - in headless Chromium (/usr/bin/chromium, when present): the time until the page has
    drawn everything, and one event-type filter.
Each step runs REPEAT times; the best run is reported.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_io import synthetic_events
from machine_info import machine

import conflict_events as ce
from conflict_events.report.build import build_report

CHROMIUM = Path("/usr/bin/chromium")


def best(func: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def browser_times(page_path: Path, repeat: int) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    loads, filters = [], []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu"],
            viewport={"width": 1280, "height": 900})
        for _ in range(repeat):
            page = context.new_page()
            start = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=300_000)
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            page.select_option("#filter-type", "Battles")
            page.locator("#events tbody tr.event").first.wait_for()
            filters.append(time.perf_counter() - start)
            page.close()
        context.close()
    return min(loads), min(filters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for key, value in machine().items():
        print(f"{key}: {value}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = ce.write_dataset(synthetic_events(args.events), Path(tmp) / "release")
        out = Path(tmp) / "report.html"
        load = best(lambda: ce.load(folder), args.repeat)
        build = best(lambda: build_report(folder, out), args.repeat)
        print(f"events: {args.events:,}")
        print(f"ce.load():          {load:.3f} s")
        print(f"report build:       {build:.3f} s  ({out.stat().st_size / 1e6:.1f} MB)")
        if CHROMIUM.exists():
            ready, filtered = browser_times(out, args.repeat)
            print(f"page ready:         {ready:.3f} s  (headless Chromium)")
            print(f"event-type filter:  {filtered:.3f} s")
        else:
            print(f"{CHROMIUM} absent: page timings skipped")


if __name__ == "__main__":
    main()
