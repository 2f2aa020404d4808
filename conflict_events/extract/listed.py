"""Events told at several places at once: "clashes on the Sirwah (Marib), Nihm (Sanaa), and
Al Jawf frontlines", "operations in Kabul, Ghor, Laghman, and Balkh provinces", "shelling on
the Al Kirsh front (Al Qabbaytah, Lahij) and the Murays front (Qaatabah, Ad Dali)".

ACLED codes one event per location and divides a total of fatalities among them, the odd
remainder to the first (CODEBOOK 1.3, 1.8). Only places of a list in different admin1 areas are
split here: quarters and villages of one area listed together are most often one report; and a
list must end with "and" ("San Cristobal, Bogota" is a quarter and its city).

A list the text sums a count over is one figure, not one event per place: "in Tripoli and
Sidon combined", "Kunduz and Baghlan together", "... between them", "the combined toll in X and
Y". Such a tally recaps events told one by one elsewhere (or a period's count); only a toll
said of the events themselves ("attacked checkpoints in X and Y, killing 7 policemen in all") is
divided among the places, as CODEBOOK 1.8 divides multi-location totals."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from conflict_events.extract.doc import PlaceMention

# The areas written in a parenthesis after a name: "(Sirwah, Marib)".
_PARENTHESIS = re.compile(r"\([^()]{0,100}\)")
# What may stand between a place and its parenthesis: a word saying what it is ("front").
_BEFORE_PARENTHESIS = re.compile(r"(?:\s+[a-z]{2,12})?\s*")
# What joins two items of a list: a comma, "and", or both.
# (Each alternative owns its leading spaces: "\s*" before a choice that may begin with "\s+"
# backtracks through every split of a run of spaces.)
_JOINT = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
_NEXT_PLACE = re.compile(_JOINT)
# ... and before an item the gazetteer knows only by the areas in its parenthesis, that item's
# own name ("Bab Ghaliq (Qaatabah, Ad Dali)"), perhaps with what it is ("Murays front (...)")
_NEXT_NAME = re.compile(
    _JOINT + r"(?:(?:[A-Z][\w'’-]*|al|el|ad|ar|as|an|ash|at|az|de|la|front|frontline|area|"
    r"district|sector|region|mountain|valley)\s+){1,6}"
)
_AND = re.compile(r"\band\b", re.IGNORECASE)
# A tally word right after the list ("Tripoli and Sidon combined"), or "combined"/"joint" with
# a count before it ("the combined death toll in Tripoli and Sidon").
_TALLY_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:combined|together(?!\s+with)|taken together|altogether|in total|"
    r"between them)\b",
    re.IGNORECASE,
)
_TALLY_BEFORE = re.compile(
    r"\b(?:combined|joint)\s+(?:[a-z]+\s+){0,3}(?:in|of|for|across)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE)


@dataclass
class _Item:
    """One item of a possible list: a place, with the parenthesis of areas after it if any, or
    a parenthesis of areas alone, standing for the name before it."""

    start: int
    end: int
    place: PlaceMention
    bare: bool  # a parenthesis alone: its name is not a place of its own


def listed_places(
    text: str, places: Sequence[PlaceMention], chosen: PlaceMention
) -> list[PlaceMention]:
    """The places of the list `chosen` is written in, in text order, one per admin1 area
    (`chosen` stands for its own); just [chosen] when it is in no list of several areas.
    A place said with a relation ("between X and Y", "north of X") is no item of a list."""
    if chosen.relation is not None or chosen.location is None:
        return [chosen]
    items = _items(text, places, chosen)
    current = next((k for k, item in enumerate(items) if item.place is chosen), None)
    if current is None:
        return [chosen]
    first = last = current
    while last + 1 < len(items) and _joined(text, items[last], items[last + 1]):
        last += 1
    while first > 0 and _joined(text, items[first - 1], items[first]):
        first -= 1
    chain = items[first:last + 1]
    if (
        len(chain) < 2
        or not _AND.search(text, chain[-2].end, chain[-1].start)
        # "arrived from Atlantico and Bolivar": where people came from, not the event's place
        or _FROM.search(text, max(0, chain[0].start - 30), chain[0].start)
        # "in Tripoli and Sidon combined": one figure summed over the places
        or _TALLY_AFTER.match(text, chain[-1].end)
        or _TALLY_BEFORE.search(text, max(0, chain[0].start - 40), chain[0].start)
    ):
        return [chosen]
    kept: list[PlaceMention] = []
    for item in chain:
        area = _area(item.place)
        same = next((k for k, p in enumerate(kept) if _area(p) == area), None)
        if same is None:
            kept.append(item.place)
        elif item.place is chosen:
            kept[same] = chosen  # the chosen place stands for its area
    return kept if len(kept) > 1 else [chosen]


def _area(place: PlaceMention) -> tuple[str, str | None]:
    return (place.location.country, place.location.admin1)


def _items(text: str, places: Sequence[PlaceMention], chosen: PlaceMention) -> list[_Item]:
    """The places and parentheses of areas in text order."""
    if not places:
        return []
    low = min(p.start for p in places)
    high = max(p.end for p in places)
    groups = [(m.start(), m.end()) for m in _PARENTHESIS.finditer(text, max(0, low - 200),
                                                                  min(len(text), high + 200))]
    inside: dict[tuple[int, int], list[PlaceMention]] = {}
    items: list[_Item] = []
    owned: set[tuple[int, int]] = set()
    for place in sorted(places, key=lambda p: p.start):
        if place.location is None or (place.relation is not None and place is not chosen):
            continue
        group = next((g for g in groups if g[0] < place.start and place.end <= g[1]), None)
        if group is not None:
            inside.setdefault(group, []).append(place)
            continue
        end = place.end
        after = _BEFORE_PARENTHESIS.match(text, end)
        following = next((g for g in groups if after is not None and g[0] == after.end()), None)
        if following is not None:
            owned.add(following)
            end = following[1]
        items.append(_Item(place.start, end, place, bare=False))
    for group, held in inside.items():
        if group in owned:
            continue
        # the chosen place stands for its parenthesis; else the first, most specific area
        place = chosen if chosen in held else held[0]
        items.append(_Item(group[0], group[1], place, bare=True))
    items.sort(key=lambda item: item.start)
    return items


def _joined(text: str, first: _Item, second: _Item) -> bool:
    if second.bare:
        return _NEXT_NAME.fullmatch(text, first.end, second.start) is not None
    return _NEXT_PLACE.fullmatch(text, first.end, second.start) is not None

