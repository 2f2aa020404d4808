"""From name matches to place mentions: the phrase around a name and what it says.

- admin-area mentions: "Idlib province", "Hasakah governorate", "southern Hasaka",
  "Aleppo countryside", "the countryside of Idleb";
- relative phrases: "north of Aleppo", "10 km east of X", "near Tafas", "outskirts of X",
  "between X and Y";
- city quarters: "Aleppo - Hamdaniyeh" (ACLED's "City - District" form);
- names absent from the gazetteer after "in", "near", "village of" ... are kept as raw names,
  tried against the transliteration-tolerant index, and otherwise coded to a nearby known place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from conflict_events.extract.anchors import AnchoredRegex, AnchoredSearch, fold
from conflict_events.geo.build import read_admin_aliases
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.keys import padded_fold
from conflict_events.geo.landmarks import landmark_search
from conflict_events.geo.matcher import NameMatch, matching_rules
from conflict_events.spans import SpanCover

_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?"
_BEFORE_DIRECTION = re.compile(
    rf"(?:\b\d+(?:\.\d+)?\s*(?:km|kms|kilometers|kilometres|miles?)\s+)?\b({_DIRECTION})"
    r"\s+of\s+(?:the\s+)?(?:(?:city|town|village|district)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_BEFORE_NEAR = re.compile(
    r"\b(?:near|nearby|close\s+to|in\s+the\s+vicinity\s+of|vicinity\s+of|around|next\s+to|"
    r"adjacent\s+to|on\s+the\s+road\s+to|road\s+to|outside)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|area|district)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_BEFORE_OUTSKIRTS = re.compile(
    r"\b(?:outskirts|suburbs?|edge|periphery|environs|entrance)\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|village)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_BEFORE_COUNTRYSIDE = re.compile(
    r"\b(?:(?:countryside|rural\s+areas?|rural\s+parts?|villages?)\s+of\s+(?:the\s+)?|rural\s+)$",
    re.IGNORECASE,
)
_BEFORE_PART = re.compile(
    rf"\b(?:({_DIRECTION})(?:ern)?|central|upper|lower\s+parts?\s+of)\s+$", re.IGNORECASE
)
_BEFORE_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns|villages|cities)\s+of\s+)?$",
                             re.IGNORECASE)
# "X, north of Y" / "X north of Y": the relation qualifies X.
_QUALIFIER_GAP = re.compile(r",?\s*$")
# What separates a place from the admin areas that locate it: "X, Y" and "X (Y, Z)".
# Inside the parenthesis after a place every name is context: "X (Mifi, Ouest)".
# "X area in western Yemen (Y, Z)": a country named by its part between them changes nothing;
# nor do words that say what X is: "X frontline (Y, Z)", "X sector area (Y, Z)".
_FEATURE = (
    r"(?:front|frontline|frontlines|fronts|sector|area|areas|mountain|mount|hill|camp|camps|road|"
    r"checkpoint|junction|bridge|valley|port|base|bases|market|crossing|village|town|"
    r"neighbou?rhood|locality|fort|castle|airport|prison|hospital|school|dam|desert|island|"
    r"position|positions|site|sites)"
)
_CONTEXT_GAP = re.compile(
    r"\s*(?:,|\(|,?\s+in)(?:[\w\s'’-]{0,40},)?\s*$"
    r"|\s+(?:[a-z]+\s+){0,2}in\s+(?:the\s+)?(?:north|south|east|west|central)[a-z-]*\s+"
    r"[A-Z][\w'’-]+\s*\(\s*$"
    # a describing word may stand before the feature: "Nawjid military camps (Y, Z)"
    # or a capital, as part of a name: "Al Thawrah Hospital (Salh, Taizz)"
    rf"|\s+(?:[a-z]+\s+)?(?i:{_FEATURE})(?:\s+(?i:{_FEATURE}))?\s*\((?:[\w\s'’-]{{0,40}},)?\s*$"
)
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?$")
_COMPASS = frozenset({"north", "south", "east", "west", "central", "centre", "center",
                      "northern", "southern", "eastern", "western", "northeast", "northwest",
                      "southeast", "southwest", "north east", "north west", "south east",
                      "south west"})
_ZONE_OF = re.compile(r"\s+zone\s+of\b", re.IGNORECASE)
_PART_OF_CUES = frozenset({"area", "village", "villages", "town", "neighbourhood", "neighborhood",
                           "locality"})
_AND = re.compile(r"^\s+and\s+(?:the\s+)?$", re.IGNORECASE)
_AFTER_COUNTRYSIDE = re.compile(r"^(?:'s|’s)?\s+(countryside|outskirts|suburbs)\b", re.IGNORECASE)
_AFTER_DISTRICT = re.compile(r"^\s+-\s+([A-Z][\w'’]+(?:[ -][A-Z][\w'’]+){0,3})")

# "in X", "near X", "village of X", "X village": capitalised names the gazetteer may lack.
_NAME = (
    r"[A-Z][\w'’]+(?:(?:(?:\s+|-)(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|bani|de|la)\b)?"
    r"(?:\s+|-)[A-Z][\w'’]+)*"
)
# A bare "of" is not enough ("Army of Conquest", "Ministry of Interior"); "village of" is.
_RAW_BEFORE = re.compile(
    r"\b(?:(?:in|near|at|outside)\s+(?:the\s+)?"
    r"(?:(?:town|village|city|area|locality|hamlet|neighbou?rhood|district|camp)\s+of\s+)?"
    # "in southern Qalqiliyah": a part of a place the gazetteer may know by another spelling
    r"(?:(?:northern|southern|eastern|western|central|rural)\s+)?"
    r"|(?:town|village|city|locality|hamlet|neighbou?rhood|camp|outskirts|vicinity)\s+of\s+)"
    rf"({_NAME})"
)
# A name of at most five words before "village": unbounded, a long run of capitalised words
# would be rescanned from each of its words (quadratic time).
_SHORT_NAME = _NAME.removesuffix("*") + "{0,4}"
# The name's first capital comes first and the word boundary before it is checked after it
# ("not a word character and then this capital"): a pattern that begins with a character
# class lets the regex engine skip ahead to the next capital, where a leading \b has it try
# every character.
_SHORT_NAME_AT_WORD = _SHORT_NAME.replace("[A-Z]", r"[A-Z](?<!\w[A-Z])", 1)
_RAW_AFTER = re.compile(
    rf"({_SHORT_NAME_AT_WORD})\s+(?:village|town|city|area|neighbou?rhood|locality|camp|district|"
    r"sub-?district|province|governorate|upazila|county|state|region|municipality|department|"
    r"lga|tehsil|woreda|oblast|raion|rayon|prefecture)\b")
# "X district, Y": an area word, a comma and the name of the larger area.
_AREA_THEN_NAME = re.compile(
    r"\b(?i:district|sub-?district|province|county|municipality|governorate|department|lga|"
    rf"upazila|tehsil|township|raion|rayon)\s*,\s*({_SHORT_NAME})\b"
)
# ACLED's "X (district, province)": the admin areas in a parenthesis after a name.
_PARENTHESIS = re.compile(r"\(([^()\n]{1,100})\)")
_PART = re.compile(rf"\s*({_SHORT_NAME})\s*(?:,|$)")


@dataclass
class Mention:
    """A place mention: the name, the phrase around it and the candidate places."""

    start: int
    end: int
    phrase_start: int
    phrase_end: int
    surface: str
    candidates: list[int] = field(default_factory=list)
    relation: str | None = None
    area_cue: str | None = None  # "province", "district", "city", ... written after the name
    district: str | None = None  # "Hamdaniyeh" in "Aleppo - Hamdaniyeh"
    raw: bool = False  # the name is not in the gazetteer
    loose: bool = False  # candidates found by the transliteration-tolerant key only
    # how many of the candidates bear the name exactly: areas found by the tolerant key for an
    # area cue ("southern Hasaka") come after them
    exact: int = -1
    locative: bool = False  # "in X", "near X", "village of X": the text places something at X
    # index of the mention this one gives the admin area of ("X, Chihuahua", "X (Merti, Arsi)")
    context_of: int | None = None
    # "Hardatnin, north of Aleppo": this mention (Aleppo) only says where the previous one is
    qualifies: int | None = None
    # a village of the admin areas a strict focus places the text in (geo/focus.py) that the
    # gazetteer lacks: no namesake at all, or every namesake elsewhere
    focus_village: bool = False
    # a village the gazetteer lacks although a country file holds namesakes of it elsewhere
    # (geo/disambiguate.py): it keeps its own name, at the point of the place that locates it
    kept_name: bool = False
    # this mention is the town or area in "X neighbourhood of Y", "X area of Y"
    part_of: bool = False

    @property
    def wants_area(self) -> bool:
        """The text presents the name as an admin area, not a town."""
        return (
            self.area_cue in ADMIN_CUES
            or self.relation in ("countryside", "part of region")
            or (self.context_of is not None and self.area_cue not in PLACE_CUES)
        )

    @property
    def wants_place(self) -> bool:
        return self.area_cue in PLACE_CUES


# Cues that name an admin area; the other area words ("area", "zone") say little.
ADMIN_CUES = frozenset(
    {
        "province", "provinces", "governorate", "governorates", "region", "regions", "state",
        "district", "districts", "sub-district", "subdistrict", "county", "department",
        "municipality", "prefecture", "oblast", "raion", "rayon", "lga", "upazila", "tehsil",
        "woreda", "wilaya", "emirate", "territory", "local government area", "governor",
        "governorship",
    }
)
PLACE_CUES = frozenset(matching_rules().place_words)
_PLURAL_CUES = {"provinces": "province", "governorates": "governorate", "regions": "region",
                "districts": "district", "states": "state"}
# "Al Jawf border governorate": a describing word may stand between the name and the cue.
_AREA_AFTER = re.compile(
    r"^(?:'s|’s)?(?:\s+(?:border|coastal|restive|neighbou?ring|northern|southern|eastern|"
    r"western|central))?\s+("
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(
            (*matching_rules().area_words, *matching_rules().place_words), key=len, reverse=True
        )
    )
    + r")\b",
    re.IGNORECASE,
)


def build_mentions(
    text: str,
    matches: list[NameMatch],
    gazetteer: Gazetteer,
    *,
    excluded: Sequence[tuple[int, int]] = (),
    max_candidates: int = 200,
) -> list[Mention]:
    mentions: list[Mention] = []
    # "Syntagma Square": a landmark of one city wins over the names inside it
    sites = _landmark_mentions(text, gazetteer, SpanCover(list(excluded)))
    if sites:
        inside = SpanCover([(m.start, m.end) for m in sites])
        matches = [m for m in matches if not inside.meets(m.start, m.end)]
        mentions += sites
    taken = [(m.start, m.end) for m in matches] + list(excluded) + [
        (m.start, m.end) for m in sites]
    for match in matches:
        candidates = gazetteer.places_for_key(match.key_id)
        if len(candidates) > max_candidates:
            populations = gazetteer.population[candidates]
            candidates = candidates[(-populations).argsort()[:max_candidates]]
        mentions.append(
            Mention(match.start, match.end, match.start, match.end, match.surface,
                    candidates.tolist())
        )
    folded = fold(text)  # for the anchored scans; the same offsets as the text
    for mention in _raw_mentions(text, folded, SpanCover(taken), gazetteer):
        mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    # "the Central Zone of Sao Paulo", "the North Zone of Rio": a part of the city, not a
    # town called Central
    mentions = [
        m for m in mentions
        if not (m.surface.lower() in _COMPASS and _ZONE_OF.match(text, m.end))
    ]
    for index, mention in enumerate(mentions):
        previous = mentions[index - 1] if index else None
        _read_context(text, folded, mention, previous)
        # "Maan town in Hama countryside": a province's countryside locates the town before it
        part_of = (
            previous is not None
            and previous.area_cue in _PART_OF_CUES
            and _OF_GAP.match(text, previous.phrase_end, mention.start) is not None
        )
        if previous is not None and mention.relation in (None, "countryside") and (
            _CONTEXT_GAP.match(text, max(previous.end, previous.phrase_end), mention.start)
            # "Yangi Kala area of Qaysar district, Faryab": the district locates the area
            or part_of
        ):
            mention.part_of = part_of
            mention.context_of = (
                previous.context_of if previous.context_of is not None else index - 1
            )
        if (
            previous is not None
            and mention.relation not in (None, "between")
            and _QUALIFIER_GAP.match(text, max(previous.end, previous.phrase_end),
                                     mention.phrase_start)
        ):
            mention.qualifies = index - 1
        if mention.area_cue in _PLURAL_CUES:
            # "between Marib and Al Bayda governorates", "in Kabul, Ghor, Laghman, and Balkh
            # provinces": every name of the list is one of the areas, none the area of another
            for item in _listed_before(text, mentions, index):
                item.area_cue = _PLURAL_CUES[mention.area_cue]
                item.context_of = None
                if item.exact < 0:
                    _add_area_candidates(item, gazetteer)
        if mention.wants_area or mention.context_of is not None:
            _add_area_candidates(mention, gazetteer)
    # "Aleppo - Hamdaniyeh": the quarter's name is part of the city's phrase
    kept: list[Mention] = []
    for mention in mentions:
        if kept and kept[-1].district and mention.start < kept[-1].phrase_end:
            continue
        kept.append(mention)
    if len(kept) < len(mentions):
        _renumber(kept, mentions)
    return kept


# What joins the names of a list: "A, B", "A and B", "A, and B".
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", re.IGNORECASE)


def _listed_before(text: str, mentions: list[Mention], index: int) -> list[Mention]:
    """The names listed before mentions[index] ("A, B and C"), nearest first, while each is
    a bare name (no area cue, no relation but "between")."""
    items: list[Mention] = []
    following = mentions[index]
    for position in range(index - 1, -1, -1):
        item = mentions[position]
        if (
            item.area_cue is not None
            or item.relation not in (None, "between")
            or not _LIST_GAP.match(text[item.end : following.start])
        ):
            break
        items.append(item)
        following = item
    return items


_CLOSING = re.compile(r"\s*\)")
# "in central Van": a preposition and a part of a place make a common word a place's name
_PART_BEFORE = re.compile(
    r"\b(?:in|near|at|outside)\s+(?:the\s+)?(?:northern|southern|eastern|western|central)\s+$",
    re.IGNORECASE,
)


@cache
def _raw_scans() -> tuple[AnchoredRegex, AnchoredRegex]:
    """_RAW_BEFORE and _AREA_THEN_NAME tried only where their first words ("in", "near",
    "village of", "district", ...) are: their leading \\b would have the regex engine try
    every character."""
    return AnchoredRegex(_RAW_BEFORE), AnchoredRegex(_AREA_THEN_NAME)


def _raw_mentions(text: str, folded: str, taken: SpanCover,
                  gazetteer: Gazetteer) -> list[Mention]:
    common = matching_rules().common_keys
    found: dict[tuple[int, int], Mention] = {}
    spans: list[tuple[int, str, bool]] = []
    before, area_then_name = _raw_scans()
    spans += [(hit.start(1), hit.group(1), False)
              for hit in before.finditer(text, folded=folded)]
    spans += [(hit.start(1), hit.group(1), False) for hit in _RAW_AFTER.finditer(text)]
    # "in Chora district, Urozgan": the name after an area and a comma is the area it lies in,
    # kept only where the gazetteer knows it, as in a parenthesis
    spans += [(hit.start(1), hit.group(1), True)
              for hit in area_then_name.finditer(text, folded=folded)]
    for hit in _PARENTHESIS.finditer(text):
        # "(Hyderabad, TS)", "Nigohan (UP)": a state's abbreviation closes the parenthesis
        abbreviation = _ABBREVIATION.search(hit.group(1))
        if abbreviation:
            areas = _abbreviated_areas(gazetteer, abbreviation.group(1))
            span = (hit.start(1) + abbreviation.start(1), hit.start(1) + abbreviation.end(1))
            if areas and not taken.meets(*span):
                found[span] = Mention(*span, *span, abbreviation.group(1), areas)
        position = hit.start(1)
        while position < hit.end(1):
            part = _PART.match(text, position, hit.end(1))
            if not part:
                break
            spans.append((part.start(1), part.group(1), True))
            position = part.end()
    for start, name, in_parenthesis in spans:
        # trim trailing common words ("Aleppo Province" is handled by the cue reader)
        words = name.split()
        if taken.meets(start, start + len(words[0])):
            continue  # a name found already (whatever is trimmed, the first word stays)
        # "in central Van", "in northern Bay": a part of a place is said of a place
        part_of_place = len(words) == 1 and bool(
            _PART_BEFORE.search(text, max(0, start - 40), start))
        closing = _CLOSING.match(text, start + len(name)) if in_parenthesis else None
        if (
            closing and len(words) == 1 and words[0].lower() in common
            # "Yangon (East) district": a part of a name, not the area of a place
            and not _AREA_AFTER.match(text[closing.end() : closing.end() + 60])
        ):
            # "(Oshimili North, Delta)", "Itaugua (Central)": the last item of the admin
            # areas after a place is an area, though its name is also a common word
            areas = [p.index for p in gazetteer.lookup(name) if p.kind in ("admin1", "admin2")]
            if areas and not taken.meets(start, start + len(name)):
                found[(start, start + len(name))] = Mention(
                    start, start + len(name), start, start + len(name), name, areas)
            continue
        while words and words[-1].lower() in common and not part_of_place:
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        end = start + len(name)
        if taken.meets(start, end) or len(name) < 3 or (
            name.lower() in common and not part_of_place
        ):
            continue
        if words[0].isupper() and len(words[0]) <= 6:  # an acronym (GNA, OPS)
            continue
        if _organisation_after(text, end) or words[-1].lower() in _organisation_words():
            continue
        if part_of_place and name.lower() in common:
            # a name the matcher left as a common word: its namesakes as they are spelled
            exact = [p.index for p in gazetteer.lookup(name)]
            if exact:
                found[(start, end)] = Mention(start, end, start, end, name, exact)
            continue
        candidates = gazetteer.loose_lookup(name)
        if in_parenthesis and not candidates:
            continue  # "(Reuters)": only names the gazetteer knows say where a place is
        found[(start, end)] = Mention(
            start, end, start, end, name, candidates, raw=not candidates, loose=True
        )
    return list(found.values())


# The last item of a parenthesis written as a short abbreviation ("TS", "KPK", "J&K").
_ABBREVIATION = re.compile(r"(?:^|,)\s*([A-Z][A-Z&]{1,3})\s*$")


@cache
def _abbreviations() -> dict[str, list[tuple[str, str]]]:
    """Abbreviations of admin1 areas in the alias table -> (country code, GeoNames name)."""
    table: dict[str, list[tuple[str, str]]] = {}
    for row in read_admin_aliases():
        alias = row["alias"]
        if row["level"] == "1" and 2 <= len(alias) <= 4 and alias.replace("&", "").isupper():
            table.setdefault(alias, []).append((row["country_code"], row["geonames_name"]))
    return table


def _abbreviated_areas(gazetteer: Gazetteer, abbreviation: str) -> list[int]:
    areas = (gazetteer.admin1_area(code, name) for code, name in
             _abbreviations().get(abbreviation, ()))
    return [area.index for area in areas if area is not None]


@cache
def _organisation_words() -> frozenset[str]:
    return frozenset(w.lower() for w in matching_rules().organisation_words)


def _organisation_after(text: str, end: int) -> bool:
    from conflict_events.geo.matcher import _organisation_pattern

    return bool(_organisation_pattern().match(text, end))


def _add_area_candidates(mention: Mention, gazetteer: Gazetteer) -> None:
    """"southern Hasaka": an admin area is meant; find it by the tolerant key if the exact
    names gave only towns."""
    mention.exact = len(mention.candidates)
    kinds = [gazetteer.kinds[i] for i in mention.candidates]
    if any(k in ("admin1", "admin2") for k in kinds):
        return
    # a guess must agree with the towns that bear the name exactly, if any: "Handwara
    # subdistrict" is not Hunedoara, Romania, and ", Bogota" not Bogati
    countries = {gazetteer.place(i).country_code for i in mention.candidates}
    extra = [
        i for i in gazetteer.loose_lookup(mention.surface)
        if gazetteer.kinds[i] in ("admin1", "admin2")
        and (not countries or gazetteer.place(i).country_code in countries)
    ]
    mention.candidates = list(dict.fromkeys([*mention.candidates, *extra]))


_LOCATIVE = re.compile(
    r"\b(?:in|near|at|from|to|outside|inside|of|into|around|toward|towards|between|and)\s+"
    r"(?:the\s+)?(?:(?:town|village|city|area|locality|hamlet|neighbou?rhood|district|camp|"
    r"province|region|governorate|state|municipality|countryside|outskirts|suburbs?|vicinity)"
    r"\s+of\s+(?:the\s+)?)?(?:(?:rural|southern|northern|eastern|western|central)\s+)?$",
    re.IGNORECASE,
)


def _renumber(kept: list[Mention], before: list[Mention]) -> None:
    """Keep context_of/qualifies pointing at the same mentions after some were dropped."""
    position = {id(m): i for i, m in enumerate(kept)}
    for mention in kept:
        for attr in ("context_of", "qualifies"):
            old = getattr(mention, attr)
            if old is not None:
                setattr(mention, attr, position.get(id(before[old])))


# The words each phrase _read_context looks for ends with, before the spaces that end it
# (case-folded; a word listed ends the words that end with it: "to" ends "into"). A phrase is
# only searched for where the words before a name end with one of them: most names follow
# "in" or "of", or a comma, and most of the phrases cannot end there.
_LAST_WORDS: dict[re.Pattern[str], tuple[str, ...]] = {
    _LOCATIVE: ("in", "near", "at", "from", "to", "outside", "inside", "of", "around", "toward",
                "towards", "between", "and", "the", "rural", "southern", "northern", "eastern",
                "western", "central"),
    _BEFORE_DIRECTION: ("of", "the", "city", "town", "village", "district"),
    _BEFORE_OUTSKIRTS: ("of", "the", "city", "town", "village"),
    _BEFORE_COUNTRYSIDE: ("of", "the", "rural"),
    _BEFORE_NEAR: ("near", "nearby", "to", "of", "around", "outside", "the", "city", "town",
                   "village", "area", "district"),
    _BEFORE_BETWEEN: ("between", "the", "of"),
    _BEFORE_PART: ("north", "south", "east", "west", "northern", "southern", "eastern",
                   "western", "central", "upper", "of"),
}


@cache
def _context_search() -> AnchoredSearch:
    """The phrases _read_context looks for before a name, found in one pass."""
    return AnchoredSearch(list(_LAST_WORDS))


_LONGEST_LAST_WORD = max(len(word) for words in _LAST_WORDS.values() for word in words)


def _possible_phrases(folded: str) -> frozenset[re.Pattern[str]]:
    """The phrases of _LAST_WORDS that may end `folded` (the folded words before a name):
    each ends with one of its last words and spaces."""
    last = folded.rstrip()
    if not last or len(last) == len(folded):
        return frozenset()  # no word before the spaces, or no space before the name
    # whether a last word ends the text depends on its last word only (none holds a space)
    return _phrases_ending(last[-_LONGEST_LAST_WORD:].rsplit(None, 1)[-1])


@lru_cache(maxsize=4096)  # the words before names are few: "in", "of", "near", ...
def _phrases_ending(word: str) -> frozenset[re.Pattern[str]]:
    return frozenset(p for p, words in _LAST_WORDS.items() if word.endswith(words))


def _no_match(_pattern: re.Pattern[str]) -> re.Match[str] | None:
    return None


def _context_searcher(before: str, folded: str) -> Callable[[re.Pattern[str]],
                                                             re.Match[str] | None]:
    """pattern -> pattern.search(before) for the phrases of _LAST_WORDS (`folded`: the fold of
    `before`): those that may end there found in one pass, the others never."""
    possible = _possible_phrases(folded)
    if not possible:
        return _no_match
    search = _context_search().in_text(before, folded)
    return lambda pattern: search(pattern) if pattern in possible else None


# The relation each phrase before a name gives (a direction's is its own), in order of
# precedence.
_RELATIONS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (_BEFORE_DIRECTION, None),
    (_BEFORE_OUTSKIRTS, "outskirts"),
    (_BEFORE_COUNTRYSIDE, "countryside"),
    (_BEFORE_NEAR, "near"),
    (_BEFORE_BETWEEN, "between"),
    (_BEFORE_PART, "part of region"),
)


def _opens_line(text: str, start: int) -> bool:
    """Whether only spaces come before `start` on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _read_context(text: str, folded: str, mention: Mention, previous: Mention | None) -> None:
    window = max(0, mention.start - 80)
    before = text[window : mention.start]
    search = _context_searcher(before, folded[window : mention.start])
    mention.locative = bool(search(_LOCATIVE))
    after = text[mention.end : mention.end + 60]
    # an area word and a city's quarter after a name follow a space (the area word also "'s"):
    # most names are followed by a comma, a full stop or a parenthesis
    if after[:1].isspace() or after[:1] in ("'", "’"):
        hit = _AREA_AFTER.match(after)
        if hit:
            mention.area_cue = " ".join(hit.group(1).lower().split())
            mention.phrase_end = mention.end + hit.end()
            if mention.area_cue in ("countryside", "outskirts", "suburbs"):
                mention.relation = ("countryside" if mention.area_cue == "countryside"
                                    else "outskirts")
        district = _AFTER_DISTRICT.match(after)
        # "PORT-AU-PRINCE - Residents of ...": a name opening a line before a dash is a wire
        # dateline, where the story was filed; the words after the dash begin the story
        if district and not _opens_line(text, mention.start):
            mention.district = district.group(1)
            mention.phrase_end = mention.end + district.end()
    for pattern, relation in _RELATIONS:
        hit = search(pattern)
        if hit:
            if relation is None:
                direction = hit.group(1).lower().replace(" ", "-")
                relation = f"{direction} of"
            mention.relation = mention.relation or relation
            mention.phrase_start = mention.start - (len(before) - hit.start())
            break
    if (
        mention.relation is None
        and previous is not None
        and previous.relation == "between"
        and _AND.match(text[previous.phrase_end if previous.phrase_end > previous.end
                            else previous.end : mention.start])
    ):
        mention.relation = "between"
        mention.phrase_start = previous.phrase_start
        previous.phrase_end = mention.end
        mention.phrase_end = max(mention.phrase_end, mention.end)


# --- landmarks of one city ---------------------------------------------------------------


@cache
def _landmark_scan() -> AnchoredRegex:
    """The landmark pattern tried only where a landmark's name can begin: the pattern's
    leading look-behind would have the regex engine try every character."""
    return AnchoredRegex(landmark_search()[0])


def _landmark_mentions(text: str, gazetteer: Gazetteer, taken: SpanCover) -> list[Mention]:
    """Mentions of the landmarks of knowledge/geo/landmarks.yaml, placed in their city."""
    _pattern, by_name = landmark_search()
    found: list[Mention] = []
    # the fold the matcher scanned, kept (keys.padded_fold): one space before the text
    for hit in _landmark_scan().finditer(padded_fold(text)):
        start, end = hit.start(1) - 1, hit.end(1) - 1
        if not text[start].isupper() or taken.meets(start, end):
            continue
        entry = by_name.get(" ".join(hit.group(1).split()))
        if entry is None:
            continue
        cities = [p for p in gazetteer.lookup(entry.city, country=entry.country)
                  if p.kind == "place"]
        if cities:
            city = max(cities, key=lambda p: p.population)
            found.append(Mention(start, end, start, end, text[start:end], [city.index]))
    return found
