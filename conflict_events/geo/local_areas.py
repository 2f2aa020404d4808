"""A country's name that is also another country's first-level area: "Kagara (Rafi LGA,
Niger)" is in Niger State, Nigeria, not in the Republic of Niger. The words for local areas that
only some countries' administrations use (knowledge/geo/local_area_words.yaml) say whose area
it is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from pydantic import Field, field_validator

from conflict_events.geo.build import knowledge_geo_dir
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.matcher import NameMatch
from conflict_events.knowledge.strict import StrictModel
from conflict_events.knowledge.yaml_files import read_knowledge
from conflict_events.schema.countries import known_alpha2


class LocalAreaExample(StrictModel):
    text: str
    place: str  # the name of the place the text reports on
    country: str  # alpha-2 code of the country it lies in
    admin1: str  # the first-level area it lies in, as the gazetteer names it


class LocalAreaWord(StrictModel):
    """A word for local areas that only some countries' administrations use
    (knowledge/geo/local_area_words.yaml)."""

    word: str = Field(min_length=2)
    countries: list[str] = Field(min_length=1)
    provenance: str = Field(min_length=10)
    examples: list[LocalAreaExample] = Field(min_length=1)

    @field_validator("countries")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        for code in value:
            known_alpha2(code)
        return value


class LocalAreaWordFile(StrictModel):
    words: list[LocalAreaWord]


@cache
def local_area_words() -> LocalAreaWordFile:
    return read_knowledge(knowledge_geo_dir() / "local_area_words.yaml", LocalAreaWordFile)


@cache
def _local_word_pattern() -> re.Pattern[str]:
    words = sorted((w.word for w in local_area_words().words), key=len, reverse=True)
    return re.compile(
        r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b",
        re.IGNORECASE,
    )


@cache
def _local_word_countries() -> dict[str, frozenset[str]]:
    return {" ".join(w.word.lower().split()): frozenset(w.countries)
            for w in local_area_words().words}


# A country's name as the last item of a parenthesis: "(Rafi LGA, Niger)", "(Niger)".
_CLOSES_PARENTHESIS = re.compile(r"\s*\)")
_LAST_ITEM = re.compile(r"(?:^|,)\s*$")
# How far before a parenthesis the place it locates is read.
_HEAD_CHARS = 60


def country_as_area(
    text: str, span: tuple[int, int, str, str], names: Sequence[NameMatch], gazetteer: Gazetteer
) -> bool:
    """Whether a country's name is the first-level area of the same name in another country:
    "Kagara (Rafi LGA, Niger)" is in Niger State, Nigeria. It must close a parenthesis, as an
    area written after a place does, and the text must say which country's area it is: a name
    in the parenthesis or just before it lies in that area (Kagara, Niger State), or a word for
    local areas that country uses (LGA). "Bosso (Diffa region, Niger)" stays the country."""
    start, end, code, kind = span
    if kind != "name" or not _CLOSES_PARENTHESIS.match(text, end):
        return False
    opening = text.rfind("(", max(0, start - 100), start)
    if opening < 0 or ")" in text[opening:start] or not _LAST_ITEM.search(text[opening + 1:start]):
        return False
    areas = [p for p in gazetteer.lookup(text[start:end], kind="admin1") if p.country_code != code]
    if not areas:
        return False
    head = max(0, opening - _HEAD_CHARS)
    word_countries = _local_word_countries()
    for hit in _local_word_pattern().finditer(text, head, start):
        used_by = word_countries.get(" ".join(hit.group(1).lower().split()), frozenset())
        if any(area.country_code in used_by for area in areas):
            return True
    for name in names:
        if not head <= name.start < start:
            continue
        for index in gazetteer.places_for_key(name.key_id).tolist():
            place = gazetteer.place(index)
            if place.kind != "admin1" and any(
                place.country_code == area.country_code and place.admin1 == area.admin1
                for area in areas
            ):
                return True
    return False
