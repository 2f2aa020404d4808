"""Fake extractors for the evaluation tests, at module level so worker processes can use them."""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from pathlib import Path
from typing import Any

from conflict_events.evaluate.gold import read_protocol_a
from conflict_events.evaluate.views import EventView

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eval"
MINI_CSV = FIXTURES / "mini_acled.csv"
ARTICLES = FIXTURES / "articles"
GOLD_JSONL = ARTICLES / "gold.jsonl"


@cache
def _gold_by_text() -> dict[str, EventView]:
    return {row.text: row.event for row in read_protocol_a(MINI_CSV)}


def echo_gold(text: str, **_: Any) -> list[EventView]:
    """Returns exactly the gold event of the note: every metric must be 1.0."""
    return [_gold_by_text()[text]]


def nothing(text: str, **_: Any) -> list[EventView]:
    return []


def wrong_sub_event(text: str, **_: Any) -> list[EventView]:
    """Codes every peaceful protest as a violent demonstration, the rest right."""
    gold = _gold_by_text()[text]
    if gold.sub_event_type == "Peaceful protest":
        return [dataclasses.replace(gold, event_type="Riots",
                                    sub_event_type="Violent demonstration")]
    return [gold]


def swapped_actors(text: str, **_: Any) -> list[EventView]:
    gold = _gold_by_text()[text]
    return [dataclasses.replace(gold, actor1=gold.actor2, actor2=gold.actor1,
                                inter1=gold.inter2, inter2=gold.inter1)]


def decoy_then_gold(text: str, **_: Any) -> list[EventView]:
    """A poor event first, the right one second: the right one must be the primary."""
    gold = _gold_by_text()[text]
    decoy = dataclasses.replace(gold, event_type="Strategic developments",
                                sub_event_type="Other", admin1="Nowhere", actor1="Somebody",
                                actor2=None)
    return [decoy, gold]


def fails_on_first_note(text: str, **_: Any) -> list[EventView]:
    if text.startswith("On 1 March 2021,"):
        raise RuntimeError("boom")
    return echo_gold(text)


@cache
def _seed_gold() -> dict[str, list[dict[str, Any]]]:
    meta = [json.loads(line) for line in (ARTICLES / "articles.jsonl").read_text().splitlines()]
    gold = [json.loads(line) for line in GOLD_JSONL.read_text().splitlines()]
    by_title = {}
    for article in meta:
        by_title[article["title"]] = [g for g in gold if g["article_id"] == article["article_id"]]
    return by_title


def _view_of_gold(record: dict[str, Any]) -> EventView:
    actor2 = record["actors"][1][0] if record["actors"][1] else None
    return EventView(
        event_type=record["event_type"], sub_event_type=record["sub_event_type"][0],
        actor1=record["actors"][0][0], actor2=actor2, country=record["country"],
        admin1=record["admin1"], location=record["location"][0],
        event_date=EventView.of({"event_date": record["event_date"][0]}).event_date,
        fatalities=record["fatalities"][0],
    )


def article_gold(text: str, *, title: str | None = None, **_: Any) -> list[EventView]:
    """Every gold event of the article (required and optional), first acceptable values."""
    return [_view_of_gold(g) for g in _seed_gold()[title or ""]]


def article_gold_plus_background(text: str, *, title: str | None = None, **_: Any
                                 ) -> list[EventView]:
    """The gold events and one invented event from a background sentence."""
    events = article_gold(text, title=title)
    background = dataclasses.replace(events[0], event_date=EventView.of(
        {"event_date": "2015-09-30"}).event_date)
    return [*events, background]


def article_gold_twice(text: str, *, title: str | None = None, **_: Any) -> list[EventView]:
    """Each gold event reported twice: the second copy has nothing left to match."""
    events = article_gold(text, title=title)
    return [*events, *events]


@cache
def _dev_gold_by_text() -> dict[str, list[EventView]]:
    from conftest import SHARED

    by_text: dict[str, list[EventView]] = {}
    for row in read_protocol_a(SHARED / "eval" / "acled_2020_dev.csv"):
        by_text.setdefault(row.text, []).append(row.event)
    return by_text


def dev_echo(text: str, **_: Any) -> list[EventView]:
    """Every gold event coded from this note in the development set (a few notes repeat)."""
    return _dev_gold_by_text().get(text, [])


def seed_gold(text: str, *, title: str | None = None, **_: Any) -> list[EventView]:
    """The required gold events of a seed article, matched by title."""
    from conftest import SHARED

    seeds = SHARED / "seeds"
    meta = [json.loads(x) for x in (seeds / "articles.jsonl").read_text().splitlines() if x]
    gold = [json.loads(x) for x in (seeds / "gold.jsonl").read_text().splitlines() if x]
    ids = {m["article_id"] for m in meta if m["title"] == title}
    return [_view_of_gold(g) for g in gold if g["article_id"] in ids and g["status"] == "required"]


def as_schema_events(text: str, **_: Any) -> list[Any]:
    """The gold event as the project's Event record, as the real extractor returns it."""
    from conflict_events.schema.countries import country_by_name
    from conflict_events.schema.models import Event

    gold = _gold_by_text()[text]
    country = country_by_name(gold.country or "")
    assert country is not None
    return [Event(
        event_date=gold.event_date, time_precision=gold.time_precision,
        sub_event_type=gold.sub_event_type, actor1=gold.actor1, inter1=gold.inter1,
        actor2=gold.actor2, inter2=gold.inter2 or 0, iso=country.iso,
        region=country.region, country=gold.country, admin1=gold.admin1,
        location=gold.location, latitude=gold.latitude, longitude=gold.longitude,
        geo_precision=gold.geo_precision, fatalities=gold.fatalities,
        civilian_targeting="Civilians targeted" if gold.civilian_targeting else None,
    )]


def returns_one_event_not_a_list(text: str, **_: Any) -> Any:
    return _gold_by_text()[text]
