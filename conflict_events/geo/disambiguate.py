"""Choose one place per mention with an ordered chain of explicit passes (in the manner of CLIFF).

Each pass narrows a mention's candidate places when it can and keeps them all when it cannot;
`pass_counts` records how often each pass narrowed something, for debugging:

1. country_hint     the caller's country (a user hint).
2. country_focus    the article's countries: country names and demonyms, unambiguous place
                    and admin-area mentions (weighted).
3. admin_context    candidates inside an admin area the text also names ("X (Y, Z)").
4. area_focus       candidates inside the admin areas the text's actors, missions or zones
                    focus it on (geo/focus.py: "the SMM observed explosions near X" is in the
                    Donbas); where the focus is strict a village outside them is one the
                    gazetteer lacks, not a namesake far away.
5. area_cue         "X province" wants an admin area; "X town" or a bare name wants a place.
6. proximity        candidates near places the text names unambiguously.
7. prominence       source (supplements, country files, world), then population.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache, partial
from typing import NamedTuple

import numpy as np

from conflict_events.geo.aliases import admin_keys
from conflict_events.geo.focus import AreaFocus
from conflict_events.geo.gazetteer import Gazetteer, Place
from conflict_events.geo.keys import ARABIC_ARTICLES, fold_name, loose_key
from conflict_events.geo.mentions import ADMIN_CUES, Mention

PASSES = (
    "country_hint",
    "country_focus",
    "admin_context",
    "area_focus",
    "area_cue",
    "proximity",
    "prominence",
)

# A mention none of whose candidates lies in a focus country is treated as a name the gazetteer
# lacks (a raw name) when the focus is at least this clear and the place is not a large city.
STRONG_FOCUS = 0.5
FOREIGN_CITY_POPULATION = 500_000
DOMINANT_POPULATION = 100_000
ADMIN1_NOTABILITY = 1_000_000
ADMIN2_NOTABILITY = 100_000
KNOWN_CITY_POPULATION = 100_000
# A country is in focus when its weight is at least this share of the top country's weight.
FOCUS_SHARE = 0.3
PROXIMITY_KM = 120.0
# Degrees of latitude further than PROXIMITY_KM, with a margin (a degree is 111.2 km).
LATITUDE_BAND = 1.2
# A hamlet of a country file this close to a town the text names may be the one meant.
HAMLET_KM = 40.0
# A place this close to the front line a focus names lies on it (the places reported lie
# within sight of the line); of several, those within LINE_MARGIN_KM of the nearest.
LINE_KM = 25.0
LINE_MARGIN_KM = 3.0
# A place this close to a town or area written after it lies there whatever its admin area.
BESIDE_KM = 15.0
# A hamlet of a country file (fewer inhabitants, or none recorded) is no clue to the country
# on its own.
LONE_VILLAGE_POPULATION = 1_000
# The world build holds the towns of more people than this (GeoNames' cities500) and the seats
# of admin areas: a smaller place comes from a country file alone (`_file_hamlet`).
WORLD_MIN_POPULATION = 500
# Country evidence of a named actor that works in its home country only.
ACTOR_WEIGHT = 0.5
# Country evidence of a name of knowledge/geo/country_cues.yaml, and its cap per country.
CUE_WEIGHT = 0.5
CUE_CAP = 1.0
# A tolerant-key guess in a text that names no country is kept only for a town this large.
LOOSE_DOMINANT_POPULATION = 100_000
# ... or for a town this large when the text marks the name as a place ("in X", "X town").
MARKED_LOOSE_POPULATION = 10_000
MARKED_LOOSE_LETTERS = 5  # letters of the tolerant key ("Kafr Qaseem": kfrksm)
ADMIN1_NOTABILITY = 1_000_000
ADMIN2_NOTABILITY = 100_000
SPELLED_ALIKE = 0.8
# A town of this size, its name spelled this much alike, is the place a name written as a town
# or district means when only hamlets of a country file bear the name exactly ("Jalawla
# district": Jalula, not the hamlet Jalawla).
TOWN_POPULATION = 10_000
TOWN_SPELLED_ALIKE = 0.7
# The level of admin area a cue word names in most countries; used only to choose between
# areas of both levels that bear the name.
AREA_CUE_LEVEL = {
    **dict.fromkeys(("state", "governorate", "governorates", "region", "regions", "oblast",
                     "wilaya", "emirate", "territory", "governor", "governorship"), "admin1"),
    **dict.fromkeys(("district", "districts", "county", "municipality", "lga", "upazila",
                     "tehsil", "raion", "rayon", "woreda", "sub-district", "subdistrict",
                     "local government area"), "admin2"),
}
_SOURCE_RANK = {"supplement": 0, "geonames": 1, "world": 2}


def _source_rank(place: Place) -> int:
    return _rank_of_source(place.source)


@cache  # a handful of sources, read for every candidate of every mention
def _rank_of_source(source: str) -> int:
    return _SOURCE_RANK.get(source.split(":", 1)[0], 3)


@dataclass
class Decision:
    mention: Mention
    place: Place | None
    narrowed_by: list[str] = field(default_factory=list)
    alternatives: int = 0


def haversine_km(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    p1, p2 = math.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(lon2) - math.radians(lon1)
    a = np.sin(dlat / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


class Disambiguator:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.pass_counts: Counter[str] = Counter({name: 0 for name in PASSES})
        self._weights: dict[str, float] = {}
        self._contributions: dict[int, tuple[str, float]] = {}
        self._demonyms: dict[str, float] = {}
        self._evidence = False
        # countries a demonym, currency or cue of the text speaks of
        self._described: set[str] = set()
        # what every mention's reading starts from, worked out once when the weights are
        # final: the weights less the demonyms' (`_outweighed`)
        self._named_weights: dict[str, float] = {}
        # the countries in the focus without one mention's contribution and its top share
        # (`_focus_codes`), and whether the rest outweighs it (`_outweighed`), by contribution
        # (None: none): most mentions of a text give the same few ((country, 1.0), ...)
        self._codes_by_own: dict[tuple[str, float] | None, tuple[frozenset[str], float]] = {}
        self._outweighed_by_own: dict[tuple[str, float] | None, bool] = {}

    # --- country focus -------------------------------------------------------------------
    def country_focus(
        self,
        mentions: list[Mention],
        country_spans: list[tuple[int, int, str, str]],
        hint: str | None,
        focus_countries: Sequence[str] = (),
        actor_countries: Sequence[str] = (),
    ) -> dict[str, float]:
        """Weights of the countries the text speaks of. `focus_countries` are those of
        actors or missions that work in one country only (geo/focus.py), weighed like a
        country's name; `actor_countries` the home countries of the named armed groups,
        parties and militias of the actor lexicon that work at home only (one per actor)."""
        weights: dict[str, float] = defaultdict(float)
        demonyms: dict[str, float] = defaultdict(float)
        for code in focus_countries:
            weights[code] += 1.0
        for code in actor_countries:
            # "Taliban militants attacked Chora district": a group that fights at home says
            # where, as a demonym does, but unlike a demonym it rarely names foreign forces
            weights[code] += ACTOR_WEIGHT
        cue_weights: dict[str, float] = defaultdict(float)
        for _start, _end, code, kind in country_spans:
            if kind == "cue":
                # "Fransabank", "Bab al-Tabbaneh": names of one country, each as strong as a
                # home-only actor, together never as strong as the country's own name
                cue_weights[code] = min(CUE_CAP, cue_weights[code] + CUE_WEIGHT)
                continue
            # "Turkish drone", "Syrian mercenaries": demonyms often describe foreign actors
            if kind in ("demonym", "currency"):
                weights[code] += 0.5
                demonyms[code] += 0.5
            else:  # a country's name, or a body that works in one country only ("OSCE SMM")
                weights[code] += 1.0
        for code, weight in cue_weights.items():
            weights[code] += weight
        self._demonyms = dict(demonyms)
        self._evidence = bool(weights)
        self._described = set(demonyms) | set(cue_weights)
        self._contributions = {}
        # each mention's candidate places, read once for the passes below
        found_by_mention = [[self.gazetteer.place(i) for i in m.candidates] for m in mentions]
        written = self._written_areas(mentions, found_by_mention)
        hamlets: list[tuple[Mention, str]] = []
        for position, mention in enumerate(mentions):
            if mention.loose:  # a tolerant-key guess is no evidence of the country
                continue
            # "Trujillo state", "in Trujillo, La Libertad": a name written as an admin area
            # speaks for the countries of the areas that bear it, not of its towns
            found = written.get(position) or found_by_mention[position]
            countries = {p.country_code for p in found}
            if len(countries) == 1:
                code = next(iter(countries))
                if all(_file_hamlet(p) for p in found):
                    hamlets.append((mention, code))
                    continue
                notable = any(
                    p.kind in ("admin1", "admin2") or p.population >= 100_000 for p in found
                )
                weight = 1.0 if notable else 0.4
                weights[code] += weight
                self._contributions[id(mention)] = (code, weight)
            elif found:
                # "Lima" is Lima, Peru far more often than Lima, Ohio: a name whose largest
                # place dwarfs its namesakes elsewhere speaks for that country, softly
                best = max(found, key=_notability)
                rivals = max(
                    (_notability(p) for p in found if p.country_code != best.country_code),
                    default=0,
                )
                if _notability(best) >= DOMINANT_POPULATION and _notability(best) >= 10 * rivals:
                    weights[best.country_code] += 0.5
                    self._contributions[id(mention)] = (best.country_code, 0.5)
        if hint:
            weights[hint] += 10.0
        # Country files hold every hamlet of their countries, and hamlet names meet names of
        # other countries' places ("Hadba (Tripoli)" and a Yemeni hamlet Hadba): a hamlet
        # only adds to a country the rest of the text already speaks for
        supported = {code for code, weight in weights.items() if weight > 0}
        for mention, code in hamlets:
            if code in supported:
                weights[code] += 0.4
                self._contributions[id(mention)] = (code, 0.4)
        self._weights = dict(weights)
        self._named_weights = {code: w - self._demonyms.get(code, 0.0)
                               for code, w in self._weights.items()}
        self._codes_by_own = {}
        self._outweighed_by_own = {}
        return _normalised(self._weights)

    def _written_areas(self, mentions: list[Mention],
                       found_by_mention: list[list[Place]]) -> dict[int, list[Place]]:
        """Per mention written as an admin area, the areas it may name (`found_by_mention`:
        each mention's candidate places). The areas after a place ("Trujillo, La Libertad",
        "Formosa (Formosa)") are read with that place: where some of its namesakes lie in some
        of the areas, only those areas are meant."""
        written: dict[int, list[Place]] = {}
        for position, mention in enumerate(mentions):
            areas = _written_areas(mention, found_by_mention[position])
            if not areas:
                continue
            if mention.context_of is not None:
                head = mentions[mention.context_of]
                towns = [] if head.loose else found_by_mention[mention.context_of]
                holding = [a for a in areas if any(_is_in(t, a) for t in towns if t is not a)]
                if not holding and mention.area_cue not in ADMIN_CUES:
                    # a bare name after a comma that holds no namesake of the place before it
                    # may be the next item of a list ("Nuevo Progreso, Pedregal and ...")
                    continue
                areas = holding or areas
            written[position] = areas
        return written

    def _outweighed(self, mention: Mention) -> bool:
        """The rest of the text speaks for another country more strongly than this mention
        speaks for its own: two weak, disagreeing names must not cancel each other."""
        own = self._contributions.get(id(mention))
        found = self._outweighed_by_own.get(own)
        if found is None:
            own_weight = own[1] if own else 0.0
            # Demonyms name actors more often than places ("Turkish forces closed Afrin"):
            # they narrow homonyms but never overrule a name the text places somewhere.
            rest = self._named_weights
            if own:
                rest = dict(rest)
                rest[own[0]] -= own[1]
            found = self._outweighed_by_own[own] = max(rest.values(), default=0.0) > own_weight
        return found

    def _holds_own(self, mention: Mention, cands: list[Place],
                   focus_codes: frozenset[str]) -> bool:
        """A name that speaks for a country outside the focus at least as strongly as the
        other names speak for any other keeps its namesakes there: "Damascus" beside a
        Russian patrol, an "Al-Bostan" association and an "Al-Watan" newspaper is still
        Damascus, Syria. A demonym, currency or cue of the country of one of its namesakes
        still chooses between them ("Sidon ... the Lebanese pound")."""
        own = self._contributions.get(id(mention))
        if own is None or own[0] in focus_codes or self._outweighed(mention):
            return False
        return not any(p.country_code in self._described for p in cands
                       if p.country_code != own[0])

    def _named_elsewhere(self, codes: frozenset[str]) -> bool:
        """Whether the focus countries are named outright ("India and Pakistan exchanged fire"),
        not only inferred: a clear focus even when it is shared by several countries."""
        return any(
            self._weights.get(code, 0.0) - self._demonyms.get(code, 0.0) >= 1.0 for code in codes
        )

    def _focus_codes(self, mention: Mention) -> tuple[frozenset[str], float]:
        """The countries in the focus the rest of the text gives (a mention does not vouch for
        itself): those of at least FOCUS_SHARE of the top share; and the top share."""
        own = self._contributions.get(id(mention))
        found = self._codes_by_own.get(own)
        if found is None:
            weights = self._weights
            if own is not None:
                weights = dict(weights)
                weights[own[0]] -= own[1]
            focus = _shares(weights)
            top = max(focus.values()) if focus else 0.0
            codes = frozenset(c for c, w in focus.items() if w >= FOCUS_SHARE * top)
            found = self._codes_by_own[own] = (codes, top)
        return found

    # --- the chain ---------------------------------------------------------------------------
    def resolve(
        self,
        mentions: list[Mention],
        focus: dict[str, float],
        hint: str | None,
        area_focus: AreaFocus | None = None,
    ) -> list[Decision]:
        places = {i: self.gazetteer.place(i) for m in mentions for i in m.candidates}
        # each with who names its areas: a name in running text is the same namer wherever it
        # is repeated; a name written as another's area ("San Jose (San Jose)") is its own
        mentioned = [
            (m.start, keys, keys if m.context_of is None else m.start)
            for m in mentions if m.candidates or m.raw
            for keys in [admin_keys(m.surface)]
        ]
        has_context = {m.context_of for m in mentions if m.context_of is not None}
        # where each area key is named: the admin_context pass needs "the areas the other
        # mentions name" for every mention, worked out here once
        # (by its namers: "in El Callao ... in El Callao" is one name said twice, not a second
        # mention naming El Callao's area)
        named_by: dict[str, set[frozenset[str] | int]] = defaultdict(set)
        for _, keys, namer in mentioned:
            for key in keys:
                named_by[key].add(namer)
        named_areas = frozenset(named_by)
        # the area keys only the mention at one start (or the same name elsewhere) names
        only_at: dict[int, frozenset[str]] = {}
        for start, keys, namer in mentioned:
            only_at[start] = only_at.get(start, frozenset()) | {
                k for k in keys if named_by[k] == {namer}}

        # the countries of the admin areas the text names exactly ("Taizz city (Sabir Al
        # Mawadim, Taizz)"): a tolerant-key guess there must lie in one of the named areas
        exact_area_countries = {
            places[i].country_code
            for m in mentions if not m.loose
            for i in (m.candidates if m.exact < 0 else m.candidates[: m.exact])
            if places[i].kind in ("admin1", "admin2")
        }
        stage: list[tuple[Mention, list[Place], list[str]]] = []
        # admin areas (by key) named right after each mention: "X (Y, Z)", "X, Y"
        areas_after: dict[int, set[str]] = {}
        # every name written after each mention as its area, known as an area or not:
        # "Berunda (Mahagi, Ituri)" is in Mahagi and Ituri whatever the gazetteer holds
        written_after: dict[int, set[str]] = defaultdict(set)
        # the points of Y in "X neighbourhood of Y", "X area of Y"
        points_after: dict[int, list[Place]] = defaultdict(list)
        for other in mentions:
            if other.context_of is not None and not _own_area(other, mentions[other.context_of]):
                written_after[other.context_of].update(admin_keys(other.surface))
                if other.part_of and not other.loose:
                    points_after[other.context_of] += [places[i] for i in other.candidates]
            # a tolerant-key guess ("Kupwara" ~ Kaipara District) says nothing about where
            # the place before it is: only areas that bear the name count
            exact = other.candidates if other.exact < 0 else other.candidates[: other.exact]
            if other.context_of is not None and not other.loose and any(
                places[i].kind in ("admin1", "admin2") for i in exact
            ):
                areas_after.setdefault(other.context_of, set()).update(admin_keys(other.surface))
        # the areas named after each context mention in the same parenthesis or list:
        # "X (Y district, Z)" -> Y must lie in Z
        areas_after_in_context: dict[int, set[str]] = {}
        named_later: dict[int, set[str]] = defaultdict(set)  # per context group, so far
        for position in range(len(mentions) - 1, -1, -1):
            other = mentions[position]
            if other.context_of is None:
                continue
            group = named_later[other.context_of]
            if group:
                areas_after_in_context[position] = set(group)
            exact = other.candidates if other.exact < 0 else other.candidates[: other.exact]
            if not other.loose and any(places[j].kind in ("admin1", "admin2") for j in exact):
                group.update(admin_keys(other.surface))
        # a name said again ("near Vodyane, Donetsk ... explosions near Vodyane") is the same
        # place: the areas written after one of its mentions locate the others too
        areas_by_name: dict[str, set[str]] = defaultdict(set)
        for position, written in areas_after.items():
            areas_by_name[fold_name(mentions[position].surface)].update(written)
        for position, mention in enumerate(mentions):
            cands = [places[i] for i in mention.candidates]
            narrowed: list[str] = []
            focus_codes, top = self._focus_codes(mention)
            big_city_exempt = not mention.wants_area and position not in has_context
            if hint:
                cands = self._narrow(cands, lambda p: p.country_code == hint, "country_hint",
                                     narrowed)
            if mention.loose and cands:
                # a tolerant-key guess is only trusted inside the article's countries, or,
                # when the text names none, for a town that dwarfs its namesakes
                # ("Quamishli city": Al Qamishli, not Kamyshlov)
                alike = [p for p in cands if _spelled_alike(mention.surface, p.name)]
                codes = focus_codes or _dominant_country(alike)
                if not codes and _marked(mention):
                    # "in Kafr Qaseem": a name the text marks as a place may be a town of
                    # some size spelled alike, if no town sharing its skeleton elsewhere
                    # rivals it (Kamishlov city: Kamyshlov, Russia, but Al Qamishli, Syria
                    # is larger)
                    codes = _dominant_country(alike, MARKED_LOOSE_POPULATION, rivals=cands)
                kept = [p for p in cands if p.country_code in codes]
                if len(kept) < len(cands):
                    self.pass_counts["country_focus"] += 1
                    narrowed.append("country_focus")
                cands = kept
                mention.raw = not cands
            if (
                # a hamlet of a country file that is the text's only clue to its country (no
                # country, actor, cue, focus or other place speaks for one): country files hold
                # every hamlet, and their names meet words and places of other countries too
                # often ("blocked the Miniyeh highway" is no hamlet of Tartus, Syria)
                cands
                and not self._evidence
                and area_focus is None
                and mention.area_cue not in ("city", "town")
                # no other mention speaks for a country (a count: texts may name hundreds)
                and len(self._contributions) <= (id(mention) in self._contributions)
                and all(p.kind == "place" and p.population < LONE_VILLAGE_POPULATION
                        and _source_rank(p) == 1 for p in cands)
            ):
                self.pass_counts["country_focus"] += 1
                narrowed.append("country_focus")
                mention.raw = mention.kept_name = True
                cands = []
            if focus_codes and not self._holds_own(mention, cands, focus_codes):
                cands = self._narrow(
                    cands, partial(_in_countries, codes=focus_codes), "country_focus", narrowed
                )
                if (
                    cands
                    and (top >= STRONG_FOCUS or self._named_elsewhere(focus_codes))
                    and self._outweighed(mention)
                    and not any(p.country_code in focus_codes for p in cands)
                    # "the Shufat neighbourhood of Jerusalem" is beside the city it is part of
                    and not any(_beside(p, points_after.get(position, ())) for p in cands)
                    and not (
                        big_city_exempt
                        and any(p.kind == "place" for p in cands)
                        and max(p.population for p in cands if p.kind == "place")
                        >= FOREIGN_CITY_POPULATION
                    )
                ):
                    self.pass_counts["country_focus"] += 1
                    narrowed.append("country_focus")
                    # a known foreign city (Geneva in a Syria story) is dropped, not recoded
                    # to a place of the focus country as if it were an unknown village
                    mention.raw = max(p.population for p in cands) < KNOWN_CITY_POPULATION
                    cands = []
            codes = {p.country_code for p in cands}
            if (
                mention.area_cue
                and len(codes) == 1
                and not mention.loose
                and all(_file_hamlet(p) for p in cands)
            ):
                # "Shirqat district": a name written as a town or area that only hamlets of a
                # country file bear exactly is the town of that country spelled almost alike
                # (Ash Sharqat), if there is one: a hamlet never outranks a town
                towns = [
                    p for p in map(self.gazetteer.place,
                                   self.gazetteer.loose_lookup(mention.surface))
                    if p.country_code in codes and p.kind == "place"
                    and p.population >= TOWN_POPULATION
                    and _spelled_alike(mention.surface, p.name, TOWN_SPELLED_ALIKE)
                ]
                if towns:
                    self.pass_counts["prominence"] += 1
                    narrowed.append("prominence")
                    cands = towns
            if (
                mention.context_of is not None
                and mention.wants_area
                and any(p.kind in ("admin1", "admin2") for p in cands)
            ):
                # "X (As Sawadiyah, Al Bayda)": the names are X's admin areas, not hamlets of a
                # country file that bear them (one may lie in an area the text names later)
                cands = self._narrow(cands, lambda p: not _file_hamlet(p), "area_cue", narrowed)
            # the areas the other mentions name: all named areas but those only this one names
            only_here = only_at.get(mention.start, frozenset())
            if len(named_areas) > len(only_here):
                in_area = partial(_in_named_area, names=named_areas, excluded=only_here)
                cands = self._narrow(cands, in_area, "admin_context", narrowed)
                if (
                    mention.loose
                    and cands
                    and not any(in_area(p) for p in cands)
                    and {p.country_code for p in cands} & exact_area_countries
                ):
                    # a spelling guessed by tolerant key must agree with the areas the text
                    # names: "Al Hawban area east of Taizz city (Sabir Al Mawadim, Taizz)" is
                    # no Habban of Shabwah
                    self.pass_counts["admin_context"] += 1
                    narrowed.append("admin_context")
                    mention.raw = True
                    cands = []
            own_areas = areas_after.get(position) or (
                areas_by_name.get(fold_name(mention.surface), set()) if areas_by_name else set()
            )
            if mention.loose and cands and position in written_after and not any(
                _in_named_area(p, written_after[position]) for p in cands
            ):
                # a spelling guessed by tolerant key must lie in the areas written after it:
                # "Berunda (Mahagi, Ituri)" is no Bronda of Ivory Coast
                own_areas = written_after[position]
            if (
                own_areas
                and cands
                and not any(_in_named_area(p, own_areas) for p in cands)
                # "the Shufat neighbourhood of Jerusalem": a place beside the city written
                # after it is that place, whichever area the gazetteer files it under
                and not any(_beside(p, points_after.get(position, ())) for p in cands)
            ):
                # "Orikhove, Luhansk" when the gazetteer knows only an Orikhove elsewhere: the
                # place is one it lacks; the admin area after it will locate the event
                self.pass_counts["admin_context"] += 1
                narrowed.append("admin_context")
                mention.raw = True
                cands = []
            own_name = admin_keys(mention.surface)
            if len(cands) > 1 and own_areas & own_name and (wider := own_areas - own_name):
                # "Bijapur (Bijapur, Chhattisgarh)": a town and its district share a name, so
                # the district says nothing about which namesake is meant; the state written
                # after it does
                cands = self._narrow(cands, partial(_in_named_area, names=wider),
                                     "admin_context", narrowed)
            if mention.context_of is not None and cands:
                previous = mentions[mention.context_of]
                # a raw name's tolerant-key guesses say nothing about the country
                before = [] if previous.raw else stage[mention.context_of][1]
                in_admin1 = {(p.country_code, p.admin1) for p in before}
                in_admin2 = {(p.country_code, p.admin2) for p in before}
                same_country = {p.country_code for p in before}
                if same_country:
                    cands = [p for p in cands if p.country_code in same_country]
                    if not cands:
                        narrowed.append("admin_context")
                        self.pass_counts["admin_context"] += 1
                cands = self._narrow(
                    cands,
                    partial(_is_area_of, admin1s=in_admin1, admin2s=in_admin2),
                    "admin_context",
                    narrowed,
                )
            later = areas_after_in_context.get(position)
            if later and cands:
                # "(Haveli district, AJK)": Haveli lies in AJK, it is not a town of Punjab;
                # an area none of whose namesakes lies there is one the gazetteer lacks
                if any(_in_named_area(p, later) for p in cands):
                    cands = self._narrow(cands, partial(_in_named_area, names=later),
                                         "admin_context", narrowed)
                else:
                    self.pass_counts["admin_context"] += 1
                    narrowed.append("admin_context")
                    cands = []
            if area_focus is not None and cands:
                cands = self._focus_areas(mention, cands, area_focus, narrowed)
            elif area_focus is not None and area_focus.strict and not mention.candidates:
                # "the SMM observed explosions near X", X in no gazetteer: a front-line village
                mention.focus_village = mention.raw and mention.context_of is None
            if mention.wants_area:
                cands = self._narrow(cands, lambda p: p.kind in ("admin1", "admin2"),
                                     "area_cue", narrowed)
                level = AREA_CUE_LEVEL.get(mention.area_cue or "")
                if level:
                    # "Aragua state" is the state, not the municipality of the same name
                    cands = self._narrow(cands, partial(_of_kind, kind=level), "area_cue",
                                         narrowed)
            elif len(cands) > 1 and not _area_dwarfs_towns(cands):
                cands = self._narrow(cands, lambda p: p.kind not in ("admin1", "admin2"),
                                     "area_cue", narrowed)
            stage.append((mention, cands, narrowed))

        decisions = []
        anchors = _Anchors(stage)
        landmarks: _Landmarks | None = None  # built when a hamlet first needs it
        for position, (mention, cands, narrowed) in enumerate(stage):
            hamlets = [p for p in cands if _file_hamlet(p)]
            # a focus the text's actors or mission give vouches for its villages
            if hamlets and "area_focus" not in narrowed:
                landmarks = landmarks or _Landmarks(stage)
                supported = landmarks.supporting(position, hamlets)
                if supported is not None and len(supported) < len(hamlets):
                    # "Sarjangal area of Keran wa Menjan district, Badakhshan": a hamlet of a
                    # country file lies in the areas the text names, or near its towns; a
                    # namesake elsewhere is a place the gazetteer lacks
                    self.pass_counts["admin_context"] += 1
                    narrowed.append("admin_context")
                    dropped = {p.index for p in hamlets} - {p.index for p in supported}
                    cands = [p for p in cands if p.index not in dropped]
                    mention.raw = mention.kept_name = not cands
            if len(cands) > 1 and (points := anchors.around(mention.start)) is not None:
                cands = self._narrow(cands, partial(_near_any, points=points), "proximity",
                                     narrowed)
            alternatives = len(cands)
            if len(cands) > 1:
                self.pass_counts["prominence"] += 1
                narrowed.append("prominence")
            best = min(cands, key=_prominence) if cands else None
            decisions.append(Decision(mention, best, narrowed, alternatives))
        return decisions

    def _focus_areas(
        self, mention: Mention, cands: list[Place], focus: AreaFocus, narrowed: list[str]
    ) -> list[Place]:
        """Namesakes inside the focused areas; none, where the focus is strict and the text
        did not place the name itself, when every namesake is a village elsewhere or only a
        tolerant-key guess."""
        if any(focus.contains(p.country_code, p.admin1, p.admin2) for p in cands):
            cands = self._narrow(
                cands, lambda p: focus.contains(p.country_code, p.admin1, p.admin2),
                "area_focus", narrowed,
            )
            if focus.lines and len(cands) > 1:
                # "the SMM observed explosions near Katerynivka": of the namesakes in Donetsk
                # and Luhansk, those on the contact line (the line is drawn to within a few
                # km: of two namesakes on it, the larger)
                distance = {p.index: focus.km_to_line(p.latitude, p.longitude) for p in cands}
                nearest = min(distance.values())
                if nearest <= LINE_KM:
                    cands = self._narrow(
                        cands, lambda p: distance[p.index] <= nearest + LINE_MARGIN_KM,
                        "area_focus", narrowed,
                    )
            return cands
        if (
            "admin_context" not in narrowed
            and all(p.country_code in focus.strict for p in cands)
            and (
                # a tolerant-key guess outside the areas is no evidence at all
                mention.loose
                or all(
                    p.kind not in ("admin1", "admin2") and p.population < KNOWN_CITY_POPULATION
                    for p in cands
                )
            )
        ):
            self.pass_counts["area_focus"] += 1
            narrowed.append("area_focus")
            mention.raw = True
            mention.focus_village = True
            return []
        return cands

    def _narrow(
        self,
        cands: list[Place],
        keep: Callable[[Place], bool],
        name: str,
        narrowed: list[str],
    ) -> list[Place]:
        if len(cands) <= 1:
            return cands
        kept = [p for p in cands if keep(p)]
        if kept and len(kept) < len(cands):
            self.pass_counts[name] += 1
            narrowed.append(name)
            return kept
        return cands


def _written_areas(mention: Mention, found: list[Place]) -> list[Place]:
    """The admin areas among a mention's exact namesakes when the text writes the name as an
    admin area: with an admin cue ("Trujillo state": the states first) or as the area of the
    place before it ("Carvajal, Trujillo"); none otherwise."""
    if mention.loose or not mention.wants_area:
        return []
    exact = found if mention.exact < 0 else found[: mention.exact]
    areas = [p for p in exact if p.kind in ("admin1", "admin2")]
    level = AREA_CUE_LEVEL.get(mention.area_cue or "")
    return [p for p in areas if p.kind == level] or areas


class _Points(NamedTuple):
    latitudes: list[float]
    lats: np.ndarray
    lons: np.ndarray


class _Anchors:
    """The places the text names unambiguously (one candidate, or two in one country), for
    the proximity pass."""

    def __init__(self, stage: Sequence[tuple[Mention, list[Place], list[str]]]) -> None:
        anchors = [
            (m.start, c[0].latitude, c[0].longitude)
            for m, c, _ in stage
            if len(c) == 1 or (c and len({p.country_code for p in c}) == 1 and len(c) <= 2)
        ]
        self.starts = [a[0] for a in anchors]
        self.latitudes = [a[1] for a in anchors]
        self.longitudes = [a[2] for a in anchors]

    def around(self, start: int) -> _Points | None:
        """The anchors of the mentions at other starts than `start`; None if there are none."""
        if all(s == start for s in self.starts):
            return None
        latitudes = [lat for s, lat in zip(self.starts, self.latitudes, strict=True)
                     if s != start]
        longitudes = [lon for s, lon in zip(self.starts, self.longitudes, strict=True)
                      if s != start]
        return _Points(latitudes, np.array(latitudes, dtype=float),
                       np.array(longitudes, dtype=float))


class _Landmarks:
    """What a text names besides the hamlets of country files: admin areas and the towns of
    the world build, per mention, and the mentions written as each one's admin areas."""

    def __init__(self, stage: Sequence[tuple[Mention, list[Place], list[str]]]) -> None:
        self.areas: list[list[Place]] = []
        self.towns: list[Place | None] = []
        self.starts = [m.start for m, _c, _n in stage]
        self.written_after: dict[int, list[int]] = defaultdict(list)
        for position, (mention, cands, _narrowed) in enumerate(stage):
            # the place the chain would choose for the mention, as far as it is known now
            chosen = min(cands, key=_prominence) if cands else None
            if chosen is not None and chosen.kind in ("admin1", "admin2"):
                self.areas.append([p for p in cands if p.kind in ("admin1", "admin2")])
            else:
                self.areas.append([])
            self.towns.append(
                chosen if chosen is not None and chosen.kind == "place"
                and not _file_hamlet(chosen) else None
            )
            if mention.context_of is not None:
                self.written_after[mention.context_of].append(position)

    def supporting(self, position: int, cands: list[Place]) -> list[Place] | None:
        """The candidates that lie in an area the text names or within HAMLET_KM of a town it
        names: the areas and towns written after the mention ("X (Y, Z)") if any, else all
        the others. None when the text names no area or town to judge by."""
        def named(j: int) -> bool:
            return bool(self.areas[j]) or self.towns[j] is not None

        group = [j for j in self.written_after.get(position, []) if named(j)] or [
            j for j in range(len(self.areas))
            if self.starts[j] != self.starts[position] and named(j)
        ]
        if not group:
            return None
        areas = [a for j in group for a in self.areas[j]]
        towns = [t for j in group if (t := self.towns[j]) is not None]
        lats = np.array([t.latitude for t in towns], dtype=float)
        lons = np.array([t.longitude for t in towns], dtype=float)
        area_countries = {a.country_code for a in areas}

        def supported(place: Place) -> bool:
            if place.country_code in area_countries:
                # "Asaga village in Owutu community (Afikpo South LGA, Ebonyi)": where the text
                # names areas of the hamlet's country, it lies in one of them
                return any(_lies_in(place, a) for a in areas)
            return bool(towns) and bool(
                (haversine_km(place.latitude, place.longitude, lats, lons) <= HAMLET_KM).any()
            )

        return [p for p in cands if supported(p)]


