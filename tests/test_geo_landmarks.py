"""Squares and sites that stand for one city (knowledge/geo/landmarks.yaml): the event is in
that city, which the gazetteer knows though it has no squares."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from conflict_events import geo
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.landmarks import Landmark, landmarks

EXAMPLES = [(entry, text) for entry in landmarks().landmarks for text in entry.examples]


@pytest.mark.parametrize(("entry", "text"), EXAMPLES, ids=[t[:40] for _e, t in EXAMPLES])
def test_each_landmark_places_its_example_in_its_city(
    world: Gazetteer, entry: Landmark, text: str
) -> None:
    found = geo.Geocoder(world).resolve(text).places
    assert found, text
    city = [p for p in world.lookup(entry.city, country=entry.country) if p.kind == "place"]
    assert city and found[0].location.geonameid in {p.geonameid for p in city}, (
        text, found[0].location)
    assert int(found[0].location.geo_precision) == 1


def test_a_landmark_name_in_lower_case_is_no_landmark(world: Gazetteer) -> None:
    assert geo.Geocoder(world).resolve("They painted the red square on the wall.").places == []


def test_a_landmark_needs_a_known_country() -> None:
    with pytest.raises(ValidationError):
        Landmark.model_validate({"names": ["Nowhere Square"], "city": "X", "country": "XQ",
                                 "provenance": "a made-up country code", "examples": ["x"]})


def test_the_anchored_scan_finds_what_the_pattern_finds() -> None:
    from conflict_events.geo.keys import padded_fold
    from conflict_events.geo.landmarks import landmark_search
    from conflict_events.geo.mentions import _landmark_scan

    pattern, by_name = landmark_search()
    names = sorted(by_name)
    texts = [f"Protesters gathered in {name.title()} and at the {name} on Friday."
             for name in names]
    texts += ["Crowds filled Taksim  Square, near Gezi Park; police cleared Tahrir.",
              "aTaksim Square", "Taksim Squares", "Plaza de  la Dignidad\nPlaza de Mayo",
              " ".join(names), "no landmark here at all"]
    found_any = False
    for text in texts:
        padded = padded_fold(text)
        expected = [m.span(1) for m in pattern.finditer(padded)]
        assert [m.span(1) for m in _landmark_scan().finditer(padded)] == expected, text
        found_any = found_any or bool(expected)
    assert found_any
