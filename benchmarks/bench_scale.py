"""Corpus-run benchmark (run by hand; figures go to docs/performance.md, "## Corpus runs").

    python benchmarks/bench_scale.py [--mb 50] [--sample-mb 0] [--repeat 2] [--no-dask]
                                     [--release-events 100000] [--synthetic-release] [--keep DIR]

1. Generates an invented corpus of at least --mb megabytes of JSONL
   (conflict_events.corpus.synthetic: every event reported by 1-4 outlets, as in real coverage).
2. Runs `conflict_events.corpus.run` on the first --sample-mb megabytes of it (the whole corpus
   with --sample-mb 0) with 1 and 2 local workers and with Dask on a LocalCluster of 2 worker
   processes, each in a fresh child process, in --repeat interleaved rounds, and reports for
   the best round of each: articles/s, the speed-up over one worker, CPU seconds (the run's
   process and its workers), the load average before and after, the peak resident memory of
   each process (sampled with psutil) and the reports merged by cross-article deduplication.
   All runs must give the same events.
3. Adds 1% new articles to the release of the 2-worker run (an incremental update) and
   compares its time with that run (a full rebuild).
4. Builds a release of about --release-events events with a full 2-worker run over as many
   invented articles as that takes (the full rebuild, measured), then adds 1% new articles to
   it, twice (the second run finds nothing new). With --synthetic-release the release is
   instead written from bench_io.synthetic_events and an articles table of the same size
   (fast), and the rebuild time is estimated from the 2-worker rate of step 2.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from machine_info import describe, machine

HERE = Path(__file__).resolve().parent


def generate(path: Path, megabytes: float, seed: int = 1) -> tuple[int, int]:
    """JSONL of invented articles until it holds MEGABYTES; returns (articles, bytes)."""
    from conflict_events.corpus.synthetic import invented_articles

    limit = int(megabytes * 1_000_000)
    count = size = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in invented_articles(10_000_000, seed=seed, paragraphs=6):
            line = json.dumps({"article_id": article.article_id, "title": article.title,
                               "text": article.text, "source": article.source,
                               "published": article.published.isoformat()
                               if article.published else None}) + "\n"
            handle.write(line)
            count += 1
            size += len(line.encode("utf-8"))
            if size >= limit:
                break
    return count, size


def prefix(source: Path, target: Path, megabytes: float) -> tuple[int, int]:
    limit = int(megabytes * 1_000_000)
    count = size = 0
    with source.open("rb") as read, target.open("wb") as write:
        for line in read:
            write.write(line)
            count += 1
            size += len(line)
            if size >= limit:
                break
    return count, size


class MemorySampler:
    """Peak RSS of this process and of each of its descendants, sampled every 0.2 s."""

    def __init__(self) -> None:
        import psutil

        self._me = psutil.Process()
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                for proc in [self._me, *self._me.children(recursive=True)]:
                    try:
                        rss = proc.memory_info().rss
                    except psutil.Error:
                        continue
                    self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
            except psutil.Error:
                pass
            self._stop.wait(0.2)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def one_run(corpus: str, out: str, engine: str, workers: int, update: str | None) -> None:
    """Child process: one corpus run, figures as JSON on stdout."""
    from conflict_events.corpus.run import run

    load_before = os.getloadavg()[0]
    with MemorySampler() as memory:
        summary = run([corpus], out, update=update, engine=engine, workers=workers,
                      quiet=True)
    me = os.getpid()
    others = [v for pid, v in memory.peaks.items() if pid != me]
    own, children = (resource.getrusage(resource.RUSAGE_SELF),
                     resource.getrusage(resource.RUSAGE_CHILDREN))
    print(json.dumps({
        "seconds": summary.seconds, "articles": len(summary.result.records),
        "already_seen": summary.already_seen,
        "articles_per_s": summary.articles_per_second,
        "events_extracted": summary.result.events_extracted,
        "reports_merged": summary.result.merge.merged_events,
        "merged_groups": summary.result.merge.merged_groups,
        "events_total": summary.result.events_total,
        "changed": summary.result.changed,
        "peak_rss_main_mb": memory.peaks.get(me, 0) / 1e6,
        "peak_rss_worker_mb": max(others) / 1e6 if others else None,
        "worker_processes": len(others),
        # this process and its reaped children (pool, Dask workers); Dask worker processes
        # are reaped by the nanny, so their CPU time is not counted here
        "cpu_main": own.ru_utime + own.ru_stime,
        "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "load_before": load_before, "load_after": os.getloadavg()[0],
    }))


def child(corpus: Path, out: Path, engine: str, workers: int,
          update: Path | None = None) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one", str(corpus), str(out), engine, str(workers),
               str(update or "")]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def new_articles_file(path: Path, count: int, seed: int, prefix: str) -> Path:
    """COUNT invented articles of another seed (new texts), under new ids."""
    from conflict_events.corpus.synthetic import invented_articles, write_jsonl

    articles = invented_articles(count, seed=seed, paragraphs=6)
    write_jsonl(path, [a.model_copy(update={"article_id": prefix + a.article_id})
                       for _, a in zip(range(count), articles, strict=False)])
    return path


def release_update(work: Path, events_wanted: int, events_per_article: float,
                   synthetic: bool) -> dict[str, Any]:
    """A release of about EVENTS_WANTED events, then 1% new articles added to it, twice."""
    release = work / "release-big"
    shutil.rmtree(release, ignore_errors=True)
    figures: dict[str, Any] = {}
    if synthetic:
        sys.path.insert(0, str(HERE))
        import hashlib

        import pyarrow as pa
        from bench_io import synthetic_events

        from conflict_events.dataset.write import write_dataset

        n = int(events_wanted / events_per_article)
        articles = pa.table({
            "article_id": [f"old-{i:08d}" for i in range(n)],
            "title": [f"Invented title {i}" for i in range(n)],
            "source": [f"Outlet {i % 40}" for i in range(n)],
            "url": pa.array([None] * n, pa.string()),
            "published": pa.array([None] * n, pa.date32()),
            "sha256": [hashlib.sha256(str(i).encode()).hexdigest() for i in range(n)],
            "status": ["processed"] * n, "n_events": pa.array([1] * n, pa.int32()),
            "error": pa.array([None] * n, pa.string())})
        write_dataset(synthetic_events(events_wanted), release, articles=articles)
        figures["release_articles"] = n
        figures["release_events"] = events_wanted
    else:
        count = int(events_wanted / events_per_article * 1.02)
        corpus = work / "corpus-big.jsonl"
        _, size = generate_articles(corpus, count, seed=7)
        rebuild = child(corpus, release, "local", 2)
        print("full rebuild", json.dumps(rebuild), flush=True)
        figures.update(rebuild=rebuild, corpus_mb=size / 1e6,
                       release_articles=rebuild["articles"],
                       release_events=rebuild["events_total"])
    count = max(1, figures["release_articles"] // 100)
    new = new_articles_file(work / "new-big.jsonl", count, seed=321, prefix="big-")
    figures["update"] = child(new, release, "local", 2, update=release)
    print("update", json.dumps(figures["update"]), flush=True)
    figures["update_again"] = child(new, release, "local", 2, update=release)
    print("same update again", json.dumps(figures["update_again"]), flush=True)
    return figures


def generate_articles(path: Path, count: int, seed: int) -> tuple[int, int]:
    """JSONL of COUNT invented articles; returns (articles, bytes)."""
    from conflict_events.corpus.synthetic import invented_articles

    size = written = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in invented_articles(count, seed=seed, paragraphs=6):
            line = json.dumps({"article_id": article.article_id, "title": article.title,
                               "text": article.text, "source": article.source,
                               "published": article.published.isoformat()
                               if article.published else None}) + "\n"
            handle.write(line)
            size += len(line.encode("utf-8"))
            written += 1
            if written >= count:
                break
    return written, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--sample-mb", type=float, default=0.0,
                        help="megabytes of the corpus each configuration runs on (0 = all)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="interleaved rounds of every configuration; the best is reported")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--release-events", type=int, default=100_000,
                        help="size of the release of the update benchmark (0: skip it)")
    parser.add_argument("--synthetic-release", action="store_true",
                        help="write that release from synthetic events instead of a full run")
    parser.add_argument("--rebuild-rate", type=float, default=None, metavar="ARTICLES_PER_S",
                        help="only step 4 with --synthetic-release, the rebuild estimated "
                        "from this rate (articles/s of a measured full 2-worker run)")
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--one", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        corpus, out, engine, workers, update = args.one
        one_run(corpus, out, engine, int(workers), update or None)
        return
    if args.rebuild_rate:
        work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
        work.mkdir(parents=True, exist_ok=True)
        # events per article of the invented corpus at 50 MB (26,897 / 47,231)
        big = release_update(work, args.release_events, 0.57, synthetic=True)
        update, again = big["update"], big["update_again"]
        rebuild_s = big["release_articles"] / args.rebuild_rate
        print(f"release of {big['release_events']} events and {big['release_articles']} "
              f"article rows; full rebuild {rebuild_s:.0f} s (estimated at "
              f"{args.rebuild_rate:g} articles/s); update adding {update['articles']} "
              f"articles: {update['seconds']:.1f} s ({update['cpu_seconds']:.1f} CPU s, load "
              f"{update['load_before']:.1f}) = {update['seconds'] / rebuild_s:.1%}; the same "
              f"update again: {again['seconds']:.1f} s, changed={again['changed']}")
        print(f"machine: {describe(machine())}")
        print("command: python benchmarks/bench_scale.py " + " ".join(sys.argv[1:]))
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {describe(machine())}", flush=True)
    started = time.perf_counter()
    corpus = work / "corpus.jsonl"
    total_articles, total_bytes = generate(corpus, args.mb)
    print(f"corpus: {total_articles} articles, {total_bytes / 1e6:.1f} MB "
          f"({time.perf_counter() - started:.0f} s to generate)", flush=True)
    sample = corpus
    if args.sample_mb and args.sample_mb < args.mb:
        sample = work / "sample.jsonl"
        n, size = prefix(corpus, sample, args.sample_mb)
        print(f"sample: the first {n} articles, {size / 1e6:.1f} MB", flush=True)

    configs = [("local", 1), ("local", 2)] + ([] if args.no_dask else [("dask", 2)])
    # Interleaved rounds: other work on a shared machine hits every configuration alike; the
    # best round of each is the least disturbed.
    rounds: dict[str, list[dict[str, Any]]] = {f"{e}-{w}": [] for e, w in configs}
    for round_number in range(args.repeat):
        for engine, workers in configs:
            name = f"{engine}-{workers}"
            out = work / f"release-{name}"
            shutil.rmtree(out, ignore_errors=True)
            rounds[name].append(child(sample, out, engine, workers))
            print(f"round {round_number + 1} {name}", json.dumps(rounds[name][-1]), flush=True)
    results: dict[str, dict[str, Any]] = {}
    for name, runs in rounds.items():
        best = min(runs, key=lambda r: r["seconds"])
        ordered = sorted(r["seconds"] for r in runs)
        results[name] = {**best, "median_seconds": ordered[len(ordered) // 2]}

    import conflict_events as ce

    reference = ce.load(work / "release-local-1")
    for name in results:
        same = ce.load(work / f"release-{name}").equals(reference)
        print(f"{name}: same events as local-1: {same}", flush=True)

    # Incremental update: 1% new articles (another seed, so new texts) on the 2-worker release.
    n_new = max(1, results["local-2"]["articles"] // 100)
    new = new_articles_file(work / "new.jsonl", n_new, seed=99, prefix="new-")
    updated = work / "release-local-2"
    results["update-1pct"] = child(new, updated, "local", 2, update=updated)
    print("update-1pct", json.dumps(results["update-1pct"]), flush=True)

    base = results["local-1"]["articles_per_s"]
    print("\n| run | best / median s | articles/s (best) | speed-up | CPU s | load before/after | "
          "peak RSS main / per worker (MB) | reports merged |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        worker = f"{r['peak_rss_worker_mb']:.0f}" if r["peak_rss_worker_mb"] else "-"
        median = r.get("median_seconds", r["seconds"])
        print(f"| {name} ({r['articles']} articles) | {r['seconds']:.1f} / {median:.1f} | "
              f"{r['articles_per_s']:.1f} | {r['articles_per_s'] / base:.2f}x | "
              f"{r['cpu_seconds']:.1f} | {r['load_before']:.1f} / {r['load_after']:.1f} | "
              f"{r['peak_rss_main_mb']:.0f} / {worker} | {r['reports_merged']} of "
              f"{r['events_extracted']} |")
    ratio = results["update-1pct"]["seconds"] / results["local-2"]["seconds"]
    print(f"\nupdate adding 1% articles: {results['update-1pct']['seconds']:.1f} s = "
          f"{ratio:.1%} of the full 2-worker run")

    if args.release_events:
        local2 = results["local-2"]
        per_article = local2["events_total"] / max(1, local2["articles"])
        big = release_update(work, args.release_events, per_article, args.synthetic_release)
        update, again = big["update"], big["update_again"]
        if "rebuild" in big:
            rebuild_s, basis = big["rebuild"]["seconds"], "measured"
        else:
            rebuild_s = big["release_articles"] / local2["articles_per_s"]
            basis = "estimated from the 2-worker rate above"
        print(f"release of {big['release_events']} events from {big['release_articles']} "
              f"articles; full rebuild {rebuild_s:.1f} s ({basis}); update adding "
              f"{update['articles']} articles: {update['seconds']:.1f} s "
              f"({update['cpu_seconds']:.1f} CPU s, load {update['load_before']:.1f}) = "
              f"{update['seconds'] / rebuild_s:.1%} of the rebuild; the same update again: "
              f"{again['seconds']:.1f} s, changed={again['changed']}")
    print(f"machine: {describe(machine())}")
    print("command: python benchmarks/bench_scale.py " + " ".join(sys.argv[1:]))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
