"""Comparison keys: the normalisations the evaluation protocol applies before comparing actor
names and place names, so that spelling and era naming are not counted as errors by themselves."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

# A state force's era, e.g. "(2000-)" or "(2017-2022)".
_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")

# Arabic articles written as separate words ("Deir ez Zor", "Dayr az Zawr").
ARABIC_ARTICLES: frozenset[str] = frozenset(
    ["al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es", "et", "ez", "en"]
)
_APOSTROPHES = "'’‘`´ʻʼʽʾʿ"
_DROPPED_AFTER_FIRST = frozenset("aeiouyw")

# Names that differ beyond spelling (one admin area, two names). The geo knowledge base's table
# (knowledge/geo/admin_aliases.csv) is used when present; this is the fallback.
BUILTIN_ALIASES: dict[str, str] = {
    "Amanat al Asimah": "Sanaa",
    "Amanat Al Asimah": "Sanaa",
    "Sana'a City": "Sanaa",
}


def _collapse(text: str) -> str:
    return " ".join(text.split())


def actor_keys(name: str | None) -> frozenset[str]:
    """Keys under which an actor name compares equal to another.

    Case-folded, whitespace collapsed, with the era "(2000-)" removed; and, for names with an
    era, also the name up to the era, so "Military Forces of Somalia (2017-2022) Puntland
    Security Force" shares a key with "Military Forces of Somalia". No name -> no keys."""
    if not name or not name.strip():
        return frozenset()
    text = _collapse(unicodedata.normalize("NFKC", name).casefold())
    match = _PERIOD.search(text)
    if match is None:
        return frozenset({text})
    without_period = _collapse(_PERIOD.sub(" ", text))
    up_to_period = _collapse(text[: match.start()])
    return frozenset(key for key in (without_period, up_to_period) if key)


def actors_match(predicted: str | None, gold: str | None) -> bool:
    """Same actor under the protocol's normalisation; two absent actors match."""
    pred_keys, gold_keys = actor_keys(predicted), actor_keys(gold)
    if not pred_keys and not gold_keys:
        return True
    return bool(pred_keys & gold_keys)


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _word_skeleton(word: str) -> str:
    """First letter plus its consonants, doubled letters collapsed."""
    letters = [word[0], *(ch for ch in word[1:] if ch not in _DROPPED_AFTER_FIRST)]
    out: list[str] = []
    for ch in letters:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def spelling_key(name: str | None) -> str:
    """The spelling-tolerant key without the alias table (see place_key)."""
    if not name:
        return ""
    text = _strip_diacritics(unicodedata.normalize("NFKC", name).casefold())
    text = text.translate({ord(ch): None for ch in _APOSTROPHES})
    text = text.replace("-", " ")
    # Other punctuation separates words too ("Aleppo - Ramouseh", "St. Louis").
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w for w in text.split() if w not in ARABIC_ARTICLES]
    return "".join(_word_skeleton(w) for w in words)


class PlaceKeys:
    """place_key with an alias table: names that differ beyond spelling share a key."""

    def __init__(self, aliases: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = aliases.items() if isinstance(aliases, Mapping) else aliases
        self._alias: dict[str, str] = {}
        for alias, canonical in pairs:
            alias_key, canonical_key = spelling_key(alias), spelling_key(canonical)
            if alias_key and canonical_key and alias_key != canonical_key:
                self._alias[alias_key] = canonical_key

    def key(self, name: str | None) -> str:
        key = spelling_key(name)
        return self._alias.get(key, key)

    def same(self, predicted: str | None, gold: str | None) -> bool:
        """Same place under the protocol's key. An absent prediction never matches a gold name;
        two absent names match."""
        pred_key, gold_key = self.key(predicted), self.key(gold)
        return pred_key == gold_key


def _load_alias_file() -> list[tuple[str, str]] | None:
    """(alias, canonical) pairs from knowledge/geo/admin_aliases.csv, if the file exists."""
    try:
        ref = resources.files("conflict_events.knowledge").joinpath("geo/admin_aliases.csv")
        if not ref.is_file():
            return None
        text = ref.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, OSError):
        return None
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    if not rows:
        return None
    columns = {c.strip().casefold(): c for c in rows[0] if c}
    alias_col = next((columns[c] for c in ("alias", "variant", "name") if c in columns), None)
    canonical_col = next(
        (columns[c] for c in ("canonical", "admin1", "acled_name", "acled", "target")
         if c in columns and columns[c] != alias_col),
        None,
    )
    if alias_col is None or canonical_col is None:
        return None
    return [
        (row[alias_col].strip(), row[canonical_col].strip())
        for row in rows
        if row.get(alias_col) and row.get(canonical_col)
    ]


@cache
def default_place_keys() -> PlaceKeys:
    """Place keys with the project's alias table, or the built-in examples without it."""
    pairs = list(BUILTIN_ALIASES.items())
    pairs.extend(_load_alias_file() or [])
    return PlaceKeys(pairs)


def place_key(name: str | None) -> str:
    """Spelling-tolerant key of an admin area or location name (evaluation protocol):
    case-folded, diacritics and apostrophes removed, hyphens as spaces, Arabic articles dropped,
    aliases resolved, then per word the first letter and its consonants with doubled letters
    collapsed, words joined. "Deir-ez-Zor" and "Dayr az Zawr" both give "drzr"."""
    return default_place_keys().key(name)


def places_match(predicted: str | None, gold: str | None) -> bool:
    return default_place_keys().same(predicted, gold)
