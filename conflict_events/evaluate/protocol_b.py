"""Protocol B: full articles with hand-coded gold events. Predictions are matched one-to-one to
gold events; recall counts required gold found, precision counts predictions that match any
gold event (required or optional)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from conflict_events.evaluate.gold import GoldArticle, GoldEvent, read_protocol_b
from conflict_events.evaluate.keys import places_match
from conflict_events.evaluate.matching import gold_actor_alignment, match_one_to_one
from conflict_events.evaluate.report import EvaluationResult, FieldScore, Miss
from conflict_events.evaluate.runner import Extractor, Job, Outcome, Progress, run_jobs
from conflict_events.evaluate.views import EventView

FIELDS: tuple[str, ...] = ("sub_event_type", "actors", "location", "fatalities")
MISSED_REQUIRED = "required gold not found"
FALSE_POSITIVE = "false positive"
EXTRACTOR_ERROR = "extractor error"


def compare(pred: EventView, gold: GoldEvent) -> dict[str, bool]:
    side1, side2 = gold_actor_alignment(pred, gold)
    return {
        "sub_event_type": pred.sub_event_type in gold.sub_event_types,
        "actors": side1 and side2,
        "location": any(places_match(pred.location, name, gold.country) for name in gold.locations),
        "fatalities": pred.fatalities in gold.fatalities,
    }


def _describe_pred(pred: EventView) -> str:
    date = pred.event_date.isoformat() if pred.event_date else "-"
    return (f"{date} {pred.sub_event_type} {pred.actor1} / {pred.actor2 or '-'} at "
            f"{pred.location} ({pred.admin1}, {pred.country}), fatalities {pred.fatalities}")


def _describe_gold(gold: GoldEvent) -> str:
    dates = "|".join(d.isoformat() for d in gold.event_dates)
    return (f"{gold.gold_id} {dates} {'|'.join(gold.sub_event_types)} "
            f"{'|'.join(gold.actors[0])} / {'|'.join(gold.actors[1]) or '-'} at "
            f"{'|'.join(gold.locations)} ({gold.admin1}, {gold.country})")


def _gold_value(gold: GoldEvent, name: str) -> str:
    if name == "actors":
        return f"{'|'.join(gold.actors[0])} / {'|'.join(gold.actors[1]) or '-'}"
    if name == "sub_event_type":
        return "|".join(gold.sub_event_types)
    if name == "location":
        return "|".join(gold.locations)
    return "|".join(str(f) for f in gold.fatalities)


def _pred_value(pred: EventView, name: str) -> str:
    if name == "actors":
        return f"{pred.actor1} / {pred.actor2 or '-'}"
    return str(getattr(pred, name))


def summarise(articles: Sequence[GoldArticle], golds: Sequence[GoldEvent],
              outcomes: Sequence[Outcome], gold_path: str, seconds: float = 0.0
              ) -> EvaluationResult:
    required_total = sum(1 for g in golds if g.required)
    predictions = 0
    matched_preds = 0
    matched_required = 0
    field_correct = dict.fromkeys(FIELDS, 0)
    matched_pairs = 0
    misses: dict[str, list[Miss]] = {}
    for article, outcome in zip(articles, outcomes, strict=True):
        article_golds = [g for g in golds if g.article_id == article.article_id]
        preds = list(outcome.events)
        predictions += len(preds)
        if outcome.error is not None:
            misses.setdefault(EXTRACTOR_ERROR, []).append(
                Miss(article.article_id, article.title or "", "", outcome.error))
        pairs = match_one_to_one(preds, article_golds)
        matched_preds += len(pairs)
        matched_gold = {p.gold_index for p in pairs}
        matched_pred = {p.pred_index for p in pairs}
        for pair in pairs:
            pred, gold = preds[pair.pred_index], article_golds[pair.gold_index]
            matched_required += gold.required
            matched_pairs += 1
            for name, ok in compare(pred, gold).items():
                field_correct[name] += ok
                if not ok:
                    misses.setdefault(name, []).append(Miss(
                        gold.gold_id, gold.evidence, _gold_value(gold, name),
                        _pred_value(pred, name)))
        for g, gold in enumerate(article_golds):
            if gold.required and g not in matched_gold:
                misses.setdefault(MISSED_REQUIRED, []).append(
                    Miss(gold.gold_id, gold.evidence, _describe_gold(gold), "(no match)"))
        for p, pred in enumerate(preds):
            if p not in matched_pred:
                misses.setdefault(FALSE_POSITIVE, []).append(
                    Miss(article.article_id, pred.notes or "", "(no gold)", _describe_pred(pred)))
    return EvaluationResult(
        protocol="B",
        gold_path=gold_path,
        rows=len(golds),
        headline={
            "recall": matched_required / required_total if required_total else 0.0,
            "precision": matched_preds / predictions if predictions else 0.0,
        },
        fields={name: FieldScore(field_correct[name], matched_pairs) for name in FIELDS},
        misses=misses,
        counts={"articles": len(articles), "required gold": required_total,
                "required gold found": matched_required, "predictions": predictions,
                "predictions matched": matched_preds},
        seconds=seconds,
        notes=["field accuracy is over matched pairs (prediction, gold event)",
               "precision is 0 when nothing is predicted"],
    )


def evaluate_protocol_b(gold: str | Path, articles: str | Path | None = None,
                        extractor: Extractor | None = None, *, workers: int | None = None,
                        limit: int | None = None,
                        progress: Callable[[int], Progress] | None = None) -> EvaluationResult:
    """Run protocol B on gold.jsonl and its articles (folder with articles.jsonl)."""
    started = time.perf_counter()
    article_list, golds = read_protocol_b(gold, articles)
    if limit is not None:
        article_list = article_list[:limit]
        kept = {a.article_id for a in article_list}
        golds = [g for g in golds if g.article_id in kept]
    jobs = [
        Job(article.read_text(), {"published": article.published, "source": article.source,
                                  "title": article.title})
        for article in article_list
    ]
    outcomes = run_jobs(jobs, extractor, workers=workers,
                        progress=progress(len(jobs)) if progress else None)
    return summarise(article_list, golds, outcomes, str(gold), time.perf_counter() - started)
