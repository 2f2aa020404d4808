"""The Gazetteer: places and their names, loaded from columnar caches, with look-up and search.

    gaz = Gazetteer.default()          # embedded world + country files the user added
    gaz.lookup("Idlib")                # places whose name folds to "idlib"
    gaz.search("Hardatnin", country="SY", kind="place")

Places are rows of an Arrow table (see tables.PLACES_SCHEMA); a `Place` is a light view of one
row. Structures that take time to build (the loose-key index, the matcher's automaton) are built
on first use.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from conflict_events.errors import GazetteerError
from conflict_events.geo.keys import fold_name, loose_key
from conflict_events.geo.tables import NAMES_SCHEMA, PLACES_SCHEMA
from conflict_events.schema.countries import Country, country_by_name
from conflict_events.schema.models import Location


def ascii_name(name: str) -> str:
    """ACLED writes place names without diacritics: "San Luis Potosí" -> "San Luis Potosi"."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("ʿ", "'").replace("ʾ", "'")


# Loose keys shorter than this (consonant skeleton letters) match too many unrelated names.
LOOSE_MIN_LENGTH = 3


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
        """ACLED geography columns for this place."""
        country = self.country
        if country is None:
            raise GazetteerError(f"place {self.name!r} has unknown country {self.country_code!r}")
        return Location(
            location=location or ascii_name(self.name),
            admin1=self.admin1,
            admin2=self.admin2,
            admin3=self.admin3,
            country=country.name,
            iso=country.iso,
            region=country.region,  # type: ignore[arg-type]
            latitude=round(self.latitude, 4),
            longitude=round(self.longitude, 4),
            geo_precision=geo_precision,  # type: ignore[arg-type]
            geonameid=self.geonameid,
        )


def _read_parquet(path: Path, schema: pa.Schema) -> pa.Table:
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise GazetteerError(f"{path}: cannot be read as a gazetteer table: {exc}") from exc
    missing = [f.name for f in schema if f.name not in table.column_names]
    if missing:
        raise GazetteerError(f"{path}: missing columns {missing}")
    return table.select([f.name for f in schema]).cast(schema)


