"""Admin areas the text writes out ("X, Y state", "X (Y, Z)", "Y region of Z") outrank what
other words suggest about the country or the area. Sentences are invented for these tests;
the places are real, with rounded coordinates, loaded as a GeoNames country file."""

from __future__ import annotations

import pytest
from geo_fixture import gazetteer_from_places, geonames_rows

from conflict_events import geo
from conflict_events.geo.gazetteer import Gazetteer

# geonameid, name, alternates, lat, lon, feature class, feature code, country, admin1, population
PLACES = [
    (3625974, "Trujillo", "", 9.25, -70.50, "A", "ADM1", "VE", "21", 578000),
    (3691175, "Trujillo", "", -8.11, -79.03, "P", "PPLA", "PE", "13", 1067700),
    (3695781, "La Libertad", "", -8.00, -78.50, "A", "ADM1", "PE", "13", 1513000),
    (3584772, "La Libertad", "", 13.58, -89.33, "A", "ADM1", "SV", "05", 242675),
    (3405870, "Belem", "Belém,Belen", -1.46, -48.50, "P", "PPLA", "BR", "16", 1407737),
    (3526490, "Jalpan", "", 21.22, -99.47, "P", "PPL", "MX", "22", 5000),
    (1138957, "Kabul", "", 34.53, 69.17, "P", "PPLC", "AF", "13", 3043532),
    (1138958, "Kabul", "", 34.50, 69.20, "A", "ADM1", "AF", "13", 4372977),
    (1141540, "Ghowr", "Ghor", 34.00, 65.00, "A", "ADM1", "AF", "06", 690296),
    (1147290, "Balkh", "", 36.70, 67.10, "A", "ADM1", "AF", "30", 1325659),
    (444186, "Somali", "", 7.00, 44.00, "A", "ADM1", "ET", "07", 5748998),
]

ADMIN1 = {
    "VE.21": "Trujillo", "PE.13": "La Libertad", "SV.05": "La Libertad", "BR.16": "Para",
    "MX.22": "Queretaro", "AF.13": "Kabul", "AF.06": "Ghowr", "AF.30": "Balkh",
    "ET.07": "Somali",
}


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("written_areas")
    return gazetteer_from_places(folder, geonames_rows(PLACES), ADMIN1, "VE.txt")


def places(gaz: Gazetteer, text: str) -> list[geo.ResolvedPlace]:
    return geo.Geocoder(gaz).resolve(text).places


def test_a_state_written_as_such_speaks_for_its_country(gaz: Gazetteer) -> None:
    # the village of Jalpan is Mexican, but "Trujillo state" can only be Venezuela's
    found = places(gaz, "Teachers protested in Bocono, Trujillo state, joined by colleagues "
                        "from Jalpan.")
    assert found and found[0].location.country == "Venezuela"
    assert found[0].location.admin1 == "Trujillo"


def test_a_town_and_the_area_after_it_are_read_together(gaz: Gazetteer) -> None:
    # two countries have a La Libertad; only Peru's holds a Trujillo, and a Belem hospital
    # says nothing against it
    found = places(gaz, "Nurses marched in Trujillo, La Libertad, outside the Belen hospital.")
    assert found and found[0].name == "Trujillo"
    assert found[0].location.country == "Peru"
    assert found[0].location.admin1 == "La Libertad"


def test_the_result_says_when_the_text_writes_a_places_area(gaz: Gazetteer) -> None:
    geocoder = geo.Geocoder(gaz)
    assert geocoder.resolve("Nurses marched in Trujillo, La Libertad.").names_areas_of_places()
    assert not geocoder.resolve("Nurses marched in Trujillo.").names_areas_of_places()


def test_names_listed_before_a_plural_area_word_are_all_areas(gaz: Gazetteer) -> None:
    # not "Kabul (Ghor, Balkh)": the list names three provinces
    found = places(gaz, "Police raided hideouts in Kabul, Ghor, and Balkh provinces.")
    assert sorted((p.name, p.kind) for p in found) == [
        ("Balkh", "admin1"), ("Ghor", "admin1"), ("Kabul", "admin1")]


def test_a_demonym_before_an_area_word_is_the_areas_name(gaz: Gazetteer) -> None:
    # "Somali" names Somalia's people, but "Somali region" is a region of Ethiopia
    found = places(gaz, "Clan militias clashed in Fafan zone (Somali region).")
    assert found and {p.location.country for p in found} == {"Ethiopia"}
    assert found[0].location.admin1 == "Somali"


def test_a_place_with_its_areas_written_after_it_is_marked_located(gaz: Gazetteer) -> None:
    found = {p.name: p for p in places(gaz, "Nurses marched in Trujillo, La Libertad, and "
                                            "in Belen.")}
    assert found["Trujillo"].located
    assert not found["Belen"].located