def _lies_in(place: Place, area: Place) -> bool:
    """Whether `place` lies in the admin area `area`, its admin names compared by the
    spelling-tolerant key (country files and the world build spell them apart: "Al Bayda",
    "Al Bayda'"); a place without an admin2 is judged by the admin2's province."""
    if place.country_code != area.country_code:
        return False
    if area.kind == "admin2" and place.admin2 and area.admin2:
        return bool(admin_keys(place.admin2, place.country_code)
                    & admin_keys(area.admin2, area.country_code))
    return bool(place.admin1 and area.admin1
                and admin_keys(place.admin1, place.country_code)
                & admin_keys(area.admin1, area.country_code))


def _prominence(place: Place) -> tuple[bool, int, int]:
    """The order of the prominence pass: the user's supplements first; then the most populous,
    whichever file it comes from (a village of an added country file must not beat Mogilev,
    Belarus); the more detailed source breaks ties."""
    return (_source_rank(place) > 0, -place.population, _source_rank(place))


def _file_hamlet(place: Place) -> bool:
    """A place only a country file holds: WORLD_MIN_POPULATION people or fewer (or none
    recorded) and no seat of an admin area, which the world build (GeoNames' cities500)
    leaves out."""
    return (
        place.kind == "place"
        and _source_rank(place) == 1
        and place.population <= WORLD_MIN_POPULATION
        and not place.feature_code.startswith(("PPLA", "PPLC", "PPLG"))
    )


