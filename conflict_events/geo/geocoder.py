"""Text in, resolved places out: matching, mentions, disambiguation and precision together.

    from conflict_events import geo
    for place in geo.geocode("Shelling hit Hardatnin, north of Aleppo."):
        print(place.name, place.relation, place.location.admin1, place.location.geo_precision)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import ClassVar

from conflict_events.errors import GazetteerError, InputError
from conflict_events.geo.countrynames import country_mentions_detailed
from conflict_events.geo.disambiguate import Decision, Disambiguator
from conflict_events.geo.focus import AreaFocus, area_focus
from conflict_events.geo.gazetteer import Gazetteer, Place
from conflict_events.geo.local_areas import country_as_area
from conflict_events.geo.matcher import Matcher
from conflict_events.geo.mentions import Mention, build_mentions
from conflict_events.geo.precision import geo_precision
from conflict_events.schema.countries import country_by_name
from conflict_events.schema.models import Location
from conflict_events.spans import DisjointSpans, SpanCover

# Texts longer than this are refused: a news article is far shorter.
MAX_TEXT_CHARS = 5_000_000
# An admin area word right after a name: "Somali region" ("the Afghan state" is its government).
_AREA_WORD = re.compile(r"\s+(?:region|regional state|province|zone)\b", re.IGNORECASE)
# Ranking bonus of a place the text locates with the admin areas written after it.
LOCATED_BONUS = 0.15


@dataclass(frozen=True)
class ResolvedPlace:
    """A place mention resolved to ACLED geography columns."""

    start: int  # span of the name itself in the text
    end: int
    phrase_start: int  # span of the whole phrase, relation words included ("north of Aleppo")
    phrase_end: int
    name: str  # the surface form matched
    location: Location
    kind: str  # "place" | "district" | "admin1" | "admin2" | "country" | "feature"
    relation: str | None  # "near", "north of", "outskirts", "between", "countryside", ...
    raw_name: str | None  # a named place absent from the gazetteer, kept for the notes
    score: float
    # the text writes the admin areas the place lies in right after it ("X (Y, Z)", "X, Y")
    located: bool = False


@dataclass
class GeocodeResult:
    places: list[ResolvedPlace]
    country_focus: list[tuple[str, float]]  # ACLED country names with weights, largest first
    pass_counts: dict[str, int] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)  # per mention, for debugging
    # country names and demonyms in the text: (start, end, ACLED country name); missions and
    # country names inside longer place names ("Guatemala City") are left out
    countries: list[tuple[int, int, str]] = field(default_factory=list)
    # the actors, missions or zones of knowledge/geo/focus_areas.yaml found in the text
    area_focus: tuple[str, ...] = ()
    # the ACLED names of the countries the text names by their own name ("Northern Iraq"),
    # not only by a demonym ("Turkish forces")
    named_countries: tuple[str, ...] = ()

    def names_areas_of_places(self) -> bool:
        """Whether the text writes the admin area of a place it names ("Munjuglu, Tovuz",
        "X (Y, Z)") and the gazetteer knows that area by its exact name: the text says itself
        which country it is in."""
        return any(
            d.mention.context_of is not None and not d.mention.loose and d.place is not None
            and d.place.kind in ("admin1", "admin2")
            for d in self.decisions
        )


@dataclass(frozen=True)
class _Reading:
    """The part of a text's geocoding that no country hint changes: the names and country
    names found, the place mentions before disambiguation, the focus areas and the actors'
    countries."""

    text: str
    country_spans: list[tuple[int, int, str, str]]
    mentions: list[Mention]
    areas: AreaFocus | None
    actor_countries: tuple[str, ...]
    main_area: Place | None


class Geocoder:
    """Resolves place mentions in texts against one gazetteer. Reuse it: the automaton is built
    once per gazetteer."""

    _matchers: ClassVar[dict[int, Matcher]] = {}

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        key = id(self.gazetteer)
        matcher = Geocoder._matchers.get(key)
        if matcher is None or matcher.gazetteer is not self.gazetteer:
            matcher = Matcher(self.gazetteer)
            Geocoder._matchers[key] = matcher
        self.matcher = matcher
        self.pass_counts: Counter[str] = Counter()  # over every text this geocoder resolved
        self._last_reading: _Reading | None = None
        # validated Locations by (row, precision, name): the same towns recur in text after
        # text, and a copy costs a third of building and validating one again
        self._locations: dict[tuple[int, int, str | None], Location] = {}

    def resolve(self, text: str, country: str | None = None) -> GeocodeResult:
        if not isinstance(text, str):
            raise InputError(f"expected text as str, got {type(text).__name__}", input_name="text")
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(
                f"text of {len(text)} characters exceeds {MAX_TEXT_CHARS}", input_name="text"
            )
        hint = None
        if country:
            found = country_by_name(country)
            if found is None:
                raise GazetteerError(f"unknown country hint {country!r}")
            hint = found.alpha2
        reading = self._read(text)
        # the chain marks mentions (raw, focus village): each call works on its own copies
        mentions = [_copied(m) for m in reading.mentions]
        country_spans, areas = reading.country_spans, reading.areas
        disambiguator = Disambiguator(self.gazetteer)
        focus = disambiguator.country_focus(
            mentions, country_spans, hint, areas.single_countries if areas else (),
            reading.actor_countries,
        )
        decisions = disambiguator.resolve(mentions, focus, hint, areas)
        places = self._places(decisions, focus, len(text), reading.main_area)
        self.pass_counts.update(disambiguator.pass_counts)
        focus_named = []
        for code, weight in focus.items():
            found = country_by_name(code)
            if found is not None:
                focus_named.append((found.name, round(weight, 4)))
        countries = []
        by_name: dict[str, None] = {}
        for start, end, code, kind in country_spans:
            named = country_by_name(code)
            if named is not None and kind not in ("mission", "currency", "cue"):
                countries.append((start, end, named.name))
                if kind == "name":
                    by_name[named.name] = None
        return GeocodeResult(places, focus_named, dict(disambiguator.pass_counts), decisions,
                             countries, areas.entries if areas else (), tuple(by_name))

    def could_place_in(self, text: str, country: str) -> bool:
        """Whether resolving `text`, with any country hint, can give a place in `country` (an
        ACLED country name). False only when no name's candidates lie there: the chain chooses
        each name's place among its candidates, a name the gazetteer lacks takes another
        mention's place or a strict focus's main area, and an admin area is coded to its
        seat, in the same country. True for a country the table does not know (resolving
        then reports it)."""
        wanted = country_by_name(country)
        if wanted is None:
            return True
        reading = self._read(text)
        codes = {self.gazetteer.place(i).country_code
                 for mention in reading.mentions for i in mention.candidates}
        if reading.main_area is not None:
            codes.add(reading.main_area.country_code)
        return any(
            (named := country_by_name(code)) is not None and named.name == wanted.name
            for code in codes
        )

    def _read(self, text: str) -> _Reading:
        """What the text says before any country is chosen; kept for the last text, which
        the extractor reads again with the actors' country as a hint."""
        last = self._last_reading
        if last is not None and (last.text is text or last.text == text):
            return last
        found_names = self.matcher.find(text)
        names = DisjointSpans((m.start, m.end) for m in found_names)  # names never overlap
        # "Guatemala City", "Kuwait City": a longer place name holding a country name wins
        country_spans = []
        for span in country_mentions_detailed(text):
            holder = names.covering(span[0], span[1])
            if span[3] == "cue":
                # a cue the gazetteer knows as a place speaks through that place (a mention
                # never vouches for itself); "Nour Square" still counts beside a village Nour
                if holder is None:
                    country_spans.append(span)
                continue
            if holder is not None and span[3] == "demonym" and _AREA_WORD.match(text, span[1]):
                # "the Somali region", "Kurdistan Region": a demonym the gazetteer knows as a
                # name, before an admin area word, is the area's name (Ethiopia's Somali)
                continue
            if holder is None or holder[1] - holder[0] <= span[1] - span[0]:
                country_spans.append(span)
        # "Kagara (Rafi LGA, Niger)": a country's name that is an area of another country
        country_spans = [s for s in country_spans
                         if not country_as_area(text, s, found_names, self.gazetteer)]
        # cues are evidence only: the names they hold may still be places
        country_ranges = [(s, e) for s, e, _c, k in country_spans if k != "cue"]
        countries_taken = SpanCover(country_ranges)
        matches = [m for m in found_names if not countries_taken.meets(m.start, m.end)]
        mentions = build_mentions(text, matches, self.gazetteer, excluded=country_ranges)
        areas = area_focus(text)
        reading = _Reading(text, country_spans, mentions, areas, actor_countries(text),
                           areas.main_area(self.gazetteer) if areas else None)
        self._last_reading = reading
        return reading

    def _places(
        self,
        decisions: list[Decision],
        focus: dict[str, float],
        text_length: int,
        focus_area: Place | None = None,
    ) -> list[ResolvedPlace]:
        """Resolved places, best first (ties in text order)."""
        resolved: list[ResolvedPlace] = []
        chosen = [d.place for d in decisions if d.place is not None]
        # the areas the chosen places lie in, for `_only_context` (sets: texts may name
        # hundreds of places)
        located = (
            {(p.country_code, p.admin1) for p in chosen if p.kind != "admin1"},
            {(p.country_code, p.admin2) for p in chosen if p.kind == "place"},
        )
        nearest: list[Place | None] | None = None  # worked out at the first raw name
        qualified = {
            d.mention.qualifies for d in decisions if d.mention.qualifies is not None
        }
        # "protested in Lucknow city (UP)", "in X, Y province": the place a text locates
        # with its admin areas is the one it reports on
        located_by_areas = {
            d.mention.context_of for d in decisions if d.mention.context_of is not None
        }
        for index, decision in enumerate(decisions):
            mention, place = decision.mention, decision.place
            raw_name = None
            if place is None:
                if not mention.raw or mention.context_of is not None:
                    continue
                if nearest is None:
                    nearest = _nearest_with_place(decisions)
                place = nearest[index]
                if place is None and mention.focus_village:
                    # "the SMM observed explosions near X": a front-line village the
                    # gazetteer lacks, placed in the focus's main area
                    place = focus_area
                if place is None:
                    continue
                raw_name = mention.surface
            elif _only_context(place, located):
                # "Cuauhtemoc municipality, Chihuahua": the admin area places the town and adds
                # no location of its own.
                continue
            item = self._resolved(mention, place, raw_name, decision, focus, text_length)
            if mention.qualifies is not None:
                # "X, north of Y": Y is a landmark for X, not where things happened
                item = replace(item, score=round(max(0.0, item.score - 0.3), 4))
            elif index in qualified:
                item = replace(item, score=round(min(1.0, item.score + 0.25), 4))
            if index in located_by_areas and mention.qualifies is None:
                item = replace(item, score=round(min(1.0, item.score + LOCATED_BONUS), 4),
                               located=True)
            resolved.append(item)
        resolved.sort(key=lambda r: -r.score)
        return resolved

    def _resolved(
        self,
        mention: Mention,
        place: Place,
        raw_name: str | None,
        decision: Decision,
        focus: dict[str, float],
        text_length: int,
    ) -> ResolvedPlace:
        kind = "place" if raw_name else place.kind
        relation = mention.relation
        precision = geo_precision(kind, relation, raw_name=raw_name is not None)
        target = place
        location_name = None
        if place.kind in ("admin1", "admin2"):
            seat = self.gazetteer.seat(place)
            if seat is not None:
                target = seat
        elif mention.district and kind in ("place", "district"):
            location_name = f"{place.name} - {mention.district}"
        if raw_name and (mention.focus_village or mention.kept_name):
            # the village's own name: its area is known, its point only to precision 2
            location_name = raw_name
        location = self._location(target, int(precision), location_name)
        score = _score(mention, place, raw_name, decision, focus, text_length)
        return ResolvedPlace(
            start=mention.start,
            end=mention.end,
            phrase_start=mention.phrase_start,
            phrase_end=mention.phrase_end,
            name=mention.surface,
            location=location,
            kind="district" if location_name else kind,
            relation=relation,
            raw_name=raw_name,
            score=round(score, 4),
        )

    def _location(self, place: Place, precision: int, name: str | None) -> Location:
        key = (place.index, precision, name)
        location = self._locations.get(key)
        if location is None:
            if len(self._locations) >= 100_000:  # bounded over endless corpora
                self._locations.clear()
            location = self._locations[key] = place.to_location(geo_precision=precision,
                                                                location=name)
        # a copy: callers own the Locations they are given
        return location.model_copy()


