"""An event told at several places of different admin1 areas at once is one event per place,
its fatalities divided among them, the odd remainder to the first (CODEBOOK 1.3, 1.8).
Sentences are invented for these tests."""

from __future__ import annotations

import conflict_events as ce
from conflict_events.coding.fatalities import divided

PUBLISHED = "2021-03-04"


def test_a_toll_is_divided_evenly_the_remainder_first() -> None:
    assert divided(20, 3) == [7, 7, 6]
    assert divided(7, 2) == [4, 3]
    assert divided(0, 3) == [0, 0, 0]


def test_provinces_listed_together_are_one_event_each() -> None:
    text = ("On 3 March 2021, Taliban militants attacked police checkpoints in Kunduz, Baghlan "
            "and Takhar provinces, killing 7 policemen.")
    events = ce.extract(text, published=PUBLISHED)
    assert sorted(e.admin1 for e in events) == ["Baghlan", "Kunduz", "Takhar"]
    assert sorted(e.fatalities for e in events) == [2, 2, 3]


def test_fronts_with_their_areas_are_one_event_each() -> None:
    text = ("On 3 March 2021, Houthi forces shelled government positions on the Hays (Hays, Al "
            "Hudaydah) and Qataba (Qaatabah, Ad Dali) fronts, killing 5 soldiers.")
    events = ce.extract(text, published=PUBLISHED)
    assert {(e.admin1, e.fatalities) for e in events} == {("Al Hudaydah", 3), ("Ad Dali", 2)}


def test_a_quarter_and_its_city_are_one_place() -> None:
    text = "On 3 March 2021, protesters blocked roads in Chapinero, Bogota."
    events = ce.extract(text, published=PUBLISHED)
    assert len(events) == 1


def test_the_places_people_came_from_are_not_split() -> None:
    text = ("On 3 March 2021, militants arriving from Baghlan and Takhar provinces attacked a "
            "checkpoint, killing 4 policemen.")
    events = ce.extract(text, published=PUBLISHED)
    assert len(events) <= 1


def test_a_tally_over_places_is_one_figure_not_one_event_per_place() -> None:
    # "combined", "together", "between them" sum a count over the places: a recap, not an
    # event at each place
    for text in (
        "On 3 March 2021, clashes between rival gunmen killed 6 people in Tripoli and Sidon "
        "combined, security sources said.",
        "On 3 March 2021, in Tripoli and Sidon together, security forces arrested 14 "
        "protesters.",
        "On 3 March 2021, the combined death toll in Tripoli and Sidon rose to 6 after clashes "
        "between rival gunmen.",
    ):
        events = ce.extract(text, published=PUBLISHED)
        assert len(events) == 1, text


def test_a_toll_said_of_the_events_is_still_divided_among_the_places() -> None:
    # CODEBOOK 1.8: a multi-location total is divided across the events; "in total" here
    # counts the toll of the attacks, and "together with" joins actors, not places
    for text in (
        "On 3 March 2021, Taliban militants attacked police checkpoints in Kunduz and Baghlan "
        "provinces, killing 7 policemen in total.",
        "On 3 March 2021, Taliban militants attacked police checkpoints in Kunduz and Baghlan "
        "together with local militias, killing 7 policemen.",
    ):
        events = ce.extract(text, published=PUBLISHED)
        assert sorted(e.fatalities for e in events) == [3, 4], text
