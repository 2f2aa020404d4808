"""A country's name that is also the name of another country's first-level area: "(X LGA,
Niger)" is Niger State of Nigeria when the text says so (knowledge/geo/local_area_words.yaml,
or a name before it that lies in that state). Sentences are invented for these tests; the
places are real, with rounded coordinates."""

from __future__ import annotations

import pytest
from geo_fixture import gazetteer_from_places, geonames_rows
from pydantic import ValidationError

from conflict_events import geo
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.local_areas import LocalAreaWord, local_area_words

# geonameid, name, alternates, lat, lon, feature class, feature code, country, admin1, population
PLACES = [
    (2328925, "Niger", "Niger State", 10.0, 6.0, "A", "ADM1", "NG", "31", 3950249),
    (2330100, "Minna", "", 9.61, 6.56, "P", "PPLA", "NG", "31", 291905),
    (2322000, "Tegina", "", 10.07, 6.19, "P", "PPL", "NG", "31", 24037),
    (2446267, "Bosso", "", 13.70, 13.31, "P", "PPL", "NE", "02", 6451),
    (2445702, "Diffa", "", 13.32, 12.61, "A", "ADM1", "NE", "02", 593821),
    (2445704, "Diffa", "", 13.32, 12.61, "P", "PPLA", "NE", "02", 48005),
]
ADMIN1 = {"NG.31": "Niger", "NE.02": "Diffa"}


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("local_areas")
    return gazetteer_from_places(folder, geonames_rows(PLACES), ADMIN1, "XX.txt")


EXAMPLES = [
    (entry.word, example) for entry in local_area_words().words for example in entry.examples
]


@pytest.mark.parametrize(("word", "example"), EXAMPLES,
                         ids=[f"{w}: {e.place}" for w, e in EXAMPLES])
def test_local_area_word_examples(gaz: Gazetteer, word: str, example: object) -> None:
    text, place, country, admin1 = (getattr(example, k) for k in
                                    ("text", "place", "country", "admin1"))
    assert word.lower() in text.lower()
    result = geo.Geocoder(gaz).resolve(text)
    found = {p.name: p for p in result.places}
    assert place in found, (text, [p.name for p in result.places])
    assert found[place].location.iso == country or found[place].location.country == "Nigeria"
    assert found[place].location.admin1 == admin1
    assert not result.countries  # the country's name was read as the area's


def test_the_country_stays_the_country_without_a_word_or_a_place_of_the_area(
    gaz: Gazetteer,
) -> None:
    result = geo.Geocoder(gaz).resolve("Boko Haram attacked Bosso (Diffa region, Niger).")
    assert [c for _s, _e, c in result.countries] == ["Niger"]
    assert result.places[0].location.country == "Niger"


def test_a_place_of_the_area_before_the_parenthesis_says_it(gaz: Gazetteer) -> None:
    result = geo.Geocoder(gaz).resolve("Gunmen killed 3 farmers near Tegina (Niger).")
    assert not result.countries
    assert result.places[0].location.admin1 == "Niger"
    assert result.places[0].location.country == "Nigeria"


def test_a_word_needs_its_countries() -> None:
    with pytest.raises(ValidationError):
        LocalAreaWord.model_validate({"word": "LGA", "countries": ["XQ"],
                                      "provenance": "a made-up country code", "examples": []})
