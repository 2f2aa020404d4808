"""The names written in the admin1 / admin2 columns (knowledge/geo/admin_names.csv): the
English or ACLED name of an area where GeoNames gives a transliteration or another language's
form, for the world build and for GeoNames country files alike; the GeoNames spelling still
resolves in texts and still compares equal. Sentences are invented for these tests."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from conftest import shared_path

from conflict_events import geo
from conflict_events.errors import KnowledgeError
from conflict_events.evaluate.keys import admin_areas_match
from conflict_events.extract.api import extract
from conflict_events.geo.aliases import same_admin_name
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.geonames import load_geonames_dump
from conflict_events.geo.written_names import read_written_names, written_name, written_names


def _admin1(text: str, gazetteer: Gazetteer, country: str | None = None) -> str | None:
    places = [p for p in geo.geocode(text, country, gazetteer=gazetteer) if p.location]
    assert places, f"no place resolved in {text!r}"
    return places[0].location.admin1 if places[0].location else None


# --- the world build ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text,country,admin1",
    [
        ("Government shelling hit Douma on Monday.", "Syria", "Rural Damascus"),
        ("Police dispersed a protest by dock workers in Port Said.", "Egypt", "Port Said"),
        ("Students protested in Mansoura against the exam dates.", "Egypt", "Dakahlia"),
        ("Gunmen attacked a checkpoint near Timbuktu.", None, "Timbuktu"),
        ("Two activists were detained in Ryazan during a picket.", None, "Ryazan"),
        ("An IED struck a patrol in Mosul.", None, "Ninewa"),
        ("Protesters blocked the port road in Odesa.", None, "Odesa"),
        ("Clashes broke out in Kasserine overnight.", None, "Kasserine"),
    ],
)
def test_the_world_build_writes_the_english_name(world: Gazetteer, text: str,
                                                 country: str | None, admin1: str) -> None:
    assert _admin1(text, world, country) == admin1


def test_an_extracted_event_carries_the_written_name(world: Gazetteer) -> None:
    events = extract("On 3 May 2020, regime forces shelled Douma, killing 2 civilians.")
    assert events and {e.admin1 for e in events} == {"Rural Damascus"}
    events = extract("On 4 May 2020, militants attacked a police post in Bur Said, Egypt.")
    assert events and events[0].admin1 == "Port Said"


def test_the_written_name_and_the_geonames_name_both_resolve(world: Gazetteer) -> None:
    for name in ("Rural Damascus", "Rif Dimashq"):
        places = geo.geocode(f"Airstrikes were reported across {name} on Friday.",
                             gazetteer=world)
        assert places and places[0].location is not None
        assert places[0].location.admin1 == "Rural Damascus", name


# --- GeoNames country files --------------------------------------------------------------------

def _country_file(code: str) -> Gazetteer:
    return load_geonames_dump(shared_path("gazetteer", f"{code}.txt"),
                              admin1=shared_path("gazetteer", "admin1CodesASCII.txt"))


@pytest.fixture(scope="module")
def syria() -> Gazetteer:
    return _country_file("SY")


@pytest.fixture(scope="module")
def iraq() -> Gazetteer:
    return _country_file("IQ")


@pytest.mark.parametrize(
    "text,admin1",
    [
        ("Government shelling hit Douma on Monday.", "Rural Damascus"),
        ("A car bomb went off in Idlib city.", "Idleb"),
        ("Unknown gunmen shot a man in Tartus.", "Tartous"),
    ],
)
def test_a_syrian_country_file_writes_the_english_name(syria: Gazetteer, text: str,
                                                       admin1: str) -> None:
    assert _admin1(text, syria, "Syria") == admin1


@pytest.mark.parametrize(
    "text,admin1",
    [
        # the country file spells these areas Nineveh, Karbalāʼ and Wasit
        ("An IED struck a patrol in Mosul.", "Ninewa"),
        ("Pilgrims protested in Karbala.", "Kerbala"),
        ("Demonstrators gathered in Kut.", "Wassit"),
    ],
)
def test_an_iraqi_country_file_writes_the_acled_name(iraq: Gazetteer, text: str,
                                                     admin1: str) -> None:
    assert _admin1(text, iraq, "Iraq") == admin1


# --- the table ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world_admin1(world: Gazetteer) -> dict[str, set[str]]:
    table = world.places.select(["country_code", "admin1", "kind"]).to_pylist()
    names: dict[str, set[str]] = defaultdict(set)
    for row in table:
        if row["kind"] == "admin1" and row["admin1"]:
            names[row["country_code"]].add(row["admin1"])
    return dict(names)


def test_every_written_name_is_of_an_area_the_world_build_has(
        world_admin1: dict[str, set[str]]) -> None:
    level1 = [row for row in written_names() if row.level == 1]
    assert len(level1) > 200
    missing = [(row.country_code, row.geonames_name) for row in level1
               if row.geonames_name not in world_admin1.get(row.country_code, set())]
    assert not missing


def test_no_two_areas_of_a_country_are_written_alike(world_admin1: dict[str, set[str]]) -> None:
    """A written name found by spelling key or alias must not leak to a neighbour."""
    for country in {row.country_code for row in written_names()}:
        written: dict[str, list[str]] = defaultdict(list)
        for name in world_admin1.get(country, set()):
            written[written_name(name, country)].append(name)
        shared = {w: names for w, names in written.items() if len(names) > 1}
        assert not shared, (country, shared)


def test_the_geonames_spelling_still_matches_the_written_name() -> None:
    for row in written_names():
        assert same_admin_name(row.geonames_name, row.name, row.country_code), row
    assert admin_areas_match("Rif-dimashq", "Rural Damascus", "Syria")
    assert admin_areas_match("Rural Damascus", "Rif-dimashq", "Syria")
    assert admin_areas_match("Tombouctou", "Timbuktu", "Mali")
    assert admin_areas_match("Nineveh", "Ninewa", "Iraq")  # a country file's spelling
    assert not admin_areas_match("Rural Damascus", "Damascus", "Syria")


def test_areas_without_a_row_keep_their_name() -> None:
    assert written_name("Aleppo", "SY") == "Aleppo"
    assert written_name("Halabja Governorate", "IQ") == "Halabja Governorate"
    assert written_name("Lagos", "NG") == "Lagos"
    # two Libyan districts share a spelling key: each has its own row
    assert written_name("Al Jafarah", "LY") != written_name("Al Jufrah", "LY")
    # the federal city is not the oblast around it
    assert written_name("Moscow", "RU") == "Moscow"
    assert written_name("Moskovskaya", "RU") == "Moscow Oblast"


# --- validation --------------------------------------------------------------------------------

HEADER = "country_code,level,geonames_name,name,note\n"


@pytest.mark.parametrize(
    "body,fault",
    [
        ("XX,1,Somewhere,Anywhere,English name\n", "unknown country code"),
        ("SY,3,Rif-dimashq,Rural Damascus,English name\n", "level"),
        ("SY,1,Rif-dimashq,Rural Damascus,\n", "note"),
        ("SY,1,Rif-dimashq, Rural Damascus,English name\n", "stray spaces"),
        ("SY,1,Rif-dimashq,Rural Damascus,English name\n"
         "SY,1,Rif-dimashq,Damascus Countryside,English name\n", "written both"),
    ],
)
def test_a_malformed_table_is_refused_with_its_fault(tmp_path: Path, body: str,
                                                     fault: str) -> None:
    path = tmp_path / "admin_names.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=fault):
        read_written_names(path)


def test_a_table_with_other_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "admin_names.csv"
    path.write_text("country_code,geonames_name,name\nSY,Rif-dimashq,Rural Damascus\n",
                    encoding="utf-8")
    with pytest.raises(KnowledgeError, match="columns must be"):
        read_written_names(path)
