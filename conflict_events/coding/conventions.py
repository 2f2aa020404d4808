"""Country conventions of ACLED coding for reports that name no actor (conventions.yaml):
the default unidentified perpetrator of a country (an Unidentified Gang where violence is
organised crime) and the two sides of a known front line."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property, lru_cache
from importlib import resources as importlib_resources
from typing import Any

from pydantic import Field, field_validator

from conflict_events.knowledge.patterns import check_compiles
from conflict_events.knowledge.strict import StrictModel
from conflict_events.knowledge.yaml_files import read_knowledge


class Example(StrictModel):
    text: str
    country: str
    expect: dict[str, Any]


class Perpetrator(StrictModel):
    country: str
    actor: str
    hallmarks: list[str] = Field(min_length=1)  # regular expressions, case-insensitive
    provenance: str
    examples: list[Example] = Field(min_length=1)

    @field_validator("hallmarks")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return check_compiles(value, "hallmark")

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.hallmarks), re.IGNORECASE)


class Front(StrictModel):
    country: str
    active_from: dt.date
    active_to: dt.date | None = None
    sides: tuple[str, str]  # "state" stands for the country's military forces
    side_inters: tuple[int, int]
    # settlements next to the line, by the side that held them
    held_by: dict[str, list[str]] = Field(default_factory=dict)
    provenance: str
    examples: list[Example] = Field(min_length=1)

    @field_validator("held_by")
    @classmethod
    def _known_sides(cls, value: dict[str, list[str]], info: Any) -> dict[str, list[str]]:
        sides = info.data.get("sides", ())
        unknown = [side for side in value if side not in sides]
        if unknown:
            raise ValueError(f"held_by names sides {unknown} that are not among {sides}")
        return value

    def active(self, day: dt.date) -> bool:
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)

    @cached_property
    def _holders(self) -> list[tuple[re.Pattern[str], int]]:
        return [
            (re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"),
             self.sides.index(side))
            for side, names in self.held_by.items() if names
        ]

    def facing_side(self, text: str) -> int | None:
        """The side facing the holder of the settlements the text names (0 or 1): the side an
        unattributed shot near them came from. None when the text names no such settlement,
        or settlements of both sides."""
        holders = {side for pattern, side in self._holders if pattern.search(text)}
        if len(holders) != 1:
            return None
        return 1 - holders.pop()


class Conventions(StrictModel):
    unidentified_perpetrator: list[Perpetrator] = Field(default_factory=list)
    fronts: list[Front] = Field(default_factory=list)


@lru_cache(maxsize=1)
def conventions() -> Conventions:
    path = importlib_resources.files("conflict_events.coding") / "conventions.yaml"
    return read_knowledge(path, Conventions)  # C loader, cached as JSON


def default_perpetrator(country: str, context: str) -> str | None:
    """ACLED's name for an unidentified perpetrator in `country` when the report `context`
    bears the hallmarks its convention names; None where no convention applies."""
    return next((p.actor for p in conventions().unidentified_perpetrator
                 if p.country == country and p.regex.search(context)), None)


def front(country: str, day: dt.date) -> Front | None:
    """The front line active in `country` on `day`, if one is known."""
    return next((f for f in conventions().fronts if f.country == country and f.active(day)),
                None)
