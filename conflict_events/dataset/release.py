"""A release folder on disk: its file names, datapackage.json, checksums, the default release
and recovery from an interrupted swap.

Layout of a release folder:

    events.parquet     the events (always)
    events.csv         the same rows as CSV (optional)
    articles.parquet   one row per input article
    datapackage.json   Data Package: every file's bytes, sha256, rows and Table Schema

A partitioned release (write_dataset(partition_by=("year", "country"))) holds instead of
events.parquet one file per partition, hive-style, each listed as a resource named
events-part-NNNNN: events/year=2016/country=Syria/part-0.parquet. Each file holds every
column (year and country included), so any one of them is a complete events file.

write_dataset() swaps a finished folder in with two renames: FOLDER -> .FOLDER.previous, then
.FOLDER.writing-* -> FOLDER. A crash between them leaves only the backup; release_folder()
then resolves FOLDER to the backup, so the previous release stays loadable.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflict_events.errors import ChecksumMismatch, DatasetError

EVENTS_PARQUET = "events.parquet"
EVENTS_CSV = "events.csv"
ARTICLES_PARQUET = "articles.parquet"
DATAPACKAGE = "datapackage.json"
DATA_ENV = "CONFLICT_EVENTS_DATA"
PACKAGE_PROFILE = "conflict-events-release"


EVENTS_PARTS = "events"  # folder of a partitioned release: events/year=Y/country=C/part-0.parquet
EVENTS_PART_PREFIX = "events-part-"  # resource names of the partition files


def inside_release(file_name: str) -> bool:
    """A relative POSIX path that stays inside the release folder: a file name, or a file of
    the partitioned events/ folder."""
    parts = file_name.split("/")
    return bool(file_name) and not file_name.startswith("/") and all(
        part not in ("", ".", "..") and "\\" not in part for part in parts
    )


def backup_path(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.previous"


def staging_prefix(folder: Path) -> str:
    return f".{folder.name}.writing-"


def release_folder(folder: Path | str) -> Path:
    """The folder to read for FOLDER, recovering from an interrupted swap: when FOLDER holds
    no datapackage.json but the backup of the previous release does, the backup is used."""
    folder = Path(folder)
    if (folder / DATAPACKAGE).is_file():
        return folder
    backup = backup_path(folder)
    if (backup / DATAPACKAGE).is_file():
        return backup
    if folder.is_file():
        raise DatasetError(f"{folder} is a file; a release is a folder holding {DATAPACKAGE}")
    if not folder.exists():
        raise DatasetError(f"no release at {folder}: the folder does not exist")
    raise DatasetError(
        f"no release at {folder}: it holds no {DATAPACKAGE} (write one with "
        "conflict_events.write_dataset)"
    )


def repository_data_folder() -> Path:
    """<repository>/data beside the package (an editable install or a source checkout)."""
    return Path(__file__).resolve().parents[2] / "data"


def default_release() -> Path:
    """The release load() reads without a path: $CONFLICT_EVENTS_DATA, else <repo>/data."""
    configured = os.environ.get(DATA_ENV)
    if configured:
        return Path(configured).expanduser()
    return repository_data_folder()


def find_default_release() -> Path:
    """Resolved default release folder, or DatasetError saying where it was looked for."""
    where = default_release()
    try:
        return release_folder(where)
    except DatasetError as exc:
        source = f"${DATA_ENV}" if os.environ.get(DATA_ENV) else "the repository's data/ folder"
        raise DatasetError(
            f"no release found in {source} ({where}): {exc}. Pass a path to load(), or set "
            f"{DATA_ENV} to a release folder."
        ) from exc


# --- checksums -------------------------------------------------------------------------------

def sha256_file(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


# (device, inode, size, mtime_ns, ctime_ns) -> sha256 already verified in this process.
# ctime changes on any write or metadata change and cannot be set back by user tools, so a
# file with the same key holds the bytes that were hashed.
_VERIFIED: dict[tuple[int, int, int, int, int], str] = {}


def _file_key(path: Path) -> tuple[int, int, int, int, int]:
    st = path.stat()
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    bytes: int
    sha256: str
    rows: int
    descriptor: dict[str, Any]


def read_datapackage(folder: Path) -> dict[str, Any]:
    path = folder / DATAPACKAGE
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DatasetError(f"{folder} is not a release: {DATAPACKAGE} is missing") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError(f"{path} cannot be read as JSON: {exc}") from exc
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise DatasetError(f"{path} is not a Data Package (no 'resources' list)")
    return package


def resources(package: dict[str, Any], folder: Path) -> dict[str, Resource]:
    found: dict[str, Resource] = {}
    for entry in package["resources"]:
        try:
            hash_text = str(entry["hash"])
            algorithm, _, digest = hash_text.partition(":")
            if algorithm != "sha256" or not digest:
                raise ValueError(f"hash {hash_text!r} is not 'sha256:<hex>'")
            file_name = str(entry["path"])
            if not inside_release(file_name):
                raise ValueError(f"path {file_name!r} is not a file name inside the release")
            found[str(entry["name"])] = Resource(
                name=str(entry["name"]), path=str(entry["path"]), bytes=int(entry["bytes"]),
                sha256=digest, rows=int(entry["rows"]), descriptor=entry,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DatasetError(
                f"{folder / DATAPACKAGE}: resource entry {entry!r} is malformed: {exc}"
            ) from exc
    return found


def verify_file(folder: Path, resource: Resource) -> None:
    """Size and sha256 of one resource against datapackage.json."""
    path = folder / resource.path
    if not path.is_file():
        raise DatasetError(f"{path} is missing from the release (listed in {DATAPACKAGE})")
    size = path.stat().st_size
    if size != resource.bytes:
        state = "truncated" if size < resource.bytes else "longer than recorded"
        raise ChecksumMismatch(
            f"{path} is {state}: {size} bytes, {DATAPACKAGE} records {resource.bytes}"
        )
    key = _file_key(path)
    if _VERIFIED.get(key) == resource.sha256:
        return
    actual = sha256_file(path)
    if actual != resource.sha256:
        raise ChecksumMismatch(
            f"{path} has been modified: sha256 {actual} differs from {resource.sha256} "
            f"recorded in {DATAPACKAGE}"
        )
    _VERIFIED[key] = actual


def forget_verified() -> None:
    """Drop the in-process record of verified files (tests, benchmarks)."""
    _VERIFIED.clear()
