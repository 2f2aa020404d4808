"""First- and second-level area names of the world default (geo/build.py): GeoNames codes that no
cities1000 place shares coordinates with are named through a place of the same name nearby,
not after their largest town; Burkina Faso's provinces are its admin2 under its regions, as
ACLED codes them; and the ISO 3166-2 check (benchmarks/check_admin_names.py) classes what is
left."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conflict_events import geo
from conflict_events.geo.aliases import same_admin_name
from conflict_events.geo.build import (
    _admin1_by_name_votes,
    _ReverseGeocoderTable,
    _RgRow,
)
from conflict_events.geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent


def _best(text: str, name: str, gazetteer: Gazetteer) -> geo.ResolvedPlace:
    places = [p for p in geo.geocode(text, gazetteer=gazetteer) if p.name == name]
    assert places, f"{name} not found in {text!r}"
    return places[0]


@pytest.mark.parametrize(
    "text,place,admin1,admin2",
    [
        ("Gunmen attacked a police post in Djibo, Soum province.", "Djibo", "Sahel", "Soum"),
        ("Militants ambushed a convoy near Diapaga in Tapoa province.", "Diapaga", "Est",
         "Tapoa"),
        ("Clashes were reported in Soum province.", "Soum", "Sahel", "Soum"),
    ],
)
def test_burkina_provinces_are_the_admin2_of_their_regions(
    world: Gazetteer, text: str, place: str, admin1: str, admin2: str
) -> None:
    # ACLED codes Burkina Faso's regions as admin1 and its provinces as admin2
    found = _best(text, place, world)
    assert found.location.country == "Burkina Faso"
    assert (found.location.admin1, found.location.admin2) == (admin1, admin2)


@pytest.mark.parametrize(
    "text,place,country,admin1",
    [
        # codes GeoNames' cities1000 table shares no coordinates with: once named after
        # their largest town (Kinkala, Gbarnga, Fray Bentos, ...)
        ("Protesters marched through Kinkala.", "Kinkala", "Republic of Congo", "Pool"),
        ("Police dispersed a crowd in Gbarnga, Liberia.", "Gbarnga", "Liberia", "Bong"),
        ("Workers blocked the bridge at Fray Bentos, Uruguay.", "Fray Bentos", "Uruguay",
         "Rio Negro"),
        ("Residents protested in Nhlangano, Eswatini.", "Nhlangano", "eSwatini", "Shiselweni"),
        ("Farmers protested in Same, Timor-Leste.", "Same", "East Timor", "Manufahi"),
        ("Fishermen protested in Nueva Gerona, Cuba.", "Nueva Gerona", "Cuba",
         "Isla de la Juventud"),
        ("Students marched in Salama, Guatemala.", "Salama", "Guatemala", "Baja Verapaz"),
        ("Gem miners protested in Ratnapura, Sri Lanka.", "Ratnapura", "Sri Lanka",
         "Sabaragamuwa"),
        # and the units named after a town that the reform table already mapped
        ("Farmers blocked a road in San Rafael, Mendoza.", "San Rafael", "Argentina",
         "Mendoza"),
        ("Gunmen killed a trader in Hinche, Haiti.", "Hinche", "Haiti", "Centre"),
    ],
)
def test_town_named_codes_get_the_name_of_their_area(
    world: Gazetteer, text: str, place: str, country: str, admin1: str
) -> None:
    found = _best(text, place, world)
    assert found.location.country == country
    assert found.location.admin1 == admin1


def test_ubari_is_in_wadi_al_hayaa_as_acled_writes_it(world: Gazetteer) -> None:
    found = _best("Gunmen attacked a checkpoint in Ubari, Libya.", "Ubari", world)
    assert found.location.admin1 != "Ubari"
    assert same_admin_name(found.location.admin1 or "", "Wadi al Hayaa", "LY")


def test_khojavend_keeps_its_english_name(world: Gazetteer) -> None:
    text = "Shelling hit Azerbaijani positions near Nargiztapa, Khojavend."
    places = geo.geocode(text, gazetteer=world)
    assert places and all(same_admin_name(p.location.admin1 or "", "Khojavend", "AZ")
                          for p in places)


def test_a_moved_place_finds_its_row_by_name_nearby() -> None:
    table = _ReverseGeocoderTable(
        [_RgRow("BF", "Djibo", "Sahel", "Province du Soum"),
         _RgRow("BF", "Aribinda", "Sahel", "Province du Soum")],
        [(14.0994, -1.62554), (14.23, -0.87)],
    )
    djibo: dict[str, Any] = {"countrycode": "BF", "name": "Djibo", "latitude": 14.09864,
                             "longitude": -1.62665, "population": 61462,
                             "alternatenames": []}
    assert table.at_point(djibo) is None  # 120 m apart
    row = table.by_name(djibo)
    assert row is not None and row.admin2 == "Province du Soum"
    # another name at that spot, or a hamlet of the same name, is another place
    assert table.by_name({**djibo, "name": "Petit Djibo"}) is None
    assert table.by_name({**djibo, "population": 40}) is None


def test_name_votes_need_a_majority_and_a_name_no_other_code_has() -> None:
    votes = {
        ("CG", "11"): Counter({"Pool": 1}),
        ("BI", "13"): Counter({"Mwaro": 1, "Gitega": 1}),  # no majority
        ("MD", "72"): Counter({"Telenesti": 1}),  # already the name of another code
    }
    named = {("MD", "70"): "Telenesti"}
    assert _admin1_by_name_votes(votes, named) == {("CG", "11"): "Pool"}


def _check_module() -> ModuleType:
    path = ROOT / "benchmarks" / "check_admin_names.py"
    spec = importlib.util.spec_from_file_location("check_admin_names", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_iso_check_classes_a_town_standing_for_an_area(world: Gazetteer) -> None:
    check = _check_module()
    result = check.check_country(
        "HT", {"Artibonite", "Hinche", "Nord-Est"}, ["Artibonite", "Centre", "Nord-Est"],
        world,
    )
    assert result.matched == 2
    assert result.town == ["Hinche"]
    assert result.missing == ["Centre"]


def test_the_iso_check_reads_isos_notes_and_spellings(world: Gazetteer) -> None:
    check = _check_module()
    result = check.check_country(
        "PH", {"Bicol"}, ["Bicol (Region V)"], world)
    assert (result.matched, result.missing) == (1, [])
    result = check.check_country("BJ", {"Atakora"}, ["Atacora"], world)
    assert result.spelling == [("Atakora", "Atacora")]
