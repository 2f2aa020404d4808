"""Find gazetteer names in a text with one Aho-Corasick pass over its folded form.

The text is folded one character for one (keys.fold), so match offsets are offsets in the text.
Keys are padded with spaces to match whole words only. Case and context rules keep ordinary
words from becoming places: a one-word name must be capitalised in the text, and a name that is
also a common word (knowledge/geo/matching.yaml) only counts next to a place cue ("Bay region",
"town of Hit"), which the automaton carries as longer keys. The automaton is compiled once per
gazetteer and cached beside its tables (automaton.py).
"""

from __future__ import annotations

import contextlib
import re
import string
from functools import cache, cached_property
from importlib import resources
from itertools import compress
from operator import itemgetter, or_
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict, Field

from conflict_events.errors import GazetteerError, KnowledgeError
from conflict_events.geo.automaton import CompiledNames, rules_fingerprint
from conflict_events.geo.automaton import build as build_automaton
from conflict_events.geo.automaton import cues as automaton_cues
from conflict_events.geo.automaton import load as load_automaton
from conflict_events.geo.automaton import save as save_automaton
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.hit_screen import (
    BEFORE,
    CASE,
    HYPHEN,
    INSIDE,
    ORGANISATION,
    ScreenWords,
    screen,
)
from conflict_events.geo.keys import fold_name, padded_fold
from conflict_events.knowledge.yaml_files import read_yaml


class MatchingExample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    found: list[str] = Field(default_factory=list)
    not_found: list[str] = Field(default_factory=list)


class MatchingRules(BaseModel):
    """knowledge/geo/matching.yaml."""

    model_config = ConfigDict(extra="forbid")
    common_words: list[str]
    area_words: list[str]
    place_words: list[str]
    organisation_words: list[str]
    examples: list[MatchingExample] = Field(default_factory=list)

    @cached_property  # read for every text geocoded; the words never change once loaded
    def common_keys(self) -> frozenset[str]:
        return frozenset(fold_name(w) for w in self.common_words)


@cache
def matching_rules() -> MatchingRules:
    path = Path(str(resources.files("conflict_events.knowledge").joinpath("geo/matching.yaml")))
    try:
        data = read_yaml(path)  # the C loader, and cached as JSON (knowledge/yaml_files.py)
        return MatchingRules.model_validate(data)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


class NameMatch(NamedTuple):
    """A gazetteer name found in a text: text[start:end] folds to gazetteer key `key_id`."""

    start: int
    end: int
    key_id: int
    surface: str


