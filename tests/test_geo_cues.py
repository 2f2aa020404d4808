"""What tells a coder the country and the place when a name is shared: the names of one
country (knowledge/geo/country_cues.yaml), a well-known name beside weak evidence, an area
that dwarfs its foreign namesakes, a province's countryside after a town. Sentences are
invented for these tests; the places are real, with rounded coordinates."""

from __future__ import annotations

import pytest
from geo_fixture import best_place as best
from geo_fixture import gazetteer_from_places, geonames_rows
from pydantic import ValidationError

from conflict_events import geo
from conflict_events.geo.countrynames import (
    CountryCues,
    country_cues,
    country_mentions,
    country_mentions_detailed,
)
from conflict_events.geo.gazetteer import Gazetteer

# geonameid, name, alternates, lat, lon, feature class, feature code, country, admin1, population
PLACES = [
    (2210247, "Tripoli", "Tarabulus", 32.89, 13.19, "P", "PPLC", "LY", "77", 1150989),
    (266826, "Tripoli", "Trablous", 34.44, 35.85, "P", "PPLA", "LB", "09", 229398),
    (170654, "Damascus", "Dimashq", 33.51, 36.29, "P", "PPLC", "SY", "13", 1569394),
    (4354087, "Damascus", "", 39.29, -77.20, "P", "PPL", "US", "MD", 15000),
    (4930956, "Boston", "Bostan", 42.36, -71.06, "P", "PPLA", "US", "MA", 617594),
    (139817, "Bostan", "", 31.72, 48.00, "P", "PPL", "IR", "15", 1200),
    (6692632, "Attica", "Attiki", 38.05, 23.80, "A", "ADM1", "GR", "ESYE31", 3800000),
    (264371, "Athens", "", 37.98, 23.73, "P", "PPLC", "GR", "ESYE31", 664046),
    (4919451, "Attica", "", 40.29, -87.25, "P", "PPL", "US", "IN", 3200),
    (250258, "Ma'an", "Maan", 30.19, 35.73, "P", "PPLA", "JO", "19", 50350),
    (170017, "Hama", "Hamah", 35.13, 36.75, "A", "ADM1", "SY", "10", 1600000),
    (170016, "Hama", "Hamah", 35.13, 36.75, "P", "PPLA", "SY", "10", 696863),
]

ADMIN1 = {
    "LY.77": "Tripoli", "LB.09": "Liban-Nord", "SY.13": "Dimashq", "SY.10": "Hama",
    "US.MD": "Maryland", "US.MA": "Massachusetts", "IR.15": "Khuzestan",
    "US.IN": "Indiana", "GR.ESYE31": "Attica",
    "JO.19": "Ma'an",
}


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("cues")
    rows = geonames_rows(PLACES)
    return gazetteer_from_places(folder, rows, ADMIN1, "XX.txt")


# --- the knowledge file ------------------------------------------------------------------

EXAMPLES = [
    (entry.country, example.text, example.place, example.country)
    for entry in country_cues().entries
    for example in entry.examples
]


@pytest.mark.parametrize("cue_country,text,place,country", EXAMPLES,
                         ids=[e[1][:40] for e in EXAMPLES])
def test_country_cue_examples(
    gaz: Gazetteer, cue_country: str, text: str, place: str, country: str
) -> None:
    found = [p for p in geo.Geocoder(gaz).resolve(text).places if p.name == place]
    assert found, f"{place} not found in {text!r}"
    assert found[0].location.iso == geo_iso(country)
    # the cue itself is evidence, not a country mention of the text
    assert all(c != cue_country for *_, c in country_mentions(text)) or country_named(text)


def geo_iso(code: str) -> int:
    from conflict_events.schema.countries import country_by_name

    found = country_by_name(code)
    assert found is not None
    return found.iso


def country_named(text: str) -> bool:
    return any(kind in ("name", "demonym") for *_, kind in country_mentions_detailed(text))


def test_without_a_cue_the_larger_tripoli_wins(gaz: Gazetteer) -> None:
    place = best(gaz, "Students demonstrated outside the educational district in Tripoli.")
    assert place is not None and place.location.country == "Libya"


def test_cues_are_found_as_names_only() -> None:
    kinds = [(c, k) for *_, c, k in country_mentions_detailed(
        "Rioters smashed the windows of Fransabank near the Jabal Mohsen quarter.")]
    assert kinds == [("LB", "cue"), ("LB", "cue")]
    # a word written in lower case is no name
    assert country_mentions_detailed("the haftar of the village") == []


def test_every_cue_entry_has_provenance_and_examples() -> None:
    for entry in country_cues().entries:
        assert len(entry.provenance) >= 10 and entry.examples


def test_a_bad_cue_entry_is_refused() -> None:
    base = {"country": "LB", "name": "x", "cues": ["Fransabank"],
            "provenance": "invented for a test",
            "examples": [{"text": "x", "place": "x", "country": "LB"}]}
    CountryCues.model_validate(base)
    with pytest.raises(ValidationError):
        CountryCues.model_validate({**base, "country": "XX"})
    with pytest.raises(ValidationError):
        CountryCues.model_validate({**base, "cues": ["fransabank"]})  # not written as a name


# --- rules ------------------------------------------------------------------------------

def test_a_well_known_name_is_not_overruled_by_weak_evidence(gaz: Gazetteer) -> None:
    text = ("Intelligence officers accompanied by Russian military police arrested employees "
            "of the Bostan association in Damascus.")
    # Boston dwarfs the Iranian Bostan, as Damascus, Syria dwarfs Damascus, Maryland: neither
    # name overrules the other
    found = {p.name: p for p in geo.Geocoder(gaz).resolve(text).places}
    assert found["Damascus"].location.country == "Syria"


def test_an_area_dwarfing_foreign_villages_is_the_area(gaz: Gazetteer) -> None:
    place = best(gaz, "About 20 Attica local administration employees protested.")
    assert place is not None and place.location.country == "Greece"
    assert place.location.admin1 == "Attica"


def test_a_provinces_countryside_locates_the_town_before_it(gaz: Gazetteer) -> None:
    place = best(gaz, "A landmine exploded in Maan town in Hama countryside.")
    assert place is not None and place.location.country == "Syria"
    assert place.location.admin1 == "Hama"
