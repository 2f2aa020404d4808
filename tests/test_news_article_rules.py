"""Rules for whole news articles: what a wire report says that is not an event of its own (the
dateline, background, long-period tallies, threats, denials, reactions), each on sentences
written for the test. Extracted with the world gazetteer alone (the `world` fixture)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from conflict_events.extract.api import extract


@pytest.fixture(scope="module", autouse=True)
def _world(world: Any) -> Iterator[None]:
    from conflict_events.extract.api import default_pipeline

    default_pipeline.cache_clear()
    yield
    default_pipeline.cache_clear()


def _events(text: str, published: str) -> list[Any]:
    return extract(text, published=published)


# --- the wire dateline ----------------------------------------------------------------------

def test_a_dateline_dates_the_story_not_its_event() -> None:
    text = ("GOMA, Democratic Republic of Congo, Feb 20, 2024 (Lakes Wire) - Rebels fired mortar "
            "bombs at a camp for displaced people in Sake on Sunday, killing four people.")
    events = _events(text, "2024-02-20")
    assert [e.event_date for e in events] == [dt.date(2024, 2, 18)]
    assert events[0].fatalities == 4


def test_a_dateline_year_is_no_death_toll() -> None:
    text = ("GUSAU, Nigeria, June 9, 2021 (Ledger) - Bandits attacked a village in Zurmi on "
            "Monday night, residents said.")
    events = _events(text, "2021-06-09")
    assert events and all(e.fatalities < 100 for e in events)
    assert {e.event_date for e in events} == {dt.date(2021, 6, 7)}


# --- background: a month or a year long before publication ----------------------------------

@pytest.mark.parametrize(("text", "published"), [
    ("In February, about 70 soldiers were killed in an ambush near Djibo.", "2023-04-12"),
    ("In July, a suicide bomber blew herself up inside the mayor's office in Mogadishu.",
     "2019-08-29"),
    ("In April last year, soldiers killed more than 80 people in a single day in Bago.",
     "2022-09-27"),
    ("The Boko Haram insurgency, which began in 2009, has killed more than 35,000 people in "
     "Borno.", "2021-06-09"),
    ("Late last year, a gun battle between cartel gunmen and police in Villa Union, in Coahuila, "
     "left more than 20 people dead.", "2020-07-02"),
])
def test_background_with_a_month_or_year_of_its_own_is_no_event(text: str,
                                                                  published: str) -> None:
    assert _events(text, published) == []


def test_a_day_in_the_sentence_outranks_a_year_named_beside_it() -> None:
    text = ("In the deadliest attack on the town last year, gunmen killed 5 villagers in Zurmi on "
            "Tuesday.")
    assert [e.event_date for e in _events(text, "2021-06-09")] == [dt.date(2021, 6, 8)]


# --- long-period tallies ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "published"), [
    ("More than 9,000 people have been killed in Khartoum since the war began, according to the "
     "United Nations.", "2023-11-15"),
    ("Security forces have killed more than 2,300 people in Yangon since the coup, a rights group "
     "said.", "2022-09-27"),
    ("The United Nations said it had confirmed 227 civilian deaths in Kharkiv in the first week "
     "of the invasion.", "2022-03-03"),
    ("Aid groups estimate that more than 10,000 people have died in Djibo since the insurgency "
     "began.", "2023-04-12"),
    ("Thousands of police officers are killed in Kandahar every year.", "2017-10-18"),
])
def test_long_period_tallies_are_no_event(text: str, published: str) -> None:
    assert _events(text, published) == []


# --- threats, denials, demands and reactions ------------------------------------------------

@pytest.mark.parametrize(("text", "published"), [
    ("The envoy condemned Wednesday's mortar attack on the market in Mogadishu.", "2019-08-29"),
    ("The government on Tuesday rejected accusations by a rights group that soldiers had "
     "executed 20 villagers in Djibo.", "2023-04-12"),
    ("A JNIM leader warned in a video last week that any convoy resupplying Djibo is a target.",
     "2023-04-12"),
    ("Washington urged restraint, calling on the rebels to pull their mortars and artillery out "
     "of Sake.", "2024-02-20"),
    ("A spokesman denied that its fighters had harmed anyone in Ardamata, blaming what he called "
     "tribal clashes.", "2023-11-15"),
])
def test_what_did_not_happen_or_is_only_referred_to_is_no_event(text: str,
                                                                 published: str) -> None:
    assert _events(text, published) == []


def test_an_attack_being_prepared_is_no_attack_but_the_strike_on_it_is() -> None:
    text = ("The army said its drones had struck a gathering of militants preparing an attack "
            "near Arbinda on Sunday.")
    events = _events(text, "2023-04-12")
    assert [e.sub_event_type.value for e in events] == ["Air/drone strike"]


# --- one event told over several paragraphs ---------------------------------------------------

def test_unnamed_attackers_in_the_next_paragraph_are_the_group_named_in_the_lede() -> None:
    text = ("SEBBA, Burkina Faso, April 12, 2023 (Wire) - JNIM fighters stormed an army base in "
            "Sebba on Tuesday, killing 11 soldiers.\n\nThe assault began at dawn, when dozens of "
            "gunmen on motorcycles surrounded the base and fired on it for two hours.")
    events = _events(text, "2023-04-12")
    assert [(e.event_date, e.actor1, e.fatalities) for e in events] == [
        (dt.date(2023, 4, 11), "JNIM: Group for Support of Islam and Muslims", 11)]


def test_a_paragraph_without_a_date_takes_the_ledes_day_not_the_datelines() -> None:
    text = ("PORT-AU-PRINCE, March 14, 2024 (Wire) - Gang members attacked a police station in "
            "Delmas on Wednesday, killing two officers.\n\nThe assailants set fire to several "
            "police vehicles parked outside the station.")
    assert {e.event_date for e in _events(text, "2024-03-14")} == {dt.date(2024, 3, 13)}


def test_a_killing_told_in_the_past_perfect_a_week_before_is_background() -> None:
    text = ("The police denied reports that officers had shot dead gang suspects in Carrefour "
            "last week, saying the men had died in exchanges of fire.")
    assert _events(text, "2024-03-14") == []


# --- where and when, read in the sentence ------------------------------------------------------

def test_the_capital_is_the_countrys_capital() -> None:
    text = ("OUAGADOUGOU, April 12, 2023 (Wire) - Jihadists attacked an army post in Sebba on "
            "Tuesday, killing 8 soldiers.\n\nIn the capital, several hundred people protested "
            "outside the defence ministry on Wednesday to demand more troops for the north.")
    protests = [e for e in _events(text, "2023-04-12") if e.event_type.value == "Protests"]
    assert [(e.location, e.event_date) for e in protests] == [
        ("Ouagadougou", dt.date(2023, 4, 12))]


def test_a_date_in_a_relative_clause_dates_the_clause_not_the_event() -> None:
    text = ("In Melitopol, which Russian troops occupied last week, several hundred residents "
            "rallied in the central square on Tuesday, waving Ukrainian flags.")
    assert [e.event_date for e in _events(text, "2022-03-03")] == [dt.date(2022, 3, 1)]


@pytest.mark.parametrize(("text", "published"), [
    ("There was no fighting in Depayin at the time, residents said.", "2022-09-27"),
    ("The general said peace talks in Naypyitaw would only be held with groups that disarm.",
     "2022-09-27"),
])
def test_no_fighting_and_talks_still_to_come_are_no_events(text: str, published: str) -> None:
    assert _events(text, published) == []


def test_the_day_a_statement_was_made_does_not_date_the_deed_it_reports() -> None:
    text = ("The army said in a statement on Wednesday that its drones had struck a column of "
            "militants near Arbinda on Sunday.")
    assert [e.event_date for e in _events(text, "2023-04-12")] == [dt.date(2023, 4, 9)]


def test_a_vehicle_carrying_people_does_not_carry_the_bomb_it_hits() -> None:
    text = ("On Monday, five civilians died when the minibus carrying them hit a buried explosive "
            "device near Kaya.")
    events = _events(text, "2023-04-12")
    assert [(e.sub_event_type.value, e.fatalities) for e in events] == [
        ("Remote explosive/landmine/IED", 5)]


def test_several_dozen_dead_count_as_dozens() -> None:
    text = ("On 9 April 2023, army drones struck a gathering of militants near Arbinda, killing "
            "several dozen of them.")
    assert [e.fatalities for e in _events(text, "2023-04-10")] == [12]


def test_a_year_named_in_background_does_not_date_the_next_sentence() -> None:
    text = ("Several families who fled to Marib last year have started to return. Security "
            "forces arrested 17 suspects in Benghazi after the attack, police said.")
    assert [e.event_date for e in _events(text, "2022-07-14")] == [dt.date(2022, 7, 14)]