@lru_cache(maxsize=8)  # a text read again with a country hint is not scanned again
def actor_countries(text: str) -> tuple[str, ...]:
    """The home countries (alpha-2) of the named actors in `text` that work at home only:
    rebels, militias, parties, a state's own forces named as such ("LNA", "Taliban"). Each
    actor counts once; international actors and groups active in several countries do not
    count, nor forms written in lower case ("return" is a word before it is a group)."""
    from conflict_events.knowledge.actors import load_actor_lexicon

    codes: dict[str, str] = {}
    for found in load_actor_lexicon().match(text):
        entry = found.entry
        if (
            entry.country is None
            or entry.operates_in
            or entry.inter == 8
            or not any(ch.isupper() for ch in found.text)
        ):
            continue
        country = country_by_name(entry.country)
        if country is not None:
            codes[entry.name] = country.alpha2
    return tuple(codes.values())


def _copied(mention: Mention) -> Mention:
    """A shallow copy of a mention, as copy.copy makes it, without the reduce protocol's
    Python steps (a quarter of the time; every mention of every text is copied)."""
    new = object.__new__(Mention)
    new.__dict__.update(mention.__dict__)
    return new


def _score(
    mention: Mention,
    place: Place,
    raw_name: str | None,
    decision: Decision,
    focus: dict[str, float],
    text_length: int,
) -> float:
    """How likely this is the place the text is about, for ranking: said as a location ("in X",
    "near X"), in the article's main country, specific, unambiguous, early in the text."""
    score = 0.4
    if mention.locative or mention.relation:
        score += 0.25
    if focus and place.country_code == next(iter(focus)):
        score += 0.15
    if place.kind == "admin1":
        score -= 0.15
    elif place.kind == "admin2":
        score -= 0.05
    if raw_name:
        score -= 0.1
    score -= 0.1 * min(1.0, math.log1p(max(0, decision.alternatives - 1)) / 3)
    score += 0.1 * (1 - mention.start / max(1, text_length))
    return max(0.0, min(1.0, score))


