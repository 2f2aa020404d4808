"""The codebook's coding rules, one test (or more) per rule, through the real pipeline with a
fixed place per sentence (conflict_events.extract.testing)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.extract.doc import Doc
from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article, Event
from conflict_events.schema.taxonomy import CIVILIANS_TARGETED, SubEventType

PUBLISHED = dt.date(2020, 5, 10)
_pipe = fixed_place_pipeline()


def run(text: str, country: str = "Nigeria", published: dt.date = PUBLISHED) -> Doc:
    return _pipe(Article(article_id="rule", text=text, published=published,
                         extra={"country": country}))


def code(text: str, country: str = "Nigeria", published: dt.date = PUBLISHED) -> list[Event]:
    return run(text, country, published).events


def one(text: str, country: str = "Nigeria") -> Event:
    events = code(text, country)
    assert len(events) == 1, [(e.sub_event_type, e.actor1, e.actor2) for e in events]
    return events[0]


def base(name: str | None) -> str | None:
    return name.split(" (")[0] if name and name.startswith(("Military", "Police", "Gov")) else name


# --- territory -------------------------------------------------------------------------------
def test_state_forces_retaking_territory_is_government_regains() -> None:
    e = one("On 9 May 2020, regime forces captured the village of Kafr Nabl from rebels "
            "after heavy fighting.", "Syria")
    assert e.sub_event_type.value == "Government regains territory"
    assert base(e.actor1) == "Military Forces of Syria"


def test_non_state_capture_is_non_state_actor_overtakes() -> None:
    e = one("On 9 May 2020, militants took control of the town after clashes with soldiers.",
            "Mali")
    assert e.sub_event_type.value == "Non-state actor overtakes territory"
    assert base(e.actor2) == "Military Forces of Mali"


def test_foreign_state_capture_is_non_state_actor_overtakes() -> None:
    e = one("On 9 May 2020, Turkish forces captured the village after clashes with Kurdish "
            "fighters.", "Syria")
    assert e.sub_event_type.value == "Non-state actor overtakes territory"
    assert e.inter1 == 8


def test_capture_without_fighting_is_non_violent_transfer() -> None:
    e = one("On 9 May 2020, rebels took control of the town without a fight after the army "
            "withdrew.", "Mali")
    assert e.sub_event_type.value == "Non-violent transfer of territory"
    assert e.event_type.value == "Strategic developments"


# --- weapons ---------------------------------------------------------------------------------
def test_air_strike_and_shelling_together_is_air_strike() -> None:
    e = one("On 9 May 2020, government warplanes and artillery shelled rebel positions.",
            "Syria")
    assert e.sub_event_type.value == "Air/drone strike"


def test_shelling_alone() -> None:
    e = one("On 9 May 2020, rebels fired mortars at an army base.", "Syria")
    assert e.sub_event_type.value == "Shelling/artillery/missile attack"


def test_remote_violence_during_a_battle_is_the_battle() -> None:
    e = one("On 9 May 2020, soldiers clashed with Boko Haram fighters who fired mortars at "
            "the base.")
    assert e.sub_event_type.value == "Armed clash"


def test_suicide_bomber_is_counted() -> None:
    e = one("On 9 May 2020, a suicide bomber killed 3 civilians at a market.", "Afghanistan")
    assert e.sub_event_type.value == "Suicide bomb"
    assert e.fatalities == 4


# --- attack, abduction, arrest ----------------------------------------------------------------
def test_abduction_without_further_violence() -> None:
    e = one("On 9 May 2020, gunmen abducted two farmers.")
    assert e.sub_event_type.value == "Abduction/forced disappearance"
    assert e.actor2 == "Civilians (Nigeria)"


def test_abduction_with_killing_is_attack() -> None:
    e = one("On 9 May 2020, gunmen abducted and killed two farmers.")
    assert e.sub_event_type.value == "Attack"
    assert e.fatalities == 2


def test_state_arrest_is_arrests() -> None:
    e = one("On 9 May 2020, police arrested an opposition leader.", "Zimbabwe")
    assert e.sub_event_type.value == "Arrests"
    assert base(e.actor1) == "Police Forces of Zimbabwe"


def test_non_state_arrest_is_abduction() -> None:
    e = one("On 9 May 2020, Al Shabaab militants arrested two traders.", "Somalia")
    assert e.sub_event_type.value == "Abduction/forced disappearance"
    assert e.actor1 == "Al Shabaab"


def test_victim_is_actor2_and_civilians_are_targeted() -> None:
    e = one("On 9 May 2020, a man was shot dead by unidentified gunmen.", "Mexico")
    assert e.sub_event_type.value == "Attack"
    assert e.actor1 == "Unidentified Armed Group (Mexico)"
    assert e.actor2 == "Civilians (Mexico)"
    assert e.civilian_targeting == CIVILIANS_TARGETED
    assert e.fatalities == 1


def test_armed_target_is_a_battle_without_civilian_targeting() -> None:
    e = one("On 9 May 2020, militants attacked a police checkpoint, killing two officers and "
            "a civilian.")
    assert e.event_type.value == "Battles"
    assert e.civilian_targeting is None
    assert e.fatalities == 3


def test_off_duty_soldier_is_a_civilian_victim() -> None:
    e = one("On 9 May 2020, gunmen shot dead an off-duty soldier at his home.")
    assert e.sub_event_type.value == "Attack"
    assert e.actor2 == "Civilians (Nigeria)"


# --- protests and riots ------------------------------------------------------------------------
def test_peaceful_protest() -> None:
    e = one("On 9 May 2020, nurses held a protest outside the hospital over unpaid salaries.",
            "Kenya")
    assert e.sub_event_type.value == "Peaceful protest"
    assert e.actor1 == "Protesters (Kenya)"
    assert "Health Workers (Kenya)" in e.assoc_actor_1
    assert e.actor2 is None


def test_protest_with_intervention() -> None:
    e = one("On 9 May 2020, police fired tear gas to disperse students protesting fees.",
            "Kenya")
    assert e.sub_event_type.value == "Protest with intervention"
    assert base(e.actor2) == "Police Forces of Kenya"


def test_excessive_force_against_protesters() -> None:
    e = one("On 9 May 2020, security forces opened fire on protesters, killing three.", "Iraq")
    assert e.sub_event_type.value == "Excessive force against protesters"
    assert e.civilian_targeting == CIVILIANS_TARGETED
    assert e.fatalities == 3


def test_violent_demonstration() -> None:
    e = one("On 9 May 2020, demonstrators blocked the highway with burning tyres.", "Haiti")
    assert e.sub_event_type.value == "Violent demonstration"
    assert e.actor1 == "Rioters (Haiti)"


def test_protest_grievance_is_not_an_intervention() -> None:
    e = one("On 9 May 2020, journalists protested against the arrest of an editor.",
            "Pakistan")
    assert e.sub_event_type.value == "Peaceful protest"


def test_mob_violence_outside_a_demonstration() -> None:
    e = one("On 9 May 2020, a mob lynched a suspected thief.", "India")
    assert e.sub_event_type.value == "Mob violence"
    assert e.actor1 == "Rioters (India)"
    assert e.actor2 == "Civilians (India)"


def test_protest_turning_violent_is_one_riot_event() -> None:
    events = code("On 9 May 2020, traders protested in the market. They later threw stones "
                  "at the police.", "Uganda")
    assert [e.sub_event_type.value for e in events] == ["Violent demonstration"]


# --- aggregation and actors -------------------------------------------------------------------
def test_one_event_per_actor_pair_place_and_day() -> None:
    events = code("On 9 May 2020, soldiers clashed with Boko Haram fighters. The soldiers "
                  "also fought Boko Haram fighters later that day.")
    assert len(events) == 1


def test_different_actor_pairs_are_separate_events() -> None:
    events = code("On 9 May 2020, soldiers clashed with Boko Haram fighters. On the same day, "
                  "gunmen abducted two farmers.")
    assert sorted(e.sub_event_type.value for e in events) == [
        "Abduction/forced disappearance", "Armed clash"]


def test_foreign_forces_are_external_forces() -> None:
    e = one("On 9 May 2020, Turkish forces shelled Kurdish fighters.", "Syria")
    assert base(e.actor1) == "Military Forces of Turkey"
    assert e.inter1 == 8


def test_identity_militia_named_after_a_community() -> None:
    e = one("On 9 May 2020, Fulani herdsmen attacked villagers, killing four.")
    assert e.actor1 == "Fulani Ethnic Militia (Nigeria)"
    assert e.inter1 == 4


# --- what did not happen ---------------------------------------------------------------------
def test_fleeing_a_bombardment_is_displacement_not_a_bombardment() -> None:
    events = code("Hundreds of families fled their homes to escape the bombardment.", "Syria",
                  dt.date(2016, 8, 8))
    assert [e.sub_event_type.value for e in events] == ["Other"]


@pytest.mark.parametrize("text", [
    "The group threatened to attack the town.",
    "Rebels vowed to capture the city.",
    "The army denied that it had shelled the village.",
    "Militants would double the number of fighters for the battle.",
    "There were 15 military strikes on hospitals in the month of July alone.",
    "Russia intervened in the war in September 2015 with a campaign of airstrikes.",
    '"We sent new fighters and missile platforms to the front," the commander said.',
])
def test_plans_threats_denials_tallies_and_background_are_not_events(text: str) -> None:
    assert code(text, "Syria", dt.date(2016, 8, 8)) == []


def test_no_date_in_reach_is_not_invented() -> None:
    doc = _pipe(Article(article_id="nodate", text="Gunmen attacked villagers, killing two.",
                        extra={"country": "Nigeria"}))
    assert doc.events == []
    assert ("no_date" in {code for code, _ in doc.dropped})


def test_relative_date_and_time_precision() -> None:
    e = one("Gunmen killed two farmers last week.")
    assert e.time_precision == 2
    assert e.event_date == dt.date(2020, 4, 30)


def test_evidence_and_notes() -> None:
    text = "On 9 May 2020, gunmen killed two farmers."
    e = one(text)
    assert e.evidence and text[e.evidence[0].start:e.evidence[0].end] == text
    assert e.notes.startswith("On 9 May 2020, gunmen")
    assert "2 fatalities" in e.notes
    assert 0 < e.confidence <= 1


def test_a_state_force_unit_is_named_after_its_state() -> None:
    # Brazil's Military Police is filed by ACLED under the military forces, with its unit name
    event = one("On 8 May 2020, Military Police officers shot and injured two men during a "
                "raid in Recife.", "Brazil")
    assert event.actor1.startswith("Military Forces of Brazil (")
    assert event.actor1.endswith(") Military Police")


def test_plain_police_words_name_no_unit() -> None:
    event = one("On 8 May 2020, police officers shot and injured two men during a raid in "
                "Recife.", "Brazil")
    assert event.actor1.startswith("Police Forces of Brazil (")
    assert "Military Police" not in event.actor1


def test_a_country_s_own_name_for_its_forces_names_them() -> None:
    event = one("On 8 May 2020, pro-Hadi forces clashed with Houthi fighters in Nihm.", "Yemen")
    assert {event.actor1.split(" (")[0], (event.actor2 or "").split(" (")[0]} == {
        "Military Forces of Yemen"}
    assert "Houthi" in event.actor1 + (event.actor2 or "")


def test_a_force_named_in_the_sentence_before_is_a_side_of_the_fight() -> None:
    event = one("On 8 May 2020, police officers went to the Oshodi area of Lagos to look for "
                "suspected kidnappers. A gun battle broke out and two suspects were killed.")
    assert event.sub_event_type.value == "Armed clash"
    assert any(a.startswith("Police Forces of Nigeria") for a in (event.actor1, event.actor2))
    assert event.fatalities == 2


def test_the_victims_of_a_passive_sentence_are_not_its_agents() -> None:
    event = one("On 8 May 2020, three traders were wounded in a shooting at the market by "
                "gunmen on motorcycles in Kano.")
    assert event.sub_event_type.value == "Attack"
    assert event.actor1 == "Unidentified Armed Group (Nigeria)"
    assert event.actor2 == "Civilians (Nigeria)"


def test_a_sentence_that_refers_back_to_the_attack_reports_its_outcome() -> None:
    events = code("On 8 May 2020, Boko Haram fighters clashed with soldiers near Gwoza. Four "
                  "insurgents died in the attack.")
    assert len(events) == 1
    assert events[0].fatalities == 4


def test_a_state_unit_and_its_state_are_one_side_when_mentions_merge() -> None:
    events = code("On 8 May 2020, Russian warplanes struck rebel positions near Idlib. Russian "
                  "forces also carried out air strikes on the rebels near Idlib.", "Syria")
    assert len(events) == 1, [(e.actor1, e.actor2) for e in events]


@pytest.mark.parametrize(("text", "fatalities"), [
    # codebook 1.8: a toll over several days is divided, the first day taking the remainder
    ("On 8 May 2020, the army shelled Boko Haram camps near Gwoza on two consecutive days. "
     "78 insurgents were killed.", 39),
    ("On 8 May 2020, soldiers clashed with bandits in Zurmi, resulting in 4 bandit and 1 "
     "military fatality.", 5),
    ("On 8 May 2020, 5 civilians (2 men, 2 women and 1 child) were killed when their bus hit "
     "a landmine near Dikwa.", 5),
    ("On 8 May 2020, a farmer and his son were killed by gunmen in Kajuru.", 2),
    ("On 8 May 2020, a suspected thief was beaten and nearly lynched by residents in Aba.", 0),
    ("On 8 May 2020, a trader was abducted by gunmen and stabbed to death in Kaduna.", 1),
    ("On 8 May 2020, soldiers beat a young trader to death at a checkpoint in Maiduguri.", 1),
    ("On 8 May 2020, the bodies of 3 herders were found near a burnt camp in Zamfara.", 3),
    ("On 8 May 2020, gunmen attacked a farm in Kajuru, where a farmer and his wife died.", 2),
    ("On 8 May 2020, the village head of Kuru was shot dead by gunmen in Jos.", 1),
])
def test_fatality_conventions(text: str, fatalities: int) -> None:
    assert [e.fatalities for e in code(text)][:1] == [fatalities]


def test_a_context_name_names_its_actor_where_it_operates() -> None:
    event = one("On 8 May 2020, Maoists attacked a police camp in Dantewada, killing two "
                "officers.", "India")
    assert "Maoist" in event.actor1


def test_a_context_name_elsewhere_reads_as_generic_words() -> None:
    # "Islamist militants" names Mozambique's insurgents only in stories set in Mozambique
    inside = one("On 8 May 2020, Islamist militants attacked Mbau village, killing two "
                 "villagers.", "Mozambique")
    outside = one("On 8 May 2020, Islamist militants attacked Kanam village, killing two "
                  "villagers.", "Nigeria")
    assert inside.actor1 == "Islamist Militia (Mozambique)"
    assert "Mozambique" not in outside.actor1


def test_a_state_force_in_another_clause_is_no_ally_of_the_captor() -> None:
    events = code("On 8 May 2020, regime forces were on the defensive around Aleppo after a "
                  "rebel alliance said it had broken the siege of the city.", "Syria")
    assert SubEventType.GOVERNMENT_REGAINS_TERRITORY not in [e.sub_event_type for e in events]


def test_a_named_group_s_security_forces_are_no_other_actor_spelled_alike() -> None:
    # "HTS security forces" must not be read as the similar "Hamas security forces"
    event = one("On 8 May 2020, HTS security forces arrested a camp manager in Atmeh.", "Syria")
    assert event.actor1 == "HTS: Hayat Tahrir al Sham"