def _notability(place: Place) -> int:
    """How well known a name's bearer is, for telling namesakes apart: population, and for an
    admin area at least that of a large town (a province is better known than a village of
    the same name elsewhere: Lahij, Yemen, not Lahij, Azerbaijan)."""
    if place.kind == "admin1":
        return max(place.population, ADMIN1_NOTABILITY)
    if place.kind == "admin2":
        return max(place.population, ADMIN2_NOTABILITY)
    return place.population


def _area_dwarfs_towns(cands: list[Place]) -> bool:
    """A bare name is a town rather than the area of the same name ("Idlib" the city), unless
    its towns are villages outside that area which the area dwarfs: "Attica employees
    protested" is the Greek region, not Attica, Indiana; "in Michoacan" is the state, not a
    village of Chiapas."""
    areas = [p for p in cands if p.kind in ("admin1", "admin2")]
    towns = [p for p in cands if p.kind not in ("admin1", "admin2")]
    if not areas or not towns:
        return False
    best = max(areas, key=lambda p: p.population)
    largest_town = max(p.population for p in towns)
    return (
        not any(_is_in(p, best) for p in towns)
        and largest_town < KNOWN_CITY_POPULATION
        and best.population >= 10 * largest_town
    )


def _is_in(place: Place, area: Place) -> bool:
    """Whether `place` lies in the admin area `area`."""
    if place.country_code != area.country_code:
        return False
    if area.kind == "admin2":
        return place.admin2 == area.admin2
    return place.admin1 == area.admin1


