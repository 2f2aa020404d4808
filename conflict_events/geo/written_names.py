"""The name written in the released `admin1` / `admin2` columns for an admin area.

The gazetteer keeps GeoNames' names as the areas' identities (the reform table, the focus areas
and the country cues are written against them), and many are transliterations or forms of
another language: "Rif-dimashq", "Ad Daqahliyah", "Bur Sa`id", "Rjazan", "Tombouctou". ACLED,
whose column names and vocabularies the released data follows, writes "Rural Damascus",
"Dakahlia", "Port Said", "Ryazan", "Timbuktu". knowledge/geo/admin_names.csv says, per country
and level, which name is written for a GeoNames name (country_code, level, geonames_name, name,
note: where the name comes from).

The name is applied where a gazetteer place becomes ACLED geography columns
(`Place.to_location`), so every place of the world build and of the GeoNames country files
gets it. An area is found by its GeoNames name in either spelling (the world build's
"Ninawa", a country file's "Nineveh"): by the evaluation's spelling key, or through the alias
table (knowledge/geo/admin_aliases.csv). Each written name is also an alias of its area
(`written_name_aliases`), so a text that writes it resolves to the area and the evaluation
takes either spelling.
"""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from pydantic import Field, ValidationError, field_validator, model_validator

from conflict_events.errors import KnowledgeError
from conflict_events.geo.keys import fold_name
from conflict_events.knowledge.strict import StrictModel
from conflict_events.schema.countries import known_alpha2

NAMES_FILE = "admin_names.csv"
COLUMNS = ("country_code", "level", "geonames_name", "name", "note")


class WrittenName(StrictModel):
    """One admin area's written name."""

    country_code: str
    level: int = Field(ge=1, le=2)  # admin1 or admin2
    geonames_name: str = Field(min_length=1)  # as the world build (or a country file) holds it
    name: str = Field(min_length=1)  # what the admin1 / admin2 column says
    note: str = Field(min_length=5)  # where the name comes from

    @field_validator("country_code")
    @classmethod
    def _known_country(cls, value: str) -> str:
        return known_alpha2(value)

    @field_validator("geonames_name", "name")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        if value != value.strip() or "  " in value:
            raise ValueError(f"{value!r}: stray spaces")
        return value


class WrittenNames(StrictModel):
    rows: list[WrittenName]

    @model_validator(mode="after")
    def _one_name_per_area(self) -> WrittenNames:
        seen: dict[tuple[str, int, str], str] = {}
        for row in self.rows:
            key = (row.country_code, row.level, fold_name(row.geonames_name))
            if key in seen and seen[key] != row.name:
                raise ValueError(f"{row.country_code} {row.geonames_name}: written both "
                                 f"{seen[key]!r} and {row.name!r}")
            seen[key] = row.name
        return self


def area_key(name: str) -> str:
    """The key an area's names are compared by: the evaluation's spelling key of the name
    without its kind words, "city" kept (Kyiv City is not Kyiv oblast)."""
    from conflict_events.geo.aliases import core_name
    from conflict_events.geo.keys import eval_key

    return eval_key(core_name(name, keep_city=True))


def names_path() -> Path:
    return Path(str(resources.files("conflict_events.knowledge").joinpath("geo", NAMES_FILE)))


def read_written_names(path: Path | None = None) -> list[WrittenName]:
    """The rows of admin_names.csv, validated; a KnowledgeError names the file, line and fault."""
    path = path or names_path()
    if not path.exists():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise KnowledgeError(f"{path.name}: columns must be {', '.join(COLUMNS)}; "
                                     f"found {reader.fieldnames}")
            raw = [(reader.line_num, row) for row in reader
                   if not (row.get("country_code") or "").startswith("#")]
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path.name}: cannot be read: {exc}") from exc
    rows: list[WrittenName] = []
    for line, row in raw:
        try:
            rows.append(WrittenName.model_validate(row))
        except ValidationError as exc:
            raise KnowledgeError(f"{path.name}, line {line}: {exc}") from exc
    try:
        return WrittenNames(rows=rows).rows
    except ValidationError as exc:
        raise KnowledgeError(f"{path.name}: {exc}") from exc


@cache
def written_names() -> tuple[WrittenName, ...]:
    return tuple(read_written_names())


def written_name_aliases() -> list[dict[str, str]]:
    """The written names as rows of the alias table (country_code, level, geonames_name,
    alias, note): the written name is an alias of the GeoNames name."""
    return [{"country_code": row.country_code, "level": str(row.level),
             "geonames_name": row.geonames_name, "alias": row.name, "note": row.note}
            for row in written_names() if row.name != row.geonames_name]


@cache
def _tables() -> tuple[dict[tuple[str, int, str], str], dict[tuple[str, int, str], str]]:
    """(country code, level, folded GeoNames name) -> written name; and the same by area key,
    for the keys only one written name has (Al Jafarah and Al Jufrah share a spelling key)."""
    exact: dict[tuple[str, int, str], str] = {}
    by_key: dict[tuple[str, int, str], set[str]] = {}
    for row in written_names():
        exact[(row.country_code, row.level, fold_name(row.geonames_name))] = row.name
        by_key.setdefault((row.country_code, row.level, area_key(row.geonames_name)),
                          set()).add(row.name)
    unique = {key: next(iter(names)) for key, names in by_key.items() if len(names) == 1}
    return exact, unique


@cache
def _countries_with_names() -> frozenset[tuple[str, int]]:
    return frozenset((cc, level) for cc, level, _name in _tables()[0])


@lru_cache(maxsize=65_536)  # one call per place made into a Location
def written_name(name: str, country_code: str, level: int = 1) -> str:
    """The name written for the admin area the gazetteer calls `name`: found by the name
    itself, else by its spelling key, else through the alias table; its own name when the
    table has none or the key or aliases leave it ambiguous between two areas."""
    if not name or (country_code, level) not in _countries_with_names():
        return name
    exact, by_key = _tables()
    found = exact.get((country_code, level, fold_name(name)))
    if found is None:
        found = by_key.get((country_code, level, area_key(name)))
    if found is not None:
        return found
    from conflict_events.geo.aliases import admin_keys

    names = {by_key[(country_code, level, key)]
             for key in admin_keys(name, country_code, keep_city=True)
             if (country_code, level, key) in by_key}
    return names.pop() if len(names) == 1 else name
