"""Protocol A: one ACLED note, one gold event. The extractor reads each note with its
publication date only; the returned event that best matches the gold row is compared field by
field, and a row without a prediction counts wrong on every field."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from conflict_events.evaluate.gold import GoldRow, read_protocol_a
from conflict_events.evaluate.keys import actors_match, admin_areas_match, places_match
from conflict_events.evaluate.matching import actor_alignment, primary_prediction
from conflict_events.evaluate.report import (
    EvaluationResult,
    FieldScore,
    Miss,
    confusion_matrix,
    macro_f1,
)
from conflict_events.evaluate.runner import Extractor, Job, Outcome, Progress, run_jobs
from conflict_events.evaluate.views import EventView

# Reported in this order. actor1/actor2/inter1/inter2 are compared after aligning the predicted
# pair to the gold pair (actor order carries no meaning except in Violence against civilians);
# the *_strict variants compare positions as given.
FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "actor1", "actor2", "actor_pair", "inter1", "inter2",
    "admin1", "location", "location_25km", "event_date", "time_precision", "geo_precision",
    "fatalities", "civilian_targeting", "actor1_strict", "actor2_strict",
)
RADIUS_KM = 25.0
EARTH_RADIUS_KM = 6371.0088
NOT_DETECTED = "not detected"
EXTRACTOR_ERROR = "extractor error"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _within(pred: EventView, gold: EventView, radius_km: float = RADIUS_KM) -> bool:
    coords = (pred.latitude, pred.longitude, gold.latitude, gold.longitude)
    if any(c is None for c in coords):
        return False
    lat1, lon1, lat2, lon2 = (float(c) for c in coords)  # type: ignore[arg-type]
    return haversine_km(lat1, lon1, lat2, lon2) <= radius_km


def compare(pred: EventView, gold: EventView) -> dict[str, bool]:
    """Field-by-field verdicts of one primary prediction against its gold event."""
    swapped, actor1_ok, actor2_ok = actor_alignment(pred, gold)
    inter1, inter2 = (pred.inter2, pred.inter1) if swapped else (pred.inter1, pred.inter2)
    return {
        "event_type": pred.event_type == gold.event_type,
        "sub_event_type": pred.sub_event_type == gold.sub_event_type,
        "actor1": actor1_ok,
        "actor2": actor2_ok,
        # Set equality ({actor1, actor2}), except VAC where the alignment keeps the order.
        "actor_pair": actor1_ok and actor2_ok,
        "inter1": (inter1 or 0) == (gold.inter1 or 0),
        "inter2": (inter2 or 0) == (gold.inter2 or 0),
        "admin1": admin_areas_match(pred.admin1, gold.admin1, gold.country),
        "location": places_match(pred.location, gold.location, gold.country),
        "location_25km": _within(pred, gold),
        "event_date": pred.event_date is not None and pred.event_date == gold.event_date,
        "time_precision": pred.time_precision == gold.time_precision,
        "geo_precision": pred.geo_precision == gold.geo_precision,
        "fatalities": pred.fatalities == gold.fatalities,
        "civilian_targeting": pred.civilian_targeting == gold.civilian_targeting,
        "actor1_strict": actors_match(pred.actor1, gold.actor1),
        "actor2_strict": actors_match(pred.actor2, gold.actor2),
    }


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def field_values(view: EventView | None, name: str) -> str:
    """What a miss of `name` shows for one side."""
    if view is None:
        return "(no event)"
    if name in ("actor1", "actor2", "actor_pair", "actor1_strict", "actor2_strict"):
        return f"{_fmt(view.actor1)} / {_fmt(view.actor2)}"
    if name in ("inter1", "inter2"):
        return f"{_fmt(view.actor1)} [{_fmt(view.inter1)}] / {_fmt(view.actor2)} " \
               f"[{_fmt(view.inter2)}]"
    if name == "location_25km":
        return f"{_fmt(view.location)} ({_fmt(view.latitude)}, {_fmt(view.longitude)})"
    if name == "location":
        return f"{_fmt(view.location)} ({_fmt(view.admin1)})"
    return _fmt(getattr(view, name))


@dataclass
class RowResult:
    gold: GoldRow
    outcome: Outcome
    primary: EventView | None
    verdicts: dict[str, bool] = field(default_factory=dict)


def score_rows(rows: Sequence[GoldRow], outcomes: Sequence[Outcome]) -> list[RowResult]:
    results: list[RowResult] = []
    for row, outcome in zip(rows, outcomes, strict=True):
        primary = primary_prediction(outcome.events, row.event)
        verdicts = (compare(primary, row.event) if primary is not None
                    else dict.fromkeys(FIELDS, False))
        results.append(RowResult(gold=row, outcome=outcome, primary=primary, verdicts=verdicts))
    return results


def summarise(results: Sequence[RowResult], gold_path: str, seconds: float = 0.0
              ) -> EvaluationResult:
    total = len(results)
    detected = sum(1 for r in results if r.primary is not None)
    errors = sum(1 for r in results if r.outcome.error is not None)
    predictions = sum(len(r.outcome.events) for r in results)
    gold_sub = [r.gold.event.sub_event_type or "" for r in results]
    pred_sub = [r.primary.sub_event_type if r.primary else None for r in results]
    f1, per_class = macro_f1(gold_sub, pred_sub)
    misses: dict[str, list[Miss]] = {}
    for r in results:
        text = r.gold.text
        if r.outcome.error is not None:
            misses.setdefault(EXTRACTOR_ERROR, []).append(
                Miss(r.gold.row_id, text, field_values(r.gold.event, "sub_event_type"),
                     r.outcome.error))
        elif r.primary is None:
            misses.setdefault(NOT_DETECTED, []).append(
                Miss(r.gold.row_id, text, field_values(r.gold.event, "sub_event_type"),
                     "(no event)"))
            continue
        if r.primary is None:
            continue
        for name in FIELDS:
            if not r.verdicts[name]:
                misses.setdefault(name, []).append(Miss(
                    r.gold.row_id, text, field_values(r.gold.event, name),
                    field_values(r.primary, name)))
    fields = {
        name: FieldScore(correct=sum(1 for r in results if r.verdicts[name]), total=total)
        for name in FIELDS
    }
    return EvaluationResult(
        protocol="A",
        gold_path=gold_path,
        rows=total,
        headline={"detection_rate": detected / total if total else 0.0},
        fields=fields,
        macro_f1=f1,
        class_f1=per_class,
        confusion=confusion_matrix(gold_sub, pred_sub),
        misses=misses,
        counts={"rows detected": detected, "events returned": predictions,
                "extractor errors": errors},
        seconds=seconds,
        notes=[
            "actor1/actor2/inter1/inter2 compare the predicted pair aligned to the gold pair "
            "(order free except Violence against civilians); *_strict compare positions as given",
            "a row with no prediction counts wrong on every field",
        ],
    )


def evaluate_protocol_a(gold: str | Path, extractor: Extractor | None = None, *,
                        workers: int | None = None, limit: int | None = None,
                        on_rows: Callable[[list[RowResult]], None] | None = None,
                        progress: Callable[[int], Progress] | None = None) -> EvaluationResult:
    """Run protocol A on an ACLED export with notes; `on_rows` receives the scored rows;
    `progress(total)` returns the callback told of each finished row."""
    started = time.perf_counter()
    rows = read_protocol_a(gold, limit=limit)
    jobs = [Job(row.text, {"published": row.published}) for row in rows]
    outcomes = run_jobs(jobs, extractor, workers=workers,
                        progress=progress(len(jobs)) if progress else None)
    results = score_rows(rows, outcomes)
    if on_rows is not None:
        on_rows(results)
    return summarise(results, str(gold), time.perf_counter() - started)
