"""Whole news articles from other regions (tests/fixtures/news_articles): ten invented wire
reports (Sahel, Nigeria, Sudan, DR Congo, Somalia, Ukraine, Afghanistan, Mexico, Haiti, Myanmar;
2017-2024), each with a lede, several events on different days and places, and the background,
tallies, threats, denials and reactions a real report carries. Their gold events were coded by
hand, as the codebook says, before the extractor was run on them.

The package's own protocol B runs on them (as `conflict-events evaluate --gold
tests/fixtures/news_articles/gold.jsonl` does) with the world gazetteer alone; recall, precision
and the main field accuracies may not fall below the figures measured (rounded down), listed in
FLOORS. `python tests/test_news_articles.py` prints the figures and every miss.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflict_events.evaluate.gold import read_protocol_b
from conflict_events.evaluate.protocol_b import evaluate_protocol_b
from conflict_events.evaluate.report import EvaluationResult

FOLDER = Path(__file__).resolve().parent / "fixtures" / "news_articles"
GOLD = FOLDER / "gold.jsonl"

# Measured on the fixture (docs/evaluation.md, "Whole news articles from other regions"),
# rounded down. Raise a floor when a change lifts its figure; never lower one to pass (field
# accuracies are over matched pairs: one may dip when recall finds a harder event, and is then
# set again at what was measured, with the reason in the docs).
FLOORS = {
    "recall": 0.90,
    "precision": 0.69,
    "sub_event_type": 0.94,
    "actors": 0.58,
    "location": 0.79,
    "fatalities": 0.89,
}


def evaluate() -> EvaluationResult:
    return evaluate_protocol_b(GOLD, FOLDER, workers=1)


@pytest.fixture(scope="module")
def result(world: Any) -> Iterator[EvaluationResult]:
    """The fixture evaluated once, with the world gazetteer alone (the `world` fixture)."""
    from conflict_events.extract.api import default_pipeline

    default_pipeline.cache_clear()
    yield evaluate()
    default_pipeline.cache_clear()


def test_fixture_is_well_formed() -> None:
    articles, golds = read_protocol_b(GOLD, FOLDER)
    assert len(articles) == 10
    countries = {article.extra["country"] for article in articles}
    assert len(countries) == 10
    for article in articles:
        words = len(article.read_text().split())
        assert 300 <= words <= 900, (article.article_id, words)
        assert article.published is not None
        required = [g for g in golds if g.article_id == article.article_id and g.required]
        assert 2 <= len(required) <= 6, article.article_id
        for gold in required:
            # every event of a report happened on or before the day it was published
            assert min(gold.event_dates) <= article.published, gold.gold_id
    ids = [g.gold_id for g in golds]
    assert len(ids) == len(set(ids))
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["why"], "each gold event says why it is coded so"


def test_figures_stay_above_the_floors(result: EvaluationResult) -> None:
    measured = {**result.headline, **{name: result.accuracy(name) for name in
                                      ("sub_event_type", "actors", "location", "fatalities")}}
    fallen = {name: round(measured[name], 3) for name, floor in FLOORS.items()
              if measured[name] < floor}
    assert not fallen, f"below the floors {FLOORS}: {fallen}\n{result.table(show_misses=50)}"


if __name__ == "__main__":
    sys.stdout.write(evaluate().table(show_misses=100) + "\n")
