"""A text resolved again with a country hint: the reading no hint changes is reused, and a hint
no name can satisfy is known before resolving (the extractor then skips the second reading)."""

from __future__ import annotations

import pytest
from geo_fixture import fixture_gazetteer

from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.geocoder import Geocoder, GeocodeResult

TEXTS = [
    "Regime forces shelled Aleppo on Monday.",
    "Clashes in Tripoli left two dead; the army said Abu Salim was calm.",
    "Protesters gathered in Tripoli and in Lahij on Friday.",
    "Rebels attacked Hardatnin, north of Aleppo, and shelled Saraqib in Idlib countryside.",
    "Gunmen killed a farmer near Kamyshlov and in the village of Qamishli.",
    "Unknown men attacked the village of Zzyzxville at dawn.",
    "Clashes in Guatemala City and in Kearny.",
    "Nothing here names a place at all.",
]
COUNTRIES = ["Syria", "Libya", "Lebanon", "Yemen", "Azerbaijan", "Russia", "Guatemala",
             "United States", "India", "France", "Nigeria", "Somalia"]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return fixture_gazetteer(tmp_path_factory.mktemp("geo"))


def _summary(result: GeocodeResult) -> tuple[object, ...]:
    return (
        [(p.start, p.end, p.name, p.location, p.kind, p.relation, p.raw_name, p.score)
         for p in result.places],
        result.country_focus, result.pass_counts, result.countries, result.area_focus,
        [(d.mention.raw, d.mention.focus_village, d.place, d.narrowed_by, d.alternatives)
         for d in result.decisions],
    )


@pytest.mark.parametrize("text", TEXTS)
def test_reading_again_with_a_hint_equals_a_fresh_reading(gaz: Gazetteer, text: str) -> None:
    for country in COUNTRIES:
        reused = Geocoder(gaz)
        first = reused.resolve(text)
        before = _summary(first)
        again = reused.resolve(text, country=country)
        assert _summary(again) == _summary(Geocoder(gaz).resolve(text, country=country))
        # the second reading marks its own copies of the mentions, not the first reading's
        assert _summary(first) == before


@pytest.mark.parametrize("text", TEXTS)
def test_a_hint_no_name_can_satisfy_gives_no_place_there(gaz: Gazetteer, text: str) -> None:
    geocoder = Geocoder(gaz)
    for country in COUNTRIES:
        places = geocoder.resolve(text, country=country).places
        if not geocoder.could_place_in(text, country):
            assert not any(p.location.country == country for p in places), (text, country)
        if any(p.location.country == country for p in places):
            assert geocoder.could_place_in(text, country)


def test_could_place_in_names_the_candidates_countries(gaz: Gazetteer) -> None:
    geocoder = Geocoder(gaz)
    text = "Clashes in Tripoli left two dead."
    assert geocoder.could_place_in(text, "Libya")
    assert geocoder.could_place_in(text, "Lebanon")  # a namesake there
    assert not geocoder.could_place_in(text, "Syria")
    # an unknown country is left to resolve, which reports it
    assert geocoder.could_place_in(text, "Atlantis")
