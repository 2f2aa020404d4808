"""Matching predictions to gold: the protocol's score, the primary prediction of protocol A and
the one-to-one matching of protocol B."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from conflict_events.evaluate.gold import GoldEvent
from conflict_events.evaluate.keys import actors_match, admin_areas_match
from conflict_events.evaluate.views import EventView

VAC = "Violence against civilians"


def actor_alignment(pred: EventView, gold: EventView) -> tuple[bool, bool, bool]:
    """(swapped, actor1 matches, actor2 matches) for the orientation of the predicted pair that
    matches the gold pair best. Actor order carries no meaning in ACLED's coding except in
    Violence against civilians, where actor2 is always the victim: there only the given order
    counts. On a tie the given order is kept."""
    direct = (actors_match(pred.actor1, gold.actor1), actors_match(pred.actor2, gold.actor2))
    if gold.event_type == VAC:
        return False, *direct
    crossed = (actors_match(pred.actor2, gold.actor1), actors_match(pred.actor1, gold.actor2))
    if sum(crossed) > sum(direct):
        return True, *crossed
    return False, *direct


def score(pred: EventView, gold: EventView) -> int:
    """Protocol score: +4 same sub_event_type, +2 same event_type, +2 same event_date, +2 same
    admin1, +1 per actor side that matches."""
    _, actor1_ok, actor2_ok = actor_alignment(pred, gold)
    return (
        4 * (pred.sub_event_type == gold.sub_event_type)
        + 2 * (pred.event_type == gold.event_type)
        + 2 * (pred.event_date is not None and pred.event_date == gold.event_date)
        + 2 * admin_areas_match(pred.admin1, gold.admin1, gold.country)
        + actor1_ok + actor2_ok
    )


def primary_prediction(preds: Sequence[EventView], gold: EventView) -> EventView | None:
    """The returned event that best matches the gold row; the earlier one on a tie."""
    best: EventView | None = None
    best_score = -1
    for pred in preds:
        value = score(pred, gold)
        if value > best_score:
            best, best_score = pred, value
    return best


# --- protocol B ---------------------------------------------------------------------------

def _in_names(name: str | None, names: Sequence[str]) -> bool:
    """A predicted side against a gold list of acceptable names; an empty list means no actor."""
    if not names:
        return not name
    return any(actors_match(name, accepted) for accepted in names)


def gold_actor_alignment(pred: EventView, gold: GoldEvent) -> tuple[bool, bool]:
    """(side 1 matches, side 2 matches) for the better orientation of the predicted pair
    (the given order only for Violence against civilians)."""
    side1, side2 = gold.actors
    direct = (_in_names(pred.actor1, side1), _in_names(pred.actor2, side2))
    if gold.event_type == VAC:
        return direct
    crossed = (_in_names(pred.actor2, side1), _in_names(pred.actor1, side2))
    return crossed if sum(crossed) > sum(direct) else direct


def _same_country(pred: EventView, gold: GoldEvent) -> bool:
    return (pred.country or "").casefold().strip() == (gold.country or "").casefold().strip()


def _date_within(day: dt.date | None, days: Sequence[dt.date], slack: int) -> bool:
    return day is not None and any(abs((day - d).days) <= slack for d in days)


def can_match(pred: EventView, gold: GoldEvent) -> bool:
    """Protocol B: same event_type, a gold date within one day, same country and, when gold has
    admin1, the same admin1."""
    return (
        pred.event_type == gold.event_type
        and _date_within(pred.event_date, gold.event_dates, 1)
        and _same_country(pred, gold)
        and (gold.admin1 is None or admin_areas_match(pred.admin1, gold.admin1, gold.country))
    )


def gold_score(pred: EventView, gold: GoldEvent) -> int:
    """The protocol A score with gold lists: a value scores when it is one of the accepted."""
    side1, side2 = gold_actor_alignment(pred, gold)
    return (
        4 * (pred.sub_event_type in gold.sub_event_types)
        + 2 * (pred.event_type == gold.event_type)
        + 2 * _date_within(pred.event_date, gold.event_dates, 0)
        + 2 * (gold.admin1 is not None
               and admin_areas_match(pred.admin1, gold.admin1, gold.country))
        + side1 + side2
    )


@dataclass(frozen=True, slots=True)
class Pair:
    pred_index: int
    gold_index: int
    score: int


def match_one_to_one(preds: Sequence[EventView], golds: Sequence[GoldEvent]) -> list[Pair]:
    """Greedy one-to-one matching, best score first. Ties go to required gold before optional
    (so an optional event never takes a prediction a required one could have had), then to
    the earlier prediction, then to the earlier gold event."""
    candidates = [
        (gold_score(pred, gold), gold.required, -p, -g)
        for p, pred in enumerate(preds)
        for g, gold in enumerate(golds)
        if can_match(pred, gold)
    ]
    candidates.sort(reverse=True)
    used_preds: set[int] = set()
    used_golds: set[int] = set()
    pairs: list[Pair] = []
    for value, _, neg_p, neg_g in candidates:
        p, g = -neg_p, -neg_g
        if p in used_preds or g in used_golds:
            continue
        used_preds.add(p)
        used_golds.add(g)
        pairs.append(Pair(pred_index=p, gold_index=g, score=value))
    return sorted(pairs, key=lambda pair: (pair.gold_index, pair.pred_index))
