"""Where gazetteer data lives on disk: the world cache and the country files a user added.

- world cache: <user cache dir>/gazetteer/world-<fingerprint>/{places,names,loose,match}.arrow and
  manifest.json, built on first use from installed packages (build.py) and rebuilt when its
  sources change (the fingerprint) or its files no longer match the manifest's sizes and hashes.
- country files: <user data dir>/gazetteer/countries/<CC>/*.arrow, added from
  GeoNames dumps with `conflict-events gazetteer add` or `download`.
- the default (world + country files + supplements) is merged once and cached as
  <user cache dir>/gazetteer/default-<fingerprint>/; the tables are Arrow IPC files, memory-mapped
  on load.

Both roots can be moved with CONFLICT_EVENTS_CACHE_DIR and CONFLICT_EVENTS_DATA_DIR.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from conflict_events.cache import APP, cache_root
from conflict_events.errors import GazetteerError
from conflict_events.geo.gazetteer import MANIFEST, MERGE_VERSION, Gazetteer


def data_root() -> Path:
    env = os.environ.get("CONFLICT_EVENTS_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP))


def countries_dir() -> Path:
    return data_root() / "gazetteer" / "countries"


def world_dir() -> Path:
    from conflict_events.geo.build import source_fingerprint

    return cache_root() / "gazetteer" / f"world-{source_fingerprint()}"


def ensure_world() -> Path:
    """The world cache directory, built first if absent (about 20-30 s, once)."""
    from conflict_events.geo.build import build_world, write_tables

    directory = world_dir()
    if not (directory / MANIFEST).exists():
        started = time.perf_counter()
        places, names = build_world()
        write_tables(places, names, directory)
        info = {"built_seconds": round(time.perf_counter() - started, 1), "places": len(places)}
        (directory / "build.json").write_text(json.dumps(info), encoding="utf-8")
        # Older builds are of no further use.
        for old in directory.parent.glob("world-*"):
            if old != directory:
                shutil.rmtree(old, ignore_errors=True)
        for old in directory.parent.glob("default-*"):
            shutil.rmtree(old, ignore_errors=True)
    return directory


def load_world() -> Gazetteer:
    directory = ensure_world()
    try:
        return Gazetteer.from_directory(directory, fingerprint=directory.name)
    except GazetteerError:  # a damaged cache is built again, never trusted
        shutil.rmtree(directory, ignore_errors=True)
        directory = ensure_world()
        return Gazetteer.from_directory(directory, fingerprint=directory.name)


@dataclass(frozen=True)
class CountryFile:
    country_code: str
    path: Path
    places: int
    source: str
    added: str


def list_country_files() -> list[CountryFile]:
    root = countries_dir()
    found = []
    if root.exists():
        for directory in sorted(root.iterdir()):
            meta_path = directory / "meta.json"
            if not meta_path.exists():
                continue
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            found.append(
                CountryFile(
                    country_code=directory.name,
                    path=directory,
                    places=int(meta.get("places", 0)),
                    source=str(meta.get("source", "")),
                    added=str(meta.get("added", "")),
                )
            )
    return found


def load_default() -> Gazetteer:
    """World + user country files (+ the shipped supplements), merged."""
    from conflict_events.geo.supplements import load_supplements

    world = load_world()
    country_files = list_country_files()
    supplements = load_supplements()
    if not country_files and supplements is None:
        return world
    # the merge's own version: merged tables cached by an older merge are merged again
    fingerprint_parts = [world.fingerprint, f"merge:{MERGE_VERSION}"]
    fingerprint_parts += [f"{c.country_code}:{c.added}" for c in country_files]
    if supplements is not None:
        fingerprint_parts.append(supplements.fingerprint)
    fingerprint = hashlib.sha256("|".join(fingerprint_parts).encode()).hexdigest()[:16]
    # The merge is cached too, so that loading stays a memory map.
    directory = cache_root() / "gazetteer" / f"default-{fingerprint}"
    if (directory / MANIFEST).exists():
        try:
            return Gazetteer.from_directory(directory, fingerprint=fingerprint)
        except GazetteerError:  # a damaged merge is merged again below
            shutil.rmtree(directory, ignore_errors=True)
    parts = [world]
    for country_file in country_files:
        try:
            parts.append(Gazetteer.from_directory(country_file.path))
        except GazetteerError as exc:  # user data: cannot be rebuilt without its source
            raise GazetteerError(
                f"the {country_file.country_code} country file is damaged ({exc}); add it again "
                f"with `conflict-events gazetteer add` or remove it with "
                f"`conflict-events gazetteer remove {country_file.country_code}`"
            ) from exc
    if supplements is not None:
        parts.append(supplements)
    merged = Gazetteer.merge(parts, fingerprint=fingerprint)
    for old in directory.parent.glob("default-*"):
        shutil.rmtree(old, ignore_errors=True)
    merged.write(directory)
    return Gazetteer.from_directory(directory, fingerprint=fingerprint)


def save_country(country_code: str, gazetteer: Gazetteer, *, source: str) -> CountryFile:
    code = country_code.upper()
    directory = countries_dir() / code
    gazetteer.write(directory)
    meta = {
        "country_code": code,
        "places": len(gazetteer),
        "source": source,
        "added": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    (directory / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    Gazetteer.reset_default()
    return CountryFile(code, directory, len(gazetteer), source, str(meta["added"]))


def remove_country(country_code: str) -> None:
    directory = countries_dir() / country_code.upper()
    if not directory.exists():
        raise GazetteerError(f"no country file {country_code.upper()} has been added")
    shutil.rmtree(directory)
    Gazetteer.reset_default()


def add_geonames_file(
    path: Path, *, admin1: Path | None = None, admin2: Path | None = None
) -> CountryFile:
    """Load a GeoNames country dump (SY.txt or SY.zip) and keep it with the user's data."""
    from conflict_events.geo.geonames import country_code_of, load_geonames_dump

    path = Path(path)
    code = country_code_of(path)
    gazetteer = load_geonames_dump(path, admin1=admin1, admin2=admin2)
    return save_country(code, gazetteer, source=str(path.resolve()))


DEFAULT_GEONAMES_URL = "https://download.geonames.org/export/dump/"


def geonames_base_url() -> str:
    return os.environ.get("CONFLICT_EVENTS_GEONAMES_URL", DEFAULT_GEONAMES_URL)


def download_countries(
    codes: list[str], *, base_url: str | None = None, timeout: float = 60.0
) -> list[CountryFile]:
    """Fetch <CC>.zip and the admin code tables from GeoNames (or a mirror) and add them."""
    import tempfile
    import urllib.error
    import urllib.request

    from conflict_events.schema.countries import country_by_name

    base = (base_url or geonames_base_url()).rstrip("/") + "/"
    wanted = []
    for code in codes:
        country = country_by_name(code)
        if country is None or len(code) != 2:
            raise GazetteerError(f"{code!r} is not an ISO alpha-2 country code")
        wanted.append(country.alpha2)

    def fetch(name: str, target: Path) -> None:
        url = base + name
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                target.write_bytes(response.read())
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            raise GazetteerError(f"cannot download {url}: {exc}") from exc

    added = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fetch("admin1CodesASCII.txt", folder / "admin1CodesASCII.txt")
        fetch("admin2Codes.txt", folder / "admin2Codes.txt")
        for code in wanted:
            fetch(f"{code}.zip", folder / f"{code}.zip")
            added.append(add_geonames_file(folder / f"{code}.zip"))
    return added
