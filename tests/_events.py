"""Invented events for dataset tests (no real data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conflict_events.schema.models import Event

PLACES = [
    # country, iso, region, admin1, location, lat, lon
    ("Syria", 760, "Middle East", "Aleppo", "Aleppo", 36.2021, 37.1343),
    ("Yemen", 887, "Middle East", "Taizz", "Taizz", 13.5795, 44.0209),
    ("Nigeria", 566, "Western Africa", "Borno", "Maiduguri", 11.8464, 13.1571),
    ("Ukraine", 804, "Europe", "Kharkiv", "Kharkiv", 49.9935, 36.2304),
    ("Afghanistan", 4, "Caucasus and Central Asia", "Kabul", "Kabul", 34.5553, 69.2075),
]


def make_event(**overrides: Any) -> Event:
    fields: dict[str, Any] = dict(
        event_date=dt.date(2021, 3, 4), time_precision=1, sub_event_type="Armed clash",
        actor1="Military Forces of Syria (2000-)", inter1=1,
        actor2="Opposition Rebels (Syria)", inter2=2, iso=760, region="Middle East",
        country="Syria", admin1="Aleppo", admin2="Jebel Saman", location="Aleppo",
        latitude=36.2021, longitude=37.1343, geo_precision=1, source=["Invented Wire"],
        source_scale="National", notes="On 4 March 2021, invented clashes.", fatalities=2,
        timestamp=1614900000, article_ids=["a1"],
        evidence=[{"article_id": "a1", "start": 0, "end": 40}], confidence=0.8,
    )
    fields.update(overrides)
    return Event(**fields)


def many_events(n: int = 40) -> list[Event]:
    """Varied valid events: several countries, days, event types and actor shapes."""
    events = []
    for i in range(n):
        country, iso, region, admin1, location, lat, lon = PLACES[i % len(PLACES)]
        day = dt.date(2021, 1, 1) + dt.timedelta(days=i * 3)
        kind = i % 4
        common: dict[str, Any] = dict(
            event_date=day, iso=iso, region=region, country=country, admin1=admin1,
            admin2=None if i % 3 else f"{admin1} District", location=f"{location} {i % 7}",
            latitude=lat, longitude=lon, timestamp=1610000000 + i,
            notes=f"On {day:%d %B %Y}, invented event number {i}.",
            article_ids=[f"art-{i}", f"art-{i + 1}"],
            evidence=[{"article_id": f"art-{i}", "start": i, "end": i + 30}],
        )
        if kind == 0:
            events.append(make_event(**common, actor1=f"Military Forces of {country} (2000-)",
                                     actor2=f"Rebels of {country}", fatalities=i))
        elif kind == 1:
            events.append(make_event(**common, sub_event_type="Peaceful protest",
                                     actor1=f"Protesters ({country})", inter1=6, actor2=None,
                                     inter2=0, assoc_actor_1=["Teachers", "Students"],
                                     tags=["crowd size=no report"], fatalities=0))
        elif kind == 2:
            events.append(make_event(**common, sub_event_type="Attack",
                                     actor1=f"Unidentified Armed Group ({country})", inter1=3,
                                     actor2=f"Civilians ({country})", inter2=7,
                                     civilian_targeting="Civilians targeted", fatalities=1))
        else:
            events.append(make_event(**common, sub_event_type="Air/drone strike",
                                     actor1=f"Military Forces of {country} (2000-)", inter1=1,
                                     actor2=None, inter2=0, geo_precision=2,
                                     source=["Wire A", "Wire B"],
                                     source_scale="National-International"))
    return events
