"""ACLED's geo_precision for a resolved mention (CODEBOOK 1.6).

1  a named town or place, including a city district ("Aleppo - Hamdaniyeh").
2  activity "near" a place or on its outskirts, in a part of a region ("southern Hasaka", "the
   countryside of Idlib"), in a district-level area, or at a named village the gazetteer lacks,
   coded to the nearest known place the text names.
3  only a larger region (an admin1 area), coded to its capital.
"""

from __future__ import annotations

from conflict_events.schema.taxonomy import GeoPrecision

RELATIONS_NEAR = frozenset({"near", "outskirts", "countryside", "part of region", "between"})


def geo_precision(kind: str, relation: str | None, *, raw_name: bool = False) -> GeoPrecision:
    if kind == "admin1":
        if relation == "part of region" or relation == "countryside":
            return GeoPrecision.NEAR_PLACE_OR_PART_OF_REGION
        return GeoPrecision.REGION
    if kind == "admin2" or raw_name:
        return GeoPrecision.NEAR_PLACE_OR_PART_OF_REGION
    if relation and (relation in RELATIONS_NEAR or relation.endswith(" of")):
        return GeoPrecision.NEAR_PLACE_OR_PART_OF_REGION
    return GeoPrecision.PLACE
