"""Admin-area focus: actors, missions and conflict zones that place an article in a few areas.

"The SMM observed 6 explosions near Lozove" is about the Donbas front line, so Lozove is the
village in Donetsk oblast, not its namesake in Crimea. The knowledge is
conflict_events/knowledge/geo/focus_areas.yaml (format and provenance there); this module reads
and validates it and finds its cues in texts. The disambiguation chain uses the result in its
`area_focus` pass (geo/disambiguate.py).

    from conflict_events.geo.focus import area_focus
    focus = area_focus("DPR forces shelled Lozove.")
    focus.areas        # {"UA": frozenset({<admin key of Donetsk>})}
    focus.strict       # True: the forces fight only there
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from conflict_events.errors import KnowledgeError
from conflict_events.extract.anchors import AnchoredRegex, fold
from conflict_events.geo.aliases import admin_keys
from conflict_events.knowledge.yaml_files import read_yaml
from conflict_events.schema.countries import known_alpha2

if TYPE_CHECKING:
    from conflict_events.geo.gazetteer import Gazetteer, Place


class FocusExample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    areas: list[str]  # the area names expected in focus; empty: the entry must not apply


class FocusEntry(BaseModel):
    """One actor, mission or zone and the admin areas it places an article in."""

    model_config = ConfigDict(extra="forbid")
    name: str
    cues: list[list[str]] = Field(min_length=1)
    areas: dict[str, list[str]] = Field(min_length=1)
    strict: bool = False
    # a front line the entry's actors or missions watch, as (latitude, longitude) points in
    # order: of several namesakes inside the areas, those on the line are meant
    line: list[tuple[float, float]] = Field(default_factory=list)
    provenance: str = Field(min_length=10)
    examples: list[FocusExample] = Field(min_length=1)

    @field_validator("cues")
    @classmethod
    def _phrases(cls, value: list[list[str]]) -> list[list[str]]:
        if any(not group or any(not p.strip() for p in group) for group in value):
            raise ValueError("every cue group needs at least one non-empty phrase")
        return value

    @field_validator("line")
    @classmethod
    def _points(cls, value: list[tuple[float, float]]) -> list[tuple[float, float]]:
        if len(value) == 1:
            raise ValueError("a line needs at least two points")
        for lat, lon in value:
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"({lat}, {lon}) is no latitude and longitude")
        return value

    @field_validator("areas")
    @classmethod
    def _countries(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for code, names in value.items():
            known_alpha2(code)
            if not names:
                raise ValueError(f"no areas for {code}")
        return value


class FocusAreas(BaseModel):
    """knowledge/geo/focus_areas.yaml."""

    model_config = ConfigDict(extra="forbid")
    entries: list[FocusEntry]


def _km_to_line(latitude: float, longitude: float, line: tuple[tuple[float, float], ...]) -> float:
    """Distance in km from a point to a line of (latitude, longitude) points, on a plane
    tangent at the point (lines are a few hundred km long)."""
    scale = math.cos(math.radians(latitude)) * 111.2
    px, py = longitude * scale, latitude * 111.2
    best = math.inf
    for (lat1, lon1), (lat2, lon2) in pairwise(line):
        ax, ay, bx, by = lon1 * scale, lat1 * 111.2, lon2 * scale, lat2 * 111.2
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if not length else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
        best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


@dataclass(frozen=True)
class AreaFocus:
    """The admin areas a text's actors, missions or zones place it in."""

    areas: dict[str, frozenset[str]]  # country code -> admin keys (geo.aliases.admin_keys)
    strict: frozenset[str]  # countries where a strict entry applies (see the YAML's header)
    entries: tuple[str, ...]  # names of the entries whose cues were found
    # (country code, area name): the main area of the first strict entry found, where a
    # village the gazetteer lacks is placed when the text names no other known place
    fallback: tuple[str, str] | None = None
    # the front lines of the entries found (see FocusEntry.line)
    lines: tuple[tuple[tuple[float, float], ...], ...] = ()

    def km_to_line(self, latitude: float, longitude: float) -> float:
        """Distance in km from the point to the nearest of the focus's front lines (infinite
        without a line)."""
        return min((_km_to_line(latitude, longitude, line) for line in self.lines),
                   default=math.inf)

    def contains(self, country_code: str, admin1: str | None, admin2: str | None) -> bool:
        keys = self.areas.get(country_code)
        if not keys:
            return False
        return any(area and admin_keys(area, country_code) & keys for area in (admin1, admin2))

    def main_area(self, gazetteer: Gazetteer) -> Place | None:
        """The admin area where a village the gazetteer lacks is placed under a strict focus
        (the `fallback`), as a place of `gazetteer`; None without a strict focus."""
        if self.fallback is None:
            return None
        return gazetteer.admin1_area(*self.fallback)

    @property
    def single_countries(self) -> list[str]:
        """The country of each entry that names one country only (evidence for the country
        focus, like a mission that works in one country)."""
        return [codes[0] for codes in _entry_countries(self.entries) if len(codes) == 1]


