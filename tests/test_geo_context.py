"""What the words around a name say about where it is: areas written after it, a plural area
cue shared by two names, a neighbourhood "of" a city, a feature before its parenthesis, and a
hamlet that is a text's only clue. Sentences are invented for these tests; the places are
real, with rounded coordinates, loaded as a GeoNames country file."""

from __future__ import annotations

import pytest
from geo_fixture import gazetteer_from_places, geonames_rows, write_places_dump

from conflict_events import geo
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.geonames import load_geonames_dump

# geonameid, name, alternates, lat, lon, feature class, feature code, country, admin1, population
PLACES = [
    (71137, "Ma'rib", "Marib", 15.46, 45.33, "P", "PPLA", "YE", "24", 16794),
    (6201196, "Ma'rib", "Marib", 15.50, 45.50, "A", "ADM1", "YE", "24", 238522),
    (6201194, "Al Bayda'", "Al Bayda", 14.17, 45.57, "A", "ADM1", "YE", "23", 577369),
    (71421, "Al Bayda'", "Al Bayda", 13.99, 45.57, "P", "PPLA", "YE", "23", 37821),
    (71273, "Sa'dah", "As Sadah", 16.94, 43.76, "P", "PPLA", "YE", "15", 51870),
    (6201200, "Shabwah", "", 14.75, 46.75, "A", "ADM1", "YE", "19", 470440),
    (2291779, "Bronda", "", 6.90, -6.60, "P", "PPL", "CI", "81", 5000),
    (281184, "Jerusalem", "Al Quds", 31.77, 35.22, "P", "PPLC", "IL", "06", 801000),
    (293198, "Jerusalem District", "Jerusalem", 31.75, 35.10, "A", "ADM1", "IL", "06", 1083300),
    (7303419, "Shu'fat", "Shufat", 31.82, 35.23, "P", "PPL", "PS", "WE", 35000),
    (166000, "Al Munyah", "Miniyeh", 34.97, 35.93, "P", "PPL", "SY", "10", 0),
    (80509, "Ataq", "", 14.54, 46.83, "P", "PPLA", "YE", "19", 37315),
    (3466380, "Central", "", -11.14, -42.11, "P", "PPL", "BR", "05", 17000),
    (3448439, "Sao Paulo", "", -23.55, -46.64, "P", "PPLA", "BR", "27", 10021295),
    (3448433, "Sao Paulo", "", -22.0, -49.0, "A", "ADM1", "BR", "27", 41262199),
    (3995955, "Michoacan", "", 19.17, -101.83, "A", "ADM1", "MX", "16", 4351037),
    (3522000, "Michoacan", "", 16.70, -92.30, "P", "PPL", "MX", "05", 800),  # Chiapas
]

ADMIN1 = {
    "YE.24": "Ma'rib", "YE.23": "Al Bayda'", "YE.15": "Sa'dah", "YE.19": "Shabwah",
    "CI.81": "Fromager", "IL.06": "Jerusalem", "PS.WE": "West Bank", "SY.10": "Tartus",
    "BR.05": "Bahia", "BR.27": "Sao Paulo", "MX.16": "Michoacan", "MX.05": "Chiapas",
}


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("context")
    rows = geonames_rows(PLACES)
    return gazetteer_from_places(folder, rows, ADMIN1, "YE.txt")


def places(gaz: Gazetteer, text: str) -> list[geo.ResolvedPlace]:
    return geo.Geocoder(gaz).resolve(text).places


def test_a_plural_area_cue_makes_both_names_areas(gaz: Gazetteer) -> None:
    text = ("Clashes took place in Yisbal region (Al Bayda) of the Qaniyah front at the border "
            "between Marib and Al Bayda governorates.")
    found = {p.name: p for p in places(gaz, text)}
    assert found["Marib"].kind == "admin1"  # the governorate, not the town
    assert found["Yisbal"].location.admin1 == "Al Bayda"  # coded to its area (written name)


def test_a_tolerant_guess_must_lie_in_the_areas_after_it(gaz: Gazetteer) -> None:
    # Berunda and Bronda share a consonant skeleton; Bronda lies in Ivory Coast
    found = places(gaz, "Militiamen clashed with soldiers near Berunda (Mahagi, Ituri).")
    assert all(p.location.country != "Ivory Coast" for p in found)


def test_a_neighbourhood_of_a_city_is_the_neighbourhood(gaz: Gazetteer) -> None:
    found = places(gaz, "Settlers attacked a man in the Shufat neighbourhood of Jerusalem.")
    assert found[0].name == "Shufat"
    assert found[0].location.country == "Palestine"


def test_a_feature_word_may_stand_before_the_parenthesis(gaz: Gazetteer) -> None:
    found = places(gaz, "Fighters fired RPGs at As Sadah fort (Merkhah As Sufla, Shabwah).")
    assert found and found[0].location.admin1 == "Shabwah"
    assert all(p.location.admin1 != "Sa'dah" for p in found)


def test_a_hamlet_alone_says_nothing_of_the_country(gaz: Gazetteer) -> None:
    assert places(gaz, "Protesters blocked the Miniyeh highway in both directions.") == []
    # with any other clue to its country it is the hamlet
    found = places(gaz, "Syrian protesters blocked the Miniyeh highway in both directions.")
    assert found and found[0].location.country == "Syria"


def test_a_street_named_after_a_town_is_no_town(gaz: Gazetteer) -> None:
    found = places(gaz, "Shells hit houses in Marib Street in the east of Al Bayda city.")
    assert all(p.name != "Marib" for p in found)