class Gazetteer:
    """Places and names. Build one from tables, from a cache directory, or take the default."""

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(self, places: pa.Table, names: pa.Table, *, fingerprint: str = "") -> None:
        self.places = places.cast(PLACES_SCHEMA)
        self.names = names.cast(NAMES_SCHEMA)
        self.fingerprint = fingerprint
        self._lock = threading.Lock()

    # --- construction ------------------------------------------------------------------------
    @classmethod
    def from_directory(cls, directory: Path, *, fingerprint: str = "") -> Gazetteer:
        places = _read_parquet(directory / "places.parquet", PLACES_SCHEMA)
        names = _read_parquet(directory / "names.parquet", NAMES_SCHEMA)
        return cls(places, names, fingerprint=fingerprint)

    @classmethod
    def merge(cls, parts: Sequence[Gazetteer], *, fingerprint: str = "") -> Gazetteer:
        """One gazetteer from several; a later part's place replaces an earlier one with the
        same GeoNames id (a full country dump refines the world build)."""
        if len(parts) == 1:
            return parts[0]
        seen_ids: set[int] = set()
        keep_masks: list[np.ndarray] = []
        for part in reversed(parts):
            ids = part.places.column("geonameid").to_numpy()
            mask = np.array([(i < 0) or (int(i) not in seen_ids) for i in ids], dtype=bool)
            seen_ids.update(int(i) for i in ids if i >= 0)
            keep_masks.append(mask)
        keep_masks.reverse()
        place_tables, name_tables = [], []
        offset = 0
        for part, mask in zip(parts, keep_masks, strict=True):
            new_index = np.cumsum(mask) - 1 + offset
            place_tables.append(part.places.filter(pa.array(mask)))
            old = part.names.column("place").to_numpy()
            name_keep = mask[old]
            names = part.names.filter(pa.array(name_keep))
            remapped = new_index[old[name_keep]].astype(np.int32)
            names = names.set_column(2, "place", pa.array(remapped, pa.int32()))
            name_tables.append(names)
            offset += int(mask.sum())
        return cls(
            pa.concat_tables(place_tables), pa.concat_tables(name_tables), fingerprint=fingerprint
        )

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
    def _columns(self) -> dict[str, list[Any]]:
        return {name: self.places.column(name).to_pylist() for name in self.places.column_names}

    def place(self, index: int) -> Place:
        cols = self._columns
        gid = cols["geonameid"][index]
        return Place(
            index=index,
            geonameid=gid if gid is not None and gid >= 0 else None,
            name=cols["name"][index],
            country_code=cols["country_code"][index],
            admin1=cols["admin1"][index],
            admin2=cols["admin2"][index],
            admin3=cols["admin3"][index],
            latitude=cols["latitude"][index],
            longitude=cols["longitude"][index],
            population=cols["population"][index] or 0,
            feature_code=cols["feature_code"][index] or "",
            kind=cols["kind"][index],
            source=cols["source"][index] or "",
        )

    @cached_property
    def coordinates(self) -> np.ndarray:
        """(n, 2) array of latitude, longitude in degrees."""
        lat = self.places.column("latitude").to_numpy()
        lon = self.places.column("longitude").to_numpy()
        return np.stack([lat, lon], axis=1)

    # --- names ------------------------------------------------------------------------------
    @cached_property
    def key_index(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Unique folded keys (sorted), and CSR arrays: places of key i are
        place_ids[offsets[i]:offsets[i+1]]."""
        order = pc.sort_indices(self.names, sort_keys=[("key", "ascending")])
        names = self.names.take(order)
        keys = names.column("key")
        places = names.column("place").to_numpy()
        unique = pc.unique(keys)
        # run-length boundaries of the sorted key column
        encoded = pc.dictionary_encode(keys).combine_chunks()
        codes = encoded.indices.to_numpy()
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        offsets = np.r_[starts, len(codes)].astype(np.int64)
        return unique.to_pylist(), offsets, places.astype(np.int32)

    @cached_property
    def _key_positions(self) -> dict[str, int]:
        keys, _, _ = self.key_index
        return {key: i for i, key in enumerate(keys)}

    @cached_property
    def _loose_index(self) -> dict[str, list[int]]:
        table: dict[str, list[int]] = defaultdict(list)
        for loose, place in zip(
            self.names.column("loose").to_pylist(),
            self.names.column("place").to_pylist(),
            strict=True,
        ):
            if loose:
                table[loose].append(place)
        return dict(table)

    def places_for_key(self, key_id: int) -> np.ndarray:
        _, offsets, places = self.key_index
        return places[offsets[key_id] : offsets[key_id + 1]]

    def lookup(
        self, name: str, *, country: str | None = None, kind: str | None = None
    ) -> list[Place]:
        """Places whose name (or an alternate name) folds to the same key as `name`, most
        populous first."""
        position = self._key_positions.get(fold_name(name))
        indices: Iterable[int] = [] if position is None else self.places_for_key(position).tolist()
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
            (i for i in self._loose_index.get(loose_key(name), []) if i not in seen),
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
        return list(dict.fromkeys(self._loose_index.get(key, [])))

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
    @cached_property
    def _seats(self) -> dict[tuple[str, str, str], int]:
        """(country, admin1, admin2 or "") -> the place ACLED codes a region-only event to:
        the admin capital where the data marks one (PPLA/PPLA2), else the most populous place."""
        cols = self._columns
        best: dict[tuple[str, str, str], tuple[int, int, int]] = {}
        for index, kind in enumerate(cols["kind"]):
            if kind not in ("place", "district"):
                continue
            cc, a1, a2 = cols["country_code"][index], cols["admin1"][index], cols["admin2"][index]
            if not a1:
                continue
            code = cols["feature_code"][index] or ""
            population = cols["population"][index] or 0
            for area, capital_code in (((cc, a1, ""), "PPLA"), ((cc, a1, a2 or ""), "PPLA2")):
                if area[2] == "" and capital_code == "PPLA2":
                    continue
                is_capital = code in (capital_code, "PPLC") if area[2] == "" else (
                    code in ("PPLA2", "PPLA", "PPLC")
                )
                rank = (1 if is_capital else 0, population, -index)
                if area not in best or rank > best[area]:
                    best[area] = rank
        return {area: -rank[2] for area, rank in best.items()}

    def seat(self, area: Place) -> Place | None:
        """The capital (or largest place) of an admin1/admin2 area row."""
        key = (area.country_code, area.admin1 or "", area.admin2 or "" if area.kind == "admin2"
               else "")
        index = self._seats.get(key)
        return None if index is None else self.place(index)
