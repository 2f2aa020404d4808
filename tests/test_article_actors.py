"""Who did what in sentences of whole news articles, as a coder reads them: the side named on
the weapon a victim was killed in, the air force a bombardment came from, the forces a strike
supported, the group a relative clause only mentions, the other side of a captured area. The
sentences are our own; each fails without its rule."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import only_event

from conflict_events.extract.testing import fixed_place_events

events = fixed_place_events
only = only_event


@pytest.mark.parametrize(("text", "country", "actor1"), [
    ("On 3 May 2023, two shepherds were killed in army shelling on the village of Tal Sahin.",
     "Syria", "Military Forces of Syria"),
    ("On 3 May 2023, a child was killed in Russian air strikes on the town of Kupiansk.",
     "Ukraine", "Military Forces of Russia"),
    # the side's name is the whole weapon phrase ("opposition fire")
    ("On 3 May 2023, an elderly man was killed in opposition fire on the Midan district of "
     "Hama.", "Syria", "Opposition Rebels (Syria)"),
])
def test_the_side_named_on_the_weapon_a_victim_died_in_fired_it(
        text: str, country: str, actor1: str) -> None:
    event = only(text, country)
    assert event.actor1.startswith(actor1)
    assert event.actor2 == f"Civilians ({country})"


def test_a_bombardment_from_an_air_force_is_its_strike_and_the_troops_it_backed_its_side(
) -> None:
    event = only("On 3 May 2023, intense aerial bombardment near Saraqib, thought to come from "
                 "the Russian air force, backed the advancing ground troops.", "Syria")
    assert event.sub_event_type.value == "Air/drone strike"
    assert event.actor1.startswith("Military Forces of Russia")
    assert event.actor2 is None


def test_a_group_named_in_a_relative_clause_is_not_the_subject() -> None:
    event = only("On 3 May 2023, the rebel alliance, which includes groups such as the Sudan "
                 "Liberation Movement, attacked an army base near Nyala.", "Sudan")
    assert "Sudan Liberation Movement" not in event.actor1
    assert event.actor2 is not None and event.actor2.startswith("Military Forces of Sudan")


def test_a_rebel_coalition_is_the_rebels_not_the_saudi_led_coalition() -> None:
    event = only("On 3 May 2023, the rebel coalition shelled army positions near Saraqib.",
                 "Syria")
    assert event.actor1 == "Opposition Rebels (Syria)"


def test_a_fight_told_with_one_side_unnamed_is_against_the_enemy_reported_before() -> None:
    found = events("On 2 May 2023, Al Shabaab militants attacked army positions in Balcad. On 3 "
                   "May 2023, government troops also captured two villages near Jowhar.",
                   "Somalia")
    capture = [e for e in found if e.sub_event_type.value == "Government regains territory"]
    assert len(capture) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in found]
    assert capture[0].actor1.startswith("Military Forces of Somalia")
    assert capture[0].actor2 == "Al Shabaab"


def test_gunmen_the_text_names_are_not_taken_for_the_enemy_reported_before() -> None:
    found = events("On 2 May 2023, Al Shabaab militants attacked army positions in Balcad. On 3 "
                   "May 2023, gunmen clashed with soldiers near Jowhar.", "Somalia")
    clash = [e for e in found if e.event_date == dt.date(2023, 5, 3)]
    assert len(clash) == 1, [(e.sub_event_type, e.actor1, e.actor2, e.event_date) for e in found]
    assert "Al Shabaab" not in (clash[0].actor1, clash[0].actor2)
