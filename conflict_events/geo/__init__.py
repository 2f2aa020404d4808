"""Gazetteer and geocoder: place mentions in texts to ACLED's location columns.

    from conflict_events import geo
    geo.geocode("Shelling hit Hardatnin, north of Aleppo.")
    geo.Gazetteer.default().search("Idleb", kind="admin1")
    geo.written_name("Rif-dimashq", "SY")   # "Rural Damascus", as admin1 is written
"""

from __future__ import annotations

from conflict_events.geo.aliases import admin_aliases, admin_key, same_admin_name
from conflict_events.geo.countrynames import country_mentions
from conflict_events.geo.gazetteer import Gazetteer, Place
from conflict_events.geo.geocoder import Geocoder, GeocodeResult, ResolvedPlace, geocode
from conflict_events.geo.keys import eval_key, fold_name, loose_key
from conflict_events.geo.written_names import written_name

__all__ = [
    "Gazetteer",
    "GeocodeResult",
    "Geocoder",
    "Place",
    "ResolvedPlace",
    "admin_aliases",
    "admin_key",
    "country_mentions",
    "eval_key",
    "fold_name",
    "geocode",
    "loose_key",
    "same_admin_name",
    "written_name",
]
