"""Country-level reports (CODEBOOK 1.6): only strategic developments may be coded at country
level; an event at a named place the gazetteer lacks is kept at the capital (precision 3); a
report that names only a country is not coded."""

from __future__ import annotations

import conflict_events as ce
from conflict_events.schema.taxonomy import GeoPrecision, SubEventType

PUBLISHED = "2020-05-10"


def test_a_country_only_protest_is_not_coded() -> None:
    text = "On 9 May 2020, protesters gathered across Nigeria to demand lower fuel prices."
    assert ce.extract(text, published=PUBLISHED) == []


def test_a_national_strategic_development_is_coded_to_the_capital() -> None:
    events = ce.extract(
        "On 9 May 2020, the government of Kenya imposed a nationwide curfew.", published=PUBLISHED
    )
    assert len(events) == 1
    assert events[0].event_type.value == "Strategic developments"
    assert events[0].location == "Nairobi"
    assert events[0].geo_precision is GeoPrecision.REGION


def test_an_unknown_named_village_keeps_the_event_at_country_precision() -> None:
    text = ("On 9 May 2020, Nigerian soldiers clashed with Boko Haram fighters in Zxqorovillage, "
            "Nigeria.")
    events = ce.extract(text, published=PUBLISHED)
    assert [e.sub_event_type for e in events] == [SubEventType.ARMED_CLASH]
    assert events[0].country == "Nigeria"
    assert events[0].geo_precision is GeoPrecision.REGION


def test_a_name_before_a_place_noun_is_a_place_the_gazetteer_lacks() -> None:
    text = ("On 9 May 2020, Nigerian soldiers clashed with Boko Haram fighters on the Zxqoro "
            "front.")
    events = ce.extract(text, published=PUBLISHED)
    assert [e.sub_event_type for e in events] == [SubEventType.ARMED_CLASH]
    assert events[0].country == "Nigeria"
    assert events[0].geo_precision is GeoPrecision.REGION


def test_a_place_noun_after_a_common_word_is_no_place() -> None:
    text = "On 9 May 2020, protesters gathered in front of the Ministry across the country."
    assert ce.extract(text, published=PUBLISHED) == []
