"""Find gazetteer names in a text with one Aho-Corasick pass over its folded form.

The text is folded one character for one (keys.fold), so match offsets are offsets in the text.
Keys are padded with spaces to match whole words only. Case and context rules keep ordinary
words from becoming places: a one-word name must be capitalised in the text, and a name that is
also a common word (knowledge/geo/matching.yaml) only counts next to a place cue ("Bay region",
"town of Hit"), which the automaton carries as longer keys.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import yaml
from pydantic import BaseModel, ConfigDict, Field

from conflict_events.errors import KnowledgeError
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.keys import fold, fold_name

MIN_KEY_LENGTH = 3


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
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    """Aho-Corasick automaton over all names of a gazetteer; built on first use."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._automaton: ahocorasick.Automaton | None = None
        # entry -> (key id, distance from the end of the automaton key back to the name's
        # start, length of the name, whether the name is one word)
        self._entries: list[tuple[int, int, int, bool]] = []

    @property
    def automaton(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            self._automaton = self._build()
        return self._automaton

    def _build(self) -> ahocorasick.Automaton:
        rules = matching_rules()
        common = rules.common_keys
        cue_after = [fold_name(w) for w in (*rules.area_words, *rules.place_words)]
        cue_before = [fold_name(w) + " of" for w in rules.place_words] + ["outskirts of"]
        keys, _, _ = self.gazetteer.key_index
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        entries = self._entries
        entries.clear()
        for key_id, key in enumerate(keys):
            if len(key) < MIN_KEY_LENGTH or key.isdigit():
                continue
            single = " " not in key
            if key in common:
                # Only with a cue: "bay region", "town of hit".
                for cue in cue_after:
                    padded = f" {key} {cue} "
                    automaton.add_word(padded, len(entries))
                    entries.append((key_id, len(padded) - 1, len(key), single))
                for cue in cue_before:
                    padded = f" {cue} {key} "
                    automaton.add_word(padded, len(entries))
                    entries.append((key_id, len(key) + 1, len(key), single))
                continue
            automaton.add_word(f" {key} ", len(entries))
            entries.append((key_id, len(key) + 1, len(key), single))
        if not entries:
            automaton.add_word("\x00", 0)
            entries.append((-1, 0, 0, True))
        automaton.make_automaton()
        return automaton

    def find(self, text: str) -> list[NameMatch]:
        """Non-overlapping name matches, longest first at each place, in text order."""
        if not text:
            return []
        automaton = self.automaton
        entries = self._entries
        folded = " " + fold(text) + " "
        shouting = text.isupper()
        organisation = _organisation_pattern()
        candidates: list[tuple[int, int, int]] = []
        for end_index, value in automaton.iter(folded):
            key_id, back, name_length, single = entries[value]
            # end_index is the padded text's index of the key's last character; the padded
            # text is one longer at the front, so this is the name's start in `text`.
            start = end_index - back
            if not shouting:
                if single:
                    # most hits are lower-case words: reject them first, cheaply
                    if not text[start].isupper():
                        continue
                    if name_length <= 6 and _acronym(text[start : start + name_length]):
                        continue  # an acronym (GNA, OPS, SoG)
                elif not _capitalised(text[start : start + name_length]):
                    continue
            if key_id < 0:
                continue
            end = start + name_length
            if organisation.match(text, end):
                continue
            if single and not shouting and (
                _inside_longer_name(text, start) or _before_longer_name(text, end)
            ):
                continue
            candidates.append((start, start - end, key_id))
        return [
            NameMatch(start, end, key_id, text[start:end])
            for start, end, key_id in _longest_non_overlapping(candidates)
        ]


def _acronym(word: str) -> bool:
    """"GNA", "OPS", "SoG", "AGuH": all capitals, or a capital at the end of a short word."""
    return word.isupper() or (len(word) > 1 and word[-1].isupper())


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
        return True
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


def _longest_non_overlapping(
    candidates: list[tuple[int, int, int]],
) -> list[tuple[int, int, int]]:
    """From (start, -length, key id) triples: (start, end, key id) of the leftmost-longest
    names that do not overlap."""
    candidates.sort()
    chosen: list[tuple[int, int, int]] = []
    last_end = -1
    for start, negative_length, key_id in candidates:
        end = start - negative_length
        if start >= last_end:
            chosen.append((start, end, key_id))
            last_end = end
    return chosen
