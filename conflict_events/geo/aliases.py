"""Names ACLED uses for admin areas next to the GeoNames names the gazetteer keeps canonical.

The table is conflict_events/knowledge/geo/admin_aliases.csv (country_code, level, geonames_name,
alias, note). `admin_key` gives the spelling-tolerant comparison key of the evaluation protocol
with aliases resolved, so "Idleb" and "Idlib", "Sanaa City" and "Amanat Al Asimah" compare equal.

Before the key is taken, words that only say what kind of area it is are dropped ("Soqatra
Governorate", "Muhafazat Karbala'", "Gadabay Rayon", "Nairobi Area", "Grad Zagreb"), and
Arabic and French compass words are put in English ("Shamal Sina'" -> "North Sina'",
"Sud-Kivu" -> "South Kivu"): GeoNames and ACLED differ in exactly these ways.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache

from conflict_events.geo.build import read_admin_aliases
from conflict_events.geo.keys import eval_key, fold_name

# Words naming the kind of area, dropped when other words remain.
_AREA_WORDS = frozenset(
    {"governorate", "province", "provincia", "region", "rayon", "raion", "oblast", "oblast'",
     "area", "state", "district", "county", "department", "departamento", "municipality",
     "prefecture", "division", "muhafazat", "muhafazah", "wilayat", "wilaya", "shabiyat",
     "sha", "biyat", "grad", "city", "of", "autonomous", "republic", "voivodeship", "sheng",
     "shi", "zizhiqu", "estado", "do", "the", "autonomna", "pokrajina", "marz", "ostan",
     "e"}
)
_COMPASS = {
    "shamal": "north", "shamali": "north", "janub": "south", "janubi": "south",
    "sharq": "east", "sharqi": "east", "sharqiyah": "east", "gharb": "west", "gharbi": "west",
    "gharbiyah": "west", "nord": "north", "sud": "south", "est": "east", "ouest": "west",
    "norte": "north", "sur": "south", "oeste": "west", "leste": "east",
    # Indonesian and Malay ("Maluku Utara" = North Maluku), Persian ("Khorasan-e Shomali")
    "utara": "north", "selatan": "south", "timur": "east", "barat": "west",
    "shomali": "north", "jonubi": "south",
}
_ENGLISH_COMPASS = frozenset({"north", "south", "east", "west"})
_SEPARATORS = re.compile(r"[-/]")


def core_name(name: str, *, keep_city: bool = False) -> str:
    """An admin-area name without the words that only give its kind, compass words in
    English: "Muhafazat Shamal Sina'" -> "north sina".

    `keep_city` keeps "city", for comparing admin areas with each other: a city that is an area
    of its own is not the province around it (Mexico City and the State of Mexico, Buenos Aires
    F.D. and Buenos Aires). Reading a text, "Marib city" does name a place of Marib."""
    words = fold_name(_SEPARATORS.sub(" ", name)).split()
    words = [_COMPASS.get(w, w) for w in words]
    dropped = _AREA_WORDS - {"city"} if keep_city else _AREA_WORDS
    kept = [w for w in words if w not in dropped] or words
    # the compass word first, whichever side the language puts it on: "Maluku Utara" and
    # "North Maluku" give one key
    kept = [w for w in kept if w in _ENGLISH_COMPASS] + [w for w in kept
                                                        if w not in _ENGLISH_COMPASS]
    return " ".join(kept)


@cache
def _alias_table(keep_city: bool = False) -> dict[tuple[str, str], set[str]]:
    """(country code or "", key of an alias or GeoNames name) -> keys of GeoNames names."""
    table: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in read_admin_aliases():
        canonical = eval_key(core_name(row["geonames_name"], keep_city=keep_city))
        for name in (row["alias"], row["geonames_name"]):
            key = eval_key(core_name(name, keep_city=keep_city))
            table[(row["country_code"], key)].add(canonical)
            table[("", key)].add(canonical)
    return dict(table)


def admin_aliases() -> list[dict[str, str]]:
    """The alias table's rows (country_code, level, geonames_name, alias, note)."""
    return read_admin_aliases()


@lru_cache(maxsize=65_536)  # called for every candidate place of every mention
def admin_keys(name: str, country_code: str | None = None, *,
               keep_city: bool = False) -> frozenset[str]:
    """Every key the name may stand for: its own, and those of the GeoNames names it is an
    alias of (in that country, or in any when no country is given)."""
    key = eval_key(core_name(name, keep_city=keep_city))
    return frozenset({key} | _alias_table(keep_city).get((country_code or "", key), set()))


@lru_cache(maxsize=65_536)  # called for every candidate place of every mention; few names recur
def admin_key(name: str, country_code: str | None = None) -> str:
    """One spelling-tolerant key per admin-area name, aliases mapped to GeoNames names (the
    smallest when an alias is ambiguous without a country)."""
    key = eval_key(core_name(name))
    canonical = _alias_table().get((country_code or "", key))
    return min(canonical) if canonical else key


def same_admin_name(a: str, b: str, country_code: str | None = None) -> bool:
    """Whether two admin-area names name the same area, by the evaluation's spelling key with
    aliases ("Idleb" = "Idlib", "South" = "Liban-Sud" in Lebanon, "Gadabay Rayon" = "Gadabay";
    "Mexico City" is not "Mexico")."""
    return bool(admin_keys(a, country_code, keep_city=True)
                & admin_keys(b, country_code, keep_city=True))
