"""Rules that decide between event types where reports are easily misread: who is armed, which
weapon was used, whether a crowd turned violent. Through the real pipeline with a fixed place
per sentence (conflict_events.extract.testing)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article, Event

PUBLISHED = dt.date(2020, 5, 10)
_pipe = fixed_place_pipeline()


def code(text: str, country: str) -> list[Event]:
    return _pipe(Article(article_id="rule", text=text, published=PUBLISHED,
                         extra={"country": country})).events


def sub_event(text: str, country: str) -> str:
    events = code(text, country)
    assert len(events) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in events]
    return events[0].sub_event_type.value


# --- a service named after the air force is no aircraft ----------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("On 3 May 2020, gunmen shot dead two traders in Daraa. One of them was said to inform "
     "the Air Force Intelligence.", "Attack"),
    ("On 3 May 2020, members of the regime's Air Force Intelligence abducted three civilians "
     "on the road to Daraa.", "Abduction/forced disappearance"),
    ("On 3 May 2020, regime warplanes carried out air strikes on Kafr Nabl.",
     "Air/drone strike"),
])
def test_an_air_force_service_is_no_air_strike(text: str, expected: str) -> None:
    assert sub_event(text, "Syria") == expected


def test_a_force_named_with_its_unit_and_bare_is_one_perpetrator() -> None:
    text = ("On 9 May 2020, members of the regime's Air Force Intelligence at a checkpoint in "
            "Daraa opened fire at a man who had argued with them.")
    assert sub_event(text, "Syria") == "Attack"


# --- organised fighters clash; crowds brawl ----------------------------------------------------
@pytest.mark.parametrize(("text", "country"), [
    ("On 2 May 2020, inter-clan clashes broke out near Dhuusamarreeb, leaving four people "
     "dead.", "Somalia"),
    ("On 4 May 2020, clashes took place between two armed families in the town after a "
     "quarrel. Several people were injured.", "Syria"),
    ("On 2 May 2020, a shoot-out took place in the Mare community.", "Brazil"),
    ("On 3 May 2020, rival cult militias clashed in the village. One person was killed.",
     "Nigeria"),
])
def test_fighters_called_armed_or_organised_clash(text: str, country: str) -> None:
    assert sub_event(text, country) == "Armed clash"


def test_villagers_brawling_remain_a_mob() -> None:
    text = ("On 3 May 2020, villagers from two neighbouring villages clashed over a land "
            "dispute, injuring four people.")
    assert sub_event(text, "India") == "Mob violence"


def test_a_crowd_lynching_armed_robbers_is_a_mob() -> None:
    text = ("On 6 May 2020, around 100 residents lynched two armed men who had been robbing "
            "people in the neighbourhood. 2 fatalities.")
    assert sub_event(text, "Mexico") == "Mob violence"
