"""Ways reports word who did what and how many died, met in reports from Africa and the Middle
East (tests/fixtures/region_probes_africa_mideast.yaml), each tested here on sentences of its
own: the rule, not the probe that showed it."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import only_event

from conflict_events.coding.fatalities import with_bomber
from conflict_events.extract.stages.numbers import find_numbers
from conflict_events.extract.testing import fixed_place_events, fixed_place_pipeline
from conflict_events.schema.models import Article, Event

PUBLISHED = dt.date(2021, 3, 15)


def events(text: str, country: str) -> list[Event]:
    return fixed_place_events(text, country, PUBLISHED)


def one(text: str, country: str) -> Event:
    event: Event = only_event(text, country, PUBLISHED)
    return event


# --- fatalities --------------------------------------------------------------------------------
@pytest.mark.parametrize(("context", "expected"), [
    # each bomber of a bombing by several is counted (codebook 1.8)
    ("three suicide bombers blew themselves up at the market, killing 7 people", 10),
    ("two teenage suicide bombers detonated their vests at a mosque, killing 7 people", 9),
    # one bomber, as before
    ("a suicide bomber blew himself up at the market, killing 7 people", 8),
    # the report's figure already holds the bombers
    ("two suicide bombers struck, killing 7 people. Both bombers were also killed.", 7),
    ("7 people were killed, including the bombers", 7),
])
def test_every_suicide_bomber_is_counted(context: str, expected: int) -> None:
    assert with_bomber(7, context) == expected


@pytest.mark.parametrize(("text", "value"), [
    # the attackers or bombers themselves among the dead of a second sentence
    ("Three of the attackers were also killed.", 3),
    ("Two attackers also died in the exchange of fire.", 2),
    ("Both bombers died.", 2),
])
def test_attackers_killed_are_counted(text: str, value: int) -> None:
    assert [n.value for n in find_numbers(text) if not n.negated] == [value]


def test_an_attack_is_still_not_a_victim() -> None:
    assert [n.value for n in find_numbers("Two attacks killed 5 people.")] == [5]


def test_attackers_killed_in_a_second_sentence_join_the_toll() -> None:
    e = one("On 12 March 2021, gunmen stormed a police post in Testville, killing four police "
            "officers. Three of the attackers were also killed.", "Niger")
    assert e.sub_event_type.value == "Armed clash"
    assert e.fatalities == 7


# --- who did it --------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "country", "perpetrator"), [
    ("On 12 March 2021, a bomb exploded at a bus station in Testville, killing 3 civilians. "
     "Officials blamed the attack on Al Shabaab.", "Somalia", "Al Shabaab"),
    ("On 12 March 2021, a suicide bomber blew himself up at a market in Testville, killing 4 "
     "people. The attack was attributed to ISWAP.", "Nigeria", "Islamic State (West Africa)"),
])
def test_an_attack_put_down_to_a_group_names_the_perpetrator(
        text: str, country: str, perpetrator: str) -> None:
    assert one(text, country).actor1 == perpetrator


def test_a_group_blamed_for_something_else_is_not_the_perpetrator() -> None:
    e = one("On 12 March 2021, a bomb exploded at a bus station in Testville, killing 3 "
            "civilians. Al Shabaab has been blamed for earlier attacks.", "Somalia")
    assert e.actor1 == "Unidentified Armed Group (Somalia)"


def test_two_parties_named_together_both_sign_an_agreement() -> None:
    e = one("On 12 March 2021, the government and the SPLM-IO signed an agreement in Testville "
            "to unify their forces.", "South Sudan")
    assert e.sub_event_type.value == "Agreement"
    assert {e.actor1, e.actor2} == {
        "Government of South Sudan (2011-)",
        "SPLM-In Opposition: Sudan People's Liberation Movement-In Opposition"}


@pytest.mark.parametrize(("text", "country", "forces"), [
    ("On 12 March 2021, Syrian government helicopters dropped barrel bombs on Testville, "
     "killing 5 civilians.", "Syria", "Military Forces of Syria"),
    ("On 12 March 2021, Sudanese government troops burned houses in Testville.", "Sudan",
     "Military Forces of Sudan"),
])
def test_a_government_s_aircraft_and_troops_are_its_armed_forces(
        text: str, country: str, forces: str) -> None:
    assert one(text, country).actor1.startswith(forces)


def test_a_government_that_speaks_is_still_the_government() -> None:
    e = one("On 12 March 2021, the Syrian government signed a reconciliation agreement with "
            "rebels in Testville.", "Syria")
    assert e.sub_event_type.value == "Agreement"
    assert e.actor1.startswith("Government of Syria")


def test_a_foreign_tank_firing_is_that_state_s_shelling() -> None:
    e = one("On 12 March 2021, a Turkish tank fired at a village near Testville, wounding two "
            "farmers.", "Syria")
    assert e.sub_event_type.value == "Shelling/artillery/missile attack"
    assert e.actor1.startswith("Military Forces of Turkey")


@pytest.mark.parametrize(("text", "country", "militia"), [
    ("On 12 March 2021, armed youths from the Dinka community raided a cattle camp near "
     "Testville, killing 6 herders.", "South Sudan", "Dinka Ethnic Militia (South Sudan)"),
    ("On 12 March 2021, gunmen from the Fulani community attacked farmers in Testville, "
     "killing 4 of them.", "Nigeria", "Fulani Ethnic Militia (Nigeria)"),
])
def test_fighters_from_a_community_are_its_militia(text: str, country: str, militia: str) -> None:
    assert one(text, country).actor1 == militia


def test_victims_from_a_community_are_civilians() -> None:
    e = one("On 12 March 2021, gunmen killed 3 villagers from the Tiv community in Testville.",
            "Nigeria")
    assert (e.actor1, e.actor2) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")


def test_the_owner_named_after_the_aircraft_carried_out_the_strike() -> None:
    e = one("On 12 March 2021, a warplane belonging to the Libyan National Army struck an "
            "airport in Testville.", "Libya")
    assert e.sub_event_type.value == "Air/drone strike"
    assert (e.actor1, e.actor2) == ("Military Forces of Libya (2014-) Haftar Faction", None)


def test_a_party_s_proper_name_is_no_civilian() -> None:
    # "the ruling National Congress Party": "National" begins a name, it is no "national"
    article = Article(article_id="t", published=PUBLISHED, extra={"country": "Sudan"},
                      text="On 12 March 2021, protesters burned the headquarters of the ruling "
                           "National Congress Party in Testville.")
    kinds = [(a.kind, a.text) for a in fixed_place_pipeline()(article).actors]
    assert kinds == [("protesters", "protesters")]
    # the word itself still names civilians
    assert one("On 12 March 2021, gunmen abducted two foreign nationals in Testville.",
               "Libya").actor2 == "Civilians (Libya)"


def test_a_health_centre_is_no_government() -> None:
    e = one("On 12 March 2021, insurgents looted shops and a health centre in Testville.",
            "Mozambique")
    assert e.sub_event_type.value == "Looting/property destruction"
    assert not (e.actor2 or "").startswith("Government")


def test_the_soldiers_named_again_are_the_foreign_troops_named_before() -> None:
    e = one("On 12 March 2021, Israeli troops shot dead two Palestinians during protests near "
            "Testville. Demonstrators hurled stones at the soldiers, who fired tear gas.",
            "Palestine")
    assert e.sub_event_type.value == "Violent demonstration"
    assert (e.actor2 or "").startswith("Military Forces of Israel")


def test_a_state_lasting_since_a_day_is_no_event_of_that_day() -> None:
    found = events("On 12 March 2021, police dispersed a sit-in outside parliament in Testville. "
                   "Sit-ins have been held there every day since 2 March.", "Tunisia")
    assert [e.event_date for e in found] == [dt.date(2021, 3, 12)]


@pytest.mark.parametrize(("text", "value"), [
    # a side telling its own dead
    ("The army said it lost 3 soldiers in the ambush.", 3),
    ("The militia acknowledged the loss of 4 men.", 4),
    ("The rebels admitted the loss of five fighters in the battle.", 5),
])
def test_a_side_s_own_losses_are_deaths(text: str, value: int) -> None:
    assert [n.value for n in find_numbers(text) if not n.negated] == [value]


@pytest.mark.parametrize("text", [
    "The rebels lost 2 vehicles in the fighting.",
    "The army acknowledged the loss of two tanks.",
])
def test_lost_equipment_is_no_death(text: str) -> None:
    assert find_numbers(text) == []


def test_a_claim_and_an_admission_of_the_same_losses_give_the_lower() -> None:
    e = one("On 12 March 2021, MSA fighters clashed with GATIA militiamen near Testville. The "
            "MSA claimed to have killed 15 GATIA fighters, while GATIA acknowledged the loss of "
            "3 men.", "Mali")
    assert e.fatalities == 3


def test_fire_on_a_held_area_that_kills_its_people_targets_them() -> None:
    e = one("On 12 March 2021, regime helicopters dropped barrel bombs on a rebel-held "
            "district of Testville, killing 9 people including two children.", "Syria")
    assert e.sub_event_type.value == "Air/drone strike"
    assert e.actor2 == "Civilians (Syria)"


def test_fire_on_a_held_area_without_victims_targets_its_holder() -> None:
    e = one("On 12 March 2021, regime forces shelled rebel-held areas of Testville.", "Syria")
    assert e.actor2 == "Opposition Rebels (Syria)"
