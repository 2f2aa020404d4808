"""Invented news articles for benchmarks and tests of corpus runs.

Each invented event (a kind of incident, a place, a day, a toll) is reported by one to four
outlets in differently worded articles with differing tolls, as real coverage is, so a corpus
exercises cross-article deduplication. Background paragraphs bring articles to a typical
length. Nothing here comes from a real dataset: templates, places and outlets are generic.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conflict_events.schema.models import Article

# place, country adjective, the country's forces, an armed group active there
PLACES = [
    ("Aleppo", "Syrian", "Syrian government forces", "opposition rebels"),
    ("Idlib", "Syrian", "Syrian government forces", "opposition rebels"),
    ("Homs", "Syrian", "Syrian army troops", "Islamic State militants"),
    ("Sanaa", "Yemeni", "Yemeni government forces", "Houthi fighters"),
    ("Taizz", "Yemeni", "Yemeni government forces", "Houthi fighters"),
    ("Maiduguri", "Nigerian", "Nigerian soldiers", "Boko Haram militants"),
    ("Kabul", "Afghan", "Afghan security forces", "Taliban fighters"),
    ("Kandahar", "Afghan", "Afghan security forces", "Taliban fighters"),
    ("Mogadishu", "Somali", "Somali soldiers", "Al Shabaab fighters"),
    ("Mosul", "Iraqi", "Iraqi security forces", "Islamic State militants"),
]

OUTLETS = ["Wire One", "Daily Courier", "The Regional Post", "Radio Dispatch"]

BATTLE = [
    "{forces} clashed with {group} in {place} on {weekday}, killing {n} fighters, {outlet} "
    "reported.",
    "At least {n} people were killed on {weekday} when {group} fought {forces} in {place}, "
    "local officials said.",
]
PROTEST = [
    "Hundreds of {people} protested in {place} on {weekday}, demanding {demand}, "
    "witnesses said. The demonstration was peaceful.",
    "{people_cap} rallied peacefully in {place} on {weekday} to demand {demand}.",
]
ATTACK = [
    "{group_cap} attacked a village near {place} on {weekday}, killing {n} civilians, "
    "residents said.",
    "Gunmen from {group} killed {n} civilians in an attack on a market in {place} on "
    "{weekday}, a local official said.",
]
KINDS = [("battle", BATTLE), ("protest", PROTEST), ("attack", ATTACK)]

BACKGROUND = [
    "The conflict has displaced millions of people over the past decade, and aid agencies "
    "say humanitarian needs remain high across the region.",
    "Analysts say the economic crisis has deepened grievances, with prices of food and fuel "
    "rising sharply over the past year.",
    "Diplomats have called for renewed negotiations, although previous rounds of talks ended "
    "without agreement on the main issues.",
    "Residents described long queues at bakeries and fuel stations, and intermittent power "
    "cuts that last for most of the day.",
    "The United Nations said it was concerned about the situation and urged all parties to "
    "respect international humanitarian law.",
    "Schools in several districts remain closed, and teachers say many families cannot "
    "afford to send their children back.",
]
PEOPLE = ["teachers", "students", "doctors", "traders", "workers"]
DEMANDS = ["unpaid salaries", "better services", "the release of detainees", "lower prices"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class InventedEvent:
    kind: str
    place: int
    day: dt.date
    toll: int


def invented_events(count: int, seed: int = 0) -> list[InventedEvent]:
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    return [InventedEvent(rng.choice(KINDS)[0], rng.randrange(len(PLACES)),
                          start + dt.timedelta(days=rng.randrange(3 * 365)),
                          rng.randint(1, 30)) for _ in range(count)]


def reports(event: InventedEvent, number: int, rng: random.Random,
            paragraphs: int = 4) -> Iterator[Article]:
    """Articles of several outlets about EVENT, published the next day."""
    place, adjective, forces, group = PLACES[event.place]
    templates = dict(KINDS)[event.kind]
    outlets = rng.sample(OUTLETS, k=rng.randint(1, len(OUTLETS)))
    published = event.day + dt.timedelta(days=1)
    weekday = WEEKDAYS[event.day.weekday()]
    for outlet in outlets:
        people = rng.choice(PEOPLE)
        lead = rng.choice(templates).format(
            forces=forces, group=group, group_cap=group[0].upper() + group[1:], place=place,
            weekday=weekday, n=event.toll + rng.randint(0, 3), outlet=outlet, people=people,
            people_cap=people.capitalize(), demand=rng.choice(DEMANDS),
        )
        lead = lead[0].upper() + lead[1:]
        body = [lead, *rng.sample(BACKGROUND, k=min(paragraphs, len(BACKGROUND)))]
        text = f"{place.upper()}, {published:%d %B %Y} ({outlet}) - " + "\n\n".join(body)
        yield Article(
            article_id=f"inv-{number:07d}-{OUTLETS.index(outlet)}",
            title=f"{adjective} {event.kind} in {place}", text=text, published=published,
            source=outlet,
        )


def invented_articles(events: int, seed: int = 0, paragraphs: int = 4) -> Iterator[Article]:
    rng = random.Random(seed + 1)
    for number, event in enumerate(invented_events(events, seed)):
        yield from reports(event, number, rng, paragraphs)


def write_jsonl(path: Path, articles: Iterator[Article] | list[Article]) -> int:
    """Articles as JSONL (the fields the readers take); returns bytes written."""
    size = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            line = json.dumps({
                "article_id": article.article_id, "title": article.title, "text": article.text,
                "published": article.published.isoformat() if article.published else None,
                "source": article.source,
            }, ensure_ascii=False) + "\n"
            handle.write(line)
            size += len(line.encode("utf-8"))
    return size
