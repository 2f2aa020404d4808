"""Dataset I/O benchmark on synthetic events (run by hand; figures go to docs/performance.md).

    python benchmarks/bench_io.py [--events 1000000] [--repeat 3] [--keep DIR]

Generates N synthetic events column-wise with realistic cardinalities (about 110 countries
with a skewed share, 25 sub-event types, ~6,000 actors, ~60,000 places, notes of ~200
characters), writes a release, then times in the same run:
  - write_dataset (Parquet + CSV) and the file sizes;
  - ce.load() (verified, first call: sha256 included) against pandas.read_parquet on the same
    file, and ce.load() again (file already verified in this process) and verify=False;
  - a country-filtered load against the full load;
  - the memory of the loaded frame (DataFrame.memory_usage(deep=True)).
Loads run in interleaved rounds (every contender once per round); ratios use the best round
of each, the least disturbed by other work on the machine.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from machine_info import machine

import conflict_events as ce
from conflict_events.dataset.load import _filters, _row_groups
from conflict_events.dataset.release import forget_verified
from conflict_events.schema.countries import countries
from conflict_events.schema.descriptors import EVIDENCE_TYPE, arrow_schema
from conflict_events.schema.taxonomy import SubEventType, interaction_code

SUB_EVENT_WEIGHTS = {  # rough shares of an ACLED year
    "Armed clash": 18, "Peaceful protest": 30, "Attack": 9, "Shelling/artillery/missile attack": 12,
    "Air/drone strike": 5, "Protest with intervention": 3, "Violent demonstration": 5,
    "Mob violence": 3, "Remote explosive/landmine/IED": 3, "Abduction/forced disappearance": 2,
    "Looting/property destruction": 2, "Arrests": 2, "Change to group/activity": 1,
    "Disrupted weapons use": 2,
}
SOURCE_SCALES = np.array(["National", "Subnational", "Regional", "International", "New media",
                          "Other", "National-Regional", "Subnational-National",
                          "Local partner-Other", "National-International"])
FILLERS = np.array([
    "The clashes lasted several hours and casualties were reported on both sides of the line.",
    "Local sources said the situation remained tense in the surrounding villages overnight.",
    "Participants demanded better wages, the release of detainees and an end to corruption.",
    "Residents reported damage to several houses, a school and the main road to the market.",
    "The group later claimed responsibility in a statement published on its official channel.",
    "Security forces dispersed the crowd and arrested a number of people according to police.",
])


def _flat(values: np.ndarray) -> pa.Array:
    """One contiguous Arrow array (pa.array may chunk large numpy string arrays)."""
    array = pa.array(values)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def synthetic_events(n: int, seed: int = 7) -> pa.Table:
    rng = np.random.default_rng(seed)
    table = [c for c in countries() if c.iso > 0][:110]
    share = 1.0 / np.arange(1, len(table) + 1) ** 1.1  # a few countries dominate, as in ACLED
    share /= share.sum()
    share = share[rng.permutation(len(table))]  # which country is big is arbitrary
    pick = rng.choice(len(table), size=n, p=share)
    country_names = np.array([c.name for c in table])[pick]
    iso = np.array([c.iso for c in table], dtype=np.int16)[pick]
    iso3 = np.array([c.alpha3 for c in table])[pick]
    region = np.array([c.region for c in table])[pick]

    subs = list(SUB_EVENT_WEIGHTS)
    weights = np.array(list(SUB_EVENT_WEIGHTS.values()), dtype=float)
    sub_pick = rng.choice(len(subs), size=n, p=weights / weights.sum())
    sub = np.array(subs)[sub_pick]
    etype = np.array([SubEventType(s).event_type.value for s in subs])[sub_pick]
    disorder = np.array([SubEventType(s).disorder_type for s in subs])[sub_pick]

    start = np.datetime64("2018-01-01")
    days = rng.integers(0, 6 * 365, size=n)
    event_date = (start + days.astype("timedelta64[D]")).astype("datetime64[D]")
    year = event_date.astype("datetime64[Y]").astype(int) + 1970

    inter1 = rng.integers(1, 9, size=n).astype(np.int8)
    protests = np.isin(sub, ["Peaceful protest", "Protest with intervention"])
    inter1[protests] = 6
    one_sided = rng.random(n) < 0.45
    inter2 = np.where(one_sided, 0, rng.integers(1, 9, size=n)).astype(np.int8)
    codes = {(a, b): interaction_code(a, b) for a in range(1, 9) for b in range(0, 9)}
    lookup = np.zeros((9, 9), dtype=np.int8)
    for (a, b), code in codes.items():
        lookup[a, b] = code
    interaction = lookup[inter1, inter2]

    def names(prefix: str, cardinality: int, size: int) -> np.ndarray:
        pool = np.array([f"{prefix} {i}" for i in range(cardinality)])
        return pool[rng.zipf(1.3, size=size) % cardinality]

    actor1 = names("Armed Group", 6000, n)
    actor2 = pa.array(names("Opposing Group", 6000, n), mask=one_sided)
    location = names("Place", 60000, n)
    admin1 = names("Province", 2000, n)
    admin2 = names("District", 12000, n)
    admin3 = pa.array(names("Subdistrict", 25000, n), mask=rng.random(n) < 0.5)
    assoc = pa.array(names("Associated Group", 3000, n), mask=rng.random(n) < 0.7)
    source = names("Outlet", 3000, n)
    tags = pa.array(np.array(["crowd size=no report", "crowd size=large",
                              "crowd size=around 100", "women targeted: politicians"])[
        rng.integers(0, 4, size=n)], mask=~protests)
    event_number = (rng.permutation(n) + 1).astype(str)  # unique per event
    event_id_cnty = pc.binary_join_element_wise(pa.array(iso3), pa.array(event_number), "")
    # Unique ids: row number mixed into random bits, as hex.
    raw_ids = (rng.integers(0, 2**40, size=n, dtype=np.uint64) << np.uint64(24)) | np.arange(
        n, dtype=np.uint64)
    event_id = pa.array(np.char.mod("%016x", raw_ids))
    # ~200 characters, like the notes of ACLED's exports (median about 200).
    second = np.where(rng.random(n) < 0.6, FILLERS[rng.integers(0, len(FILLERS), size=n)], "")
    notes = pc.binary_join_element_wise(
        "On", pa.array(np.datetime_as_string(event_date)), pa.array(actor1), "acted near",
        pa.array(location), pa.array(FILLERS[rng.integers(0, len(FILLERS), size=n)]),
        pa.array(second), " ",
    )

    # Most events rest on one article; some on two or three.
    per_event = rng.choice(np.array([1, 2, 3]), size=n, p=[0.75, 0.2, 0.05])
    offsets = np.concatenate([[0], np.cumsum(per_event)]).astype(np.int32)
    total = int(offsets[-1])
    article_ids = pa.ListArray.from_arrays(
        pa.array(offsets), _flat(np.char.mod("art-%07d", rng.integers(0, 400_000, total))))
    starts = rng.integers(0, 4000, size=total).astype(np.int32)
    evidence_items = pa.StructArray.from_arrays(
        [article_ids.flatten(), pa.array(starts), pa.array(starts + 120)],
        fields=list(EVIDENCE_TYPE))
    evidence = pa.ListArray.from_arrays(pa.array(offsets), evidence_items)

    columns: dict[str, Any] = {
        "event_id_cnty": event_id_cnty, "event_date": pa.array(event_date, pa.date32()),
        "year": year.astype(np.int16), "time_precision": rng.choice(
            np.array([1, 2, 3], dtype=np.int8), size=n, p=[0.9, 0.08, 0.02]),
        "disorder_type": disorder, "event_type": etype, "sub_event_type": sub,
        "actor1": actor1, "assoc_actor_1": assoc, "inter1": inter1, "actor2": actor2,
        "assoc_actor_2": pa.nulls(n, pa.string()), "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": pa.array(np.full(n, "Civilians targeted"),
                                       mask=etype != "Violence against civilians"),
        "iso": iso, "region": region, "country": country_names, "admin1": admin1,
        "admin2": admin2, "admin3": admin3, "location": location,
        "latitude": np.round(rng.uniform(-40, 60, n), 4),
        "longitude": np.round(rng.uniform(-100, 140, n), 4),
        "geo_precision": rng.choice(np.array([1, 2, 3], dtype=np.int8), size=n,
                                    p=[0.7, 0.25, 0.05]),
        "source": source, "source_scale": SOURCE_SCALES[rng.integers(0, len(SOURCE_SCALES), n)],
        "notes": notes, "fatalities": np.minimum(rng.geometric(0.6, n) - 1, 500).astype(np.int32),
        "tags": tags, "timestamp": rng.integers(1_600_000_000, 1_700_000_000, n),
        "event_id": event_id, "article_ids": article_ids, "evidence": evidence,
        "confidence": np.round(rng.uniform(0.3, 1.0, n), 3),
        "extractor_version": np.full(n, ce.__version__),
    }
    schema = arrow_schema(plain=True)
    arrays = [pa.array(columns[f.name], f.type) if not isinstance(columns[f.name], pa.Array |
              pa.ChunkedArray) else columns[f.name].cast(f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    began = time.perf_counter()
    result = func()
    return time.perf_counter() - began, result


def race(contenders: dict[str, Callable[[], Any]], repeat: int) -> dict[str, list[float]]:
    """Seconds of each contender over `repeat` rounds. Within a round they run one after the
    other, so load from other processes on the machine hits all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, func in contenders.items():
            seconds, result = timed(func)
            del result
            times[name].append(seconds)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the release here and keep it")
    args = parser.parse_args()

    began = time.perf_counter()
    table = synthetic_events(args.events)
    print(f"generated {table.num_rows} events in {time.perf_counter() - began:.1f} s")

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-io-"))
    folder = work / "release"
    write_s, _ = timed(lambda: ce.write_dataset(table, folder))
    parquet_only_s, _ = timed(
        lambda: ce.write_dataset(table, work / "parquet-only", formats=("parquet",)))
    table = pa.table({})  # free the generated events before measuring loads
    parquet = folder / "events.parquet"
    sizes = {p.name: p.stat().st_size for p in folder.iterdir()}

    frame = ce.load(folder)
    by_column = frame.memory_usage(deep=True, index=False).sort_values(ascending=False)
    memory = int(by_column.sum())
    notes_chars = float(frame["notes"].str.len().mean())
    shares = frame["country"].value_counts(normalize=True)
    mid = str(shares.index[min(5, len(shares) - 1)])
    top = str(shares.index[0])
    mid_rows = int((frame["country"] == mid).sum())
    top_rows = int((frame["country"] == top).sum())
    del frame

    def cold(**filters: Any) -> Callable[[], pd.DataFrame]:
        def run() -> pd.DataFrame:
            forget_verified()
            return ce.load(folder, **filters)
        return run

    times = race({
        "pandas.read_parquet": lambda: pd.read_parquet(parquet),
        "pandas.read_parquet(dtype_backend='pyarrow')":
            lambda: pd.read_parquet(parquet, dtype_backend="pyarrow"),
        "ce.load() first call (sha256 verified)": cold(),
        "ce.load() again (already verified)": lambda: ce.load(folder),
        "ce.load(verify=False)": lambda: ce.load(folder, verify=False),
        f"ce.load(country={mid!r}) first call": cold(country=mid),
        f"ce.load(country={mid!r}) again": lambda: ce.load(folder, country=mid),
        f"ce.load(country={top!r}) again": lambda: ce.load(folder, country=top),
    }, args.repeat)
    best = {name: min(values) for name, values in times.items()}
    metadata = pq.read_metadata(parquet)
    groups_mid = _row_groups(metadata, _filters(mid, None, None, None, None)) or []

    info = machine()
    print("\n## measured")
    print(f"machine: {info}")
    print(f"events: {args.events:,}")
    print(f"write_dataset parquet+csv+articles: {write_s:.2f} s; parquet only: "
          f"{parquet_only_s:.2f} s")
    for name, size in sorted(sizes.items()):
        print(f"  {name}: {size / 1e6:.1f} MB")
    print(f"row groups: {metadata.num_row_groups} of {metadata.row_group(0).num_rows} rows")
    print(f"load timings, best / median of {args.repeat} interleaved rounds:")
    for name, values in times.items():
        print(f"  {name}: {best[name]:.3f} / {statistics.median(values):.3f} s")
    names = list(times)
    full_first, full_again = best[names[2]], best[names[3]]
    print(f"ce.load() first call / pandas.read_parquet: {full_first / best[names[0]]:.2f}x "
          f"(again: {full_again / best[names[0]]:.2f}x)")
    print(f"ce.load() first call / read_parquet(dtype_backend='pyarrow'): "
          f"{full_first / best[names[1]]:.2f}x")
    print(f"country={mid!r}: {shares[mid]:.1%} of events, {mid_rows:,} rows, "
          f"{len(groups_mid)}/{metadata.num_row_groups} row groups; first call "
          f"{best[names[5]] / full_first:.2f}x the full first call, again "
          f"{best[names[6]] / full_again:.2f}x the full load again")
    print(f"country={top!r}: {shares[top]:.1%} of events, {top_rows:,} rows; again "
          f"{best[names[7]] / full_again:.2f}x the full load again")
    print(f"loaded frame memory (deep): {memory / 1e6:.0f} MB; notes average "
          f"{notes_chars:.0f} characters")
    print("  largest columns: " + ", ".join(
        f"{name} {size / 1e6:.0f} MB" for name, size in by_column.head(6).items()))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
