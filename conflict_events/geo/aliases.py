"""Names ACLED uses for admin areas next to the GeoNames names the gazetteer keeps canonical.

The table is conflict_events/knowledge/geo/admin_aliases.csv (country_code, level, geonames_name,
alias, note). `admin_key` gives the spelling-tolerant comparison key of the evaluation protocol
with aliases resolved, so "Idleb" and "Idlib", "Sanaa City" and "Amanat Al Asimah" compare equal.
"""

from __future__ import annotations

from functools import cache

from conflict_events.geo.build import read_admin_aliases
from conflict_events.geo.keys import eval_key


@cache
def _alias_to_canonical() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for row in read_admin_aliases():
        canonical = eval_key(row["geonames_name"])
        table[(row["country_code"], eval_key(row["alias"]))] = canonical
        table[("", eval_key(row["alias"]))] = canonical
    return table


def admin_aliases() -> list[dict[str, str]]:
    """The alias table's rows (country_code, level, geonames_name, alias, note)."""
    return read_admin_aliases()


def admin_key(name: str, country_code: str | None = None) -> str:
    """Spelling-tolerant key of an admin-area name, ACLED aliases mapped to GeoNames names."""
    key = eval_key(name)
    table = _alias_to_canonical()
    if country_code and (country_code, key) in table:
        return table[(country_code, key)]
    return table.get(("", key), key)


def same_admin_name(a: str, b: str, country_code: str | None = None) -> bool:
    return admin_key(a, country_code) == admin_key(b, country_code)
