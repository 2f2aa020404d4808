"""Rules for what a report refers back to or leaves implicit, each as a coder reads it: the
owner of a weapon named after it, a group named in the sentence before, the figure a pronoun
stands for, whose device was defused, a crowd of residents, two communities sharing one noun,
what a country's "security forces" are, a crowd made of a group's members, who merely
reported the event. The sentences are our own; each fails without its rule."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import only_event

from conflict_events.extract.testing import fixed_place_events

events = fixed_place_events
only = only_event


@pytest.mark.parametrize("text", [
    "On 3 May 2023, a drone belonging to the Burkinabe army hit a funeral near Djibo, killing "
    "4 civilians.",
    "On 3 May 2023, a drone of the Burkinabe army struck a market in Djibo, killing 4 traders.",
])
def test_a_drone_named_before_its_owner_is_an_air_strike_by_the_owner(text: str) -> None:
    event = only(text, "Burkina Faso")
    assert event.sub_event_type.value == "Air/drone strike"
    assert event.actor1.startswith("Military Forces of Burkina Faso")
    assert event.actor2 == "Civilians (Burkina Faso)"


def test_a_plain_group_word_is_the_group_named_the_sentence_before() -> None:
    event = only("On 3 May 2023, Al Shabaab militants stormed a police post in Balcad. Police "
                 "fought back, killing 7 militants.", "Somalia")
    assert {event.actor1, event.actor2} == {"Al Shabaab", "Police Forces of Somalia (2022-)"}
    assert event.fatalities == 7


def test_a_plain_group_word_stays_unnamed_when_two_groups_came_before() -> None:
    found = events("On 3 May 2023, Al Shabaab and ISIS-Somalia fighters clashed in Qandala. "
                   "Police later raided a camp near the town, killing 2 militants.", "Somalia")
    assert all("Al Shabaab" not in (e.actor1, e.actor2) or e.fatalities != 2 for e in found)


@pytest.mark.parametrize(("text", "dead"), [
    ("On 3 May 2023, gunmen stopped a minibus near Gusau, took out 6 passengers and killed "
     "them.", 6),
    # the people are the antecedent, not the cars they were pulled from
    ("On 3 May 2023, gunmen pulled 7 men from 2 cars near Gusau and shot them dead.", 7),
])
def test_a_pronoun_carries_the_figure_of_its_group(text: str, dead: int) -> None:
    assert only(text, "Nigeria").fatalities == dead


def test_shots_at_them_are_no_deaths() -> None:
    assert only("On 3 May 2023, gunmen stopped 2 buses near Gusau and shot them, wounding "
                "the drivers.", "Nigeria").fatalities == 0


def test_whose_device_was_defused_is_the_other_side_not_the_camp_it_lay_by() -> None:
    event = only("On 3 May 2023, soldiers defused a roadside bomb planted by JNIM outside an "
                 "army camp near Djibo.", "Burkina Faso")
    assert event.sub_event_type.value == "Disrupted weapons use"
    assert event.actor2 == "JNIM: Group for Support of Islam and Muslims"


def test_residents_blocking_roads_are_the_crowd_not_its_target() -> None:
    event = only("On 3 May 2023, villagers blocked the highway with burning tyres in Kasese to "
                 "denounce water shortages.", "Uganda")
    assert event.sub_event_type.value == "Violent demonstration"
    assert event.actor2 is None


def test_property_a_crowd_sets_on_fire_is_civilians() -> None:
    event = only("On 3 May 2023, a group of people threw petrol bombs at a depot in Kasese, "
                 "setting several cars on fire.", "Uganda")
    assert event.actor2 == "Civilians (Uganda)"


def test_two_communities_sharing_one_noun_are_two_militias() -> None:
    event = only("On 3 May 2023, Hema and Lendu militiamen fought near Djugu, leaving 4 dead.",
                 "Democratic Republic of Congo")
    assert event.sub_event_type.value == "Armed clash"
    assert {event.actor1, event.actor2} == {
        "Hema Ethnic Militia (Democratic Republic of Congo)",
        "Lendu Ethnic Militia (Democratic Republic of Congo)"}


@pytest.mark.parametrize(("country", "force"), [
    ("Iran", "Police Forces of Iran"),  # the country's own reading of the words
    ("Pakistan", "Military Forces of Pakistan"),
    ("Somalia", "Military Forces of Somalia"),  # not its own form: as most countries read it
])
def test_security_forces_are_read_as_the_country_reads_them(country: str, force: str) -> None:
    event = only("On 3 May 2023, security forces arrested 30 people who gathered outside the "
                 "governor's office in Testville to demand jobs.", country)
    assert event.actor2 is not None and event.actor2.startswith(force), event.actor2


def test_fighters_captured_in_a_fight_are_its_toll_not_a_capture_of_ground() -> None:
    found = events("On 3 May 2023, rebels clashed with soldiers near Beni. Two soldiers were "
                   "wounded, and 3 other rebels captured.", "Democratic Republic of Congo")
    assert [e.sub_event_type.value for e in found] == ["Armed clash"]


def test_party_members_who_riot_are_rioters_with_the_party_associated() -> None:
    event = only("On 3 May 2023, ZANU-PF supporters smashed the windows of a shop in Chitungwiza "
                 "during a protest over fuel prices.", "Zimbabwe")
    assert event.sub_event_type.value == "Violent demonstration"
    assert event.actor1 == "Rioters (Zimbabwe)"
    assert event.actor2 != "ZANU-PF: Zimbabwe African National Union-Patriotic Front"
    assert "ZANU-PF: Zimbabwe African National Union-Patriotic Front" in event.assoc_actor_1


def test_members_of_two_gangs_fighting_are_rioters_on_both_sides() -> None:
    event = only("On 3 May 2023, members of Barrio 18 and MS-13 fought in a prison yard in "
                 "Izalco, leaving 2 inmates dead.", "El Salvador")
    assert (event.sub_event_type.value, event.actor1, event.actor2) == (
        "Mob violence", "Rioters (El Salvador)", "Rioters (El Salvador)")


def test_a_group_attacking_a_crowd_stays_the_crowds_counterpart() -> None:
    event = only("On 3 May 2023, members of the Imbonerakure beat protesters in Bujumbura.",
                 "Burundi")
    assert event.actor2 is not None and "Imbonerakure" in event.actor2 + event.actor1


def test_a_public_building_set_on_fire_harms_no_civilians() -> None:
    event = only("On 3 May 2023, rioters set fire to the municipal council building in Kasese.",
                 "Uganda")
    assert event.sub_event_type.value == "Violent demonstration"
    assert event.actor2 is None


@pytest.mark.parametrize("text", [
    "KHARKIV - Ukrainian air defences shot down 9 Russian Lancet drones near Kupiansk overnight, "
    "the general staff said.",
    "According to the army, air defences shot down 9 Russian Orlan drones near Kupiansk.",
])
def test_who_reported_an_interception_is_no_side_and_the_drones_owner_is(text: str) -> None:
    found = events(text, "Ukraine", published=dt.date(2023, 5, 4))
    assert [(e.sub_event_type.value, e.actor2) for e in found] == [
        ("Disrupted weapons use", "Military Forces of Russia (2000-)")]


def test_an_actor_that_said_what_it_did_is_still_the_actor() -> None:
    event = only("On 3 May 2023, the army said it killed 6 militants in a raid near Djibo.",
                 "Burkina Faso")
    assert event.actor1.startswith("Military Forces of Burkina Faso")


def test_civilians_told_of_after_a_bombing_are_not_its_perpetrator() -> None:
    event = only("On 3 May 2023, at least 9 civilians were killed when a roadside bomb exploded "
                 "in Marib. The fighting has forced 500 civilians to flee their homes.", "Yemen")
    assert event.sub_event_type.value == "Remote explosive/landmine/IED"
    assert event.actor1 == "Unidentified Armed Group (Yemen)"
    assert event.actor2 == "Civilians (Yemen)"


def test_the_source_named_first_is_not_the_perpetrator() -> None:
    event = only("According to the army, militants attacked a village near Djibo on 3 May 2023, "
                 "killing 5 people.", "Burkina Faso")
    assert event.actor1 == "Unidentified Armed Group (Burkina Faso)"