def test_a_compass_zone_of_a_city_is_part_of_the_city(gaz: Gazetteer) -> None:
    found = places(gaz, "Fans gathered in the Central Zone of Sao Paulo, Sao Paulo.")
    assert found and all(p.location.admin1 == "Sao Paulo" for p in found)


def test_the_place_located_by_its_areas_is_the_one_reported_on(gaz: Gazetteer) -> None:
    found = places(gaz, "Tribesmen of Marib protested in Ataq city (Shabwah) over salaries.")
    assert found[0].name == "Ataq"


def test_azerbaijani_areas_meet_their_english_spellings() -> None:
    assert geo.same_admin_name("Susa", "Shusha")
    assert geo.same_admin_name("Cabrayil Rayonu", "Jabrayil")
    assert not geo.same_admin_name("Susa", "Sumqayit")


def test_a_state_is_not_a_village_of_another_state_named_after_it(gaz: Gazetteer) -> None:
    found = places(gaz, "Students blocked the highway in Michoacan with a bus.")
    assert found and found[0].kind == "admin1" and found[0].location.admin1 == "Michoacan"


# A town and the district named after it in one state, a town of the same name in another:
# Vijayapura (long called Bijapur) and its district in Karnataka, Bijapur in Chhattisgarh.
INDIA = [
    ["1275701", "Vijayapura", "Vijayapura", "Bijapur", "16.82", "75.72", "P", "PPLA2", "IN", "",
     "19", "516", "", "", "327427", "", "0", "Asia/Kolkata", "2020-01-01"],
    ["1275702", "Bijapur", "Bijapur", "", "16.80", "75.80", "A", "ADM2", "IN", "", "19", "516",
     "", "", "433059", "", "0", "Asia/Kolkata", "2020-01-01"],
    ["1275700", "Bijapur", "Bijapur", "", "18.79", "80.82", "P", "PPLA2", "IN", "", "37", "",
     "", "", "16129", "", "0", "Asia/Kolkata", "2020-01-01"],
    ["1267701", "Karnataka", "Karnataka", "", "13.50", "76.00", "A", "ADM1", "IN", "", "19", "",
     "", "", "61130704", "", "0", "Asia/Kolkata", "2020-01-01"],
    ["1444364", "Chhattisgarh", "Chhattisgarh", "", "21.25", "81.63", "A", "ADM1", "IN", "", "37",
     "", "", "", "25545198", "", "0", "Asia/Kolkata", "2020-01-01"],
]


@pytest.fixture(scope="module")
def india(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("india")
    path = write_places_dump(folder, INDIA, {"IN.19": "Karnataka", "IN.37": "Chhattisgarh"},
                             "IN.txt")
    (folder / "admin2Codes.txt").write_text("IN.19.516\tBijapur\tBijapur\t0\n", encoding="utf-8")
    return load_geonames_dump(path)


@pytest.mark.parametrize(("text", "state"), [
    ("Maoists killed two policemen near Bijapur (Bijapur, Chhattisgarh).", "Chhattisgarh"),
    ("Maoists killed two policemen near Bijapur, Bijapur district, Chhattisgarh.",
     "Chhattisgarh"),
    ("Farmers blocked a highway near Bijapur (Bijapur, Karnataka).", "Karnataka"),
])
def test_a_district_named_like_its_town_leaves_the_choice_to_the_state(
        india: Gazetteer, text: str, state: str) -> None:
    # the district bears the town's name in both states, so only the state tells them apart
    found = places(india, text)
    assert found and found[0].name == "Bijapur", [(p.name, p.location.admin1) for p in found]
    assert found[0].location.admin1 == state


# A mining town of Venezuela's Bolivar state, and the port city of Peru that is also its own
# region and province (Callao), which bears "El Callao" as another name.
CALLAO = [
    ["3645854", "El Callao", "El Callao", "", "7.35", "-61.83", "P", "PPLA2", "VE", "", "06",
     "", "", "", "21000", "", "0", "America/Caracas", "2020-01-01"],
    ["3946083", "Callao", "Callao", "El Callao", "-12.05", "-77.13", "P", "PPLA", "PE", "",
     "07", "0701", "", "", "813264", "", "0", "America/Lima", "2020-01-01"],
    ["3946080", "Callao", "Callao", "El Callao", "-12.00", "-77.10", "A", "ADM1", "PE", "",
     "07", "", "", "", "876877", "", "0", "America/Lima", "2020-01-01"],
    ["3648105", "Bolivar", "Bolivar", "", "6.33", "-63.50", "A", "ADM1", "VE", "", "06", "",
     "", "", "1410964", "", "0", "America/Caracas", "2020-01-01"],
]


@pytest.fixture(scope="module")
def callao(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("callao")
    return load_geonames_dump(
        write_places_dump(folder, CALLAO, {"VE.06": "Bolivar", "PE.07": "Callao"}, "XX.txt"))


def test_a_name_said_twice_does_not_name_its_own_area(callao: Gazetteer) -> None:
    # the second "El Callao" is the same town again, not a text naming Peru's Callao region
    found = places(callao, "Gunmen shot dead a gold miner in El Callao, Bolivar state, on "
                           "Friday. Traders in El Callao closed their shops in protest.")
    assert found and found[0].location.country == "Venezuela", [
        (p.name, p.location.country) for p in found]
    assert found[0].location.admin1 == "Bolivar"


def test_a_place_written_with_its_namesake_area_keeps_that_area(callao: Gazetteer) -> None:
    # "X (X)": the area in the parenthesis is named by the text, even though it is X's name
    found = places(callao, "Dockworkers marched in Callao (Callao) on Monday.")
    assert found and found[0].location.country == "Peru", [
        (p.name, p.location.country) for p in found]
