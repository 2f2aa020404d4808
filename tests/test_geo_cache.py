"""Cached gazetteer data is verified before use: a table or automaton file that was truncated or
altered (one flipped byte) is detected, and caches are built again instead of being trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from geo_fixture import fixture_gazetteer, write_dump

from conflict_events import geo
from conflict_events.errors import GazetteerError
from conflict_events.geo import automaton, store
from conflict_events.geo.gazetteer import MANIFEST, Gazetteer
from conflict_events.geo.geonames import load_geonames_dump
from conflict_events.geo.matcher import Matcher

TEXT = "Shelling hit Hardatnin, north of Aleppo, and the countryside of Idleb."


def flip_byte(path: Path, position: float = 0.5) -> None:
    data = bytearray(path.read_bytes())
    index = int(len(data) * position)
    data[index] ^= 0x40
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.fixture
def written(tmp_path: Path) -> Path:
    directory = tmp_path / "gaz"
    fixture_gazetteer(tmp_path / "src").write(directory)
    return directory


def test_written_tables_load_with_their_manifest(written: Path) -> None:
    manifest = json.loads((written / MANIFEST).read_text())
    assert set(manifest["files"]) == {"places.arrow", "names.arrow", "loose.arrow"}
    gazetteer = Gazetteer.from_directory(written)
    assert gazetteer.directory == written
    assert gazetteer.lookup("Idleb")[0].name == "Idlib"


@pytest.mark.parametrize("table", ["places.arrow", "names.arrow", "loose.arrow"])
@pytest.mark.parametrize(
    "damage,message", [(flip_byte, "corrupted"), (truncate, "truncated")]
)
def test_damaged_table_is_detected(written: Path, table: str, damage: object,
                                   message: str) -> None:
    damage(written / table)  # type: ignore[operator]
    with pytest.raises(GazetteerError, match=message) as caught:
        Gazetteer.from_directory(written)
    assert table in str(caught.value)


def test_a_flipped_byte_near_the_start_or_end_is_detected(written: Path) -> None:
    for position in (0.001, 0.999):
        flip_byte(written / "places.arrow", position)
        with pytest.raises(GazetteerError, match="corrupted"):
            Gazetteer.from_directory(written)
        flip_byte(written / "places.arrow", position)  # flipped back: valid again
        Gazetteer.from_directory(written)


def test_missing_or_foreign_manifest_is_detected(written: Path) -> None:
    manifest = written / MANIFEST
    saved = manifest.read_text()
    manifest.write_text(saved.replace('"format": 2', '"format": 1'))
    with pytest.raises(GazetteerError, match="another version"):
        Gazetteer.from_directory(written)
    manifest.unlink()
    with pytest.raises(GazetteerError, match="manifest"):
        Gazetteer.from_directory(written)


@pytest.fixture
def stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Cache and data folders of their own, and the fixture in place of the world build."""
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CONFLICT_EVENTS_DATA_DIR", str(tmp_path / "data"))
    world_dir = tmp_path / "world"
    fixture_gazetteer(tmp_path / "src").write(world_dir)
    monkeypatch.setattr(
        store, "load_world", lambda: Gazetteer.from_directory(world_dir, fingerprint="w")
    )
    dump = write_dump(tmp_path / "dump", "LB.txt")
    store.save_country("LB", load_geonames_dump(dump), source=str(dump))
    return tmp_path


def test_damaged_merged_cache_is_merged_again(stores: Path) -> None:
    first = store.load_default()
    assert first.directory is not None
    flip_byte(first.directory / "names.arrow")
    again = store.load_default()
    assert len(again) == len(first)
    assert again.directory is not None
    Gazetteer.from_directory(again.directory)  # verified


def test_damaged_country_file_is_a_clear_error(stores: Path) -> None:
    truncate(store.countries_dir() / "LB" / "places.arrow")
    with pytest.raises(GazetteerError, match=r"LB country file is damaged.*gazetteer add"):
        store.load_default()


def test_automaton_is_cached_beside_the_tables_and_verified(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gazetteer = Gazetteer.from_directory(written)
    expected = Matcher(gazetteer).find(TEXT)
    files = sorted(p.name for p in written.glob("names-automaton-*"))
    assert [Path(f).suffix for f in files] == [".arrow", ".bin", ".json"]

    builds: list[int] = []
    real_build = automaton.build

    def counting_build(*args: object, **kwargs: object) -> automaton.CompiledNames:
        builds.append(1)
        return real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("conflict_events.geo.matcher.build_automaton", counting_build)
    assert Matcher(Gazetteer.from_directory(written)).find(TEXT) == expected
    assert builds == []  # loaded from the cache

    [binary] = written.glob("names-automaton-*.bin")
    flip_byte(binary)
    assert Matcher(Gazetteer.from_directory(written)).find(TEXT) == expected
    assert builds == [1]  # the damaged file was not trusted: compiled again and rewritten
    assert Matcher(Gazetteer.from_directory(written)).find(TEXT) == expected
    assert builds == [1]


def test_geocoding_is_the_same_from_memory_and_from_the_cache(written: Path,
                                                              tmp_path: Path) -> None:
    in_memory = fixture_gazetteer(tmp_path / "other")
    cached = Gazetteer.from_directory(written)
    Matcher(cached).find(TEXT)  # writes the automaton
    results = [
        [(p.name, p.location.location) for p in geo.geocode(TEXT, gazetteer=gazetteer)]
        for gazetteer in (in_memory, Gazetteer.from_directory(written))
    ]
    assert results[0] == results[1]
    assert {"Hardatnin", "Aleppo", "Idleb"} <= {name for name, _ in results[0]}
