"""Country names and demonyms in texts ("Syria", "Syrian", "Nigerian") -> ACLED country names.

Names come from knowledge/countries.csv (ACLED's names), pycountry (ISO names, common and official
names) and knowledge/geo/country_names.csv (demonyms, other names news uses, and the missions that
work in one country only: "OSCE SMM", "UNAMA", "AMISOM"). Mission names say where an article is
but are not country mentions of their own: `country_mentions` leaves them out."""

from __future__ import annotations

import csv
import re
from functools import cache

import ahocorasick

from conflict_events.geo.build import knowledge_geo_dir
from conflict_events.geo.keys import fold_name, padded_fold
from conflict_events.schema.countries import countries, country_by_name


@cache
def country_name_table() -> dict[str, tuple[str, str]]:
    """folded name -> (alpha-2 code, "name" | "demonym")."""
    table: dict[str, tuple[str, str]] = {}
    import pycountry

    known = {c.alpha2 for c in countries()}
    for record in pycountry.countries:
        if record.alpha_2 not in known:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None)
            if value:
                table[fold_name(value)] = (record.alpha_2, "name")
    for country in countries():
        table[fold_name(country.name)] = (country.alpha2, "name")
    with (knowledge_geo_dir() / "country_names.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table[fold_name(row["name"])] = (row["country_code"], row["kind"])
    return table


@cache
def _automaton() -> tuple[ahocorasick.Automaton, list[tuple[str, str, int]]]:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    entries: list[tuple[str, str, int]] = []
    for key, (code, kind) in country_name_table().items():
        if not key:
            continue
        automaton.add_word(f" {key} ", len(entries))
        entries.append((code, kind, len(key)))
    automaton.make_automaton()
    return automaton, entries


_CURRENCY = re.compile(
    r"\s+(?:dollars?|pounds?|lira|liras|rupees?|dinars?|riyals?|rials?|euros?|rubles?|"
    r"roubles?|hryvnias?|pesos?|bolivars?|shillings?|naira|francs?|yuan|yen|currency)\b",
    re.IGNORECASE,
)


def country_mentions_detailed(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, alpha-2 code, "name" | "demonym" | "mission" | "currency") for each
    country name in `text` ("currency": the name or demonym before a currency word)."""
    if not text:
        return []
    automaton, entries = _automaton()
    folded = padded_fold(text)
    found: list[tuple[int, int, str, str]] = []
    for end_index, value in automaton.iter(folded):
        code, kind, length = entries[value]
        end = end_index - 1  # exclusive end in text: padded index of the trailing space - 1
        start = end - length
        if not text[start : start + 1].isupper():
            continue
        if _CURRENCY.match(text, end):
            # "the Lebanese pound collapsed" says where, as softly as a demonym; the US
            # dollar is quoted everywhere
            if code == "US":
                continue
            kind = "currency"
        found.append((start, end, code, kind))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    chosen: list[tuple[int, int, str, str]] = []
    last_end = -1
    for item in found:
        if item[0] >= last_end:
            chosen.append(item)
            last_end = item[1]
    return chosen


def country_mentions(text: str) -> list[tuple[int, int, str]]:
    """Spans of country names and demonyms in `text` with the ACLED country name."""
    spans = []
    for start, end, code, kind in country_mentions_detailed(text):
        if kind in ("mission", "currency"):
            continue
        country = country_by_name(code)
        if country is not None:
            spans.append((start, end, country.name))
    return spans
