"""One event per actor pair, place and day (codebook 1.3).

Mentions of the same event in several sentences are merged: same day, same location and the
same actors (a one-sided mention joins a two-sided one that shares its actor). The merged event
takes the highest sub-event type in ACLED's hierarchy; a Battle absorbs remote violence between
the same actors on that day and place. Different actor pairs stay separate events."""

from __future__ import annotations

import re

from conflict_events.extract.doc import EventMention
from conflict_events.schema.taxonomy import EventType, SubEventType

# "Military Forces of Russia (2000-) Air Force" is the Military Forces of Russia (2000-): a
# unit of a state's forces is the same side when mentions of one event are merged
_UNIT = re.compile(r"^(.*?\(\d{4}-\d{0,4}\)).+$")


def _side(name: str) -> str:
    return _UNIT.sub(r"\1", name)


def _actors(m: EventMention, named_only: bool = False) -> set[str]:
    """The actors of a mention, without a default standing in for an unnamed actor1 (and,
    with `named_only`, for an unnamed actor2: "A clash broke out. Two Al Shabaab militants
    were killed in the clash." names one side of the fight told before)."""
    return {_side(a) for a in ((None if m.placeholder1 else m.actor1),
                               (None if named_only and m.placeholder2 else m.actor2)) if a}


_TERRITORY = {SubEventType.GOVERNMENT_REGAINS_TERRITORY.value,
              SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY.value}


def _priority(m: EventMention) -> int:
    sub = SubEventType(m.sub_event_type)
    # A protest that turned violent is coded as the riot (codebook 1.2), despite Protests
    # ranking above Riots in the hierarchy.
    if sub.event_type is EventType.RIOTS:
        return 0
    return sub.rank


_UNIDENTIFIED = "Unidentified "


def _joins_named(u: EventMention, n: EventMention) -> bool:
    """u reports n's event with its attackers unnamed: "The assault began at dawn, when dozens
    of gunmen fired on the base" after "JNIM fighters stormed the base". Both are of the same
    sub-event type; u's actor1 is unnamed and its actor2, if any, unnamed or one of n's sides;
    n's actor1 is named."""
    if not (u.placeholder1 or u.actor1.startswith(_UNIDENTIFIED)):
        return False
    if n.placeholder1 or n.actor1.startswith(_UNIDENTIFIED):
        return False
    a2 = u.actor2
    return u.sub_event_type == n.sub_event_type and (
        a2 is None or a2.startswith(_UNIDENTIFIED) or _side(a2) in _actors(n))


def _same_event(a: EventMention, b: EventMention) -> bool:
    if a.day != b.day or a.place.location.location != b.place.location.location:
        return False
    sa, sb = _actors(a), _actors(b)
    ta = SubEventType(a.sub_event_type).event_type
    tb = SubEventType(b.sub_event_type).event_type
    if ta == tb and (_joins_named(a, b) or _joins_named(b, a)):
        # the unnamed attackers of a same-type event that day and place are the group named
        return True
    if (a.placeholder1 or b.placeholder1) and ta == tb:
        # an event whose actor went unnamed joins the same-type event of that day and place
        return not (sa and sb) or bool(sa & sb)
    if sa == sb:
        return True
    if (sa <= sb or sb <= sa) and ta == tb:
        return True
    na, nb = _actors(a, named_only=True), _actors(b, named_only=True)
    if ta == tb and na and nb and (na <= nb or nb <= na):
        return True
    # Remote violence during a fight is part of the fight; a capture is an outcome, and air
    # strikes that prepared it stay their own event.
    clash = SubEventType.ARMED_CLASH.value
    battle_remote = {ta, tb} == {EventType.BATTLES, EventType.EXPLOSIONS_REMOTE_VIOLENCE} and (
        clash in (a.sub_event_type, b.sub_event_type))
    if battle_remote and bool(sa & sb):
        return True
    # A demonstration that turns violent the same day and place is one Riots event.
    if {ta, tb} == {EventType.PROTESTS, EventType.RIOTS}:
        return True
    # Arrests at a demonstration are the intervention against it.
    arrests = SubEventType.ARRESTS.value
    return (ta is EventType.PROTESTS and b.sub_event_type == arrests) or (
        tb is EventType.PROTESTS and a.sub_event_type == arrests)


