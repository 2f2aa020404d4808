"""Invented events for notebook, report and docs tests: a few countries, every event type,
evidence pointing into invented articles."""

from __future__ import annotations

import datetime as dt

from conflict_events.schema.models import Article, Event, Evidence

# (country, iso, region, place, admin1, lat, lon)
PLACES = [
    ("Syria", 760, "Middle East", "Aleppo", "Aleppo", 36.20, 37.16),
    ("Syria", 760, "Middle East", "Idleb", "Idleb", 35.93, 36.63),
    ("Yemen", 887, "Middle East", "Taizz", "Taizz", 13.58, 44.02),
    ("Nigeria", 566, "Western Africa", "Maiduguri", "Borno", 11.85, 13.16),
    ("Somalia", 706, "Eastern Africa", "Mogadishu", "Banadir", 2.04, 45.34),
]
# (sub_event_type, actor1, inter1, actor2, inter2, fatalities, sentence)
KINDS = [
    ("Armed clash", "Military Forces of {c}", 1, "Rebel group of {c}", 2, 4,
     "Government troops clashed with rebels near {p}, killing four."),
    ("Shelling/artillery/missile attack", "Military Forces of {c}", 1, None, 0, 2,
     "Artillery shells hit {p}, killing two."),
    ("Attack", "Unidentified Armed Group ({c})", 3, "Civilians ({c})", 7, 1,
     "Gunmen shot dead a shopkeeper in {p}."),
    ("Peaceful protest", "Protesters ({c})", 6, None, 0, 0,
     "Hundreds of people protested peacefully in {p} against rising prices."),
    ("Mob violence", "Rioters ({c})", 5, None, 0, 0,
     "A mob set fire to a police post in {p}."),
    ("Looting/property destruction", "Military Forces of {c}", 1, None, 0, 0,
     "Soldiers looted shops in {p}."),
]


def sample_articles_and_events(n: int = 30) -> tuple[list[Article], list[Event]]:
    articles: list[Article] = []
    events: list[Event] = []
    start = dt.date(2020, 1, 6)
    for i in range(n):
        country, iso, region, place, admin1, lat, lon = PLACES[i % len(PLACES)]
        sub, actor1, inter1, actor2, inter2, deaths, sentence = KINDS[i % len(KINDS)]
        text = "Local media reported on the situation. " + sentence.format(p=place)
        article = Article(article_id=f"art-{i:03d}", text=text, title=f"Report {i}",
                          source="Example News", published=start + dt.timedelta(days=3 * i + 1))
        begin = text.index(sentence[:10].format(p=place))
        articles.append(article)
        events.append(Event(
            event_date=start + dt.timedelta(days=3 * i), time_precision=1,
            sub_event_type=sub, actor1=actor1.format(c=country), inter1=inter1,
            actor2=actor2.format(c=country) if actor2 else None, inter2=inter2,
            civilian_targeting="Civilians targeted" if inter2 == 7 else None,
            iso=iso, region=region, country=country, admin1=admin1, location=place,
            latitude=lat + 0.01 * (i % 50), longitude=lon, geo_precision=1,
            source=["Example News"], source_scale="National", notes=sentence.format(p=place),
            fatalities=deaths + (i % 3), timestamp=1_600_000_000,
            article_ids=[article.article_id],
            evidence=[Evidence(article_id=article.article_id, start=begin, end=len(text))],
            confidence=0.9,
        ))
    return articles, events
