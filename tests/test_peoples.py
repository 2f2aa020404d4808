"""A people named by its demonym in the plural ("Palestinians", "Afghans"): the people of a
country, never a village the gazetteer lacks, and the victims of an attack on them. Sentences
are invented for these tests; the places are real, with rounded coordinates."""

from __future__ import annotations

import pytest
from geo_fixture import gazetteer_from_places, geonames_rows

from conflict_events import geo
from conflict_events.extract.api import extract_doc, to_article
from conflict_events.geo.countrynames import country_mentions_detailed, demonym_plural
from conflict_events.geo.gazetteer import Gazetteer

# geonameid, name, alternates, lat, lon, feature class, feature code, country, admin1, population
PLACES = [
    (282457, "Qalqilyah", "Qalqiliya", 32.19, 34.97, "P", "PPLA", "PS", "WE", 41739),
    (281184, "Jerusalem", "", 31.77, 35.22, "P", "PPLC", "IL", "06", 801000),
    (285066, "Hebron", "Al Khalil", 31.53, 35.09, "P", "PPLA", "PS", "WE", 160470),
]
ADMIN1 = {"PS.WE": "West Bank", "IL.06": "Jerusalem"}


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    rows = geonames_rows(PLACES)
    return gazetteer_from_places(tmp_path_factory.mktemp("peoples"), rows, ADMIN1, "PS.txt")


@pytest.mark.parametrize(("demonym", "plural"), [
    ("Palestinian", "Palestinians"), ("Iraqi", "Iraqis"), ("Greek", "Greeks"),
    ("Lebanese", None), ("Swiss", None), ("French", None), ("Turkmen", None),
])
def test_demonym_plurals(demonym: str, plural: str | None) -> None:
    assert demonym_plural(demonym) == plural


def test_a_plural_demonym_names_the_country() -> None:
    found = country_mentions_detailed("Israeli soldiers fired tear gas at Palestinians.")
    assert [(code, kind) for _s, _e, code, kind in found] == [("IL", "demonym"),
                                                                ("PS", "demonym")]


def test_a_people_is_no_unknown_village(gaz: Gazetteer) -> None:
    places = geo.geocode("Soldiers fired tear gas at Palestinians in Hebron.", gazetteer=gaz)
    assert [p.name for p in places] == ["Hebron"]


def test_a_part_of_a_town_spelt_otherwise_is_the_town(gaz: Gazetteer) -> None:
    # "southern Qalqiliyah": the town under another spelling, a part of it
    places = geo.geocode("Israeli forces fired at two Palestinians near the fence in "
                         "southern Qalqiliyah.", gazetteer=gaz)
    assert [p.location.location for p in places] == ["Qalqilyah"]


@pytest.mark.parametrize(("text", "victims"), [
    ("On 4 May 2020, Israeli soldiers fired tear gas at Palestinians in Hebron.",
     "Civilians (Palestine)"),
    ("On 4 May 2020, gunmen attacked Somalis in Johannesburg.", "Civilians (South Africa)"),
])
def test_a_people_attacked_are_civilians(text: str, victims: str) -> None:
    events = extract_doc(to_article(text, published="2020-05-05")).events
    assert [(e.sub_event_type.value, e.actor2) for e in events] == [("Attack", victims)]


def test_a_lower_case_word_is_no_people() -> None:
    # "poles" carry power lines; "Poles" are the people of Poland
    doc = extract_doc(to_article("On 4 May 2020, gunmen attacked workers fixing poles in "
                                 "Kaduna.", published="2020-05-05"))
    assert all(a.text != "poles" for a in doc.actors)
