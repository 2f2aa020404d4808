"""A place whose name is also a common word ("Van", "Bay") counts where the text says it is
one: a province's governor or office after it, a part of it after a preposition ("in
central Van"), or the last of the admin areas in a parenthesis after a place ("(Oshimili
North LGA, Delta)"). Sentences are invented for these tests; the places are real, with rounded
coordinates."""

from __future__ import annotations

import pytest
from geo_fixture import gazetteer_from_places, geonames_rows

from conflict_events import geo
from conflict_events.geo.gazetteer import Gazetteer

# geonameid, name, alternates, lat, lon, feature class, feature code, country, admin1, population
PLACES = [
    (298113, "Van", "", 38.49, 43.38, "A", "ADM1", "TR", "65", 1100190),
    (298117, "Van", "", 38.49, 43.38, "P", "PPLA", "TR", "65", 371713),
    (323786, "Ankara", "", 39.92, 32.85, "P", "PPLC", "TR", "68", 3517182),
    (53477, "Bay", "", 2.50, 43.50, "A", "ADM1", "SO", "04", 792182),
    (64013, "Baidoa", "", 3.11, 43.65, "P", "PPLA", "SO", "04", 129839),
    (2565340, "Delta", "", 5.50, 6.00, "A", "ADM1", "NG", "36", 4112445),
    (2319133, "Warri", "", 5.52, 5.75, "P", "PPL", "NG", "36", 311970),
    (2233376, "East", "", 4.00, 14.00, "A", "ADM1", "CM", "04", 771755),
    (1300466, "Mawlamyine", "", 16.49, 97.63, "P", "PPLA", "MM", "13", 438861),
]
ADMIN1 = {"TR.65": "Van", "TR.68": "Ankara", "SO.04": "Bay", "NG.36": "Delta", "CM.04": "East",
          "MM.13": "Mon"}


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("common_word_places")
    return gazetteer_from_places(folder, geonames_rows(PLACES), ADMIN1, "XX.txt")


def places(gaz: Gazetteer, text: str) -> list[geo.ResolvedPlace]:
    return geo.Geocoder(gaz).resolve(text).places


def test_a_governors_office_names_its_province(gaz: Gazetteer) -> None:
    [van] = places(gaz, "The Van Governor's Office banned all demonstrations for 15 days.")
    assert van.kind == "admin1" and van.location.admin1 == "Van"
    assert int(van.location.geo_precision) == 3


def test_a_governorship_names_its_province(gaz: Gazetteer) -> None:
    [bay] = places(gaz, "The Bay Governorship extended the curfew.")
    assert bay.kind == "admin1" and bay.location.country == "Somalia"


def test_a_part_of_a_place_after_a_preposition_names_it(gaz: Gazetteer) -> None:
    [van] = places(gaz, "Activists protested outside the party building in central Van.")
    assert van.location.admin1 == "Van"
    [bay] = places(gaz, "Gunmen attacked a convoy in southern Bay on Monday.")
    assert bay.location.admin1 == "Bay"


def test_the_common_word_alone_is_no_place(gaz: Gazetteer) -> None:
    assert places(gaz, "Police stopped a Van at a checkpoint in central Ankara.")[0].name == (
        "Ankara")
    assert [p.name for p in places(gaz, "Police stopped a Van at a checkpoint.")] == []


def test_the_last_area_in_a_parenthesis_may_be_a_common_word(gaz: Gazetteer) -> None:
    ibusa = places(gaz, "Youths blocked a road in Ibusa (Oshimili North LGA, Delta).")[0]
    assert ibusa.location.country == "Nigeria" and ibusa.location.admin1 == "Delta"


def test_a_compass_word_in_a_district_name_is_no_area(gaz: Gazetteer) -> None:
    found = places(gaz, "Workers protested in Mawlamyine (East) district on Monday.")
    assert found[0].location.country == "Myanmar"
