"""Attacks whose target is told by a person noun or in the passive voice, tallies, and people
not called armed fighting the police, on invented sentences through the real pipeline (a
fixed place per sentence)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.coding import cues
from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article, Event


@pytest.fixture(scope="module")
def pipe():  # type: ignore[no-untyped-def]
    return fixed_place_pipeline()


def _events(pipe, text: str, country: str) -> list[Event]:  # type: ignore[no-untyped-def]
    article = Article(article_id="t", text=text, published=dt.date(2022, 6, 3),
                      extra={"country": country})
    return list(pipe(article).events)


@pytest.mark.parametrize(("text", "country"), [
    ("On 2 June 2022, unidentified men fired shots at a former MLA in his car near the market.",
     "India"),
    ("On 2 June 2022, a bus was attacked by suspected militants on the main road.",
     "Mozambique"),
    ("On 2 June 2022, unknown assailants attacked a group of migrant labourers near the quarry.",
     "India"),
])
def test_attack_on_a_person_or_property_is_an_attack_on_civilians(  # type: ignore[no-untyped-def]
    pipe, text: str, country: str
) -> None:
    events = _events(pipe, text, country)
    assert [e.sub_event_type.value for e in events] == ["Attack"]
    assert events[0].actor2 == f"Civilians ({country})"


def test_attack_without_any_target_is_still_not_coded(pipe) -> None:  # type: ignore[no-untyped-def]
    assert _events(pipe, "On 2 June 2022, militants attacked in the early morning.",
                   "Mozambique") == []


def test_ramadan_is_no_tally_period() -> None:
    assert not cues.TALLY.search("assaulted a man for eating in the month of Ramadan")
    assert cues.TALLY.search("12 people were killed in the month of March")


def test_assault_in_ramadan_is_coded(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 2 June 2022, members of a militia assaulted a shopkeeper in the "
                           "market for smoking during the day in the month of Ramadan.", "Syria")
    assert [e.sub_event_type.value for e in events] == ["Attack"]


@pytest.mark.parametrize("text", [
    "On 2 June 2022, migrant workers clashed with police at the bus stand over the lockdown.",
    "On 2 June 2022, a group of citizens clashed with police officers at the market entrance.",
])
def test_people_not_called_armed_clashing_with_police_are_a_mob(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, text, "Peru")
    assert [e.sub_event_type.value for e in events] == ["Mob violence"]
    assert events[0].actor1 == "Rioters (Peru)"


def test_suspects_exchanging_fire_with_police_are_an_armed_clash(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 2 June 2022, two suspects exchanged fire with police officers "
                           "during a patrol in the neighbourhood.", "Brazil")
    assert [e.sub_event_type.value for e in events] == ["Armed clash"]


def test_police_firing_back_makes_the_attack_a_clash(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 2 June 2022, police officers were patrolling the market when "
                           "gang members approached and started shooting. The police shot back.",
                     "El Salvador")
    assert "Armed clash" in [e.sub_event_type.value for e in events]
    assert "Attack" not in [e.sub_event_type.value for e in events]


def test_a_period_phrase_in_a_grievance_clause_is_no_tally(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 2 June 2022, about 200 parents held a sit-in in front of the "
                           "ministry, denouncing the closure of schools since the start of the "
                           "pandemic.", "Morocco")
    assert [e.sub_event_type.value for e in events] == ["Peaceful protest"]


def test_a_period_phrase_in_the_event_clause_is_a_tally(pipe) -> None:  # type: ignore[no-untyped-def]
    assert _events(pipe, "On 2 June 2022, the police said 40 people were killed in the "
                         "province since the start of the year.", "Nigeria") == []


def test_bombing_positions_is_an_air_strike_only_for_state_forces(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 2 June 2022, insurgents bombed army positions near the river.",
                     "Mozambique")
    assert "Air/drone strike" not in [e.sub_event_type.value for e in events]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("On 2 June 2022, gunmen attempted to kill a trader in the market, seriously injuring him.",
     "Attack"),
    ("On 2 June 2022, soldiers continued to loot shops in the abandoned town.",
     "Looting/property destruction"),
])
def test_an_attempt_or_a_continued_deed_is_an_event(pipe, text: str, sub_event_type: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, text, "Yemen")
    assert sub_event_type in [e.sub_event_type.value for e in events]


def test_a_purpose_clause_is_still_no_event(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 2 June 2022, the army sent troops to the border to attack the "
                           "rebels.", "Yemen")
    assert "Armed clash" not in [e.sub_event_type.value for e in events]
