"""Country facts the schema needs: ISO numeric <-> alpha-3, ACLED country names and regions.

The table lives in conflict_events/knowledge/countries.csv (ACLED names, ISO codes, region)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from conflict_events.errors import KnowledgeError


@dataclass(frozen=True)
class Country:
    name: str  # ACLED's name, e.g. "Democratic Republic of Congo"
    alpha2: str
    alpha3: str  # as ACLED writes it in event_id_cnty (XKX for Kosovo)
    iso: int  # ISO 3166-1 numeric; 0 for Kosovo as in ACLED
    region: str


@cache
def countries() -> tuple[Country, ...]:
    path = resources.files("conflict_events.knowledge").joinpath("countries.csv")
    try:
        with path.open("r", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        return tuple(
            Country(r["name"], r["alpha2"], r["alpha3"], int(r["iso"]), r["region"]) for r in rows
        )
    except (OSError, KeyError, ValueError) as exc:
        raise KnowledgeError(f"countries.csv cannot be read: {exc}") from exc


@cache
def _by_iso() -> dict[int, Country]:
    return {c.iso: c for c in countries()}


@cache
def _by_name() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for c in countries():
        for key in (c.name, c.alpha2, c.alpha3):
            table[key.casefold()] = c
    return table


def iso3_for_numeric(iso: int) -> str:
    country = _by_iso().get(int(iso))
    if country is None:
        raise KnowledgeError(f"iso {iso} is not a known ISO 3166-1 numeric country code")
    return country.alpha3


def country_by_iso(iso: int) -> Country | None:
    return _by_iso().get(int(iso))


def country_by_name(name: str) -> Country | None:
    """By ACLED name, alpha-2 or alpha-3 code (case-insensitive)."""
    return _by_name().get(name.strip().casefold())


def known_alpha2(code: str) -> str:
    """`code` as an upper-case ISO alpha-2 code of a known country; ValueError otherwise (for
    the validators of knowledge files keyed by country)."""
    if len(code) != 2 or country_by_name(code) is None:
        raise ValueError(f"unknown country code {code!r}")
    return code.upper()
