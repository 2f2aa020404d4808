"""Extraction speed: raw text to validated Events on one core, per stage, against the floor of
one Aho-Corasick pass over the same text with the same lexicons; startup time; peak RSS.

    python benchmarks/bench_extract.py --mb 20
    python benchmarks/bench_extract.py --startup 5 [--baseline ../older-checkout]

Two invented corpora, synthesised here (nothing is copied from the development data):
"dense", the example articles of examples/articles/ and reports generated from templates in
which every sentence reports an event (about 8 events per KB), and "news", stories in which
most sentences report none (about half are conflict stories with one to four event sentences
among background, the rest general news). Events per KB of each corpus, and of the two seed
articles when ../shared is present, are printed for comparison. With --startup only the
startup is measured, in fresh processes, optionally alternating with another checkout."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

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

# News-like corpus: most sentences of a news article report no event. Conflict stories carry
# one to four event sentences (the templates above) among background, reactions and context;
# general stories (economy, politics, health, weather, sport) carry none.
OFFICIALS = ["the governor", "the health minister", "a government spokesman", "the mayor",
             "the central bank governor", "an opposition lawmaker", "the UN envoy",
             "a senior diplomat", "the finance minister", "a local council member"]
ORGS = ["the World Bank", "the International Monetary Fund", "the Red Crescent", "UNICEF",
        "the World Health Organization", "the European Union", "the African Union",
        "the chamber of commerce", "the electoral commission", "the teachers' union"]
CONFLICT_BACKGROUND = [
    "The conflict has displaced more than {n},000 people from their homes since {year}.",
    "{Org} said it was deeply concerned about the humanitarian situation in {place}.",
    "Talks between the parties are expected to resume in {month}, {official} said.",
    "Residents of {place} said shops had reopened and traffic had returned to the main road.",
    "The region has seen repeated outbreaks of violence over land and water in recent years.",
    "{Official} told reporters that the situation in {place} was calm but tense.",
    "Aid convoys have struggled to reach the outlying districts because of damaged roads.",
    "Prices of fuel and bread in {place} have risen by {pct} percent since {month}.",
    "The army did not respond to a request for comment.",
    "Schools in {place} remain closed, and many families are sheltering with relatives.",
    "Analysts say the group has lost much of its territory but remains able to strike.",
    "The United Nations has called on all sides to respect international humanitarian law.",
    "Local elders said they were working to calm tensions between the two communities.",
    "The ministry said it would send more doctors and medicine to the district hospital.",
    "{Official} said an investigation had been opened and those responsible would be found.",
    "A ceasefire agreed in {month} has largely held in the south of the country.",
    "Journalists have limited access to the area, and casualty figures are hard to verify.",
    "The road between {place} and {place2} was reopened to traffic on {weekday} morning.",
    "Several families who fled to {place} last year have started to return, {org} said.",
    "The government has promised to rebuild the bridge and the water station by {month}.",
]
GENERAL = [
    "{Official} announced a new budget of {n} billion for roads, schools and hospitals.",
    "Inflation slowed to {pct} percent in {month}, according to figures released on {weekday}.",
    "{Org} expects the economy to grow by {pct} percent next year, helped by exports.",
    "Farmers in the region say the harvest was better than expected after good rains.",
    "The national team won {n} to {pct} in a friendly match played in {place} on {weekday}.",
    "The electoral commission said voter registration would close at the end of {month}.",
    "Heavy rain is forecast for {place} and the surrounding districts over the weekend.",
    "The new hospital in {place} will have {n}0 beds and a maternity ward, {official} said.",
    "Teachers are demanding higher pay, and their union has called for talks with the ministry.",
    "The central bank kept its main interest rate unchanged at {pct} percent.",
    "A new vaccination campaign aims to reach {n}0,000 children before the rainy season.",
    "The festival in {place} drew thousands of visitors from across the country.",
    "Officials said the new airport terminal in {place} would open in {month}.",
    "Exports of coffee and cotton rose sharply in the first half of the year.",
    "The parliament approved a law on mobile money after a long debate on {weekday}.",
    "Power cuts in {place} have become less frequent since the new plant came online.",
    "The minister said the government would support small businesses with cheap loans.",
    "A delegation from {org} visited {place} to discuss water and sanitation projects.",
    "The price of cement has doubled this year, slowing the construction of new homes.",
    "University entrance exams will be held in {month}, {official} said on {weekday}.",
    "The city council voted to expand the bus network to the northern suburbs of {place}.",
    "Traders in the central market of {place} said business had picked up before the holiday.",
    "The telecommunications regulator fined two operators for poor service in rural areas.",
    "Scientists warned that the lake near {place} is shrinking because of drought.",
    "Tourism revenue reached a record of {n} million dollars last year, {org} said.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


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


def _fill(template: str, rng: random.Random, published: dt.date) -> str:
    official, org = rng.choice(OFFICIALS), rng.choice(ORGS)
    a1, a2 = rng.sample(ACTORS, 2)
    place, place2 = rng.sample(PLACES, 2)
    day = published - dt.timedelta(days=rng.randrange(0, 4))
    return template.format(
        official=official, Official=official[:1].upper() + official[1:], org=org,
        Org=org[:1].upper() + org[1:], place=place, place2=place2, n=rng.randrange(2, 60),
        pct=rng.randrange(2, 30), month=rng.choice(MONTHS), weekday=rng.choice(WEEKDAYS),
        year=rng.randrange(2012, 2020), day=f"{day.day} {day.strftime('%B')} {day.year}",
        a1=a1, A1=a1[:1].upper() + a1[1:], a2=a2,
    )


EVENT_TEMPLATES = [t for t in TEMPLATES if "would reopen" not in t and "warned" not in t]


def news_article(rng: random.Random) -> tuple[str, dt.date]:
    """An invented news story: a conflict story (about half) has one to four event sentences
    among 12 to 30 sentences of background; a general story has none."""
    published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
    conflict = rng.random() < 0.5
    n_sentences = rng.randrange(12, 31)
    events = set(rng.sample(range(n_sentences), rng.randrange(1, 5))) if conflict else set()
    pool = CONFLICT_BACKGROUND if conflict else GENERAL
    title = (f"{rng.choice(PLACES)}: {rng.choice(['Violence', 'Tension', 'Fighting'])} reported"
             if conflict else f"{rng.choice(PLACES)}: {rng.choice(['Budget', 'Harvest', 'Vote'])}"
             " in focus")
    paragraphs: list[list[str]] = [[]]
    for i in range(n_sentences):
        template = rng.choice(EVENT_TEMPLATES) if i in events else rng.choice(pool)
        paragraphs[-1].append(_fill(template, rng, published))
        if rng.random() < 0.4:
            paragraphs.append([])
    body = "\n\n".join(" ".join(p) for p in paragraphs if p)
    return f"{title}\n\n{body}", published


def corpus(megabytes: float, seed: int = 7, kind: str = "dense") -> list[tuple[str, dt.date]]:
    """`kind` "dense": every sentence an event (the example articles and synthetic_article);
    "news": news_article stories."""
    if kind == "news":
        rng = random.Random(seed)
        stories: list[tuple[str, dt.date]] = []
        total = 0
        while total < megabytes * 1e6:
            stories.append(news_article(rng))
            total += len(stories[-1][0].encode("utf-8"))
        return stories
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


STARTUP_CODE = (
    "import time; w = time.perf_counter(); c = time.process_time(); "
    "from conflict_events.extract.api import extract; "
    "extract('On 9 May 2020, gunmen attacked a village near Kaduna.', published='2020-05-10'); "
    "print(time.perf_counter() - w, time.process_time() - c)"
)


def startup_run(code_root: Path = ROOT, cache_dir: Path | None = None) -> tuple[float, float]:
    """One fresh process importing the package found at `code_root` and extracting one
    sentence (import, lexicons and gazetteer ready): its (wall, CPU) seconds, interpreter
    start not included. `cache_dir`: the cache directory it uses, instead of the user's."""
    env = dict(os.environ, PYTHONPATH=str(code_root))
    if cache_dir is not None:
        env["CONFLICT_EVENTS_CACHE_DIR"] = str(cache_dir)
    out = subprocess.run([sys.executable, "-c", STARTUP_CODE], capture_output=True, text=True,
                         check=True, cwd=code_root, env=env).stdout.split()
    return float(out[0]), float(out[1])