def _merge(keep: EventMention, other: EventMention) -> EventMention:
    if _joins_named(other, keep) or _joins_named(keep, other):
        # an unnamed report of the event ("the shells fell among the shelters") adds its
        # sentences and toll to the named report, which keeps its sides, type and targeting
        named, unnamed = (keep, other) if _joins_named(other, keep) else (other, keep)
        named.sentences = sorted(set(named.sentences) | set(unnamed.sentences))
        named.fatalities = max(named.fatalities, unnamed.fatalities)
        named.confidence = max(named.confidence, unnamed.confidence)
        named.time_precision = min(named.time_precision, unnamed.time_precision)
        return named
    first, second = sorted((keep, other), key=_priority)
    if second.sub_event_type == SubEventType.ARRESTS.value and (
        SubEventType(first.sub_event_type).event_type is EventType.PROTESTS
    ):
        if first.sub_event_type == SubEventType.PEACEFUL_PROTEST.value:
            first.sub_event_type = SubEventType.PROTEST_WITH_INTERVENTION.value
        if first.actor2 is None:
            first.actor2, first.inter2 = second.actor1, second.inter1
        first.sentences = sorted(set(first.sentences) | set(second.sentences))
        return first
    if first.placeholder1 and not second.placeholder1 and second.inter1 != 7:
        # the unnamed actor is the one the other mention names (never civilians: the people
        # "forced to flee" by the fighting did not set off the bomb)
        first.actor1, first.inter1, first.placeholder1 = second.actor1, second.inter1, False
        first.actor1_text = second.actor1_text
        if second.actor2 is not None and first.actor2 in (None, first.actor1):
            first.actor2, first.inter2 = second.actor2, second.inter2
        if first.sub_event_type in _TERRITORY:
            # who took the place decides the territorial sub-event type (codebook 1.2)
            first.sub_event_type = (SubEventType.GOVERNMENT_REGAINS_TERRITORY.value
                                    if first.inter1 == 1 else
                                    SubEventType.NON_STATE_ACTOR_OVERTAKES_TERRITORY.value)
    if (first.actor2 is None or first.placeholder2) and second.actor2 is not None and (
            not second.placeholder2) and second.actor2 != first.actor1:
        # the other mention names the side this one left unnamed
        first.actor2, first.inter2, first.placeholder2 = second.actor2, second.inter2, False
        first.actor2_text = second.actor2_text
    first.sentences = sorted(set(first.sentences) | set(second.sentences))
    # The same toll is often restated; distinct tolls of one event are rarely split across
    # sentences that both hold a trigger. Keep the larger figure, never a sum.
    first.fatalities = max(first.fatalities, second.fatalities)
    first.confidence = max(first.confidence, second.confidence)
    first.civilian_targeting = first.civilian_targeting or (
        second.civilian_targeting and SubEventType(first.sub_event_type).event_type
        is not EventType.BATTLES
    )
    first.time_precision = min(first.time_precision, second.time_precision)
    for label in second.assoc1:
        if label not in first.assoc1:
            first.assoc1.append(label)
    return first


def aggregate(mentions: list[EventMention]) -> list[EventMention]:
    merged: list[EventMention] = []
    # Only mentions of the same day and place can be one event, and a merge keeps both, so
    # merged events are indexed by them: linear in the mentions, not quadratic.
    by_day_place: dict[tuple[object, object], list[int]] = {}
    for m in mentions:
        key = (m.day, m.place.location.location)
        same_key = by_day_place.setdefault(key, [])
        candidates = [k for k in same_key if _same_event(merged[k], m)]
        if not candidates:
            same_key.append(len(merged))
            merged.append(m)
            continue
        if not candidates:
            merged.append(m)
            continue
        # prefer the mention of the same event type (a capture joins the fight it ended
        # rather than the shelling before it)
        kind = SubEventType(m.sub_event_type).event_type
        k = next((k for k in candidates
                  if SubEventType(merged[k].sub_event_type).event_type is kind), candidates[0])
        merged[k] = _merge(merged[k], m)
    return merged


def _unknown(name: str | None, placeholder: bool, text: str | None = None) -> bool:
    """No side named: none, a default standing in, or an unidentified group the text gave no
    words for (`text`, the acting side's own words; "gunmen" are a side the text names)."""
    return name is None or placeholder or (
        text is not None and text == name and name.startswith("Unidentified Armed Group"))


def sides_from_earlier_battle(mentions: list[EventMention]) -> None:
    """A fight told with one side left unnamed ("the fighting continues", "troops captured
    three villages") is the fight the article reported before between that side and a named
    enemy: the enemy is the other side (a coder reads the article, not the sentence)."""
    named: list[EventMention] = []
    for m in mentions:
        if SubEventType(m.sub_event_type).event_type is not EventType.BATTLES:
            continue
        unknown1 = _unknown(m.actor1, m.placeholder1, m.actor1_text)
        unknown2 = _unknown(m.actor2, m.placeholder2)
        if not unknown1 and not unknown2:
            named.append(m)
            continue
        if unknown1 == unknown2:
            continue
        known = _side(m.actor2 if unknown1 else m.actor1)  # type: ignore[arg-type]
        country = m.place.location.country
        for e in reversed(named):
            if e.place.location.country != country:
                continue
            pair = (_side(e.actor1), _side(e.actor2 or ""))
            if known not in pair:
                continue
            if pair[0] == known:
                enemy, inter, text = e.actor2, e.inter2, e.actor2_text
            else:
                enemy, inter, text = e.actor1, e.inter1, e.actor1_text
            if enemy is None:
                continue
            if unknown1:
                m.actor1, m.inter1, m.placeholder1, m.actor1_text = enemy, inter, False, text
            else:
                m.actor2, m.inter2, m.placeholder2, m.actor2_text = enemy, inter, False, text
            break
