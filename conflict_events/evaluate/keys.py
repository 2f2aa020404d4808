"""Comparison keys: the normalisations the evaluation protocol applies before comparing actor
names and place names, so that spelling and era naming are not counted as errors by themselves."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from conflict_events.geo.aliases import same_admin_name
from conflict_events.geo.build import read_admin_aliases
from conflict_events.geo.keys import eval_key

# A state force's era, e.g. "(2000-)" or "(2017-2022)".
_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")

# Names that differ beyond spelling. The protocol names this pair itself, so it always applies;
# the geo knowledge base's table (knowledge/geo/admin_aliases.csv) adds to it when present.
PROTOCOL_ALIASES: dict[str, str] = {
    "Amanat al Asimah": "Sanaa",
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


def spelling_key(name: str | None) -> str:
    """The spelling-tolerant key without the alias table (see place_key); the gazetteer's
    own implementation of the protocol's key, so both sides fold names the same way."""
    return eval_key(name) if name else ""


class PlaceKeys:
    """place_key with an alias table: names that differ beyond spelling share a key.

    Aliases are merged into groups (a name's aliases' aliases are its aliases too), so tables
    that list a pair in either direction give the same keys."""

    def __init__(self, aliases: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = aliases.items() if isinstance(aliases, Mapping) else aliases
        self._parent: dict[str, str] = {}
        for alias, canonical in pairs:
            alias_key, canonical_key = spelling_key(alias), spelling_key(canonical)
            if alias_key and canonical_key:
                self._union(alias_key, canonical_key)

    def _find(self, key: str) -> str:
        root = key
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while key != root:  # path compression
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: str, b: str) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a != root_b:
            # The smaller key is the group's key: the result does not depend on table order.
            low, high = sorted((root_a, root_b))
            self._parent[high] = low
            self._parent.setdefault(low, low)

    def key(self, name: str | None) -> str:
        key = spelling_key(name)
        return self._find(key) if key in self._parent else key

    def same(self, predicted: str | None, gold: str | None) -> bool:
        """Same place under the protocol's key. An absent prediction never matches a gold name;
        two absent names match."""
        return self.key(predicted) == self.key(gold)


AliasRows = list[tuple[str | None, str, str]]  # (country alpha-2 or None, alias, canonical)


def _load_alias_file() -> AliasRows:
    """Rows of knowledge/geo/admin_aliases.csv as (country code or None, alias, GeoNames name)."""
    return [((row["country_code"].strip().upper() or None), row["alias"].strip(),
             row["geonames_name"].strip()) for row in read_admin_aliases()]


def _country_code(country: str | None) -> str | None:
    """Alpha-2 code of an ACLED country name (or of a code), None when unknown."""
    if not country:
        return None
    from conflict_events.schema.countries import country_by_name

    found = country_by_name(country)
    if found is not None:
        return found.alpha2.upper()
    return country.strip().upper() if len(country.strip()) == 2 else None


@cache
def _alias_rows() -> AliasRows:
    return _load_alias_file()


@cache
def place_keys_for(country: str | None = None) -> PlaceKeys:
    """Place keys for one country: the protocol's alias pair plus that country's rows of the
    alias table. Aliases are scoped by country so that "North" (Lebanon) and "North"
    (Cameroon) do not join two countries' areas. Without a country, every row applies."""
    code = _country_code(country)
    pairs = list(PROTOCOL_ALIASES.items())
    pairs.extend((alias, canonical) for row_code, alias, canonical in _alias_rows()
                 if code is None or row_code in (None, code))
    return PlaceKeys(pairs)


def place_key(name: str | None, country: str | None = None) -> str:
    """Spelling-tolerant key of an admin area or location name (evaluation protocol):
    case-folded, diacritics and apostrophes removed, hyphens as spaces, Arabic articles dropped,
    aliases resolved, then per word the first letter and its consonants with doubled letters
    collapsed, words joined. "Deir-ez-Zor" and "Dayr az Zawr" both give "drzr"."""
    return place_keys_for(country).key(name)


def places_match(predicted: str | None, gold: str | None, country: str | None = None) -> bool:
    """Same place under the protocol's key, with the alias table of the gold event's country."""
    return place_keys_for(country).same(predicted, gold)


def admin_areas_match(predicted: str | None, gold: str | None, country: str | None = None) -> bool:
    """Same admin area: places_match, or the same name once the words that only give the
    area's kind are dropped and compass words put in English ("Gadabay Rayon" = "Gadabay",
    "Shamal Sina'" = "North Sinai"; geo.aliases.core_name), with the alias table of the gold
    event's country. The kind words are the project's alias knowledge: listing every
    "X Rayon, X" pair in the table would say the same."""
    if places_match(predicted, gold, country):
        return True
    if not predicted or not gold:
        return False
    return same_admin_name(predicted, gold, _country_code(country) or "")