@lru_cache(maxsize=65_536)  # the same names meet the same candidates in text after text
def _spelled_alike(surface: str, name: str, threshold: float = SPELLED_ALIKE) -> bool:
    """Two spellings of one name, not two names that share a consonant skeleton (Jdita and
    Jeddah do, Quamishli and Al Qamishli are one name)."""
    a = " ".join(w for w in fold_name(surface).split() if w not in ARABIC_ARTICLES)
    b = " ".join(w for w in fold_name(name).split() if w not in ARABIC_ARTICLES)
    return SequenceMatcher(None, a, b).ratio() >= threshold


def _own_area(area: Mention, place: Mention) -> bool:
    """"Ain Oussara (Ain Oussara)": the area written after a town is the commune or district
    named after it, which says nothing the town's name does not."""
    return loose_key(area.surface) == loose_key(place.surface)


def _marked(mention: Mention) -> bool:
    """The text presents the name as a place ("in X", "near X", "north of X", "X town") and
    the name is long enough for its spelling to say which town it is: two words or more
    (Kafr Qaseem, Ain Oussara); one word meets foreign towns spelled alike too often
    (Jdita, Lebanon and Judita, Jordan; Douris and Dori)."""
    skeleton = loose_key(mention.surface)
    return (
        (mention.locative or mention.relation is not None or mention.area_cue is not None)
        and len(skeleton.split()) >= 2
        and len(skeleton.replace(" ", "")) >= MARKED_LOOSE_LETTERS
    )


