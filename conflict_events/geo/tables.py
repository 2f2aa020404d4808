"""The columnar layout of a gazetteer: a table of places and a table of names.

Every source (the embedded world build, GeoNames country dumps, user supplements) produces these
two tables; the Gazetteer merges them. Stored as Parquet, read with pyarrow."""

from __future__ import annotations

import pyarrow as pa

# One row per place. admin names follow GeoNames (canonical); country is the ISO alpha-2 code,
# turned into ACLED's country name, ISO numeric code and region when a Location is built.
PLACES_SCHEMA = pa.schema(
    [
        ("geonameid", pa.int64()),  # -1 when the place has no GeoNames id (synthetic areas)
        ("name", pa.string()),
        ("country_code", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("admin3", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("population", pa.int64()),
        ("feature_code", pa.string()),  # GeoNames feature code: PPL, PPLA, PPLX, ADM1 ...
        ("kind", pa.string()),  # place | district | admin1 | admin2 | feature
        ("source", pa.string()),  # where the row comes from: world, geonames:SY, supplement ...
    ]
)

# One row per (folded name key, place). `place` is a row index into the places table.
NAMES_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("loose", pa.string()),
        ("place", pa.int32()),
    ]
)

# The loose-key index: (loose key, place), sorted by loose key.
LOOSE_SCHEMA = pa.schema([("loose", pa.string()), ("place", pa.int32())])

KINDS = ("place", "district", "admin1", "admin2", "feature")
