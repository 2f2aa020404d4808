"""A name the gazetteer knows only under another spelling, in a text that names no country:
kept when the text marks it as a place and the name (two words or more) is long enough for
its spelling to say which town it is; an area written after a town that bears the town's own
name says nothing against the guess. Sentences are invented for these tests; the places are
real, with rounded coordinates."""

from __future__ import annotations

import pytest
from geo_fixture import gazetteer_from_places, geonames_rows

from conflict_events import geo
from conflict_events.geo.gazetteer import Gazetteer

# geonameid, name, alternates, lat, lon, feature class, feature code, country, admin1, population
PLACES = [
    (2508225, "Aïn Oulmene", "", 35.92, 5.30, "P", "PPL", "DZ", "12", 65000),
    (164816, "Ma`arrat Misrin", "", 36.01, 36.67, "P", "PPL", "SY", "12", 15000),
    (250000, "Kufayr", "", 32.10, 35.90, "P", "PPL", "JO", "02", 12000),
    (170063, "Aleppo", "Halab", 36.20, 37.16, "P", "PPLA", "SY", "09", 1602264),
]
ADMIN1 = {"DZ.12": "Setif", "SY.12": "Idlib", "JO.02": "Irbid", "SY.09": "Aleppo"}


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    folder = tmp_path_factory.mktemp("marked_guess")
    return gazetteer_from_places(folder, geonames_rows(PLACES), ADMIN1, "XX.txt")


def first(gaz: Gazetteer, text: str) -> geo.ResolvedPlace | None:
    found = geo.Geocoder(gaz).resolve(text).places
    return found[0] if found else None


def test_a_town_spelled_otherwise_is_found_where_the_text_marks_it(gaz: Gazetteer) -> None:
    place = first(gaz, "Shops were closed in protest in Maarat Misrin on Sunday.")
    assert place is not None
    assert (place.location.country, place.location.admin1) == ("Syria", "Idleb")


def test_a_short_name_is_not_guessed_abroad(gaz: Gazetteer) -> None:
    # Kfeir and Kufayr share a one-word skeleton: too short to say the town is meant
    assert first(gaz, "Protesters blocked a road in Kfeir on Sunday.") is None


def test_the_area_named_after_the_town_does_not_refute_the_guess(gaz: Gazetteer) -> None:
    place = first(gaz, "Residents burned tires in Ain Oulmane (Ain Oulmane) over water cuts.")
    assert place is not None
    assert place.location.admin1 == "Setif"
    assert place.location.geo_precision == 1
