"""The embedded world gazetteer (built once per machine from installed packages, then cached)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from conflict_events import geo
from conflict_events.geo import store
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.matcher import matching_rules


def test_default_is_a_cached_world_gazetteer(world: Gazetteer) -> None:
    assert Gazetteer.default() is world
    assert len(world) > 200_000
    kinds = set(world.places.column("kind").to_pylist())
    assert {"place", "admin1", "admin2"} <= kinds


def test_cache_is_arrow_keyed_by_source_fingerprint(world: Gazetteer) -> None:
    directory = store.world_dir()
    assert directory.name.startswith("world-")
    for name in ("places.arrow", "names.arrow", "loose.arrow"):
        with pa.memory_map(str(directory / name)) as source:  # Arrow IPC, not pickle
            assert pa.ipc.open_file(source).schema.names
    assert not list(Path(directory).glob("*.pkl"))


def test_admin1_names_come_with_places(world: Gazetteer) -> None:
    saraqib = world.search("Saraqib", country="SY")[0]
    assert saraqib.admin1 == "Idlib"
    kabul = world.lookup("Kabul", kind="place")[0]
    assert (kabul.country_code, kabul.admin1) == ("AF", "Kabul")
    assert world.lookup("Idleb", kind="admin1")[0].country_code == "SY"  # ACLED alias


def test_matching_examples(world: Gazetteer) -> None:
    for example in matching_rules().examples:
        found = geo.Geocoder(world).resolve(example.text)
        names = {d.mention.surface for d in found.decisions}
        for name in example.found:
            assert name in names, (example.text, names)
        for name in example.not_found:
            assert name not in {p.name for p in found.places}, (example.text, found.places)


@pytest.mark.parametrize(
    "text,country,admin1",
    [
        ("On 9 May 2020, in Cuauhtemoc municipality, Chihuahua, a man was shot.", "Mexico",
         "Chihuahua"),
        ("On 3 May 2020, clashes took place in Idlib province near Saraqib.", "Syria", "Idlib"),
        ("Protesters gathered in Tripoli, Lebanon.", "Lebanon", None),
        ("Shelling hit the outskirts of Donetsk city, Ukraine.", "Ukraine", "Donetsk"),
        ("Gunmen killed two farmers near Maiduguri (Borno).", "Nigeria", "Borno"),
    ],
)
def test_world_geocoding(world: Gazetteer, text: str, country: str, admin1: str | None) -> None:
    best = geo.geocode(text, gazetteer=world)[0].location
    assert best.country == country
    if admin1:
        assert geo.same_admin_name(best.admin1 or "", admin1)


def test_country_only_mentions_give_no_location(world: Gazetteer) -> None:
    assert geo.geocode("Syria and Turkey signed an agreement.", gazetteer=world) == []


def test_foreign_city_is_not_recoded_and_organisations_are_not_places(world: Gazetteer) -> None:
    found = geo.geocode(
        "Regime forces shelled Aleppo and Idlib in Syria while envoys met in Geneva. Fighters "
        "of the Army of Conquest and Boko Haram were not involved.",
        gazetteer=world,
    )
    assert {p.location.country for p in found} == {"Syria"}
    assert not any(p.raw_name in ("Geneva", "Conquest") for p in found)
    assert "Haram" not in {p.name for p in found}
