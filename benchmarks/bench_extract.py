"""Extraction speed: raw text to validated Events on one core, per stage, against the floor of
one Aho-Corasick pass over the same text with the same lexicons; startup time; peak RSS.

    python benchmarks/bench_extract.py --mb 20

The corpus is synthesised here: the example articles of examples/articles/ and seed-like
reports generated from templates (varied places, actors, numbers, dates), repeated until the
requested size. Nothing is copied from the development data."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLACES = ["Aleppo", "Idlib", "Kismayo", "Mogadishu", "Maiduguri", "Kaduna", "Taizz", "Marib",
          "Kandahar", "Ghazni", "Mosul", "Kirkuk", "Donetsk", "Kramatorsk", "Gao", "Mopti",
          "Beni", "Bunia", "Tripoli", "Benghazi"]
ACTORS = ["Al Shabaab militants", "Boko Haram fighters", "Taliban militants", "unidentified "
          "gunmen", "regime forces", "government troops", "Houthi forces", "police",
          "Islamic State militants", "rebels"]
TEMPLATES = [
    "On {day}, {a1} attacked {a2} in {place}, killing {n} people.",
    "{A1} clashed with {a2} near {place} on {weekday}, a local official said.",
    "At least {n} civilians were killed when a roadside bomb exploded in {place} on {day}.",
    "Hundreds of protesters gathered in {place} on {weekday} to demand better services; "
    "police fired tear gas to disperse them.",
    "Warplanes struck positions held by {a2} around {place} overnight, residents said.",
    "{A1} abducted {n} farmers from a village near {place} on {day}.",
    "Security forces arrested {n} suspects in {place} after the attack, police said.",
    "The governor said the market in {place} would reopen next week.",
    "Aid agencies warned that food prices in {place} had doubled since the start of the year.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_article(rng: random.Random) -> tuple[str, dt.date]:
    published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
    lines = [f"{rng.choice(PLACES)}: {rng.choice(['Fighting', 'Protests', 'Attack'])} reported",
             ""]
    for _ in range(rng.randrange(6, 14)):
        day = published - dt.timedelta(days=rng.randrange(0, 4))
        a1, a2 = rng.sample(ACTORS, 2)
        sentence = rng.choice(TEMPLATES).format(
            day=f"{day.day} {day.strftime('%B')} {day.year}", weekday=rng.choice(WEEKDAYS),
            a1=a1, A1=a1[:1].upper() + a1[1:], a2=a2, place=rng.choice(PLACES),
            n=rng.randrange(1, 30),
        )
        lines.append(sentence)
        if rng.random() < 0.3:
            lines.append("")
    return "\n".join(lines), published


def corpus(megabytes: float, seed: int = 7) -> list[tuple[str, dt.date]]:
    rng = random.Random(seed)
    examples = []
    for path in sorted((ROOT / "examples" / "articles").glob("*.txt")):
        examples.append((path.read_text(encoding="utf-8"), dt.date(2016, 2, 2)))
    articles: list[tuple[str, dt.date]] = []
    size = 0
    while size < megabytes * 1e6:
        if examples and rng.random() < 0.2:
            text, published = rng.choice(examples)
        else:
            text, published = synthetic_article(rng)
        articles.append((text, published))
        size += len(text.encode("utf-8"))
    return articles


def automaton_floor(text: str) -> tuple[float, int]:
    """One Aho-Corasick pass with the extractor's lexicons (actor names and aliases, demonyms,
    generic actor words, trigger words): the cost of merely finding the words."""
    import ahocorasick

    from conflict_events.extract import resources
    from conflict_events.extract.lexicons import generic_lexicon, trigger_lexicon

    words: set[str] = set()
    lexicon = resources.actor_lexicon()
    if lexicon is not None:
        for entry in lexicon.entries:
            for form in entry.surface_forms():
                words.add(form.text.lower())
    words.update(resources.demonyms())
    literal = re.compile(r"[a-z][a-z '-]{2,}")
    for entry in trigger_lexicon().entries:
        for pattern in entry.patterns:
            found = literal.match(pattern.lower())
            if found:
                words.add(found.group().strip())
    for group in generic_lexicon().data.groups:
        for pattern in group.patterns:
            found = literal.match(pattern.lower())
            if found:
                words.add(found.group().strip())
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    lowered = text.lower()
    start = time.perf_counter()
    hits = sum(1 for _ in automaton.iter(lowered))
    return time.perf_counter() - start, hits


def startup_seconds() -> float:
    code = ("import time; t = time.perf_counter(); "
            "from conflict_events.extract.api import extract; "
            "extract('On 9 May 2020, gunmen attacked a village near Kaduna.', "
            "published='2020-05-10'); print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, cwd=ROOT).stdout.strip()) for _ in range(3)]
    return min(runs[1:])  # once cached


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    args = parser.parse_args()

    from conflict_events.extract.api import default_pipeline
    from conflict_events.extract.checks import check_article
    from conflict_events.schema.models import Article

    load_start = os.getloadavg()  # the machine may be shared: CPU time is the steadier figure
    articles = corpus(args.mb)
    total_bytes = sum(len(t.encode("utf-8")) for t, _ in articles)
    pipe = default_pipeline()
    pipe(check_article(Article(article_id="warm", text=articles[0][0],
                               published=articles[0][1])))  # lexicons and gazetteer loaded
    pipe.reset_timings()
    n_events = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    for n, (text, published) in enumerate(articles):
        article = check_article(Article(article_id=f"b{n}", text=text, published=published))
        n_events += len(pipe(article).events)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    # peak of the extraction itself, before the floor's own automaton and joined text
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    floor, hits = automaton_floor("\n\n".join(t for t, _ in articles))
    rss_all_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    mb = total_bytes / 1e6
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    print(f"load average (1, 5, 15 min) at the end: "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs "
          f"(at the start: {', '.join(f'{x:.2f}' for x in load_start)})")
    print(f"corpus: {len(articles):,} articles, {mb:.1f} MB")
    print(f"end to end (one core): {elapsed:.1f} s wall = {mb / elapsed:.2f} MB/s; "
          f"{cpu:.1f} s CPU = {mb / cpu:.2f} MB/s; {n_events:,} events")
    print(f"Aho-Corasick floor (one pass, same lexicons): {floor:.2f} s = {mb / floor:.1f} MB/s "
          f"({hits:,} hits)")
    print("per stage:")
    for name, seconds in sorted(pipe.timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {seconds:8.2f} s  {100 * seconds / elapsed:5.1f} %  "
              f"{mb / seconds if seconds else float('inf'):8.1f} MB/s")
    print(f"startup (import + lexicons + gazetteer, cached): {startup_seconds():.2f} s")
    print(f"peak RSS: {rss_mb:.0f} MB during extraction (corpus held in memory); "
          f"{rss_all_mb:.0f} MB with the floor's automaton")
    return 0


if __name__ == "__main__":
    sys.exit(main())
