"""Country files added to the world gazetteer: what they add must not outrank what a coder reads
in the text (sentences invented for these tests, small written gazetteers)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from geo_fixture import best_place as best
from geo_fixture import gazetteer_from_places, geonames_rows

from conflict_events.evaluate.keys import admin_areas_match
from conflict_events.geo.gazetteer import Gazetteer

UA_ADMIN1 = {"UA.05": "Donetsk", "UA.14": "Luhansk", "UA.11": "Crimea"}


def _as_world(gazetteer: Gazetteer) -> Gazetteer:
    """The same tables, marked as rows of the embedded world build."""
    places = gazetteer.places.set_column(
        gazetteer.places.schema.get_field_index("source"), "source",
        pa.array(["world"] * len(gazetteer), pa.string()))
    return Gazetteer(places, gazetteer.names)


# --- the merge ---------------------------------------------------------------------------------

def test_a_country_file_row_keeps_the_world_rows_names_and_population(tmp_path: Path) -> None:
    # the world build knows the town as Katerynivka with 17,000 people; an older country dump
    # calls the same GeoNames id Yuvileyne and records no population
    world = _as_world(gazetteer_from_places(tmp_path / "world", geonames_rows([
        (688089, "Katerynivka", "", 48.556, 39.183, "P", "PPL", "UA", "14", 16948),
    ]), UA_ADMIN1, "UA.txt"))
    dump = gazetteer_from_places(tmp_path / "file", geonames_rows([
        (688089, "Yuvileyne", "", 48.56, 39.19, "P", "PPL", "UA", "14", 0),
        (811281, "Katerynivka", "", 48.665, 38.473, "P", "PPL", "UA", "14", 0),
    ]), UA_ADMIN1, "UA.txt")
    merged = Gazetteer.merge([world, dump])
    found = merged.lookup("Katerynivka")
    assert len(found) == 2  # one row per GeoNames id, the replaced row's name kept
    town = found[0]  # most populous first
    assert town.geonameid == 688089 and town.population == 16948
    assert town.source.startswith("geonames")  # the dump's row, refined
    assert [p.geonameid for p in merged.lookup("Yuvileyne")] == [688089]
    # a name both rows bear is not counted twice
    assert len(merged.lookup("Katerynivka", country="UA")) == 2


# --- the front line of an area focus -----------------------------------------------------------

@pytest.fixture(scope="module")
def donbas(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("donbas")
    return gazetteer_from_places(folder, geonames_rows([
        # one namesake by the contact line near Zolote, a larger one far behind it
        (811281, "Katerynivka", "", 48.665, 38.473, "P", "PPL", "UA", "14", 0),
        (688229, "Katerynivka", "", 48.583, 36.895, "P", "PPL", "UA", "05", 400),
        # a village with a namesake on the line in Donetsk and one deep in Luhansk
        (699001, "Travneve", "", 48.426, 38.097, "P", "PPL", "UA", "05", 0),
        (699002, "Travneve", "", 49.396, 40.088, "P", "PPL", "UA", "14", 450),
        (709201, "Donetsk", "", 48.02, 37.80, "P", "PPLA", "UA", "05", 929063),
    ]), UA_ADMIN1, "UA.txt")


def test_a_ceasefire_report_means_the_namesake_on_the_contact_line(donbas: Gazetteer) -> None:
    place = best(donbas, "The OSCE SMM observed 4 explosions near Katerynivka.")
    assert place is not None and place.location.admin1 == "Luhansk"
    place = best(donbas, "The SMM recorded 2 explosions involving unknown weapons near Travneve.")
    assert place is not None and place.location.admin1 == "Donetsk"
    # without the mission the line says nothing: the larger namesake, as before
    place = best(donbas, "A school reopened in Travneve, Ukraine.")
    assert place is not None and place.location.admin1 == "Luhansk"


# --- hamlets of country files beside what the text names ---------------------------------------

# The world build: towns and admin areas (real, rounded coordinates).
WORLD = [
    (2210247, "Tripoli", "Tarabulus", 32.89, 13.19, "P", "PPLC", "LY", "77", 1150989),
    (266826, "Tripoli", "Trablous", 34.44, 35.85, "P", "PPLA", "LB", "09", 229398),
    (1147537, "Badakhshan", "", 36.75, 71.0, "A", "ADM1", "AF", "01", 1062937),
    (1133616, "Faizabad", "Fayzabad", 37.12, 70.58, "P", "PPLA", "AF", "01", 44421),
    (170063, "Aleppo", "", 36.20, 37.16, "P", "PPLA", "SY", "09", 2098210),
    (171000, "Al Bab", "", 36.37, 37.52, "P", "PPL", "SY", "09", 130745),
    (79836, "Al Bayda", "", 14.2, 45.5, "A", "ADM1", "YE", "23", 577369),
    (71137, "Sanaa", "Sana'a", 15.35, 44.21, "P", "PPLC", "YE", "26", 1937451),
    (71138, "Sanaa", "", 15.5, 44.3, "A", "ADM1", "YE", "26", 919215),
    (75001, "Al Thawrah", "", 15.93, 48.79, "P", "PPL", "YE", "04", 600),  # Hadramawt
    (70222, "Taizz", "Ta'izz", 13.58, 44.02, "A", "ADM1", "YE", "25", 2400000),
    (91057, "Ash Sharqat", "", 35.51, 43.23, "P", "PPLA2", "IQ", "18", 160000),
]
WORLD_ADMIN1 = {"LY.77": "Tripoli", "LB.09": "Liban-Nord", "AF.01": "Badakhshan",
                "AF.06": "Ghowr", "SY.09": "Aleppo", "SY.01": "Al-Hasakah", "YE.23": "Al Bayda",
                "YE.26": "Sanaa", "YE.04": "Hadramawt", "YE.25": "Ta'izz",
                "IQ.18": "Salah ad Din", "IQ.03": "Duhok"}
# Hamlets of country files (no population recorded), invented where marked.
HAMLETS = [
    (990001, "Hadba", "", 15.40, 44.10, "P", "PPL", "YE", "26", 0),
    (990002, "Sarjangal", "", 34.40, 65.20, "P", "PPL", "AF", "06", 0),  # in Ghowr
    (990003, "Khandud", "", 36.95, 72.32, "P", "PPL", "AF", "01", 0),  # in Badakhshan
    (990004, "Fatima", "", 36.60, 40.90, "P", "PPL", "SY", "01", 0),  # in Al-Hasakah
    (990005, "Al Bayda", "", 15.45, 44.25, "P", "PPL", "YE", "26", 0),  # a hamlet of Sanaa
    (990006, "Shirqat", "", 36.90, 43.00, "P", "PPL", "IQ", "03", 0),  # invented, in Duhok
]


@pytest.fixture(scope="module")
def with_files(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    world = _as_world(gazetteer_from_places(tmp_path_factory.mktemp("world"),
                                            geonames_rows(WORLD), WORLD_ADMIN1, "XX.txt"))
    files = gazetteer_from_places(tmp_path_factory.mktemp("files"), geonames_rows(HAMLETS),
                                  WORLD_ADMIN1, "XX.txt")
    return Gazetteer.merge([world, files])


def _admin1(gazetteer: Gazetteer, text: str) -> str | None:
    place = best(gazetteer, text)
    return place.location.admin1 if place is not None else None


def test_a_hamlet_says_nothing_of_the_country_on_its_own(with_files: Gazetteer) -> None:
    # a Yemeni hamlet Hadba must not make the text Yemeni and Tripoli a place of Yemen
    place = best(with_files, "Heavy artillery fire was reported in Hadba (Tripoli).")
    assert place is not None and place.location.country == "Libya"
    # the village keeps its name, at the point of the city that locates it
    assert place.location.location == "Hadba" and place.location.geo_precision == 2
    # where the rest of the text speaks for its country, the hamlet is that country's
    place = best(with_files, "Houthi forces shelled Hadba, Yemen.")
    assert place is not None and place.location.location == "Hadba"


def test_a_hamlet_outside_the_areas_written_after_it_is_not_meant(with_files: Gazetteer) -> None:
    text = "Taliban militants attacked Sarjangal area of Keran wa Menjan district, Badakhshan."
    assert _admin1(with_files, text) == "Badakhshan"
    # a hamlet inside the areas named stays the place
    place = best(with_files, "Taliban militants attacked Khandud village, Badakhshan.")
    assert place is not None and place.location.location == "Khandud"


def test_a_hamlet_far_from_the_town_the_text_names_is_not_meant(with_files: Gazetteer) -> None:
    text = "A car bomb exploded near Fatima mosque in Al Bab city, killing the driver."
    assert _admin1(with_files, text) == "Aleppo"


def test_names_written_as_admin_areas_are_areas_before_hamlets(with_files: Gazetteer) -> None:
    # "(Al Bayda)" names the governorate; a hamlet of that name in Sanaa, the area named
    # later, is not meant
    text = ("Forces repelled an incursion in Qurayn (Al Bayda), killing a leader from Arhab "
            "district (Sanaa).")
    assert _admin1(with_files, text) == "Al Bayda"


def test_a_name_written_as_a_district_is_the_town_not_a_hamlet(with_files: Gazetteer) -> None:
    # only an invented hamlet is spelled Shirqat exactly; the town is Ash Sharqat
    text = "IS militants shelled an army unit in Shirqat district, Iraq."
    assert _admin1(with_files, text) == "Salah al-Din"
    # a name not written as a town or area stays the hamlet
    place = best(with_files, "IS militants shelled an army unit near Shirqat, Iraq.")
    assert place is not None and place.location.admin1 == "Duhok"


def test_a_capitalised_feature_word_before_the_areas_keeps_them_with_the_name(
    with_files: Gazetteer,
) -> None:
    # "Hospital (Taizz)" places the hospital, as "hospital (Taizz)" does: the town Al Thawrah
    # of Hadramawt is not the hospital's namesake
    text = "Doctors held a sit-in at Al Thawrah Hospital (Taizz) against an attack on staff."
    assert _admin1(with_files, text) == "Taizz"


def test_the_current_geonames_spellings_of_admin_areas_are_aliases() -> None:
    assert admin_areas_match("Amanat Alasimah", "Amanat al Asimah", "Yemen")
    assert admin_areas_match("Transcarpathia", "Zakarpattia", "Ukraine")
    assert admin_areas_match("Sevastopol City", "Sevastopol", "Ukraine")
    assert not admin_areas_match("Amanat Alasimah", "Al Bayda", "Yemen")


def test_suqutra_names_the_socotra_governorate(tmp_path: Path) -> None:
    gazetteer = gazetteer_from_places(tmp_path, geonames_rows([
        (71226, "Hadibu", "", 12.65, 54.02, "P", "PPLA", "YE", "28", 8545),
    ]), {"YE.28": "Soqatra Governorate"}, "YE.txt")
    assert [p.kind for p in gazetteer.lookup("Suqutra", country="YE")] == ["admin1"]
