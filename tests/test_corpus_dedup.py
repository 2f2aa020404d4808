"""Cross-article deduplication: which reports are one event, how they merge, determinism."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from _events import make_event
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_events.corpus.dedup import deduplicate, distance_km, same_event
from conflict_events.schema.models import Event


def report(article: str, **overrides: object) -> Event:
    fields: dict[str, object] = dict(
        article_ids=[article], evidence=[{"article_id": article, "start": 0, "end": 30}],
        source=[f"Outlet {article}"],
    )
    fields.update(overrides)
    return make_event(**fields)


def test_two_outlets_become_one_event_with_joined_sources_and_lowest_fatalities() -> None:
    a = report("a1", source=["The New Arab"], fatalities=7, source_scale="Regional")
    b = report("b1", source=["SANA"], fatalities=5, source_scale="National")
    merged, stats = deduplicate([a, b])
    assert len(merged) == 1
    event = merged[0]
    assert event.source == ["SANA", "The New Arab"]
    assert event.source_scale == "National-Regional"
    assert event.fatalities == 5
    assert event.article_ids == ["a1", "b1"]
    assert [e.article_id for e in event.evidence] == ["a1", "b1"]
    assert event.event_id == min(a.event_id, b.event_id)
    assert stats.input_events == 2 and stats.output_events == 1
    assert stats.merged_groups == 1 and stats.merged_events == 1


def test_a_report_without_a_figure_does_not_lower_the_toll() -> None:
    merged, _ = deduplicate([report("a", fatalities=0), report("b", fatalities=4)])
    assert merged[0].fatalities == 4


def test_most_precise_place_date_and_notes_win() -> None:
    vague = report("a", time_precision=2, event_date=dt.date(2021, 3, 5), geo_precision=3,
                   location="Aleppo", notes="Vague report.")
    precise = report("b", time_precision=1, event_date=dt.date(2021, 3, 4), geo_precision=1,
                     location="Aleppo", latitude=36.21, notes="Precise report.")
    merged, _ = deduplicate([vague, precise])
    assert len(merged) == 1
    event = merged[0]
    assert event.event_date == dt.date(2021, 3, 4) and event.time_precision == 1
    assert event.geo_precision == 1 and event.latitude == 36.21
    assert event.notes == "Precise report."


def test_different_days_places_types_or_actors_stay_apart() -> None:
    base = report("a")
    others = [
        report("b", event_date=dt.date(2021, 3, 5)),
        report("c", location="Idlib", latitude=35.93, longitude=36.63),
        report("d", sub_event_type="Attack", actor2="Civilians (Syria)", inter2=7,
               civilian_targeting="Civilians targeted"),
        report("e", actor2="Islamic State (Syria)", inter2=2),
        report("f", iso=368, country="Iraq", location="Mosul", latitude=36.34,
               longitude=43.13, admin1="Ninewa", region="Middle East"),
    ]
    for other in others:
        assert not same_event(base, other), other.article_ids
    merged, stats = deduplicate([base, *others])
    assert len(merged) == 6 and stats.merged_groups == 0


def test_near_places_and_swapped_actors_and_one_sided_reports_merge() -> None:
    base = report("a")
    near = report("b", location="Aleppo - Hamdaniyeh", latitude=36.18, longitude=37.13)
    assert distance_km(36.2021, 37.1343, 36.18, 37.13) < 5
    swapped = report("c", actor1="Opposition Rebels (Syria)", inter1=2,
                     actor2="Military Forces of Syria (2000-)", inter2=1)
    one_sided = report("d", actor2=None, inter2=0)
    for other in (near, swapped, one_sided):
        assert same_event(base, other)
    merged, _ = deduplicate([base, near, swapped, one_sided])
    assert len(merged) == 1
    assert merged[0].actor2 is not None  # a two-sided report names the actors


def test_week_precision_overlaps_a_day_but_two_exact_days_do_not() -> None:
    week = report("a", time_precision=2, event_date=dt.date(2021, 3, 6))
    assert same_event(week, report("b", event_date=dt.date(2021, 3, 4)))
    assert not same_event(report("c", event_date=dt.date(2021, 3, 1)),
                          report("d", event_date=dt.date(2021, 3, 2)))


def test_a_one_sided_report_joins_one_pair_not_two() -> None:
    pair_a = report("a")
    pair_b = report("b", actor2="Islamic State (Syria)", inter2=2)
    one_sided = report("c", actor2=None, inter2=0)
    merged, stats = deduplicate([one_sided, pair_b, pair_a])
    assert len(merged) == 2 and stats.merged_groups == 1


def test_released_events_keep_their_ids_and_never_merge_with_each_other() -> None:
    old_a = report("a")
    old_b = report("b", source=["Other"], event_id="0" * 16, event_id_cnty="SYR1")
    new = report("c", fatalities=1)
    merged, stats = deduplicate([new], released=[old_a, old_b])
    ids = sorted(e.event_id for e in merged)
    assert ids == sorted([old_a.event_id, old_b.event_id])
    assert stats.merged_groups == 1
    grown = next(e for e in merged if len(e.article_ids) == 2)
    assert grown.fatalities == 1


def test_associated_actors_and_tags_are_united() -> None:
    a = report("a", sub_event_type="Peaceful protest", actor1="Protesters (Syria)", inter1=6,
               actor2=None, inter2=0, assoc_actor_1=["Teachers"],
               tags=["crowd size=no report"], fatalities=0)
    b = report("b", sub_event_type="Peaceful protest", actor1="Protesters (Syria)", inter1=6,
               actor2=None, inter2=0, assoc_actor_1=["Students"],
               tags=["crowd size=around 300"], fatalities=0)
    merged, _ = deduplicate([a, b])
    assert merged[0].assoc_actor_1 == ["Students", "Teachers"]
    assert merged[0].tags == ["crowd size=around 300"]


def _corpus() -> list[Event]:
    events = []
    for i in range(24):
        events.append(report(
            f"art-{i}", event_date=dt.date(2021, 3, 1 + i % 3), time_precision=1 + i % 3,
            geo_precision=1 + i % 2, fatalities=i % 5,
            location=["Aleppo", "Aleppo - Hamdaniyeh", "Idlib"][i % 3],
            latitude=[36.2021, 36.18, 35.93][i % 3], longitude=[37.1343, 37.13, 36.63][i % 3],
            actor2=None if i % 4 == 0 else "Opposition Rebels (Syria)",
            inter2=0 if i % 4 == 0 else 2, source=[f"Outlet {i % 4}"],
        ))
    return events


CORPUS = _corpus()
EXPECTED, EXPECTED_STATS = deduplicate(CORPUS)


@settings(max_examples=40, deadline=None)
@given(st.permutations(CORPUS))
def test_input_order_never_changes_the_output(shuffled: list[Event]) -> None:
    merged, stats = deduplicate(shuffled)
    assert [e.model_dump() for e in merged] == [e.model_dump() for e in EXPECTED]
    assert stats == EXPECTED_STATS


def test_the_corpus_merges_something_and_keeps_every_article() -> None:
    assert EXPECTED_STATS.merged_groups > 0
    assert EXPECTED_STATS.output_events < len(CORPUS)
    articles = sorted(a for e in EXPECTED for a in e.article_ids)
    assert articles == sorted(a for e in CORPUS for a in e.article_ids)


def test_release_side_order_does_not_matter_either() -> None:
    released, new = CORPUS[:6], CORPUS[6:]
    first, _ = deduplicate(new, released=released)
    shuffled = new[:]
    random.Random(3).shuffle(shuffled)
    second, _ = deduplicate(shuffled, released=list(reversed(released)))
    assert [e.model_dump() for e in first] == [e.model_dump() for e in second]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(CORPUS), min_size=1, max_size=10, unique_by=id),
       st.permutations(CORPUS))
def test_released_ids_survive_and_ids_stay_unique(released: list[Event],
                                                  new: list[Event]) -> None:
    released_ids = {e.event_id for e in released}
    fresh = [e for e in new if e.event_id not in released_ids]
    merged, stats = deduplicate(fresh, released=released)
    ids = [e.event_id for e in merged]
    assert len(ids) == len(set(ids))
    assert released_ids <= set(ids)
    assert stats.input_events == len(fresh) + len(released)
    assert sorted(a for e in merged for a in e.article_ids) == sorted(
        a for e in [*fresh, *released] for a in e.article_ids)


def test_countries_deduplicated_apart_on_two_processes_give_the_same_events(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus_helpers import corpus

    from conflict_events.corpus import parallel_dedup
    from conflict_events.dataset.table import events_to_table, sort_table
    from conflict_events.extract.api import process

    events = [e for article in corpus(events=30, seed=11) for e in process(article).events]
    assert len({e.iso for e in events}) > 2
    groups = parallel_dedup.country_groups(events, 2)
    assert len(groups) == 2 and not groups[0] & groups[1]
    monkeypatch.setattr(parallel_dedup, "MIN_EVENTS", 0)
    table, stats = parallel_dedup.deduplicate_table(events, 2)
    merged, expected = deduplicate(events)
    assert stats == expected and expected.merged_groups > 0
    assert sort_table(table).equals(sort_table(events_to_table(merged)))