class Matcher:
    """Finds gazetteer names in texts with the gazetteer's Aho-Corasick automaton
    (automaton.py), loaded from the cache beside the gazetteer tables or compiled on first
    use."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._compiled: CompiledNames | None = None
        # the last text and its names: the geocoder reads a text again with a country hint
        self._last: tuple[str, list[NameMatch]] | None = None
        self._entries: tuple[CompiledNames, npt.NDArray[np.int64]] | None = None

    @property
    def compiled(self) -> CompiledNames:
        if self._compiled is None:
            self._compiled = self._load_or_build()
        return self._compiled

    def _load_or_build(self) -> CompiledNames:
        rules = matching_rules()
        after, before = automaton_cues(rules.area_words, rules.place_words)
        fingerprint = rules_fingerprint(rules.common_keys, after, before)
        directory = self.gazetteer.directory
        if directory is not None:
            try:
                return load_automaton(directory, fingerprint)
            except GazetteerError:
                pass  # absent or damaged: compiled again below, never trusted
        keys, _, _ = self.gazetteer.key_index
        compiled = build_automaton(keys, rules.common_keys, after, before, _LOWER_NAME_STARTS)
        if directory is not None:
            # a read-only cache: the automaton is kept in memory only
            with contextlib.suppress(OSError):
                save_automaton(compiled, directory, fingerprint)
        return compiled

    def _entry_array(self) -> npt.NDArray[np.int64]:
        """The compiled entries as a numpy array, for the screen of long texts."""
        compiled = self.compiled
        if self._entries is None or self._entries[0] is not compiled:
            self._entries = (compiled, np.array(compiled.entries, dtype=np.int64))
        return self._entries[1]

    def find(self, text: str) -> list[NameMatch]:
        """Non-overlapping name matches, longest first at each place, in text order."""
        if not text:
            return []
        last = self._last
        if last is not None and last[0] == text:
            return list(last[1])
        found = self._find(text)
        self._last = (text, found)
        return list(found)

    def _find(self, text: str) -> list[NameMatch]:
        compiled = self.compiled
        hits = compiled.scan(padded_fold(text))
        shouting = text.isupper()
        entries = compiled.entries
        lower_start = compiled.lower_start
        if len(hits) >= BULK_HITS:
            return _choose_screened(text, hits, self._entry_array(), lower_start, shouting)
        if not shouting:
            # Most hits are lower-case words: drop them in one pass, without a Python call per
            # hit. A hit's first padded character is a space, so text[s] is the first character
            # of its pattern's name, except for the few patterns that may start lower-case (ids
            # below lower_start).
            capital = map(str.isupper, map(text.__getitem__, map(_FIRST, hits)))
            lower = map(lower_start.__gt__, map(_THIRD, hits))
            hits = list(compress(hits, map(or_, capital, lower)))
        # Candidates sorted leftmost-longest first: the rules need only be read for a hit that
        # no name chosen before it covers.
        candidates: list[tuple[int, int, int, int]] = []
        append = candidates.append
        for pattern_start, _pattern_end, pattern_id in hits:
            entry = entries[pattern_id]
            append((pattern_start + ((entry >> 8) & 0xFF) - 1, -(entry & 0xFF), pattern_id,
                    entry))
        candidates.sort()
        chosen: list[NameMatch] = []
        make = tuple.__new__  # NameMatch's own __new__ adds a Python call per match
        last_end = -1
        for start, negative_length, pattern_id, entry in candidates:
            if start < last_end:
                continue  # inside a name already chosen
            end = start - negative_length
            if _rejected(text, start, end, pattern_id, entry, lower_start, shouting):
                continue
            chosen.append(make(NameMatch, (start, end, entry >> 17, text[start:end])))
            last_end = end
        return chosen


# From this many automaton hits on, a text's hits are screened with numpy (hit_screen.py).
# The screen's sixty-odd numpy steps cost a few hundred microseconds whatever the text, so one
# Python step per hit is faster up to about 500 hits of place-dense notes and 1,000 of news
# prose, where more hits are lower-case words dropped at once (measured: 1,580 hits of notes
# screened in four fifths of the time; a 5 kB article has some 60 hits).
BULK_HITS = 1000


def _choose_screened(text: str, hits: list[tuple[int, int, int]],
                     entries: npt.NDArray[np.int64], lower_start: int,
                     shouting: bool) -> list[NameMatch]:
    """What Matcher._find chooses, with only the rules the screen marks read for each hit."""
    screened = screen(text, hits, entries, lower_start, shouting, _screen_words())
    chosen: list[NameMatch] = []
    make = tuple.__new__
    last_end = -1
    for start, end, pattern_id, entry, rules in zip(*screened, strict=True):
        if start < last_end:
            continue
        if rules and _rejected_by(rules, text, start, end, pattern_id, entry, lower_start):
            continue
        chosen.append(make(NameMatch, (start, end, entry >> 17, text[start:end])))
        last_end = end
    return chosen


@cache
def _screen_words() -> ScreenWords:
    return ScreenWords(frozenset(matching_rules().organisation_words), _NEXT_WORD_INITIALS,
                       _ARTICLES_AFTER)


def _rejected_by(rules: int, text: str, start: int, end: int, pattern_id: int, entry: int,
                 lower_start: int) -> bool:
    """Whether one of `rules` (hit_screen's bits) drops the name text[start:end]; each rule
    whole, as `_rejected` reads it after its cheap conditions."""
    if rules & CASE:
        if pattern_id >= lower_start:
            if _acronym(text[start:end]):
                return True
        elif entry & 0x10000:
            if not text[start].isupper() or (end - start <= 6 and _acronym(text[start:end])):
                return True
        elif not _capitalised(text[start:end]):
            return True
    if rules & ORGANISATION and _organisation_pattern().match(text, end):
        return True
    if rules & HYPHEN and (_STANCE.search(text, max(0, start - 5), start)
                           or _AFFILIATION.match(text, end)):
        return True
    if rules & INSIDE and _inside_longer_name(text, start):
        return True
    return bool(rules & BEFORE and _before_longer_name(text, end))


def _rejected(text: str, start: int, end: int, pattern_id: int, entry: int, lower_start: int,
              shouting: bool) -> bool:
    """Whether the case and context rules drop the name text[start:end] found by pattern
    `pattern_id` (whose first character, from lower_start on, is known to be a capital)."""
    single = entry & 0x10000
    if not shouting:
        if pattern_id >= lower_start:
            # the name starts with a capital, so a longer name is capitalised; a short
            # one-word name may still be an acronym, which never ends in a lower-case letter
            if (single and end - start <= 6 and not text[end - 1].islower()
                    and _acronym(text[start:end])):
                return True  # an acronym (GNA, OPS, SoG)
        elif single:
            if not text[start].isupper():
                return True
            if end - start <= 6 and _acronym(text[start:end]):
                return True
        elif not _capitalised(text[start:end]):
            return True
    after = text[end:end + 1]
    if after.isspace():
        # "Aleppo Brigade": most words after a name cannot start an organisation word
        # (the regex costs a microsecond a call)
        following = text[end + 1:end + 3]
        if ((following in _organisation_starts() or not following.isalpha()
             or not following.isascii()) and _organisation_pattern().match(text, end)):
            return True
    before = text[start - 1] if start > 0 else ""
    # "pro-Hadi forces", "Islah-affiliated gunmen": a person or party, not a place
    # (the stance word is looked for in the five characters before the name only:
    # searching from the text's start at every hit made matching quadratic)
    if (before == "-" and _STANCE.search(text, max(0, start - 5), start)) or (
        after == "-" and _AFFILIATION.match(text, end)
    ):
        return True
    # Cheap necessary conditions before each context rule: the word before must
    # start with a capital, the word after with a capital or an article's letter.
    return bool(single and not shouting and (
        (before == " " and start > 1
         and text[text.rfind(" ", max(0, start - 30), start - 1) + 1].isupper()
         and _inside_longer_name(text, start))
        or (after in _SEPARATORS and text[end + 1:end + 2] in _NEXT_WORD_INITIALS
            and _before_longer_name(text, end))
    ))


_FIRST = itemgetter(0)
_THIRD = itemgetter(2)
_SEPARATORS = frozenset(" -")


_STANCE = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)
_AFFILIATION = re.compile(
    r"-(?:led|backed|affiliated|aligned|allied|linked|loyal|sponsored|supported)\b",
    re.IGNORECASE,
)


def _acronym(word: str) -> bool:
    """"GNA", "OPS", "SoG", "AGuH": all capitals, or a capital at the end of a short word."""
    return word.isupper() or (len(word) > 1 and word[-1].isupper())


@cache
def _organisation_starts() -> frozenset[str]:
    """The first two letters of the organisation words, in every case. The pattern can only
    match after a name where the next two characters are one of these, or are not two ASCII
    letters (a second space, a non-ASCII letter that IGNORECASE may equate with an ASCII one)."""
    return frozenset(
        first + second
        for word in matching_rules().organisation_words if len(word) >= 2
        for first in {word[0].lower(), word[0].upper()}
        for second in {word[1].lower(), word[1].upper()}
    )


@cache
def _organisation_pattern() -> re.Pattern[str]:
    words = sorted(matching_rules().organisation_words, key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


# Capitalised words that may stand before a place name without being part of it.
_QUALIFIERS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "upper", "lower", "greater", "rural", "new", "old", "northeastern", "northwestern",
     "southeastern", "southwestern", "north-east", "north-west", "south-east", "south-west",
     "in", "near", "at", "from", "the", "on", "of", "and", "to", "outside", "around", "both",
     "across", "throughout", "inside", "along", "toward", "towards", "through", "since",
     "until", "when", "while", "as", "but", "by", "for", "with", "between", "into", "over"}
)


def _inside_longer_name(text: str, start: int) -> bool:
    """"Boko Haram", "Abu Salim", "Mitiga Airport": a one-word name right after another
    capitalised word is part of a longer name (an organisation, or a place the gazetteer
    lacks), unless that word is a qualifier such as "Eastern" or starts the sentence."""
    space = start - 1
    if space < 1 or text[space] != " ":
        return False
    word_start = text.rfind(" ", max(0, start - 30), space) + 1
    if word_start == 0 and start > 30:
        return False
    word = text[word_start:space]
    # a word, not "Saraqib," or "(Idlib": punctuation separates names
    if not word or not word[0].isupper() or not word.replace("'", "").replace("’", "").isalnum():
        return False
    lowered = word.lower()
    if lowered in _QUALIFIERS:
        return False
    # a word that starts the sentence may be capitalised for that reason alone
    before = text[max(0, word_start - 3) : word_start].strip()
    return not (word_start == 0 or before.endswith((".", "!", "?", ":", '"')))


# Lower-case words a longer name may start with: "al-Hasakeh", "de la Cruz".
_LOWER_NAME_STARTS = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et", "ez", "en",
     "de", "del", "la", "le", "les", "los", "las", "da", "do", "dos", "das", "di", "du"}
)


_NEXT_WORD = re.compile(r"[ -]([A-Za-z][\w'’]*)")
_ARTICLES_AFTER = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn"})
# The first letters of the words after a name that `_before_longer_name` can take as the start
# of a longer name: a capital, or an article's first letter.
_NEXT_WORD_INITIALS = frozenset(string.ascii_uppercase) | {w[0] for w in _ARTICLES_AFTER}


@cache
def _ordinary_next_words() -> frozenset[str]:
    rules = matching_rules()
    words = (*rules.common_words, *rules.organisation_words, *rules.area_words,
             *rules.place_words)
    return frozenset(w.lower() for w in words)


def _before_longer_name(text: str, end: int) -> bool:
    """"Tal Tamer", "Sierra Vieja", "Bab al Faraj": a one-word name followed by another
    capitalised word or an article is the start of a longer name the gazetteer lacks, unless
    that word is an ordinary one ("Kabul Police", "Aleppo Province")."""
    hit = _NEXT_WORD.match(text, end)
    if not hit:
        return False
    word = hit.group(1)
    lowered = word.lower()
    if lowered in _ARTICLES_AFTER:
        # "Bab al Faraj", "Ras al-Ain": an article before a name; "Maiduguri at dawn",
        # "Kabul as ..." are English words after a complete name
        following = _NEXT_WORD.match(text, hit.end())
        return following is not None and (
            text[following.start()] == "-" or following.group(1)[0].isupper()
        )
    return word[0].isupper() and lowered not in _ordinary_next_words()


def _capitalised(surface: str) -> bool:
    """One-word names must start with a capital; longer ones with a capital or an article
    ("al-Hasakeh"), so that "in Salah Aldeen" is not In Salah, Algeria."""
    words = surface.replace("-", " ").split()
    if not words:
        return False
    if len(words) == 1:
        return surface[0].isupper() or surface[0].isdigit()
    first = words[0]
    if not (first[0].isupper() or first[0].isdigit() or first.lower() in _LOWER_NAME_STARTS):
        return False
    return any(w[0].isupper() for w in words)