def _dominant_country(
    cands: list[Place], minimum: int = LOOSE_DOMINANT_POPULATION,
    rivals: list[Place] | None = None,
) -> set[str]:
    """The country of the most populous candidate when it is a town of at least `minimum`
    people and ten times larger than any namesake elsewhere (among `rivals`, the candidates
    themselves unless given); no country otherwise."""
    if not cands:
        return set()
    best = max(cands, key=lambda p: p.population)
    largest_rival = max(
        (p.population for p in (cands if rivals is None else rivals)
         if p.country_code != best.country_code),
        default=0,
    )
    if best.population >= minimum and best.population >= 10 * largest_rival:
        return {best.country_code}
    return set()


def _of_kind(place: Place, *, kind: str) -> bool:
    return place.kind == kind


def _in_countries(place: Place, *, codes: frozenset[str] | set[str]) -> bool:
    return place.country_code in codes


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    """The shares of `_shares`, largest first."""
    return dict(sorted(_shares(weights).items(), key=lambda item: -item[1]))


def _shares(weights: dict[str, float]) -> dict[str, float]:
    """Each country's share of the weights (those above zero)."""
    kept = {code: w for code, w in weights.items() if w > 1e-9}
    total = sum(kept.values())
    return {code: w / total for code, w in kept.items()} if total else {}