class _Cue(NamedTuple):
    """A cue phrase's pattern and the pieces of it that any match contains, case-folded:
    substring tests on the case-folded text rule most texts out before the regex runs. A text
    is only read for the cues whose `key` it holds: the longest piece of a name in the phrase
    ("dpr" of "DPR forces", not "forces"), else its longest piece ("" when none). The
    pattern is tried only where it can begin (`scan`: its leading look-behind would have the
    regex engine try every character)."""

    pieces: frozenset[str]
    pattern: re.Pattern[str]
    key: str
    scan: AnchoredRegex


def _cue(phrase: str) -> _Cue:
    words = [piece for word in phrase.split() for piece in re.split(r"['’]", word)
             if len(piece) > 1]
    named = [piece for piece in words if piece[0].isupper()]
    pattern = _phrase_pattern(phrase)
    return _Cue(frozenset(_cue_fold(p) for p in words), pattern,
                _cue_fold(max(named or words, key=len, default="")), AnchoredRegex(pattern))


def _cue_fold(text: str) -> str:
    # case-folded as the regexes' IGNORECASE matches: also "ı" as "i", which casefold keeps
    return text.casefold().replace("ı", "i")


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = phrase.split()
    parts = []
    for word in words:
        # apostrophes straight, curly or missing ("People's", "Peoples")
        parts.append("['’]?".join(re.escape(piece) for piece in re.split(r"['’]", word)))
    body = r"[\s-]+".join(parts)
    acronym = any(sum(ch.isupper() for ch in word) >= 2 for word in words)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", 0 if acronym else re.IGNORECASE)


@dataclass(frozen=True)
class _CompiledEntry:
    name: str
    groups: tuple[tuple[_Cue, ...], ...]
    areas: dict[str, frozenset[str]]
    strict: bool
    main_area: tuple[str, str]  # the first area listed
    line: tuple[tuple[float, float], ...]


@cache
def focus_areas() -> FocusAreas:
    path = resources.files("conflict_events.knowledge").joinpath("geo/focus_areas.yaml")
    data = read_yaml(path)
    try:
        return FocusAreas.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(f"focus_areas.yaml: {exc}") from exc


@cache
def _compiled() -> tuple[_CompiledEntry, ...]:
    entries = []
    for entry in focus_areas().entries:
        groups = tuple(tuple(_cue(p) for p in group) for group in entry.cues)
        areas = {
            code: frozenset(k for name in names for k in admin_keys(name, code))
            for code, names in entry.areas.items()
        }
        code, names = next(iter(entry.areas.items()))
        entries.append(_CompiledEntry(entry.name, groups, areas, entry.strict, (code, names[0]),
                                      tuple(entry.line)))
    return tuple(entries)


@cache
def _cues_by_key() -> dict[str, list[tuple[int, int, _Cue]]]:
    """The cues as (entry number, group number, cue) by their key."""
    index: dict[str, list[tuple[int, int, _Cue]]] = {}
    for number, entry in enumerate(_compiled()):
        for group_number, group in enumerate(entry.groups):
            for cue in group:
                index.setdefault(cue.key, []).append((number, group_number, cue))
    return index


@cache
def _keys_automaton() -> ahocorasick.Automaton | None:
    """Every cue's key in one automaton: one pass over the text finds which it holds. Common
    words ("the", "of", "forces") are seldom a key, and their hits are not read."""
    keys = sorted(key for key in _cues_by_key() if key)
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


@cache
def _countries_by_name() -> dict[str, tuple[str, ...]]:
    return {e.name: tuple(e.areas) for e in _compiled()}


def _entry_countries(names: tuple[str, ...]) -> list[tuple[str, ...]]:
    table = _countries_by_name()
    return [table[name] for name in names if name in table]


@lru_cache(maxsize=4)  # a text read again with a country hint is not searched again
def area_focus(text: str) -> AreaFocus | None:
    """The areas the entries found in `text` focus it on, or None when none applies."""
    if not text:
        return None
    areas: dict[str, set[str]] = {}
    strict: set[str] = set()
    names: list[str] = []
    fallback: tuple[str, str] | None = None
    lines: list[tuple[tuple[float, float], ...]] = []
    folded = _cue_fold(text)
    automaton = _keys_automaton()
    held = {key for _end, key in automaton.iter(folded)} if automaton else set()
    # the groups of cues one of which the text holds, as (entry number, group number)
    found: set[tuple[int, int]] = set()
    anchors_fold: str | None = None  # the fold AnchoredRegex reads, made when first needed
    for key in ("", *held):
        for number, group_number, cue in _cues_by_key().get(key, ()):
            if (number, group_number) in found or not all(p in folded for p in cue.pieces):
                continue
            anchors_fold = fold(text) if anchors_fold is None else anchors_fold
            if next(cue.scan.finditer(text, folded=anchors_fold), None) is not None:
                found.add((number, group_number))
    for number, entry in enumerate(_compiled()):
        if all((number, group_number) in found for group_number in range(len(entry.groups))):
            names.append(entry.name)
            if entry.strict and fallback is None:
                fallback = entry.main_area
            if entry.line:
                lines.append(entry.line)
            for code, keys in entry.areas.items():
                areas.setdefault(code, set()).update(keys)
                if entry.strict:
                    strict.add(code)
    if not names:
        return None
    return AreaFocus(
        {c: frozenset(k) for c, k in areas.items()}, frozenset(strict), tuple(names), fallback,
        tuple(lines),
    )
