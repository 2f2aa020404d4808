"""An attack is coded when the report names whom or what it hit, even where no actor is
recognised in the target: a person noun after a second joined verb, a detainee beaten, a place
the attack happened in, the people its outcome sentence says were shot. An attack with no
target named at all stays uncoded. States named as the doers of a military move act through
their military. New trigger phrases are told apart from their look-alikes."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.extract.api import extract_doc, to_article
from conflict_events.extract.lexicons import trigger_lexicon

PUBLISHED = dt.date(2021, 3, 15)


def _triggers(text: str) -> set[tuple[str, str]]:
    """(entry id, class) of the trigger words found in the text."""
    lexicon = trigger_lexicon()
    return {(lexicon.group_entry[m.lastgroup].id, lexicon.group_entry[m.lastgroup].cls)
            for m in lexicon.matcher.finditer(text, folded=text.lower()) if m.lastgroup}


def _coded(text: str) -> list[tuple[str, str | None]]:
    doc = extract_doc(to_article(text, published=PUBLISHED))
    return [(e.sub_event_type.value, e.actor2) for e in doc.events]


@pytest.mark.parametrize(("text", "victims"), [
    # a second verb joined to the event word has the same object
    ("On 14 March 2021, unknown assailants attacked and assaulted a group of Ethiopian "
     "labourers in Kisumu.", "Civilians (Kenya)"),
    # a detainee harmed in custody is a civilian target
    ("On 14 March 2021, in Kisumu, a detainee was beaten by prison guards.", "Civilians (Kenya)"),
    # an armed group's attack told as happening in a named place
    ("On 14 March 2021, Islamist militants carried out an attack in Mbau (Mocimboa da Praia, "
     "Cabo Delgado).", "Civilians (Mozambique)"),
])
def test_an_attack_with_a_named_target_is_coded(text: str, victims: str) -> None:
    assert ("Attack", victims) in _coded(text)


@pytest.mark.parametrize("text", [
    # a day is no place attacked
    "On 14 March 2021, in Mbau (Mocimboa da Praia, Cabo Delgado), Islamist militants "
    "announced an attack on Sunday.",
    "On 14 March 2021, in Mbau (Mocimboa da Praia, Cabo Delgado), Islamist militants "
    "announced an attack in March.",
    # state forces attacking "in" a place may be attacking anyone there: no civilian target
    "On 14 March 2021, Malian soldiers carried out an attack in Tessit (Ansongo, Gao).",
])
def test_an_attack_without_a_target_stays_uncoded(text: str) -> None:
    assert _coded(text) == []


def test_the_month_of_march_is_no_protest_march() -> None:
    def classes(text: str) -> set[str]:
        return {cls for _, cls in _triggers(text)}

    assert "protest" not in classes("The militants said they carried out an attack in March.")
    assert "protest" not in classes("The report of March 2021 listed the attacks.")
    assert "protest" in classes("Hundreds of teachers joined a march in the capital.")


def test_the_outcome_sentence_names_the_target_a_raid_left_unnamed() -> None:
    raid = ("On 14 March 2021, in Kisumu, police carried out an operation against drug "
            "trafficking in the Nyalenda slum.")
    assert _coded(f"{raid} Two young men were shot and injured.") == [
        ("Attack", "Civilians (Kenya)")]
    # nobody harmed: the operation alone names no target
    assert _coded(f"{raid} The police seized a pistol.") == []


@pytest.mark.parametrize("text", [
    "On 14 March 2021, Kenya and Ethiopia conducted a joint patrol near Mandera.",
    "On 14 March 2021, Kenya and Ethiopia deployed additional troops to Mandera.",
])
def test_states_named_as_the_doers_act_through_their_military(text: str) -> None:
    doc = extract_doc(to_article(text, published=PUBLISHED))
    assert [(e.sub_event_type.value, e.actor1.split(" (")[0]) for e in doc.events] == [
        ("Change to group/activity", "Military Forces of Kenya")]


def test_a_country_outside_the_subject_is_no_doer() -> None:
    # the company comes from Kenya; Kenya does not patrol
    doc = extract_doc(to_article(
        "On 14 March 2021, a company from Kenya conducted a patrol near Mandera.",
        published=PUBLISHED))
    assert not any(e.actor1.startswith("Military Forces of Kenya") for e in doc.events)


@pytest.mark.parametrize(("text", "fires"), [
    ("Residents hit a man they accused of theft.", True),
    ("Police officers hit several women selling food.", True),
    ("A speeding car hit a man on the highway.", False),
    ("The drought hit the farmers of the region.", False),
    ("The new tax hit the traders hard.", False),
    ("Prices hit a farmer's income.", False),
])
def test_blows_to_a_person_are_told_apart_from_other_hits(text: str, fires: bool) -> None:
    assert ("wound" in {cls for _, cls in _triggers(text)}) is fires


@pytest.mark.parametrize(("text", "fires"), [
    ("Three women were tonsured and paraded through the village.", True),
    ("The couple was forcibly tonsured by the panchayat.", True),
    ("Thousands of pilgrims were tonsured at the temple.", False),
])
def test_humiliation_as_punishment_is_told_apart_from_a_rite(text: str, fires: bool) -> None:
    assert ("humiliation" in {entry for entry, _ in _triggers(text)}) is fires


def test_public_stripping_is_sexual_violence() -> None:
    # codebook 15: public stripping is sexual violence, not a humiliation attack
    found = _triggers("The two women were stripped naked and paraded.")
    assert ("sexual", "sexual") in found
    assert not any(entry == "humiliation" for entry, _ in found)
