"""Country names and demonyms in texts ("Syria", "Syrian", "Nigerian") -> ACLED country names.

Names come from knowledge/countries.csv (ACLED's names), pycountry (ISO names, common and official
names) and knowledge/geo/country_names.csv (demonyms, other names news uses, and the missions that
work in one country only: "OSCE SMM", "UNAMA", "AMISOM"). Mission names say where an article is
but are not country mentions of their own: `country_mentions` leaves them out.
knowledge/geo/country_cues.yaml adds the names that tell a coder the country without naming it
(a state's institutions, parties, leaders, banks, well-known quarters and camps: "Fransabank",
"Bab al-Tabbaneh", "Mitiga"), found in the same pass as kind "cue"."""

from __future__ import annotations

import csv
import re
from functools import cache

import daachorse
from pydantic import Field, field_validator

from conflict_events.geo.automaton import find_padded
from conflict_events.geo.build import knowledge_geo_dir
from conflict_events.geo.keys import fold_name, padded_fold
from conflict_events.knowledge.strict import StrictModel
from conflict_events.knowledge.yaml_files import read_knowledge
from conflict_events.schema.countries import countries, country_by_name, known_alpha2


class CueExample(StrictModel):
    text: str
    place: str  # the place the text names
    country: str  # alpha-2 code of the country the geocoder should place it in


class CountryCues(StrictModel):
    """One group of names that belong to one country (knowledge/geo/country_cues.yaml)."""

    country: str
    name: str
    cues: list[str] = Field(min_length=1)
    provenance: str = Field(min_length=10)
    examples: list[CueExample] = Field(min_length=1)

    @field_validator("country")
    @classmethod
    def _known(cls, value: str) -> str:
        known_alpha2(value)
        return value

    @field_validator("cues")
    @classmethod
    def _written_as_names(cls, value: list[str]) -> list[str]:
        for cue in value:
            # the text's word must start with a capital to count: so must the cue
            if not cue.strip() or not cue[0].isupper() or not fold_name(cue):
                raise ValueError(f"cue {cue!r} must be a name starting with a capital")
        return value


class CountryCueFile(StrictModel):
    entries: list[CountryCues]


@cache
def country_cues() -> CountryCueFile:
    return read_knowledge(knowledge_geo_dir() / "country_cues.yaml", CountryCueFile)


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
            plural = demonym_plural(row["name"]) if row["kind"] == "demonym" else None
            if plural is not None:
                # "Palestinians", "Afghans": the people of a country, never a village name
                table.setdefault(fold_name(plural), (row["country_code"], row["kind"]))
    return table


def demonym_plural(demonym: str) -> str | None:
    """The plural a demonym takes when it names people: "Palestinian" -> "Palestinians",
    "Iraqi" -> "Iraqis"; None for those whose plural is the word itself ("Lebanese",
    "Swiss", "Turkmen") or another word ("French", "Irish")."""
    if demonym.endswith(_SAME_IN_PLURAL):
        return None
    return demonym + "s"


_SAME_IN_PLURAL = ("ese", "sh", "ch", "ss", "z", "men", "y", "be")


@cache
def _automaton() -> tuple[daachorse.DoubleArrayAhoCorasick, list[tuple[str, str, int]]]:
    """The names padded with spaces, in a byte-wise double array like the place names' (a
    scan costs about 40% less than with the pyahocorasick automaton used before)."""
    patterns: list[bytes] = []
    entries: list[tuple[str, str, int]] = []
    table = dict(country_name_table())
    for group in country_cues().entries:
        for cue in group.cues:
            # a country's own name or demonym keeps its kind
            table.setdefault(fold_name(cue), (group.country, "cue"))
    for key, (code, kind) in table.items():
        if not key:
            continue
        patterns.append(f" {key} ".encode())
        entries.append((code, kind, len(key)))
    return daachorse.DoubleArrayAhoCorasick(patterns), entries


_CURRENCY = re.compile(
    r"\s+(?:dollars?|pounds?|lira|liras|rupees?|dinars?|riyals?|rials?|euros?|rubles?|"
    r"roubles?|hryvnias?|pesos?|bolivars?|shillings?|naira|francs?|yuan|yen|currency)\b",
    re.IGNORECASE,
)


def country_mentions_detailed(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, alpha-2 code, "name" | "demonym" | "mission" | "currency" | "cue") for
    each country name in `text` ("currency": the name or demonym before a currency word;
    "cue": a name of knowledge/geo/country_cues.yaml)."""
    if not text:
        return []
    automaton, entries = _automaton()
    folded = padded_fold(text)
    found: list[tuple[int, int, str, str]] = []
    for _start, pattern_end, value in find_padded(automaton, folded):
        code, kind, length = entries[value]
        end = pattern_end - 2  # exclusive end in text: padded end of the trailing space - 2
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
        if kind in ("mission", "currency", "cue"):
            continue
        country = country_by_name(code)
        if country is not None:
            spans.append((start, end, country.name))
    return spans
