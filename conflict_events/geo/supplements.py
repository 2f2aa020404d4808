"""User supplements: extra places and aliases (city districts, camps, bases, checkpoints, local
spellings) in a CSV, merged over GeoNames with precedence.

Columns (header required): name, country_code, latitude, longitude, and optionally aliases
(";"-separated), admin1, admin2, admin3, kind (place | district | feature), parent (the city of a
district: the place is then named "Parent - Name" the way ACLED names city quarters),
population, provenance.

Files are read from <user data dir>/gazetteer/supplements/*.csv and from the files given to
`Gazetteer.with_supplements`.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from pathlib import Path

from conflict_events.errors import GazetteerError
from conflict_events.geo.build import TableBuilder
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.schema.countries import country_by_name

REQUIRED = ("name", "country_code", "latitude", "longitude")
KINDS = ("place", "district", "feature")


def supplements_dir() -> Path:
    from conflict_events.geo.store import data_root

    return data_root() / "gazetteer" / "supplements"


def read_supplement_csv(path: Path, builder: TableBuilder | None = None) -> TableBuilder:
    """Parse one supplement CSV into `builder`; errors name the file and the line."""
    builder = builder or TableBuilder()
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot be read: {exc}") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerError(f"{path}: missing columns {missing}")
        for line, row in enumerate(reader, start=2):
            try:
                _add_row(builder, row, str(path))
            except (ValueError, GazetteerError) as exc:
                raise GazetteerError(f"{path}, line {line}: {exc}") from exc
    return builder


def _add_row(builder: TableBuilder, row: dict[str, str], source: str) -> None:
    name = (row.get("name") or "").strip()
    if not name:
        raise ValueError("empty name")
    country = country_by_name((row.get("country_code") or "").strip())
    if country is None:
        raise ValueError(f"unknown country {row.get('country_code')!r}")
    latitude, longitude = float(row["latitude"]), float(row["longitude"])
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"coordinates out of range: {latitude}, {longitude}")
    kind = (row.get("kind") or "place").strip() or "place"
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {KINDS}")
    parent = (row.get("parent") or "").strip()
    aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
    display = f"{parent} - {name}" if parent else name
    builder.add_place(
        geonameid=-1,
        name=display,
        country_code=country.alpha2,
        admin1=(row.get("admin1") or "").strip() or None,
        admin2=(row.get("admin2") or "").strip() or None,
        admin3=(row.get("admin3") or "").strip() or None,
        latitude=latitude,
        longitude=longitude,
        population=int(row.get("population") or 0),
        feature_code="PPLX" if kind == "district" else ("PPL" if kind == "place" else "FEAT"),
        kind=kind,
        source="supplement:" + (row.get("provenance") or source),
        names=[name, *aliases],
    )


def build_supplements(paths: Sequence[Path]) -> Gazetteer | None:
    if not paths:
        return None
    builder = TableBuilder()
    digest = hashlib.sha256()
    for path in paths:
        read_supplement_csv(path, builder)
        digest.update(path.read_bytes())
    places, names = builder.tables()
    return Gazetteer(places, names, fingerprint="supp-" + digest.hexdigest()[:12])


def load_supplements() -> Gazetteer | None:
    """The shipped supplement (if any) and the user's, merged into one small gazetteer."""
    from conflict_events.geo.build import knowledge_geo_dir

    paths = sorted(knowledge_geo_dir().glob("supplement*.csv"))
    user = supplements_dir()
    if user.exists():
        paths += sorted(user.glob("*.csv"))
    return build_supplements(paths)