def _only_context(
    place: Place, located: tuple[set[tuple[str, str | None]], set[tuple[str, str | None]]]
) -> bool:
    """An admin area that another chosen place lies in only says where that place is."""
    if place.kind == "admin1":
        return (place.country_code, place.admin1) in located[0]
    if place.kind == "admin2":
        return (place.country_code, place.admin2) in located[1]
    return False


def _nearest_with_place(decisions: list[Decision]) -> list[Place | None]:
    """For each mention, the known place a raw (unknown) name there is coded to: that of the
    closest mention after it (ACLED's "X (district, province)" puts the admin areas right
    after), else before it. One pass each way."""
    after: list[Place | None] = [None] * len(decisions)
    following: Place | None = None
    for index in range(len(decisions) - 1, -1, -1):
        after[index] = following
        if decisions[index].place is not None:
            following = decisions[index].place
    nearest: list[Place | None] = [None] * len(decisions)
    preceding: Place | None = None
    for index, decision in enumerate(decisions):
        nearest[index] = after[index] if after[index] is not None else preceding
        if decision.place is not None:
            preceding = decision.place
    return nearest


_default_geocoder: dict[int, Geocoder] = {}


def geocode(
    text: str, country: str | None = None, *, gazetteer: Gazetteer | None = None
) -> list[ResolvedPlace]:
    """Resolved places of `text` in text order. `country` (ACLED name or ISO code) is a hint."""
    gaz = gazetteer or Gazetteer.default()
    geocoder = _default_geocoder.get(id(gaz))
    if geocoder is None or geocoder.gazetteer is not gaz:
        geocoder = Geocoder(gaz)
        _default_geocoder.clear()
        _default_geocoder[id(gaz)] = geocoder
    return geocoder.resolve(text, country).places