def _is_area_of(
    place: Place, *, admin1s: set[tuple[str, str | None]], admin2s: set[tuple[str, str | None]]
) -> bool:
    """An admin1/admin2 row that contains one of the places `admin1s`/`admin2s` locate."""
    if place.kind == "admin1":
        return (place.country_code, place.admin1) in admin1s
    if place.kind == "admin2":
        return (place.country_code, place.admin2) in admin2s
    return False


def _in_named_area(place: Place, names: frozenset[str] | set[str],
                   excluded: frozenset[str] = frozenset()) -> bool:
    for area in (place.admin1, place.admin2):
        # a name said without its country may stand for any area it is an alias of; the
        # place's own area names are read in its country ("Parana" is not Parwan, Afghanistan)
        if area and (admin_keys(area, place.country_code) & names) - excluded:
            return True
    return False


def _beside(place: Place, others: Sequence[Place]) -> bool:
    """Within BESIDE_KM of one of `others`: a quarter or suburb of a city named with it."""
    if not others:
        return False
    lats = np.array([p.latitude for p in others], dtype=float)
    lons = np.array([p.longitude for p in others], dtype=float)
    return bool((haversine_km(place.latitude, place.longitude, lats, lons) <= BESIDE_KM).any())


def _near_any(place: Place, *, points: _Points) -> bool:
    # A degree of latitude is 111 km everywhere: the points further north or south than
    # LATITUDE_BAND are further than PROXIMITY_KM, and for most namesakes (on other
    # continents) that is all of them.
    if all(abs(lat - place.latitude) > LATITUDE_BAND for lat in points.latitudes):
        return False
    return bool((haversine_km(place.latitude, place.longitude, points.lats, points.lons)
                 <= PROXIMITY_KM).any())
