"""Every validation rule of Event gives an error naming the field and the offending value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from _events import make_event
from pydantic import ValidationError

from conflict_events.schema.models import Article, Event, Evidence, event_identity


def _error(**overrides: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        make_event(**overrides)
    return str(caught.value)


def test_valid_event_derives_ids_and_codes() -> None:
    event = make_event()
    assert event.year == 2021
    assert event.interaction == 12
    assert event.disorder_type == "Political violence"
    assert event.event_id_cnty.startswith("SYR")
    assert event.event_id == event_identity(
        iso=760, event_date=dt.date(2021, 3, 4), event_type="Battles", location="Aleppo",
        actor1=event.actor1, actor2=event.actor2,
    )


def test_event_id_is_stable_for_the_same_event() -> None:
    first = make_event(fatalities=1, source=["A"])
    later = make_event(fatalities=5, source=["A", "B"])  # more reports, same event
    assert first.event_id == later.event_id
    assert first.event_id_cnty == later.event_id_cnty


def test_sub_event_under_wrong_event_type() -> None:
    message = _error(event_type="Protests", sub_event_type="Armed clash")
    assert "sub_event_type" in message and "'Armed clash'" in message and "'Protests'" in message


def test_interaction_must_follow_inter_codes() -> None:
    message = _error(interaction=17)
    assert "interaction 17" in message and "inter1 1" in message and "expected 12" in message


def test_inter2_must_match_actor2() -> None:
    message = _error(actor2=None, inter2=2)
    assert "inter2 2" in message and "actor2 None" in message


def test_negative_fatalities() -> None:
    message = _error(fatalities=-3)
    assert "fatalities" in message and "-3" in message


@pytest.mark.parametrize(("field", "value"), [("latitude", 91.5), ("latitude", -90.01),
                                              ("longitude", 180.5), ("longitude", -181.0)])
def test_coordinates_out_of_range(field: str, value: float) -> None:
    message = _error(**{field: value})
    assert field in message and str(value) in message


def test_year_must_be_year_of_event_date() -> None:
    message = _error(year=2020)
    assert "year 2020" in message and "2021-03-04" in message


@pytest.mark.parametrize(("field", "value"), [
    ("event_type", "Skirmish"), ("sub_event_type", "Ambush"), ("region", "Atlantis"),
    ("inter1", 9), ("time_precision", 4), ("geo_precision", 0),
])
def test_unknown_enum_value(field: str, value: Any) -> None:
    message = _error(**{field: value})
    assert field in message and str(value) in message


def test_civilian_targeting_and_source_scale_vocabularies() -> None:
    assert "civilian_targeting 'yes'" in _error(civilian_targeting="yes")
    assert "source_scale 'Planetary'" in _error(source_scale="Planetary")


def test_disorder_type_must_match_sub_event_type() -> None:
    message = _error(disorder_type="Demonstrations")
    assert "disorder_type 'Demonstrations'" in message and "'Political violence'" in message


def test_event_id_cnty_form() -> None:
    assert "event_id_cnty" in _error(event_id_cnty="syr-12")


def test_old_region_names_and_joined_lists_are_accepted() -> None:
    event = make_event(region="Southern Asia", iso=4, country="Afghanistan",
                       assoc_actor_1="A; B", tags="crowd size=large")
    assert event.region.value == "South Asia"
    assert event.assoc_actor_1 == ["A", "B"]
    assert event.tags == ["crowd size=large"]


def test_evidence_round_trips_and_rejects_reversed_offsets() -> None:
    evidence = Evidence(article_id="seed-000", start=120, end=245)
    assert Evidence.parse(str(evidence)) == evidence
    with pytest.raises(ValidationError, match="end 3 is before start 9"):
        Evidence(article_id="a", start=9, end=3)


def test_every_field_is_described() -> None:
    for model in (Article, Event, Evidence):
        undocumented = [n for n, f in model.model_fields.items() if not f.description]
        assert undocumented == [], model.__name__


def test_event_rejects_unknown_fields() -> None:
    assert "colour" in _error(colour="red")