def startup_seconds() -> float:
    runs = [startup_run()[0] for _ in range(3)]
    return min(runs[1:])  # once cached


def startup_comparison(rounds: int, baseline: Path | None) -> None:
    """Startup of this code (and of `baseline`, another checkout, interleaved round by
    round so both see the same load): median wall and CPU seconds of `rounds` fresh
    processes each, after one untimed process each that fills the caches. With a baseline,
    each code has a cache directory of its own: a cache keeps the compiled knowledge of one
    version of the code, so two versions in turn would each compile it again every time."""
    import tempfile

    roots = {"this code": ROOT} | ({f"baseline ({baseline})": baseline} if baseline else {})
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in roots}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        caches = {name: (Path(scratch) / str(i) if baseline else None)
                  for i, name in enumerate(roots)}
        for name, root in roots.items():
            startup_run(root, caches[name])  # compiles what is cached (gazetteer included)
        load_start = os.getloadavg()
        for _ in range(rounds):
            for name, root in roots.items():
                times[name].append(startup_run(root, caches[name]))
        load_end = os.getloadavg()
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in load_start)} at the "
          f"start, {', '.join(f'{x:.2f}' for x in load_end)} at the end, on {os.cpu_count()} CPUs")
    for name, runs in times.items():
        walls = sorted(w for w, _ in runs)
        cpus = sorted(c for _, c in runs)
        print(f"startup, {name}: median {statistics.median(walls):.2f} s wall, "
              f"{statistics.median(cpus):.2f} s CPU over {len(runs)} processes (wall "
              f"{walls[0]:.2f} to {walls[-1]:.2f} s, CPU {cpus[0]:.2f} to {cpus[-1]:.2f} s)")


