"""Country files added to the world gazetteer: what they add must not outrank what a coder reads
in the text (sentences invented for these tests, small written gazetteers)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from geo_fixture import best_place as best
from geo_fixture import gazetteer_from_places, geonames_rows

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
