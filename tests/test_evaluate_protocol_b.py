"""Protocol B (articles with hand-coded gold) on invented articles, with fake extractors."""

from __future__ import annotations

import json
from pathlib import Path

import evaluate_fakes as fakes
import pytest

from conflict_events.errors import EvaluationError
from conflict_events.evaluate.api import evaluate
from conflict_events.evaluate.gold import read_protocol_b


def test_reading_gold_and_articles() -> None:
    articles, golds = read_protocol_b(fakes.GOLD_JSONL)
    assert [a.article_id for a in articles] == ["art-river", "art-market"]
    assert articles[0].source == "Example Wire" and articles[1].source is None
    assert "Tarbela" in articles[0].read_text()
    assert [g.required for g in golds] == [True, False, True]


def test_all_gold_events_found() -> None:
    result = evaluate(fakes.GOLD_JSONL, extractor=fakes.article_gold, workers=1)
    assert result.headline == {"recall": 1.0, "precision": 1.0}
    assert all(score.accuracy == 1.0 for score in result.fields.values())
    assert result.fields["actors"].total == 3


def test_background_fact_is_a_false_positive() -> None:
    result = evaluate(fakes.GOLD_JSONL, extractor=fakes.article_gold_plus_background,
                      workers=2)
    assert result.headline["recall"] == 1.0
    assert result.headline["precision"] == pytest.approx(3 / 5)
    assert len(result.misses["false positive"]) == 2


def test_one_gold_event_matches_one_prediction() -> None:
    result = evaluate(fakes.GOLD_JSONL, extractor=fakes.article_gold_twice, workers=1)
    assert result.counts["predictions"] == 6
    assert result.counts["predictions matched"] == 3
    assert result.headline["precision"] == 0.5


def test_nothing_found() -> None:
    result = evaluate(fakes.GOLD_JSONL, extractor=fakes.nothing, workers=1)
    assert result.headline == {"recall": 0.0, "precision": 0.0}
    assert {m.row_id for m in result.misses["required gold not found"]} == {"river-1",
                                                                          "market-1"}


def test_bad_gold_lines_are_named(tmp_path: Path) -> None:
    (tmp_path / "articles.jsonl").write_text(
        json.dumps({"article_id": "a", "file": "a.txt"}) + "\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"article_id": "a", "gold_id": "1"\n')
    with pytest.raises(EvaluationError, match="line 1: not JSON"):
        read_protocol_b(gold)
    gold.write_text(json.dumps({"article_id": "b", "gold_id": "1", "event_type": "Battles",
                                "event_date": ["2020-01-01"], "country": "Chad",
                                "actors": [["X"], []]}) + "\n")
    with pytest.raises(EvaluationError, match="not in"):
        read_protocol_b(gold)
