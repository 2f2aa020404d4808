"""Protocol A (one note, one gold event) on an invented mini export, with fake extractors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import evaluate_fakes as fakes
import pytest

from conflict_events.errors import EvaluationError
from conflict_events.evaluate.api import evaluate
from conflict_events.evaluate.gold import derived_civilian_targeting, read_protocol_a
from conflict_events.evaluate.protocol_a import FIELDS, haversine_km
from conflict_events.evaluate.report import NONE_LABEL

ROWS = 14


def test_gold_echo_scores_one_everywhere() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.echo_gold, workers=1)
    assert result.rows == ROWS
    assert result.headline["detection_rate"] == 1.0
    assert {name: result.accuracy(name) for name in FIELDS} == dict.fromkeys(FIELDS, 1.0)
    assert result.macro_f1 == 1.0
    assert list(result.class_f1) == ["Peaceful protest"]  # the only class with >= 10 rows
    assert result.misses == {}


def test_no_events_counts_every_field_wrong() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.nothing, workers=1)
    assert result.headline["detection_rate"] == 0.0
    assert all(result.accuracy(name) == 0.0 for name in FIELDS)
    assert result.macro_f1 == 0.0
    assert len(result.misses["not detected"]) == ROWS
    assert result.confusion["Peaceful protest"] == {NONE_LABEL: 10}


def test_wrong_sub_event_type_lands_in_the_confusion_matrix() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.wrong_sub_event, workers=1)
    assert result.confusion["Peaceful protest"] == {"Violent demonstration": 10}
    assert result.confusion["Armed clash"] == {"Armed clash": 2}
    assert result.accuracy("sub_event_type") == pytest.approx(4 / ROWS)
    assert result.accuracy("event_type") == pytest.approx(4 / ROWS)
    assert result.macro_f1 == 0.0
    assert result.accuracy("actor1") == 1.0
    miss = result.misses["sub_event_type"][0]
    assert (miss.gold, miss.predicted) == ("Peaceful protest", "Violent demonstration")
    assert "teachers marched" in miss.text


def test_actor_order_is_free_except_for_violence_against_civilians() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.swapped_actors, workers=1)
    # Swapping a one-sided event leaves actor1 empty: wrong. Two-sided battles: still right.
    # The two events with civilians as actor2: the VAC one must keep the victim in actor2.
    pair_misses = {m.row_id for m in result.misses["actor_pair"]}
    assert "TST12" in pair_misses  # Violence against civilians
    assert "TST11" not in pair_misses and "TST14" not in pair_misses  # battles
    assert "TST13" not in pair_misses  # shelling: order free
    assert result.fields["inter1"].correct == result.fields["actor1"].correct
    strict_misses = {m.row_id for m in result.misses["actor1_strict"]}
    assert {"TST11", "TST13", "TST14"} <= strict_misses


def test_primary_prediction_is_the_best_match_not_the_first() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.decoy_then_gold, workers=1)
    assert result.accuracy("sub_event_type") == 1.0
    assert result.counts["events returned"] == 2 * ROWS


def test_extractor_exception_is_recorded_and_the_run_goes_on() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.fails_on_first_note, workers=1)
    errors = result.misses["extractor error"]
    assert len(errors) == 1 and "RuntimeError: boom" in errors[0].predicted
    assert result.headline["detection_rate"] == pytest.approx((ROWS - 1) / ROWS)
    assert result.counts["extractor errors"] == 1


def test_process_pool_gives_the_same_figures_as_one_process() -> None:
    serial = evaluate(fakes.MINI_CSV, extractor=fakes.fails_on_first_note, workers=1)
    pooled = evaluate(fakes.MINI_CSV, extractor=fakes.fails_on_first_note, workers=2)
    assert pooled.to_dict()["fields"] == serial.to_dict()["fields"]
    assert pooled.to_dict()["errors"] == serial.to_dict()["errors"]


def test_limit_reads_the_first_rows() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.echo_gold, workers=1, limit=3)
    assert result.rows == 3


def test_json_and_table(tmp_path: Path) -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.wrong_sub_event, workers=1)
    out = tmp_path / "result.json"
    result.to_json(out)
    data = json.loads(out.read_text())
    assert data["protocol"] == "A"
    assert data["fields"]["sub_event_type"]["correct"] == 4
    assert data["errors"]["sub_event_type"][0]["predicted"] == "Violent demonstration"
    table = result.table(show_misses=1)
    assert "detection_rate" in table and "VDemo" in table and "teachers marched" in table


def test_civilian_targeting_derived_when_the_export_lacks_it() -> None:
    rows = {row.row_id: row.event for row in read_protocol_a(fakes.MINI_CSV)}
    assert rows["TST12"].civilian_targeting  # Violence against civilians
    assert rows["TST13"].civilian_targeting  # shelling with civilians as a side
    assert not rows["TST11"].civilian_targeting
    assert derived_civilian_targeting("Protests", "Excessive force against protesters", 6, 1)
    assert not derived_civilian_targeting("Battles", "Armed clash", 1, 7)


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(36.2, 37.16, 36.2, 37.16) == 0.0


def test_unusable_gold_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("event_date,notes\n2020-01-01,hello\n")
    with pytest.raises(EvaluationError, match="missing columns"):
        evaluate(bad, extractor=fakes.nothing)
    with pytest.raises(EvaluationError, match="not found"):
        evaluate(tmp_path / "absent.csv", extractor=fakes.nothing)
    with pytest.raises(EvaluationError, match="protocol"):
        evaluate(tmp_path / "gold.xlsx", extractor=fakes.nothing)
    with pytest.raises(EvaluationError, match="at least 1"):
        evaluate(fakes.MINI_CSV, extractor=fakes.nothing, workers=0)


def test_schema_events_are_read_like_any_prediction() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.as_schema_events, workers=2)
    assert {name: result.accuracy(name) for name in FIELDS} == dict.fromkeys(FIELDS, 1.0)


def test_an_extractor_returning_no_list_is_an_error_per_row() -> None:
    result = evaluate(fakes.MINI_CSV, extractor=fakes.returns_one_event_not_a_list, workers=1)
    assert result.counts["extractor errors"] == ROWS
    assert "not a list of events" in result.misses["extractor error"][0].predicted


def test_progress_counts_every_row_once() -> None:
    seen: list[int] = []
    totals: list[int] = []

    def progress(total: int) -> Callable[[int], None]:
        totals.append(total)
        return seen.append

    evaluate(fakes.MINI_CSV, extractor=fakes.echo_gold, workers=2, progress=progress)
    assert totals == [ROWS] and sum(seen) == ROWS
