"""Event words told as administrative acts, passives and demands, and named places the
gazetteer lacks: what the rules detect, and the look-alike text they must leave alone
(natural damage, plans, authorities sealing premises, adjectives)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflict_events.extract.api import extract_doc, to_article
from conflict_events.extract.doc import Doc
from conflict_events.extract.lexicons import trigger_lexicon
from conflict_events.extract.stages.assemble import _Index, names_unknown_place
from conflict_events.extract.testing import fixed_place_pipeline
from conflict_events.schema.models import Article

PUBLISHED = dt.date(2021, 3, 15)


@pytest.fixture(scope="module")
def pipe():  # type: ignore[no-untyped-def]
    return fixed_place_pipeline()


def _events(pipe, text: str, country: str) -> list[str]:  # type: ignore[no-untyped-def]
    article = Article(article_id="t", text=text, published=PUBLISHED,
                      extra={"country": country})
    return [e.sub_event_type.value for e in pipe(article).events]


def _trigger_ids(text: str) -> set[str]:
    lexicon = trigger_lexicon()
    return {lexicon.group_entry[m.lastgroup].id
            for m in lexicon.matcher.finditer(text, folded=text.lower()) if m.lastgroup}


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("On 14 March 2021, 120 Venezuelan refugees arrived from Colombia in San Antonio.",
     "Venezuela", "Other"),
    ("On 14 March 2021, the rebels released 12 soldiers held as captives near Kalay.",
     "Myanmar", "Agreement"),
    ("On 14 March 2021, 40 Afghan migrants were repatriated from Iran through Islam Qala.",
     "Afghanistan", "Agreement"),
    ("On 14 March 2021, two shops were torched by gunmen in Kalay.", "Myanmar",
     "Looting/property destruction"),
    # the protest is the ground of the arrest; the arrest is what happened that day
    ("On 14 March 2021, police arrested 12 activists in Minsk for participating in protests "
     "against the election results.", "Belarus", "Arrests"),
    ("On 14 March 2021, police arrested 12 activists during a protest against the election "
     "results in Minsk.", "Belarus", "Protest with intervention"),
])
def test_administrative_and_passive_reports_are_events(
    pipe, text: str, country: str, expected: str  # type: ignore[no-untyped-def]
) -> None:
    assert expected in _events(pipe, text, country)


@pytest.mark.parametrize(("text", "country"), [
    # natural damage is no property destruction
    ("On 14 March 2021, dozens of houses were destroyed by floods in Kalay.", "Myanmar"),
    ("On 14 March 2021, hundreds of trees were uprooted by the storm near Kalay.", "Myanmar"),
    # the authorities sealing a shop state no demand: no protest
    ("On 14 March 2021, police padlocked a bar in Iguala for breaking the lockdown.", "Mexico"),
    # a return or a release announced, not done
    ("On 14 March 2021, officials said 300 refugees will return next month to Kalay.",
     "Myanmar"),
    ("On 14 March 2021, the government vowed to release prisoners held in Kunduz.",
     "Afghanistan"),
    # a siege named as the town's state is background, not a move
    ("On 14 March 2021, residents of the besieged town complained about prices.", "Yemen"),
])
def test_look_alike_text_is_no_event(
    pipe, text: str, country: str  # type: ignore[no-untyped-def]
) -> None:
    assert _events(pipe, text, country) == []


def test_new_phrases_do_not_fire_on_neighbouring_words() -> None:
    assert not _trigger_ids("Government forces left the area before dawn.")
    assert "other" not in _trigger_ids("Refugees who returned home found their houses looted.")
    assert "other" in _trigger_ids("213 migrants that were in Chile returned.")
    assert "disrupted" in _trigger_ids("Police seized eight hundred military munitions.")
    # suspects let go on bail are no prisoner release
    assert "agreement" not in _trigger_ids("Two suspects were released from police detention.")
    assert "agreement" not in _trigger_ids("He was released from jail on bail.")
    assert "agreement" in _trigger_ids("Twelve soldiers were released from Taliban prisons.")
    assert "riot" in _trigger_ids("The gathering turned violent.")
    assert "riot" not in _trigger_ids("Officials feared the gathering would turn violent.")
    assert "protest" not in _trigger_ids("The traders shut their shops for the holiday.")
    assert "protest" not in _trigger_ids("The crowd was dispersed by the rain.")
    assert "protest" in _trigger_ids("The workers were stopped and dispersed by the police.")


def test_a_patrol_named_as_a_target_is_no_move_of_its_own(pipe) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipe, "On 14 March 2021, gunmen fired at a Russian patrol near Tal Tamr.",
                     "Syria")
    assert events and "Change to group/activity" not in events


def _doc(text: str) -> Doc:
    return extract_doc(to_article(text, published=PUBLISHED))


@pytest.mark.parametrize(("text", "named"), [
    ("Houthi forces shelled the area of Jabal Qarwa without causing any injuries.", True),
    ("The militiamen killed a herder in the commune of Dioura.", True),
    ("Activists gathered outside the party building in central Kizilcay.", True),
    ("Protesters gathered outside the house of a former minister in el Qobbeh.", True),
    ("The army shelled the area of operations overnight.", False),
    ("The militiamen killed a herder in the commune.", False),
])
def test_a_named_place_noun_counts_as_a_named_place(text: str, named: bool) -> None:
    doc = _doc(text)
    idx = _Index(doc)
    assert names_unknown_place(doc, 0, idx.actors.get(0, [])) is named


def test_an_unknown_place_with_a_known_country_is_kept_at_the_capital() -> None:
    doc = _doc("On 14 March 2021, Houthi forces shelled the area of Jabal Qarwa in Yemen "
               "without causing any injuries.")
    assert [(e.country, int(e.geo_precision)) for e in doc.events] == [("Yemen", 3)]


def test_an_unknown_village_under_a_strict_focus_is_kept_in_its_main_area() -> None:
    # the monitors work on the Donbas contact line: a village the gazetteer lacks is there,
    # under its own name at precision 2, not at the capital of Ukraine
    doc = _doc("On 14 March 2021, the OSCE SMM observed a total of 12 explosions involving "
               "unknown weapons near Khutirok.")
    assert [(e.country, e.admin1, e.location, int(e.geo_precision)) for e in doc.events] == [
        ("Ukraine", "Donetsk", "Khutirok", 2)]


def test_an_unknown_place_without_a_country_stays_undetected() -> None:
    doc = _doc("On 14 March 2021, protesters blocked the Qarwa highway in both directions.")
    assert doc.events == []


def test_a_sentence_continuing_an_uncoded_report_takes_its_anchor() -> None:
    first = ("On 14 March 2021, in Nogales (Valparaiso), unidentified perpetrators attacked the "
             "pipelines of a mining company.")
    second = "The perpetrators detonated explosives, causing damage."
    doc = _doc(f"{first} {second}")
    assert [(e.sub_event_type.value, e.country) for e in doc.events] == [
        ("Remote explosive/landmine/IED", "Chile")]
    # in a paragraph of its own, the sentence has nothing to anchor it
    assert _doc(f"{first}\n\n{second}").events == []