def seed_density() -> str:
    """Events per KB of the two seed articles (gold and extracted), when ../shared is there."""
    import json

    seeds = ROOT.parent / "shared" / "seeds"
    if not (seeds / "articles.jsonl").exists():
        return "seed articles not found (../shared/seeds): no comparison"
    from conflict_events.extract.api import extract

    gold: dict[str, int] = {}
    for line in (seeds / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            gold[record["article_id"]] = gold.get(record["article_id"], 0) + 1
    parts = []
    for line in (seeds / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        text = (seeds / meta["file"]).read_text(encoding="utf-8")
        kb = len(text.encode("utf-8")) / 1e3
        found = len(extract(text, published=meta["published"]))
        n_gold = gold.get(meta["article_id"], 0)
        parts.append(f"{meta['article_id']} {kb:.1f} KB: {n_gold / kb:.1f} gold events/KB, "
                     f"{found / kb:.1f} extracted/KB")
    return "; ".join(parts)


def reset_peak_rss() -> bool:
    """Start the peak-RSS count afresh (Linux: writing 5 to /proc/self/clear_refs resets
    VmHWM), so that a corpus's figure is not the peak of an earlier corpus or of the floor's
    joined text; False where the system cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    """The process's peak resident set since the last reset (VmHWM), else since it began."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(kind: str, megabytes: float) -> None:
    from conflict_events.extract.api import default_pipeline
    from conflict_events.extract.checks import check_article
    from conflict_events.schema.models import Article

    since_start = not reset_peak_rss()  # the peak counts from here, the corpus in memory
    articles = corpus(megabytes, kind=kind)
    total_bytes = sum(len(t.encode("utf-8")) for t, _ in articles)
    pipe = default_pipeline()
    pipe(check_article(Article(article_id="warm", text=articles[0][0],
                               published=articles[0][1])))  # lexicons and gazetteer loaded
    pipe.reset_timings()
    pipe.measure_cpu = True
    n_events = 0
    load_start = os.getloadavg()  # the machine may be shared: CPU time is the steadier figure
    cpu_start = time.process_time()
    start = time.perf_counter()
    # CPU time, bytes and articles of the texts with an event word (a focus for the later
    # stages) and of those without: where the time goes by kind of text
    by_kind = {True: [0.0, 0, 0], False: [0.0, 0, 0]}
    for n, (text, published) in enumerate(articles):
        before = time.process_time()
        article = check_article(Article(article_id=f"b{n}", text=text, published=published))
        doc = pipe(article)
        n_events += len(doc.events)
        tally = by_kind[bool(doc.focus)]
        tally[0] += time.process_time() - before
        tally[1] += len(text.encode("utf-8"))
        tally[2] += 1
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    load_end = os.getloadavg()
    # the peak of this extraction, with the corpus in memory (where the count cannot be reset,
    # the process's peak so far, which includes any earlier corpus)
    rss_mb = peak_rss_mb()
    n_articles = len(articles)
    del articles  # the floor builds the text again, after the peak is read
    floor, hits = automaton_floor("\n\n".join(t for t, _ in corpus(megabytes, kind=kind)))

    mb = total_bytes / 1e6
    print(f"== corpus {kind!r}: {n_articles:,} articles, {mb:.1f} MB, {n_events:,} events = "
          f"{n_events / (total_bytes / 1e3):.2f} events/KB")
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in load_start)} at the "
          f"start, {', '.join(f'{x:.2f}' for x in load_end)} at the end, on {os.cpu_count()} CPUs")
    print(f"end to end (one core): {elapsed:.1f} s wall = {mb / elapsed:.2f} MB/s; "
          f"{cpu:.1f} s CPU = {mb / cpu:.2f} MB/s")
    print(f"Aho-Corasick floor (one pass, same lexicons): {floor:.2f} s = {mb / floor:.1f} MB/s "
          f"({hits:,} hits)")
    for has_focus, (seconds, size, count) in by_kind.items():
        if count:
            print(f"  texts {'with' if has_focus else 'without'} an event word: {count:,} "
                  f"articles, {size / 1e6:.1f} MB, {seconds:.1f} s CPU = "
                  f"{size / 1e6 / seconds if seconds else float('inf'):.2f} MB/s")
    print("per stage (CPU time of the process, then wall clock):")
    for name, seconds in sorted(pipe.cpu_timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {seconds:8.2f} s CPU  {100 * seconds / cpu:5.1f} %  "
              f"{mb / seconds if seconds else float('inf'):8.1f} MB/s  "
              f"(wall {pipe.timings.get(name, 0.0):.2f} s)")
    print(f"peak RSS {'of the process so far' if since_start else 'of this extraction'} "
          f"(corpus in memory, lexicons and gazetteer loaded): {rss_mb:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0,
                        help="size of each corpus in MB (default 20)")
    parser.add_argument("--corpus", nargs="+", choices=["dense", "news"],
                        default=["dense", "news"], help="corpora to run (default both)")
    parser.add_argument("--startup", type=int, metavar="N", default=0,
                        help="only measure startup, over N fresh processes")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="with --startup: a checkout of other code to measure in turn "
                             "with this one (e.g. a git worktree of an older commit)")
    args = parser.parse_args()

    from machine_info import describe, machine

    print(f"machine: {describe(machine())}; {platform.system()} {platform.release()}")
    if args.startup:
        startup_comparison(args.startup, args.baseline)
        return 0
    for kind in args.corpus:
        run(kind, args.mb)
    print(f"seed articles for comparison: {seed_density()}")
    print(f"startup (import + lexicons + gazetteer, cached): {startup_seconds():.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
