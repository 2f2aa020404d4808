"""The Gazetteer: places and their names, loaded from columnar caches, with look-up and search.

    gaz = Gazetteer.default()          # embedded world + country files the user added
    gaz.lookup("Idlib")                # places whose name folds to "idlib"
    gaz.search("Hardatnin", country="SY", kind="place")

Places are rows of an Arrow table (see tables.PLACES_SCHEMA); a `Place` is a light view of one
row. Structures that take time to build (the loose-key index, the matcher's automaton) are built
on first use.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import mmap
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from conflict_events.errors import GazetteerError
from conflict_events.geo.keys import ascii_name, fold_name, loose_key
from conflict_events.geo.tables import LOOSE_SCHEMA, NAMES_SCHEMA, PLACES_SCHEMA
from conflict_events.geo.written_names import written_name
from conflict_events.schema.countries import Country, country_by_name
from conflict_events.schema.models import Location
from conflict_events.schema.taxonomy import GeoPrecision, Region

# Loose keys shorter than this (consonant skeleton letters) match too many unrelated names.
LOOSE_MIN_LENGTH = 3
# Raised whenever `Gazetteer.merge` changes what it makes of its parts: cached merges are
# keyed by it.
MERGE_VERSION = 2


@dataclass(frozen=True)
class Place:
    """One gazetteer row."""

    index: int
    geonameid: int | None
    name: str
    country_code: str
    admin1: str | None
    admin2: str | None
    admin3: str | None
    latitude: float
    longitude: float
    population: int
    feature_code: str
    kind: str
    source: str

    @property
    def country(self) -> Country | None:
        return country_by_name(self.country_code)

    def to_location(self, *, geo_precision: int = 1, location: str | None = None) -> Location:
        """ACLED geography columns for this place, its admin areas under their written
        names."""
        country = self.country
        if country is None:
            raise GazetteerError(f"place {self.name!r} has unknown country {self.country_code!r}")
        cc = self.country_code
        return Location(
            location=location or ascii_name(self.name),
            # the name ACLED writes for the area (knowledge/geo/admin_names.csv)
            admin1=written_name(self.admin1, cc, 1) if self.admin1 else self.admin1,
            admin2=written_name(self.admin2, cc, 2) if self.admin2 else self.admin2,
            admin3=self.admin3,
            country=country.name,
            iso=country.iso,
            region=Region.parse(country.region),
            latitude=round(self.latitude, 4),
            longitude=round(self.longitude, 4),
            geo_precision=GeoPrecision(geo_precision),
            geonameid=self.geonameid,
        )


MANIFEST = "manifest.json"
# Bump when the table layout changes: caches written by older code are then rebuilt.
FORMAT_VERSION = 2
TABLES = ("places", "names", "loose")


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read through a memory map (no copy; the pages are the ones the
    tables are then mapped from)."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return hashlib.sha256(b"").hexdigest()
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return hashlib.sha256(mapped).hexdigest()


def verify_directory(directory: Path) -> None:
    """Check every table file against the manifest written with it: its size (a truncated
    file) and its SHA-256 (a flipped byte anywhere). Raises GazetteerError naming the file.

    The whole files are hashed at every load: about 0.05 s for the world cache's 55 MB, well
    inside the load budget, and unlike a sample it catches damage anywhere."""
    manifest_path = directory / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"{manifest_path}: missing or unreadable manifest: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise GazetteerError(f"{manifest_path}: written by another version of the gazetteer code")
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != {f"{t}.arrow" for t in TABLES}:
        raise GazetteerError(f"{manifest_path}: does not list the gazetteer tables")
    for name, expected in files.items():
        path = directory / name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise GazetteerError(f"{path}: missing: {exc}") from exc
        if size != expected.get("size"):
            raise GazetteerError(
                f"{path}: {size} bytes where {expected.get('size')} were written (truncated?)"
            )
        if file_digest(path) != expected.get("sha256"):
            raise GazetteerError(f"{path}: content differs from what was written (corrupted)")


def _read_arrow(path: Path, schema: pa.Schema) -> pa.Table:
    """Memory-map an Arrow IPC file: loading costs almost nothing until columns are read."""
    try:
        with pa.memory_map(str(path), "r") as source:
            table = pa.ipc.open_file(source).read_all()
    except (OSError, pa.ArrowInvalid) as exc:
        raise GazetteerError(f"{path}: cannot be read as a gazetteer table: {exc}") from exc
    missing = [f.name for f in schema if f.name not in table.column_names]
    if missing:
        raise GazetteerError(f"{path}: missing columns {missing}")
    return table.select([f.name for f in schema])


class _ArrowStrings:
    """A sorted Arrow string array seen as a sequence, for bisect without converting it."""

    def __init__(self, array: pa.Array) -> None:
        self.array = array

    def __len__(self) -> int:
        return len(self.array)

    def __getitem__(self, index: int) -> str:
        return str(self.array[index].as_py())


def _combined(table: pa.Table, column: str) -> pa.Array:
    chunked = table.column(column)
    return chunked.combine_chunks() if chunked.num_chunks != 1 else chunked.chunk(0)


def _numbers(array: pa.Array) -> np.ndarray:
    """A numeric Arrow array as NumPy, a view of its buffer when it has no nulls: pyarrow's
    own to_numpy goes through its pandas conversion layer, which imports pandas (half a second
    of startup that extraction never needs)."""
    if array.null_count == 0 and (pa.types.is_integer(array.type)
                                  or pa.types.is_floating(array.type)):
        dtype = np.dtype(array.type.to_pandas_dtype())
        return np.frombuffer(array.buffers()[1], dtype=dtype, count=len(array),
                             offset=array.offset * dtype.itemsize)
    return array.to_numpy(zero_copy_only=False)


def _compute(name: str, *args: Any, options: Any = None) -> Any:
    """An Arrow compute function by name. The same functions pyarrow.compute wraps, called
    without importing that module: it builds Python wrappers for hundreds of functions at
    import, some 0.05 s of every startup."""
    try:
        from pyarrow._compute import call_function
    except ImportError:  # a pyarrow that moved it: the public name
        from pyarrow.compute import call_function
    return call_function(name, list(args), options)


def _set_lookup(values: pa.Array) -> Any:
    try:
        from pyarrow._compute import SetLookupOptions
    except ImportError:
        from pyarrow.compute import SetLookupOptions
    return SetLookupOptions(values)


def _positions(rows: np.ndarray) -> pa.Array:
    """Row numbers as an Arrow array for take(), built on the NumPy buffer: pa.array() would
    import pandas to inspect its argument."""
    values = np.ascontiguousarray(rows, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def _take(array: pa.Array, rows: np.ndarray) -> pa.Array:
    """array.take(rows) (which imports pyarrow.compute)."""
    return _compute("take", array, _positions(rows))


def _texts(values: Sequence[str]) -> pa.Array:
    """A string array built from its buffers (pa.array() and pa.scalar() import pandas)."""
    data = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(data) + 1, dtype=np.int32)
    offsets[1:] = np.cumsum([len(d) for d in data])
    return pa.Array.from_buffers(pa.string(), len(data),
                                 [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))])


class Gazetteer:
    """Places and names. Build one from tables, from a cache directory, or take the default.

    `names` is kept sorted by key and `loose` (loose key -> place) by loose key, so look-ups are
    binary searches over the Arrow columns and nothing has to be converted at load time."""

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(
        self,
        places: pa.Table,
        names: pa.Table,
        *,
        fingerprint: str = "",
        loose: pa.Table | None = None,
        presorted: bool = False,
    ) -> None:
        self.places = places if presorted else places.cast(PLACES_SCHEMA)
        names = names if presorted else names.cast(NAMES_SCHEMA)
        if not presorted or loose is None:
            import pyarrow.compute as pc  # building tables, not loading them (see _compute)
        if not presorted:
            names = names.take(pc.sort_indices(names, sort_keys=[("key", "ascending")]))
        self.names = names
        if loose is None:
            loose = names.select(["loose", "place"]).filter(pc.not_equal(names["loose"], ""))
            loose = loose.take(pc.sort_indices(loose, sort_keys=[("loose", "ascending")]))
        self.loose = loose
        self.fingerprint = fingerprint
        # the cache directory the tables were loaded from: derived data (the matcher's
        # automaton) is cached there too
        self.directory: Path | None = None
        self._place_cache: dict[int, Place] = {}
        self._seat_cache: dict[tuple[str, str, str], int | None] = {}

    # --- construction ------------------------------------------------------------------------
    @classmethod
    def from_directory(cls, directory: Path, *, fingerprint: str = "") -> Gazetteer:
        """Load the tables a `write` left in `directory`, after checking them against its
        manifest (GazetteerError if a file is missing, truncated or altered)."""
        verify_directory(directory)
        places = _read_arrow(directory / "places.arrow", PLACES_SCHEMA)
        names = _read_arrow(directory / "names.arrow", NAMES_SCHEMA)
        loose = _read_arrow(directory / "loose.arrow", LOOSE_SCHEMA)
        gazetteer = cls(places, names, fingerprint=fingerprint, loose=loose, presorted=True)
        gazetteer.directory = directory
        return gazetteer

    def write(self, directory: Path) -> None:
        """Write the tables as Arrow IPC files, then the manifest of their sizes and hashes.
        Each file is replaced atomically and the manifest last, so a reader sees either a
        complete, matching set or a mismatch it reports."""
        directory.mkdir(parents=True, exist_ok=True)
        (directory / MANIFEST).unlink(missing_ok=True)
        files = {}
        tables = (self.places, self.names, self.loose)
        for stem, table in zip(TABLES, tables, strict=True):
            tmp = directory / f".{stem}.{os.getpid()}.arrow"
            with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
            files[f"{stem}.arrow"] = {"size": tmp.stat().st_size, "sha256": file_digest(tmp)}
            tmp.replace(directory / f"{stem}.arrow")
        manifest = {"format": FORMAT_VERSION, "fingerprint": self.fingerprint, "files": files}
        tmp = directory / f".{MANIFEST}.{os.getpid()}"
        tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        tmp.replace(directory / MANIFEST)

    @classmethod
    def merge(cls, parts: Sequence[Gazetteer], *, fingerprint: str = "") -> Gazetteer:
        """One gazetteer from several; a later part's place replaces an earlier one with the
        same GeoNames id (a full country dump refines the world build). The replaced row's
        names stay names of the place, and its population stands where the later row has a
        smaller one: dumps of other dates rename places and often record no population (a
        town of 17,000 the world build calls Katerynivka must not become a nameless hamlet)."""
        if len(parts) == 1:
            return parts[0]
        later_ids: set[int] = set()
        keep_masks: list[np.ndarray] = []
        for part in reversed(parts):
            ids = part.places.column("geonameid").to_numpy()
            mask = (ids < 0) | ~np.isin(ids, np.fromiter(later_ids, dtype=np.int64))
            later_ids.update(int(i) for i in ids[ids >= 0])
            keep_masks.append(mask)
        keep_masks.reverse()
        new_indices: list[np.ndarray] = []
        final_row: dict[int, int] = {}  # GeoNames id -> its row in the merged table
        offset = 0
        for part, mask in zip(parts, keep_masks, strict=True):
            new_index = np.cumsum(mask) - 1 + offset
            ids = part.places.column("geonameid").to_numpy()
            kept = np.flatnonzero(mask & (ids >= 0))
            final_row.update(zip(ids[kept].tolist(), new_index[kept].tolist(), strict=True))
            new_indices.append(new_index)
            offset += int(mask.sum())
        place_tables, name_tables = [], []
        population = np.zeros(offset, dtype=np.int64)
        raised: list[tuple[int, int]] = []  # (merged row, population of a replaced row)
        for part, mask, new_index in zip(parts, keep_masks, new_indices, strict=True):
            place_tables.append(part.places.filter(pa.array(mask)))
            ids = part.places.column("geonameid").to_numpy()
            part_population = part.places.column("population").to_numpy()
            # each row's place in the merged table: its own, or the row that replaced it
            target = new_index.copy()
            for row in np.flatnonzero(~mask).tolist():
                target[row] = final_row[int(ids[row])]
                raised.append((int(target[row]), int(part_population[row])))
            population[new_index[mask]] = part_population[mask]
            names = part.names
            remapped = target[names.column("place").to_numpy()].astype(np.int32)
            name_tables.append(names.set_column(2, "place", pa.array(remapped, pa.int32())))
        for row, replaced in raised:
            population[row] = max(population[row], replaced)
        places = pa.concat_tables(place_tables).combine_chunks()
        places = places.set_column(
            places.schema.get_field_index("population"), "population",
            pa.array(population, pa.int64()),
        )
        names = pa.concat_tables(name_tables).combine_chunks()
        if raised:  # a name both rows bear is one name of the place
            names = names.group_by(["key", "loose", "place"], use_threads=False).aggregate([])
            names = names.select(["key", "loose", "place"])
        return cls(places, names, fingerprint=fingerprint)

    @classmethod
    def default(cls) -> Gazetteer:
        """The embedded world gazetteer plus the country files the user added; cached."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    from conflict_events.geo.store import load_default

                    cls._default = load_default()
        return cls._default

    @classmethod
    def reset_default(cls) -> None:
        """Forget the cached default (after adding or removing country files)."""
        with cls._default_lock:
            cls._default = None

    # --- rows ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.places.num_rows

    @cached_property
    def _strings(self) -> dict[str, pa.Array]:
        return {
            name: _combined(self.places, name)
            for name in ("name", "country_code", "admin1", "admin2", "admin3", "feature_code",
                         "kind", "source")
        }

    @cached_property
    def kinds(self) -> list[str]:
        """The kind of each row (place, district, admin1, admin2, feature), by row index."""
        return self._strings["kind"].to_pylist()

    @cached_property
    def population(self) -> np.ndarray:
        return _numbers(_combined(self.places, "population"))

    @cached_property
    def _geonameids(self) -> np.ndarray:
        return _numbers(_combined(self.places, "geonameid"))

    def place(self, index: int) -> Place:
        cached = self._place_cache.get(index)
        if cached is not None:
            return cached
        strings = self._strings
        values = {name: array[index].as_py() for name, array in strings.items()}
        gid = int(self._geonameids[index])
        lat, lon = self.coordinates[index]
        place = Place(
            index=index,
            geonameid=gid if gid >= 0 else None,
            name=values["name"],
            country_code=values["country_code"],
            admin1=values["admin1"],
            admin2=values["admin2"],
            admin3=values["admin3"],
            latitude=float(lat),
            longitude=float(lon),
            population=int(self.population[index]),
            feature_code=values["feature_code"] or "",
            kind=values["kind"],
            source=values["source"] or "",
        )
        if len(self._place_cache) > 200_000:
            self._place_cache.clear()
        self._place_cache[index] = place
        return place

    @cached_property
    def coordinates(self) -> np.ndarray:
        """(n, 2) array of latitude, longitude in degrees."""
        lat = _numbers(_combined(self.places, "latitude"))
        lon = _numbers(_combined(self.places, "longitude"))
        return np.stack([lat, lon], axis=1)

    # --- names ------------------------------------------------------------------------------
    @cached_property
    def _name_keys(self) -> pa.Array:
        return _combined(self.names, "key")

    @cached_property
    def _name_places(self) -> np.ndarray:
        return _numbers(_combined(self.names, "place"))

    @cached_property
    def key_offsets(self) -> np.ndarray:
        """Where each unique folded key (in sorted order) starts among the sorted names, and
        the number of names last: the places of key i are
        _name_places[key_offsets[i]:key_offsets[i+1]]. Computed in Arrow, without turning
        the keys into Python strings (only the automaton's build needs those)."""
        keys = self._name_keys
        n = len(keys)
        if n == 0:
            return np.zeros(1, dtype=np.int64)
        changed = _compute("not_equal", keys.slice(1), keys.slice(0, n - 1))
        later = _numbers(_compute("indices_nonzero", changed)).astype(np.int64) + 1
        return np.concatenate((np.zeros(1, dtype=np.int64), later, np.array([n], np.int64)))

    @cached_property
    def key_index(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Unique folded keys (sorted), and CSR arrays: places of key i are
        place_ids[offsets[i]:offsets[i+1]]."""
        offsets = self.key_offsets
        unique = _take(self._name_keys, offsets[:-1]).to_pylist() if len(
            offsets) > 1 else []
        return unique, offsets, self._name_places

    def places_for_key(self, key_id: int) -> np.ndarray:
        offsets = self.key_offsets
        return self._name_places[offsets[key_id] : offsets[key_id + 1]]

    def _range(self, column: pa.Array, key: str) -> tuple[int, int]:
        view = _ArrowStrings(column)
        return bisect.bisect_left(view, key), bisect.bisect_right(view, key)

    def lookup(
        self, name: str, *, country: str | None = None, kind: str | None = None
    ) -> list[Place]:
        """Places whose name (or an alternate name) folds to the same key as `name`, most
        populous first."""
        low, high = self._range(self._name_keys, fold_name(name))
        indices = self._name_places[low:high].tolist()
        return self._filtered(indices, country=country, kind=kind)

    def search(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | None = None,
        admin1: str | None = None,
        limit: int = 20,
    ) -> list[Place]:
        """Exact key matches first, then transliteration-tolerant (loose key) matches."""
        exact = self.lookup(name, country=country, kind=kind)
        seen = {p.index for p in exact}
        loose = self._filtered(
            (i for i in self.loose_lookup(name) if i not in seen),
            country=country,
            kind=kind,
        )
        found = exact + loose
        if admin1:
            from conflict_events.geo.aliases import same_admin_name

            found = [p for p in found if p.admin1 and same_admin_name(p.admin1, admin1)]
        return found[:limit]

    def loose_lookup(self, name: str) -> list[int]:
        """Place rows whose loose key equals that of `name`; nothing for skeletons too short
        to tell names apart ("Kech" -> "kc")."""
        key = loose_key(name)
        if len(key.replace(" ", "")) < LOOSE_MIN_LENGTH:
            return []
        low, high = self._range(self._loose_keys, key)
        return list(dict.fromkeys(self._loose_places[low:high].tolist()))

    @cached_property
    def _loose_keys(self) -> pa.Array:
        return _combined(self.loose, "loose")

    @cached_property
    def _loose_places(self) -> np.ndarray:
        return _numbers(_combined(self.loose, "place"))

    def _filtered(
        self, indices: Iterable[int], *, country: str | None, kind: str | None
    ) -> list[Place]:
        code = None
        if country:
            found = country_by_name(country)
            if found is None:
                raise GazetteerError(f"unknown country {country!r}")
            code = found.alpha2
        places = []
        for index in dict.fromkeys(indices):
            place = self.place(int(index))
            if code and place.country_code != code:
                continue
            if kind and place.kind != kind:
                continue
            places.append(place)
        places.sort(key=lambda p: -p.population)
        return places

    def admin1_area(self, country_code: str, admin1: str) -> Place | None:
        """The admin1 row of a country by its (GeoNames) name."""
        for place in self.lookup(admin1, kind="admin1"):
            if place.country_code == country_code:
                return place
        return None

    # --- seats of admin areas ---------------------------------------------------------------
    def seat(self, area: Place) -> Place | None:
        """The place ACLED codes a region-only event to: the area's capital where the data
        marks one (PPLA for admin1, PPLA2 for admin2), else its most populous place."""
        admin2 = (area.admin2 or "") if area.kind == "admin2" else ""
        key = (area.country_code, area.admin1 or "", admin2)
        if key not in self._seat_cache:
            self._seat_cache[key] = self._find_seat(*key)
        index = self._seat_cache[key]
        return None if index is None else self.place(index)

    @cached_property
    def _area_groups(self) -> dict[int, tuple[list[str], np.ndarray]]:
        """Towns and districts grouped by area, for seat look-ups: per level (1: country and
        admin1, 2: and admin2) the sorted group keys, one per row, and the rows in that
        order. Built once (a fraction of a second for the world) instead of scanning every
        row for each area."""
        strings = self._strings
        towns = _compute("is_in", strings["kind"],
                         options=_set_lookup(_texts(["place", "district"])))
        rows = _numbers(_compute("indices_nonzero", towns)).astype(np.int64)
        taken = {n: _take(strings[n], rows)
                 for n in ("country_code", "admin1", "admin2")}
        empty, bar = _texts(["", "|"])  # Arrow scalars: Python ones would import pandas
        level1 = _compute("binary_join_element_wise", taken["country_code"],
                          _compute("coalesce", taken["admin1"], empty), bar)
        level2 = _compute("binary_join_element_wise", level1,
                          _compute("coalesce", taken["admin2"], empty), bar)
        groups = {}
        for level, keys in ((1, level1), (2, level2)):
            order = _numbers(_compute("sort_indices", keys))
            groups[level] = (_take(keys, order).to_pylist(), rows[order])
        return groups

    def _find_seat(self, country_code: str, admin1: str, admin2: str) -> int | None:
        if not admin1:
            return None
        level = 2 if admin2 else 1
        key = f"{country_code}|{admin1}" + (f"|{admin2}" if admin2 else "")
        keys, ordered = self._area_groups[level]
        low, high = bisect.bisect_left(keys, key), bisect.bisect_right(keys, key)
        if low == high:
            return None
        rows = ordered[low:high]
        codes = _take(self._strings["feature_code"], rows).to_pylist()
        capital_codes = ("PPLA2", "PPLA", "PPLC") if admin2 else ("PPLA", "PPLC")
        capital = np.array([c in capital_codes for c in codes])
        population = self.population[rows]
        # Without a marked capital (the world build has none), a town named like its area
        # is usually its capital (Kayes, Kayes; Lahij, Lahij), when it is not a hamlet next
        # to the area's cities.
        from conflict_events.geo.build import area_core_name

        area = fold_name(area_core_name(admin2 or admin1))
        names = _take(self._strings["name"], rows).to_pylist()
        namesake = np.array([
            fold_name(n) == area and p >= 0.1 * population.max()
            for n, p in zip(names, population, strict=True)
        ])
        order = np.lexsort((population, namesake, capital))
        return int(rows[order[-1]])
