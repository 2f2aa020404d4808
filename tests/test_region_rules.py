"""Rules that reports from Asia, the Americas and Europe called for (the fourth batch of region
probes, tests/fixtures/region_probes_asia_americas_europe.yaml), each on invented sentences
no probe holds. Through the real pipeline with a fixed place per sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article, Event

PUBLISHED = dt.date(2022, 6, 10)
_pipe = fixed_place_pipeline()


def code(text: str, country: str) -> list[Event]:
    return _pipe(Article(article_id="rule", text=text, published=PUBLISHED,
                         extra={"country": country})).events


def summary(events: list[Event]) -> list[tuple[str, str, str | None, int]]:
    return [(e.sub_event_type.value, e.actor1, e.actor2, e.fatalities) for e in events]


# --- a coup is the event, the leaders it detains its means --------------------------------------
@pytest.mark.parametrize(("text", "country"), [
    ("On 5 June 2022, soldiers seized power in a coup in Niamey, detaining the president and "
     "several ministers.", "Niger"),
    ("On 5 June 2022, the army arrested the prime minister and the speaker in a military coup "
     "in Khartoum.", "Sudan"),
])
def test_a_coup_detaining_leaders_is_other(text: str, country: str) -> None:
    events = code(text, country)
    assert [e.sub_event_type.value for e in events] == ["Other"], summary(events)


def test_an_arrest_for_plotting_a_coup_stays_an_arrest() -> None:
    # the coup is what the detained are accused of, not what happened
    events = code("On 5 June 2022, police arrested two officers accused of plotting a coup in "
                  "Bamako.", "Mali")
    assert [e.sub_event_type.value for e in events] == ["Arrests"], summary(events)


# --- deaths told in a second sentence about "the gunfight" are the fight's ----------------------
@pytest.mark.parametrize("text", [
    "On 5 June 2022, troops killed 2 militants in Kupwara. A policeman also died in the gunfight.",
    "On 5 June 2022, militants attacked a checkpoint in Kupwara, killing 2 soldiers. One "
    "attacker was killed in the exchange of fire.",
])
def test_deaths_in_the_fight_referred_back_to_join_it(text: str) -> None:
    events = code(text, "India")
    assert [(e.sub_event_type.value, e.fatalities) for e in events] == [("Armed clash", 3)], (
        summary(events))


@pytest.mark.parametrize(("text", "value"), [
    ("four of the attackers were also killed", 4),
    ("two bombers were killed when their device went off early", 2),
    ("five raiders were killed by the villagers", 5),
    ("Three soldiers were martyred in the exchange of fire", 3),
    ("two policemen embraced martyrdom while repulsing the attack", 2),
])
def test_attackers_and_martyrs_are_counted(text: str, value: int) -> None:
    from conflict_events.extract.stages.numbers import find_numbers

    assert [n.value for n in find_numbers(text) if not n.negated] == [value]


# --- a joint force is led by the force named first ----------------------------------------------
def test_a_joint_force_is_led_by_the_force_named_first() -> None:
    events = code("On 5 June 2022, army and police personnel killed 2 LeT militants in an "
                  "encounter in Kulgam.", "India")
    assert [e.actor1 for e in events] == ["Military Forces of India (2014-)"], summary(events)


# --- what destruction answers is another event ------------------------------------------------
def test_the_killing_a_crowd_answers_is_not_its_target_or_toll() -> None:
    events = code("On 5 June 2022, residents set fire to three lorries on the highway after "
                  "soldiers shot dead a motorcycle taxi driver at a checkpoint.", "Cameroon")
    kinds = [(e.sub_event_type.value, e.actor2, e.fatalities) for e in events]
    assert kinds[0][0] in ("Looting/property destruction", "Violent demonstration", "Mob violence")
    assert kinds[0][1] is None or not kinds[0][1].startswith("Military Forces"), kinds
    assert kinds[0][2] == 0, kinds


def test_fireworks_and_two_things_set_alight_are_a_riot() -> None:
    events = code("On 5 June 2022, youths set cars and bins on fire and launched fireworks at "
                  "police in Lyon.", "France")
    assert [e.event_type.value for e in events] == ["Riots"], summary(events)
    assert events[0].actor2 == "Police Forces of France (2017-)"


# --- the source named at the end of a clause took no part ---------------------------------------
@pytest.mark.parametrize(("text", "sub_event_type"), [
    ("On 5 June 2022, unknown men threw a grenade at a bus stand in Anantnag, police said.",
     "Grenade"),
    ("On 5 June 2022, a roadside bomb went off in Anantnag, the army said on Sunday.",
     "Remote explosive/landmine/IED"),
])
def test_a_source_named_after_the_event_is_no_side(text: str, sub_event_type: str) -> None:
    events = code(text, "India")
    assert [(e.sub_event_type.value, e.actor1, e.actor2) for e in events] == [
        (sub_event_type, "Unidentified Armed Group (India)", None)], summary(events)


def test_a_force_that_says_what_it_did_is_still_the_actor() -> None:
    events = code("On 5 June 2022, the army said it killed 3 militants in Kupwara.", "India")
    assert [e.actor1 for e in events if e.actor1.startswith("Military")], summary(events)


# --- a planted device has a planter; a vaccination centre is no government ----------------------
def test_the_unnamed_planter_of_a_defused_bomb_is_the_other_side() -> None:
    events = code("On 5 June 2022, police defused a bomb that had been planted near a health "
                  "centre in Quetta.", "Pakistan")
    assert [(e.sub_event_type.value, e.actor2) for e in events] == [
        ("Disrupted weapons use", "Unidentified Armed Group (Pakistan)")], summary(events)


def test_a_centre_in_lower_case_is_a_building_the_centre_new_delhi() -> None:
    building = code("On 5 June 2022, unknown men threw a grenade at a vaccination centre in "
                    "Sopore.", "India")
    assert all("Government" not in (e.actor2 or "") for e in building), summary(building)
    moved = code("On 5 June 2022, the Centre deployed 10 more companies of central forces in "
                 "Imphal.", "India")
    assert [e.actor1 for e in moved] == ["Government of India (2014-)"], summary(moved)


# --- a temporal clause: how a death came about, or another day's event -------------------------
def test_a_death_when_police_fired_at_protesters_is_excessive_force() -> None:
    events = code("On 5 June 2022, a man was killed when soldiers fired live rounds at hundreds "
                  "of residents protesting against fuel prices in Kumasi.", "Ghana")
    assert [(e.sub_event_type.value, e.fatalities) for e in events] == [
        ("Excessive force against protesters", 1)], summary(events)


def test_a_clash_days_before_the_arrest_is_not_todays_event() -> None:
    events = code("On 5 June 2022, police arrested an opposition leader at his home in Lusaka, "
                  "three days after a deadly clash between party supporters.", "Zambia")
    assert [e.sub_event_type.value for e in events] == ["Arrests"], summary(events)


# --- taking over a duty is no capture ----------------------------------------------------------
def test_troops_taking_over_security_is_a_change_of_activity() -> None:
    events = code("On 5 June 2022, marines took over security at the port of Manzanillo.",
                  "Mexico")
    assert [e.sub_event_type.value for e in events] == ["Change to group/activity"], (
        summary(events))


# --- a force and its unit are one side -----------------------------------------------------------
def test_a_bomb_hitting_a_unit_of_the_army_has_an_unnamed_planter() -> None:
    events = code("On 5 June 2022, a roadside bomb exploded as a ranger patrol passed near Raman, "
                  "killing two rangers.", "Thailand")
    assert [(e.actor1, (e.actor2 or "").startswith("Military Forces of Thailand"))
            for e in events] == [("Unidentified Armed Group (Thailand)", True)], summary(events)


# --- foreign civilians are named by their own country ------------------------------------------
@pytest.mark.parametrize(("text", "country", "victims"), [
    ("On 5 June 2022, gunmen kidnapped three Chinese engineers at a mine near Zamfara town.",
     "Nigeria", "Civilians (China)"),
    ("On 5 June 2022, pirates abducted five Malaysian fishermen off Tawi-Tawi.",
     "Philippines", "Civilians (Malaysia)"),
    # the story's own nationals stay the country's civilians
    ("On 5 June 2022, gunmen kidnapped three Nigerian engineers near Zaria.", "Nigeria",
     "Civilians (Nigeria)"),
])
def test_foreign_victims_are_their_countrys_civilians(text: str, country: str,
                                                      victims: str) -> None:
    events = code(text, country)
    assert [e.actor2 for e in events] == [victims], summary(events)


# --- a pair that clashes with a third is one side; an armed group's blockades are no protest -----
def test_a_pair_clashing_with_a_third_is_one_side_led_by_the_first() -> None:
    events = code("On 5 June 2022, soldiers and policemen clashed with ELN guerrillas near "
                  "Saravena.", "Colombia")
    assert [(e.sub_event_type.value, e.actor1.startswith("Military Forces of Colombia"),
             e.actor2) for e in events] == [
        ("Armed clash", True, "ELN: National Liberation Army")], summary(events)


def test_blockades_by_gunmen_fighting_troops_are_no_demonstration() -> None:
    events = code("On 5 June 2022, troops clashed with Gulf Clan gunmen near Caucasia; the "
                  "gunmen blocked roads with burning trucks.", "Colombia")
    assert [e.sub_event_type.value for e in events][:1] == ["Armed clash"], summary(events)


def test_residents_blocking_roads_still_riot() -> None:
    # a crowd is named: its blockade with burning tyres is a violent demonstration
    events = code("On 5 June 2022, residents blocked roads with burning tyres and clashed with "
                  "police in Cucuta.", "Colombia")
    assert [e.event_type.value for e in events] == ["Riots"], summary(events)


def test_party_supporters_fighting_police_at_a_rally_riot() -> None:
    events = code("On 5 June 2022, Awami League supporters holding a rally clashed with police in "
                  "Khulna, throwing stones at officers.", "Bangladesh")
    assert [e.event_type.value for e in events] == ["Riots"], summary(events)


# --- an entry without resistance is a non-violent transfer --------------------------------------
def test_troops_entering_without_meeting_resistance_take_the_town_peacefully() -> None:
    events = code("On 5 June 2022, troops and police entered Kidal without meeting any "
                  "resistance, after its residents had left.", "Mali")
    assert [(e.sub_event_type.value, e.actor2) for e in events] == [
        ("Non-violent transfer of territory", None)], summary(events)


def test_two_states_named_together_are_no_joint_force_of_the_first() -> None:
    # "Syrian and Russian warplanes": the last-named state's aircraft stay the actor
    events = code("On 5 June 2022, Syrian and Russian warplanes bombed rebel positions near "
                  "Atarib.", "Syria")
    assert any(e.actor1.startswith("Military Forces of Russia") for e in events), summary(events)
