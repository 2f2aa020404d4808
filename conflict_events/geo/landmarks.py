"""Squares and sites that stand for one city (knowledge/geo/landmarks.yaml): "Syntagma
Square" places a protest in Athens though the text names no town."""

from __future__ import annotations

import re
from functools import cache

from pydantic import Field, field_validator

from conflict_events.geo.build import knowledge_geo_dir
from conflict_events.geo.keys import fold_name
from conflict_events.knowledge.strict import StrictModel
from conflict_events.knowledge.yaml_files import read_knowledge
from conflict_events.schema.countries import known_alpha2


class Landmark(StrictModel):
    """A square or site that stands for one city (knowledge/geo/landmarks.yaml)."""

    names: list[str] = Field(min_length=1)
    city: str = Field(min_length=1)
    country: str
    provenance: str = Field(min_length=10)
    examples: list[str] = Field(min_length=1)

    @field_validator("country")
    @classmethod
    def _known(cls, value: str) -> str:
        return known_alpha2(value)

    @field_validator("names")
    @classmethod
    def _written_as_names(cls, value: list[str]) -> list[str]:
        for name in value:
            if not name[:1].isupper() or not fold_name(name):
                raise ValueError(f"landmark {name!r} must be a name starting with a capital")
        return value


class LandmarkFile(StrictModel):
    landmarks: list[Landmark]


@cache
def landmarks() -> LandmarkFile:
    return read_knowledge(knowledge_geo_dir() / "landmarks.yaml", LandmarkFile)


@cache
def landmark_search() -> tuple[re.Pattern[str], dict[str, Landmark]]:
    """One pattern for every landmark name over the folded text, and the entry of each
    folded name."""
    by_name: dict[str, Landmark] = {}
    for entry in landmarks().landmarks:
        for name in entry.names:
            by_name[fold_name(name)] = entry
    alternatives = sorted(by_name, key=len, reverse=True)
    words = (r"\s+".join(map(re.escape, name.split())) for name in alternatives)
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(words) + r")(?![a-z0-9])")
    return pattern, by_name
