"""Cross-article deduplication: the same event reported by several articles becomes one event.

When two reports are the same event
-----------------------------------
Two events are reports of the same event when ALL of these hold:

1. same country (iso) and the same event_type (sub-event types may differ: the merged event
   takes the highest in ACLED's hierarchy);
2. their days are compatible: each event covers a day range set by its time_precision
   (1: the day itself; 2: the day +/- 3 days, a week; 3: the day +/- 15 days, a month) and
   the two ranges overlap. Two events dated to the day (precision 1) must be on the same day
   (events are atomic by day, CODEBOOK 1.3);
3. their places are the same or near: the same location name (case and spacing ignored), or
   coordinates within NEAR_KM kilometres of each other;
4. their actor pairs are compatible: the same set {actor1, actor2} (actor order has no
   meaning), or one report is one-sided and its actor is one of the other's actors (a report
   that names only the attacker of a two-sided event). Different actor pairs on the same day
   and place stay separate events (CODEBOOK 1.3).

Grouping is greedy over a canonical order, so it does not depend on the input order: events
are sorted by (country, event type, day, time precision, geo precision, two-sided first,
event_id, full content); each event joins the first group (in that order) whose every member
it matches, else starts a group. A group holds at most one event marked as already released
(see update.py), so released events never swallow each other.

How a group becomes one event
-----------------------------
- event_id / event_id_cnty: those of the released member when there is one, else those of the
  member with the smallest event_id. The id of an event already in a release never changes.
- fatalities: the lowest figure reported (CODEBOOK 1.8: conflicting -> most conservative).
  A report giving 0 gives no figure (0 means "none mentioned", CODEBOOK 1.8), so 0 wins only
  when no report gives a number.
- event_date / time_precision: from the member with the lowest time_precision.
- location, admin1-3, latitude, longitude, geo_precision: from the member with the lowest
  geo_precision.
- sub_event_type and civilian_targeting: from the member with the highest-ranked sub-event type.
- actors: from a two-sided member when there is one; associated actors are the union of what
  the members attach to the same actor.
- notes: from the most precise member (lowest time_precision, then geo_precision).
- source: every member's sources, deduplicated, sorted case-insensitively, '; '-joined in files
  ("SANA; The New Arab"); source_scale: the union of the members' scale parts in ACLED's order.
- article_ids, evidence, tags: sorted unions; confidence and timestamp: the maximum.
Ties are always broken by the canonical order above.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from conflict_events.schema.models import Event
from conflict_events.schema.taxonomy import SOURCE_SCALE_PARTS, is_valid_source_scale

NEAR_KM = 5.0
# Half-width in days of the range an event may fall in, by time_precision.
DAY_SLACK = {1: 0, 2: 3, 3: 15}


@dataclass(frozen=True)
class MergeStats:
    """What a deduplication did."""

    input_events: int
    output_events: int
    merged_groups: int  # output events built from more than one report

    @property
    def merged_events(self) -> int:
        """Reports absorbed into another event (input - output)."""
        return self.input_events - self.output_events


@dataclass
class _Group:
    members: list[Event] = field(default_factory=list)
    released: bool = False


def _key(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _actors(event: Event) -> frozenset[str]:
    return frozenset(_key(a) for a in (event.actor1, event.actor2) if a)


def _day_range(event: Event) -> tuple[dt.date, dt.date]:
    slack = dt.timedelta(days=DAY_SLACK.get(int(event.time_precision), 15))
    return event.event_date - slack, event.event_date + slack


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def same_event(a: Event, b: Event) -> bool:
    """The rules of the module docstring, for one pair of reports."""
    if a.iso != b.iso or a.event_type is not b.event_type:
        return False
    a_start, a_end = _day_range(a)
    b_start, b_end = _day_range(b)
    if a_end < b_start or b_end < a_start:
        return False
    if _key(a.location) != _key(b.location) and distance_km(
        a.latitude, a.longitude, b.latitude, b.longitude
    ) > NEAR_KM:
        return False
    actors_a, actors_b = _actors(a), _actors(b)
    if actors_a == actors_b:
        return True
    if len(actors_a) == 1 and a.actor2 is None:
        return actors_a <= actors_b
    if len(actors_b) == 1 and b.actor2 is None:
        return actors_b <= actors_a
    return False


def canonical_key(event: Event) -> tuple[Any, ...]:
    """Total order of reports that does not depend on where they came from in the input."""
    return (
        event.iso, event.event_type.value, event.event_date, int(event.time_precision),
        int(event.geo_precision), event.actor2 is None, event.event_id,
        event.model_dump_json(),
    )


def deduplicate(
    events: Iterable[Event], released: Iterable[Event] = ()
) -> tuple[list[Event], MergeStats]:
    """One event per real-world event, and what was merged.

    `released` are events already published: they may absorb new reports but never merge
    with each other, and keep their ids. Output is sorted by canonical_key of the results."""
    released_list = list(released)
    released_ids = {e.event_id for e in released_list}
    items = sorted(
        [(canonical_key(e), True, e) for e in released_list]
        + [(canonical_key(e), False, e) for e in events],
        key=lambda item: (item[0], not item[1]),
    )
    groups: list[_Group] = []
    # (iso, event_type, day) -> groups covering that day, in creation (= canonical) order.
    by_day: dict[tuple[int, str, dt.date], list[int]] = defaultdict(list)
    for _, is_released, event in items:
        chosen = _find_group(event, is_released, groups, by_day)
        if chosen is None:
            groups.append(_Group([event], is_released))
            chosen = len(groups) - 1
        else:
            groups[chosen].members.append(event)
            groups[chosen].released = groups[chosen].released or is_released
        start, end = _day_range(event)
        day = start
        while day <= end:
            slot = by_day[(event.iso, event.event_type.value, day)]
            if not slot or slot[-1] != chosen:
                slot.append(chosen)
            day += dt.timedelta(days=1)
    groups = _join_same_keeper(groups, released_ids)
    merged = [merge_group(g.members, released_ids) for g in groups]
    merged.sort(key=canonical_key)
    stats = MergeStats(
        input_events=len(items), output_events=len(merged),
        merged_groups=sum(1 for g in groups if len(g.members) > 1),
    )
    return merged, stats


def _keeper(members: Sequence[Event], released_ids: set[str] | frozenset[str]) -> Event:
    """The member whose ids the merged event keeps (module docstring)."""
    released = [m for m in members if m.event_id in released_ids]
    return released[0] if released else min(members, key=lambda m: m.event_id)


def _join_same_keeper(groups: list[_Group], released_ids: set[str]) -> list[_Group]:
    """Groups that would keep the same event_id are one event: reports with the same identity
    can land in different groups when their precisions differ; ids must stay unique."""
    by_id: dict[str, _Group] = {}
    for group in groups:
        event_id = _keeper(group.members, released_ids).event_id
        first = by_id.get(event_id)
        if first is None:
            by_id[event_id] = group
            continue
        first.members = sorted([*first.members, *group.members], key=canonical_key)
        first.released = first.released or group.released
    return list(by_id.values())


def _find_group(
    event: Event, is_released: bool, groups: Sequence[_Group],
    by_day: dict[tuple[int, str, dt.date], list[int]],
) -> int | None:
    start, end = _day_range(event)
    candidates: set[int] = set()
    day = start
    while day <= end:
        candidates.update(by_day.get((event.iso, event.event_type.value, day), ()))
        day += dt.timedelta(days=1)
    for index in sorted(candidates):
        group = groups[index]
        if is_released and group.released:
            continue
        if all(same_event(event, member) for member in group.members):
            return index
    return None


def _sorted_unique(values: Iterable[str]) -> list[str]:
    return sorted(set(values), key=lambda v: (v.casefold(), v))


def _source_scale(members: Sequence[Event], fallback: str | None) -> str | None:
    parts: set[str] = set()
    for member in members:
        rest = member.source_scale or ""
        for part in sorted(SOURCE_SCALE_PARTS, key=len, reverse=True):
            if part in rest:
                parts.add(part)
                rest = rest.replace(part, "")
    joined = "-".join(p for p in SOURCE_SCALE_PARTS if p in parts)
    return joined if joined and is_valid_source_scale(joined) else fallback


def _tags(members: Sequence[Event]) -> list[str]:
    tags = _sorted_unique(t for m in members for t in m.tags)
    crowd = [t for t in tags if t.startswith("crowd size=")]
    if len(crowd) > 1:
        # One crowd size per event: the first report (canonical order) that gives one.
        known = [t for m in members for t in m.tags
                 if t.startswith("crowd size=") and t != "crowd size=no report"]
        keep = known[0] if known else crowd[0]
        tags = [t for t in tags if not t.startswith("crowd size=") or t == keep]
    return tags


def _assoc(members: Sequence[Event], actor: str | None) -> list[str]:
    if actor is None:
        return []
    wanted = _key(actor)
    found: list[str] = []
    for m in members:
        if _key(m.actor1) == wanted:
            found.extend(m.assoc_actor_1)
        if m.actor2 is not None and _key(m.actor2) == wanted:
            found.extend(m.assoc_actor_2)
    return _sorted_unique(found)


def merge_group(members: Sequence[Event], released_ids: set[str] | frozenset[str] = frozenset(),
                ) -> Event:
    """One event from reports of the same event, given in canonical order."""
    if len(members) == 1:
        return members[0]
    keeper = _keeper(members, released_ids)
    by_time = min(members, key=lambda m: int(m.time_precision))
    by_place = min(members, key=lambda m: int(m.geo_precision))
    by_type = min(members, key=lambda m: m.sub_event_type.rank)
    by_actors = next((m for m in members if m.actor2 is not None), members[0])
    by_notes = min(members, key=lambda m: (int(m.time_precision), int(m.geo_precision)))
    figures = [m.fatalities for m in members if m.fatalities > 0]
    evidence = sorted({(e.article_id, e.start, e.end): e for m in members
                       for e in m.evidence}.items())
    fields = by_actors.model_dump()
    fields.update(
        event_id=keeper.event_id, event_id_cnty=keeper.event_id_cnty,
        event_date=by_time.event_date, year=by_time.event_date.year,
        time_precision=by_time.time_precision,
        sub_event_type=by_type.sub_event_type, event_type=by_type.event_type,
        disorder_type=by_type.disorder_type, civilian_targeting=by_type.civilian_targeting,
        assoc_actor_1=_assoc(members, by_actors.actor1),
        assoc_actor_2=_assoc(members, by_actors.actor2),
        location=by_place.location, admin1=by_place.admin1, admin2=by_place.admin2,
        admin3=by_place.admin3, latitude=by_place.latitude, longitude=by_place.longitude,
        geo_precision=by_place.geo_precision,
        source=_sorted_unique(s for m in members for s in m.source),
        source_scale=_source_scale(members, by_notes.source_scale),
        notes=by_notes.notes,
        fatalities=min(figures) if figures else 0,
        tags=_tags(members),
        timestamp=max(m.timestamp for m in members),
        article_ids=_sorted_unique(a for m in members for a in m.article_ids),
        evidence=[e for _, e in evidence],
        confidence=max(m.confidence for m in members),
        extractor_version=max(m.extractor_version for m in members),
    )
    return Event.model_validate(fields)
