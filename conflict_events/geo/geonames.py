"""Load official GeoNames country dumps (the 19-column `geoname` table) into gazetteer tables.

    gaz = load_geonames_dump("SY.zip")                 # or SY.txt
    gaz = load_geonames_dump("SY.txt", admin1=Path("admin1CodesASCII.txt"))

admin1CodesASCII.txt and admin2Codes.txt turn the admin codes into names; they are looked for
beside the dump unless given. Kept: populated places (class P), admin areas (ADM1-ADM3) and a few
kinds of spot ACLED codes events to (airports, camps, military installations, prisons). City
quarters (PPLX) become districts named the ACLED way, "City - Quarter". A place's admin3 is the
name of the dump's ADM3 row with the same admin codes.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from conflict_events.errors import GazetteerError
from conflict_events.geo.build import TableBuilder, add_admin_areas, usable_alternate
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.schema.countries import country_by_name

COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature_class", "feature_code", "country_code", "cc2", "admin1", "admin2", "admin3",
    "admin4", "population", "elevation", "dem", "timezone", "modification_date",
)

SPOT_CODES = frozenset(
    {"AIRP", "AIRB", "AIRF", "AIRH", "CMP", "CMPRF", "CMPQ", "INSM", "MLTY", "PRN", "BCN", "PSTB",
     "PSTC", "PSTP", "DAM", "BDG", "OILF", "MN"}
)
ADMIN_CODES = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3"}
# A quarter belongs to the nearest city of at least this population within this distance.
QUARTER_CITY_POPULATION = 50_000
QUARTER_CITY_DEGREES = 0.2


@dataclass(frozen=True)
class GeonameRow:
    geonameid: int
    name: str
    asciiname: str
    alternatenames: list[str]
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    admin3: str
    population: int


def read_admin_codes(path: Path) -> dict[str, str]:
    """admin1CodesASCII.txt / admin2Codes.txt: code (SY.09 or SY.09.1234) -> ASCII name."""
    table: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 3:
                    raise GazetteerError(f"{path}, line {line_no}: expected 4 tab-separated "
                                         f"columns, found {len(parts)}")
                table[parts[0]] = parts[2] or parts[1]
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot be read: {exc}") from exc
    return table


def _open_dump(path: Path) -> Iterator[str]:
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise GazetteerError(f"{path}: not a zip archive: {exc}") from exc
        with archive:
            members = [n for n in archive.namelist() if n.endswith(".txt")
                       and not n.lower().startswith("readme")]
            if not members:
                raise GazetteerError(f"{path}: holds no .txt GeoNames table")
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with path.open(encoding="utf-8") as handle:
        yield from handle


def read_geoname_rows(path: Path) -> Iterator[GeonameRow]:
    """Rows of a geoname table; a malformed line raises GazetteerError naming file and line."""
    for line_no, line in enumerate(_open_dump(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != len(COLUMNS):
            raise GazetteerError(
                f"{path}, line {line_no}: expected {len(COLUMNS)} tab-separated columns of the "
                f"GeoNames geoname table, found {len(parts)}"
            )
        try:
            yield GeonameRow(
                geonameid=int(parts[0]),
                name=parts[1],
                asciiname=parts[2],
                alternatenames=[a for a in parts[3].split(",") if a],
                latitude=float(parts[4]),
                longitude=float(parts[5]),
                feature_class=parts[6],
                feature_code=parts[7],
                country_code=parts[8],
                admin1=parts[10],
                admin2=parts[11],
                admin3=parts[12],
                population=int(parts[14] or 0),
            )
        except ValueError as exc:
            raise GazetteerError(f"{path}, line {line_no}: {exc}") from exc


def _beside(path: Path, name: str) -> Path | None:
    candidate = path.parent / name
    return candidate if candidate.exists() else None


def load_geonames_dump(
    path: Path | str,
    *,
    admin1: Path | None = None,
    admin2: Path | None = None,
    source: str | None = None,
) -> Gazetteer:
    """A gazetteer of one GeoNames country dump (txt or zip)."""
    path = Path(path)
    admin1 = admin1 or _beside(path, "admin1CodesASCII.txt")
    admin2 = admin2 or _beside(path, "admin2Codes.txt")
    admin1_names = read_admin_codes(admin1) if admin1 else {}
    admin2_names = read_admin_codes(admin2) if admin2 else {}
    if not admin1_names:
        print(
            f"warning: no admin1CodesASCII.txt beside {path}; places get no admin1 names",
            file=sys.stderr,
        )
    rows = [
        r for r in read_geoname_rows(path)
        if r.feature_class == "P"
        or (r.feature_class == "A" and r.feature_code in ADMIN_CODES)
        or (r.feature_class == "S" and r.feature_code in SPOT_CODES)
    ]
    if not rows:
        raise GazetteerError(f"{path}: holds no populated places or admin areas")
    label = source or f"geonames:{path.stem.upper()}"
    return _tables_from_rows(rows, admin1_names, admin2_names, label)


def _tables_from_rows(
    rows: list[GeonameRow],
    admin1_names: dict[str, str],
    admin2_names: dict[str, str],
    source: str,
) -> Gazetteer:
    builder = TableBuilder()
    quarters = _quarter_cities(rows)
    # admin3 names come from the dump's own ADM3 rows (GeoNames has no admin3 code table)
    admin3_names = {
        (r.country_code, r.admin1, r.admin2, r.admin3): r.asciiname or r.name
        for r in rows if r.feature_code == "ADM3" and r.admin3
    }
    areas: dict[tuple[str, str, str], list[tuple[int, float, float, str]]] = defaultdict(list)
    seats: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    area_rows: set[tuple[str, str, str]] = set()
    for row in rows:
        if country_by_name(row.country_code) is None:
            continue
        a1 = admin1_names.get(f"{row.country_code}.{row.admin1}", "")
        a2 = admin2_names.get(f"{row.country_code}.{row.admin1}.{row.admin2}", "")
        names = [row.asciiname, *(a for a in row.alternatenames if usable_alternate(a))]
        name, kind = row.name, "place"
        if row.feature_class == "A":
            kind = ADMIN_CODES[row.feature_code]
            if kind == "admin1":
                name = a1 or row.name
                area_rows.add((row.country_code, a1, ""))
            elif kind == "admin2":
                name = a2 or row.name
                area_rows.add((row.country_code, a1, a2))
            else:
                kind = "feature"  # admin3 areas: matched as names, coded as places
        elif row.feature_class == "S":
            kind = "feature"
        elif row.feature_code == "PPLX" and row.geonameid in quarters:
            kind = "district"
            name = f"{quarters[row.geonameid]} - {row.name}"
            names = [row.name, *names]
        builder.add_place(
            geonameid=row.geonameid,
            name=name,
            country_code=row.country_code,
            admin1=a1,
            admin2=a2,
            latitude=row.latitude,
            longitude=row.longitude,
            population=row.population,
            feature_code=row.feature_code,
            kind=kind,
            source=source,
            names=names,
            admin3=admin3_names.get(
                (row.country_code, row.admin1, row.admin2, row.admin3)
            ) if row.admin3 else None,
        )
        if row.feature_class == "P" and a1:
            areas[(row.country_code, a1, "")].append(
                (row.population, row.latitude, row.longitude, row.feature_code)
            )
            if a2:
                areas[(row.country_code, a1, a2)].append(
                    (row.population, row.latitude, row.longitude, row.feature_code)
                )
            if row.feature_code in ("PPLA", "PPLC") and (row.country_code, a1, "") not in seats:
                seats[(row.country_code, a1, "")] = (row.latitude, row.longitude, -1)
            if row.feature_code == "PPLA2" and a2:
                seats.setdefault((row.country_code, a1, a2), (row.latitude, row.longitude, -1))
    # Admin areas the dump has no row for get one, placed at their capital.
    missing = {key: members for key, members in areas.items() if key not in area_rows}
    add_admin_areas(builder, missing, source=source, seats=seats)
    places, names = builder.tables()
    return Gazetteer(places, names, fingerprint=source)


def _quarter_cities(rows: list[GeonameRow]) -> dict[int, str]:
    """geonameid of each city quarter (PPLX) -> name of the city it belongs to."""
    quarters = [r for r in rows if r.feature_code == "PPLX"]
    cities = [
        r for r in rows
        if r.feature_class == "P" and r.feature_code != "PPLX"
        and r.population >= QUARTER_CITY_POPULATION
    ]
    if not quarters or not cities:
        return {}
    from scipy.spatial import cKDTree

    tree = cKDTree(np.array([[c.latitude, c.longitude] for c in cities]))
    distances, indices = tree.query(
        np.array([[q.latitude, q.longitude] for q in quarters]),
        distance_upper_bound=QUARTER_CITY_DEGREES,
    )
    found = {}
    for quarter, distance, index in zip(quarters, distances, indices, strict=True):
        if np.isfinite(distance) and cities[index].country_code == quarter.country_code:
            found[quarter.geonameid] = cities[index].name
    return found


def write_fixture_dump(path: Path, rows: list[list[str]]) -> None:
    """Write rows (19 strings each) as a GeoNames table, txt or zip by suffix (tests, docs)."""
    text = "".join("\t".join(r) + "\n" for r in rows)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(path.stem + ".txt", text)
    else:
        path.write_text(text, encoding="utf-8")


def country_code_of(path: Path) -> str:
    """SY.txt / SY.zip -> SY, checked against the country table."""
    code = path.stem.upper()
    if len(code) != 2 or country_by_name(code) is None:
        raise GazetteerError(
            f"{path.name}: a GeoNames country file is named by its ISO alpha-2 code "
            "(SY.txt, SO.zip)"
        )
    return code


__all__ = ["COLUMNS", "load_geonames_dump", "read_admin_codes", "read_geoname_rows"]
