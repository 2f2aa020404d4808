"""Measure the gazetteer and geocoder: coverage, geocode-only accuracy, speed, load time.

    python benchmarks/bench_geo.py all                      # everything, embedded world default
    python benchmarks/bench_geo.py accuracy --countries ../shared/gazetteer
    python benchmarks/bench_geo.py speed --mb 20
    python benchmarks/bench_geo.py speed --mb 10 --runs 5              # best and median of 5
    python benchmarks/bench_geo.py speed --mb 2 --baseline /tmp/before   # matcher A/B

`--countries DIR` adds every GeoNames country file in DIR (with admin1CodesASCII.txt and
admin2Codes.txt beside them) to the world gazetteer, in a temporary data directory, for the run.
The dev set is ../shared/eval/acled_2020_dev.csv (read only, never copied).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

from machine_info import machine

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "acled_2020_dev.csv"
SEEDS = ROOT.parent / "shared" / "seeds"


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def add_countries(directory: Path) -> None:
    from conflict_events.geo import store
    from conflict_events.geo.geonames import load_geonames_dump

    for path in sorted(directory.glob("[A-Z][A-Z].txt")):
        gazetteer = load_geonames_dump(path)
        store.save_country(path.stem, gazetteer, source=str(path))


def read_dev(limit: int | None) -> list[dict[str, str]]:
    import csv

    if not DEV.exists():
        sys.exit(f"the dev set {DEV} is absent")
    with DEV.open(encoding="utf-8") as handle:
        # a row without gold coordinates cannot be scored on place
        rows = [r for r in csv.DictReader(handle) if r["latitude"] and r["longitude"]]
    return rows[:limit] if limit else rows


def coverage(rows: list[dict[str, str]]) -> dict[str, float]:
    """Share of gold locations whose name (or an alternate) is in the gazetteer within 25 km."""
    import numpy as np

    from conflict_events.geo import Gazetteer
    from conflict_events.geo.disambiguate import haversine_km

    gaz = Gazetteer.default()
    coords = gaz.coordinates
    exact = loose = 0
    for row in rows:
        name = row["location"]
        lat, lon = float(row["latitude"]), float(row["longitude"])
        names = [name] + ([name.split(" - ", 1)[1]] if " - " in name else [])
        found_exact = [p.index for n in names for p in gaz.lookup(n)]
        found_loose = found_exact + [i for n in names for i in gaz.loose_lookup(n)]
        for found, counter in ((found_exact, "exact"), (found_loose, "loose")):
            if not found:
                continue
            idx = np.array(found)
            dist = haversine_km(lat, lon, coords[idx, 0], coords[idx, 1])
            if (dist <= 25).any():
                if counter == "exact":
                    exact += 1
                else:
                    loose += 1
    return {
        "rows": len(rows),
        "coverage_exact_name": round(exact / len(rows), 4),
        "coverage_tolerant_name": round(loose / len(rows), 4),
    }


def accuracy(
    rows: list[dict[str, str]], *, show_errors: int = 0, hint: bool = False
) -> dict[str, object]:
    """geo.geocode on each row's notes, no country hint (or, with `hint`, the gold country as
    the hint an extractor could take from actors or the source); the first place against
    gold."""
    import numpy as np

    from conflict_events import geo
    from conflict_events.evaluate.keys import admin_areas_match
    from conflict_events.geo.disambiguate import haversine_km

    geocoder = geo.Geocoder(geo.Gazetteer.default())
    counts: Counter[str] = Counter()
    errors: list[str] = []
    started = time.perf_counter()
    for row in rows:
        result = geocoder.resolve(row["notes"], row["country"] if hint else None)
        counts["rows"] += 1
        if not result.places:
            counts["no_place"] += 1
            if len(errors) < show_errors:
                errors.append(f"NONE  gold={row['location']}/{row['admin1']}  {row['notes'][:160]}")
            continue
        best = result.places[0].location
        gold_lat, gold_lon = float(row["latitude"]), float(row["longitude"])
        km = float(haversine_km(gold_lat, gold_lon, np.array([best.latitude]),
                                np.array([best.longitude]))[0])
        same_country = best.country == row["country"]
        counts["wrong_country"] += not same_country
        counts["admin1"] += same_country and admin_areas_match(
            best.admin1, row["admin1"], row["country"]
        )
        counts["within_25km"] += km <= 25
        counts["geo_precision"] += int(best.geo_precision) == int(float(row["geo_precision"]))
        if (km > 25 or not same_country) and len(errors) < show_errors:
            errors.append(
                f"{'CNTRY' if not same_country else 'FAR'} {km:7.0f} km  "
                f"pred={best.location}/{best.admin1}/{best.country}  "
                f"gold={row['location']}/{row['admin1']}/{row['country']}  {row['notes'][:150]}"
            )
    seconds = time.perf_counter() - started
    n = counts["rows"]
    report: dict[str, object] = {
        "rows": n,
        "with_place": round(1 - counts["no_place"] / n, 4),
        "admin1": round(counts["admin1"] / n, 4),
        "within_25km": round(counts["within_25km"] / n, 4),
        "wrong_country": round(counts["wrong_country"] / n, 4),
        "geo_precision": round(counts["geo_precision"] / n, 4),
        "pass_counts": dict(geocoder.pass_counts),
        "seconds": round(seconds, 2),
    }
    if errors:
        report["errors"] = errors
    return report


def _speed_texts(megabytes: float) -> dict[str, list[str]]:
    """The two texts of the speed measures, each repeated to `megabytes`, in 100 kB pieces."""
    notes = "\n".join(r["notes"] for r in read_dev(None))
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    target = int(megabytes * 1e6)
    texts = {}
    for label, text in (("notes", notes), ("news", seeds)):
        if text:
            corpus = (text * (target // len(text) + 1))[:target]
            texts[label] = [corpus[i : i + 100_000] for i in range(0, len(corpus), 100_000)]
    return texts


def speed(megabytes: float, runs: int = 1) -> dict[str, object]:
    """Name matching speed (fold + Aho-Corasick pass + case/context rules + country names)
    with the gazetteer loaded, on two texts: ACLED notes (dense: a place every ~100
    characters) and the seed news articles (ordinary news prose), each repeated to
    `megabytes`. Baselines in the same run: the bare automaton pass over the folded text (the
    ceiling) and a regex scan of capitalised words (a trivial tokenizer, independent of this
    code). With `runs` > 1 the whole measure is repeated and each figure is given as the best
    and the median of the runs, with the ratio of matching to the regex scan of each run
    (the machine's own speed moves by a factor of two within minutes: the ratio much less)."""
    import re
    import statistics

    from conflict_events import geo
    from conflict_events.geo.countrynames import country_mentions_detailed
    from conflict_events.geo.keys import padded_fold

    geocoder = geo.Geocoder(geo.Gazetteer.default())
    matcher = geocoder.matcher
    matcher.find("Aleppo")  # the automaton is loaded (or compiled) before timing
    capitalised = re.compile(r"\b[A-Z][\w'-]+")
    texts = _speed_texts(megabytes)
    scans = {
        "match": lambda c: (matcher.find(c), country_mentions_detailed(c)),
        "automaton_only": lambda c: matcher.compiled.scan(padded_fold(c)),
        "regex_capitalised": lambda c: capitalised.findall(c),
    }
    measured: dict[str, list[float]] = {}
    load = [os.getloadavg()[0]]
    for _ in range(runs):
        for label, chunks in texts.items():
            for name, scan in scans.items():
                padded_fold.cache_clear()  # every scan folds its texts itself
                wall, cpu = _throughput(chunks, scan)
                measured.setdefault(f"{label}_{name}_mb_per_s", []).append(wall)
                measured.setdefault(f"{label}_{name}_mb_per_cpu_s", []).append(cpu)
            measured.setdefault(f"{label}_match_to_regex_cpu", []).append(round(
                measured[f"{label}_match_mb_per_cpu_s"][-1]
                / measured[f"{label}_regex_capitalised_mb_per_cpu_s"][-1], 3))
        load.append(os.getloadavg()[0])
    report: dict[str, object] = {}
    for key, values in measured.items():
        if runs == 1:
            report[key] = values[0]
        else:
            report[key] = {"best": max(values), "median": round(statistics.median(values), 3),
                           "runs": values}
    sample = [r["notes"] for r in read_dev(2000)]
    started = time.perf_counter()
    for note in sample:
        geocoder.resolve(note)
    seconds = time.perf_counter() - started
    report["resolve_notes_per_s"] = round(len(sample) / seconds, 1)
    report["match_mb"] = round(megabytes, 1)
    report["load_average_during_runs"] = [round(x, 2) for x in load]
    return report


def _throughput(chunks: list[str], scan: object, repeat: int = 3) -> tuple[float, float]:
    """Best MB/s of `scan` over `chunks` (one core), by wall-clock time and by the
    process's CPU time (which other work on a shared machine inflates less)."""
    best = best_cpu = float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        for chunk in chunks:
            scan(chunk)  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    megabytes = sum(map(len, chunks)) / 1e6
    return round(megabytes / best, 1), round(megabytes / best_cpu, 1)


def _load_module(name: str, path: Path) -> ModuleType | None:
    import importlib.util

    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic resolves its models' names there
    spec.loader.exec_module(module)
    return module


def speed_against(baseline: Path, megabytes: float, rounds: int) -> dict[str, object]:
    """Name matching (the same scan as `speed`) with this code's matcher and with the matcher
    of another checkout (`baseline`/conflict_events/geo/matcher.py, with that checkout's
    automaton.py, hit_screen.py and text folding where it has them, on this code's gazetteer
    and country names), in turn within one process, `rounds` times each: on a shared machine
    the two see the same load. Best and median CPU MB/s per text."""
    import statistics

    from conflict_events import geo
    from conflict_events.geo import countrynames
    from conflict_events.geo import keys as current_keys
    from conflict_events.geo.countrynames import country_mentions_detailed

    geo_dir = baseline / "conflict_events" / "geo"
    keys = _load_module("baseline_keys", geo_dir / "keys.py") or current_keys
    automaton = _load_module("baseline_automaton", geo_dir / "automaton.py")
    screen = _load_module("baseline_hit_screen", geo_dir / "hit_screen.py")
    module = _load_module("baseline_matcher", geo_dir / "matcher.py")
    if module is None:
        sys.exit(f"no matcher at {geo_dir / 'matcher.py'}")
    # the baseline's matcher reads texts through the baseline's own helpers
    module.padded_fold = keys.padded_fold  # type: ignore[attr-defined]
    if screen is not None:
        for name in dir(screen):
            if not name.startswith("__") and hasattr(module, name):
                setattr(module, name, getattr(screen, name))
    gazetteer = geo.Gazetteer.default()
    current = geo.Geocoder(gazetteer).matcher
    current.find("Aleppo")  # the automaton is loaded before timing
    other = module.Matcher(gazetteer)
    this_automaton = Path(sys.modules["conflict_events.geo.automaton"].__file__ or "")
    if automaton is None or (geo_dir / "automaton.py").read_bytes() == this_automaton.read_bytes():
        other._compiled = current.compiled  # the same automaton: only the rules' code differs
    else:
        # the baseline's own automaton, compiled in memory (its cache file would replace this
        # code's)
        rules = module.matching_rules()
        after, before = automaton.cues(rules.area_words, rules.place_words)
        key_list, _, _ = gazetteer.key_index
        other._compiled = automaton.build(key_list, rules.common_keys, after, before,
                                          module._LOWER_NAME_STARTS)
    texts = _speed_texts(megabytes)
    report: dict[str, object] = {"baseline": str(baseline), "rounds": rounds,
                                 "load_start": os.getloadavg()}
    folds = {"baseline": keys.padded_fold, "this code": current_keys.padded_fold}
    for label, chunks in texts.items():
        if [other.find(c) for c in chunks[:3]] != [current.find(c) for c in chunks[:3]]:
            report[f"{label}_differs"] = True  # not the same names: the figures compare nothing
        seconds: dict[str, list[float]] = {"baseline": [], "this code": []}
        for _ in range(rounds):
            # this code's matching itself: the last-text cache of `find` is left out
            for name, find in (("baseline", other._find), ("this code", current._find)):
                countrynames.padded_fold = folds[name]
                for fold in folds.values():
                    fold.cache_clear()
                started = time.process_time()
                for chunk in chunks:
                    find(chunk)
                    country_mentions_detailed(chunk)
                seconds[name].append(time.process_time() - started)
        countrynames.padded_fold = current_keys.padded_fold
        megabytes_done = sum(map(len, chunks)) / 1e6
        for name, runs in seconds.items():
            report[f"{label}_{name}_mb_per_cpu_s_best"] = round(megabytes_done / min(runs), 1)
            report[f"{label}_{name}_mb_per_cpu_s_median"] = round(
                megabytes_done / statistics.median(runs), 1)
        report[f"{label}_speed_up_median"] = round(
            statistics.median(seconds["baseline"]) / statistics.median(seconds["this code"]), 2)
    report["load_end"] = os.getloadavg()
    return report


def load_times() -> dict[str, float]:
    """Fresh interpreters: import, default load (first: builds the merged cache when country
    files were added; second: the cached case), first-geocode set-up, world cache build."""
    code = (
        "import time,json,os\n"
        "def rss():\n"
        "    pages = int(open('/proc/self/statm').read().split()[1])\n"
        "    return pages * os.sysconf('SC_PAGE_SIZE') / 1e6\n"
        "t=time.perf_counter(); c=time.process_time()\n"
        "from conflict_events import geo\n"
        "r0=rss(); t0=time.perf_counter(); c0=time.process_time()\n"
        "g=geo.Gazetteer.default(); t1=time.perf_counter(); c1=time.process_time(); r1=rss()\n"
        "geo.geocode('Shelling hit Aleppo.'); t2=time.perf_counter(); c2=time.process_time()\n"
        "r2=rss()\n"
        "print(json.dumps({'import_s':round(t0-t,3),'import_cpu_s':round(c0-c,3),"
        "'default_load_s':round(t1-t0,3),'default_load_cpu_s':round(c1-c0,3),"
        "'default_load_mb':round(r1-r0,1),'first_geocode_s':round(t2-t1,3),"
        "'first_geocode_cpu_s':round(c2-c1,3),'geocoder_total_mb':round(r2-r0,1)}))\n"
    )

    def run(env: dict[str, str] | None = None) -> dict[str, float]:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))

    first = run()
    report = run()  # caches in place: what every later session sees
    report["first_default_load_s"] = first["default_load_s"]
    # the first geocode of the first run compiles the automaton when it was not cached yet
    report["first_run_first_geocode_s"] = first["first_geocode_s"]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CONFLICT_EVENTS_CACHE_DIR=tmp)
        build = (
            "import time\nfrom conflict_events import geo\nfrom conflict_events.geo import store\n"
            "t=time.perf_counter(); store.ensure_world(); t1=time.perf_counter()\n"
            "geo.Geocoder(store.load_world()).matcher.compiled; t2=time.perf_counter()\n"
            "print(round(t1-t,1), round(t2-t1,1))"
        )
        out = subprocess.run(
            [sys.executable, "-c", build], capture_output=True, text=True, check=True, env=env
        )
        world_s, automaton_s = out.stdout.strip().splitlines()[-1].split()
        report["world_cache_build_s"] = float(world_s)
        report["automaton_cache_build_s"] = float(automaton_s)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("what", choices=["all", "coverage", "accuracy", "speed", "load"])
    parser.add_argument("--countries", type=Path, help="directory of GeoNames country files")
    parser.add_argument("--limit", type=int, help="first N dev rows only")
    parser.add_argument("--errors", type=int, default=0, help="print N misplaced rows")
    parser.add_argument("--mb", type=float, default=20.0, help="text volume for speed")
    parser.add_argument("--hint", action="store_true", help="pass the gold country as hint")
    parser.add_argument("--baseline", type=Path,
                        help="with speed: also time the matcher of this other checkout, in "
                             "turn with this code's, in the same process")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of --baseline")
    parser.add_argument("--runs", type=int, default=1,
                        help="with speed: repeat the whole measure, give best and median")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        if args.countries:
            os.environ["CONFLICT_EVENTS_DATA_DIR"] = data_dir
            add_countries(args.countries)
        else:
            os.environ.setdefault("CONFLICT_EVENTS_DATA_DIR", data_dir)  # world only
        report: dict[str, object] = {"machine": machine(), "countries": str(args.countries or "")}
        if args.what in ("all", "load"):
            report["load"] = load_times()
        if args.what in ("all", "coverage"):
            report["coverage"] = coverage(read_dev(args.limit))
        if args.what in ("all", "accuracy"):
            report["accuracy"] = accuracy(
                read_dev(args.limit), show_errors=args.errors, hint=args.hint
            )
        if args.what in ("all", "speed"):
            if args.baseline:
                report["speed_against_baseline"] = speed_against(
                    args.baseline, args.mb, args.rounds)
            else:
                report["speed"] = speed(args.mb, args.runs)
        report["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1)
        measured = report.get("accuracy")
        errors = measured.pop("errors", []) if isinstance(measured, dict) else []
        print(json.dumps(report, indent=1))
        for line in errors:
            print(line)


if __name__ == "__main__":
    main()
