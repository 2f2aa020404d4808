"""The evaluation on the real development data (skipped with a reason where ../shared is absent)."""

from __future__ import annotations

import evaluate_fakes as fakes
import pytest
from conftest import shared_path

from conflict_events.evaluate.api import evaluate
from conflict_events.evaluate.gold import read_protocol_a, read_protocol_b
from conflict_events.evaluate.protocol_a import FIELDS

pytestmark = pytest.mark.shared


def test_dev_set_reads_with_publication_dates() -> None:
    rows = read_protocol_a(shared_path("eval", "acled_2020_dev.csv"))
    assert len(rows) == 5071
    assert all(r.published is not None and r.event.event_date is not None for r in rows)
    assert sum(1 for r in rows if not r.text.strip()) <= 1  # one row has no note


def test_dev_set_gold_echo_through_the_pool() -> None:
    result = evaluate(shared_path("eval", "acled_2020_dev.csv"), extractor=fakes.dev_echo,
                      workers=2, limit=600)
    assert result.rows == 600
    assert result.headline["detection_rate"] == 1.0
    # The fields of the matching score are exact; a few notes are shared by several gold rows
    # (one report split into events per place), where ties go to the first returned event, so
    # place, precision and fatalities can differ on those rows.
    scored = ("event_type", "sub_event_type", "actor1", "actor2", "actor_pair", "admin1",
              "event_date", "inter1", "inter2", "time_precision", "civilian_targeting")
    assert {name: result.accuracy(name) for name in scored} == dict.fromkeys(scored, 1.0)
    assert all(result.accuracy(name) > 0.98 for name in FIELDS)


def test_seeds_read_and_required_gold_found() -> None:
    gold = shared_path("seeds", "gold.jsonl")
    articles, golds = read_protocol_b(gold)
    assert len(articles) == 2 and len(golds) == 17
    assert sum(g.required for g in golds) == 7
    result = evaluate(gold, extractor=fakes.seed_gold, workers=1)
    assert result.headline == {"recall": 1.0, "precision": 1.0}


@pytest.mark.slow
def test_full_dev_set_with_the_project_extractor() -> None:
    pytest.importorskip("conflict_events.extract.api",
                        reason="the extractor module is not part of this build")
    result = evaluate(shared_path("eval", "acled_2020_dev.csv"))
    assert result.rows == 5071
    # The one row without a note is rejected by the extractor; nothing else may fail.
    errors = result.misses.get("extractor error", [])
    assert all(not miss.text.strip() for miss in errors), errors[:3]
    assert result.headline["detection_rate"] > 0.5
