"""Notes text in ACLED's style: "On 2 February 2016, regime forces regained control of
Hardatneen (Aleppo) from rebels. 3 fatalities." The date phrase follows time_precision:
"On <day>" (1), "Around <day> (week of)" (2), "On an unspecified date in <month>" (3)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from conflict_events.schema.models import Location


@lru_cache(maxsize=4096)  # the events of a day share it; strftime is slow
def date_phrase(day: dt.date, precision: int) -> str:
    text = f"{day.day} {day.strftime('%B')} {day.year}"
    if precision == 2:
        return f"Around {text} (week of)"
    if precision == 3:
        part = "early " if day.day <= 5 else ("late " if day.day >= 25 else "")
        return f"On an unspecified date in {part}{day.strftime('%B')} {day.year}"
    return f"On {text}"


def place_phrase(location: Location, relation: str | None) -> str:
    admins = [a for a in (location.admin2, location.admin1) if a and a != location.location]
    where = location.location + (f" ({', '.join(admins)})" if admins else "")
    if relation in ("near", "outskirts", "countryside"):
        return f"near {where}"
    return f"in {where}"


def notes_for(
    *, day: dt.date, precision: int, actor1: str, actor2: str | None, verb: str,
    location: Location, relation: str | None, fatalities: int, sub_event_type: str,
) -> str:
    subject = actor1
    verb = verb or f"were involved in an event coded as {sub_event_type.lower()}"
    body = f"{subject} {verb}"
    if actor2 and not verb.endswith(("protested", "rioted", "withdrew", "established a base")):
        body += f" {actor2}"
    elif verb.endswith((" of", " on", " at", " by", " with", " against")):
        body = body.rsplit(" ", 1)[0]
    text = f"{date_phrase(day, precision)}, {body} {place_phrase(location, relation)}."
    if fatalities:
        text += f" {fatalities} {'fatality' if fatalities == 1 else 'fatalities'}."
    return text
