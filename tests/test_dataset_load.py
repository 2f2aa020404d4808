"""load(): filters pushed down, dtypes, verification against datapackage.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _events import many_events

import conflict_events as ce
from conflict_events.dataset import load as load_module
from conflict_events.dataset import write as write_module
from conflict_events.dataset.release import DATA_ENV, forget_verified
from conflict_events.errors import ChecksumMismatch, DatasetError, InputError


@pytest.fixture
def release(tmp_path: Path) -> Path:
    folder = tmp_path / "rel"
    ce.write_dataset(many_events(60), folder)
    forget_verified()
    return folder


def test_dtypes(release: Path) -> None:
    frame = ce.load(release)
    assert isinstance(frame["event_type"].dtype, pd.CategoricalDtype)
    assert list(frame["event_type"].cat.categories)[:2] == ["Battles", "Protests"]
    assert len(frame["sub_event_type"].cat.categories) == 25
    assert isinstance(frame["country"].dtype, pd.CategoricalDtype)
    assert frame["event_date"].dtype == "datetime64[ns]"
    assert frame["fatalities"].dtype == pd.Int32Dtype()
    assert frame["inter1"].dtype == pd.Int8Dtype()
    assert frame["latitude"].dtype == "float64"
    assert frame["notes"].dtype == pd.StringDtype("pyarrow")


def test_filters(release: Path) -> None:
    full = ce.load(release)
    syria = ce.load(release, country="Syria")
    assert len(syria) == (full["country"] == "Syria").sum() > 0
    assert set(syria["country"]) == {"Syria"}
    assert len(ce.load(release, country=["SYR", "ng"])) == full["country"].isin(
        ["Syria", "Nigeria"]).sum()
    window = ce.load(release, start="2021-02-01", end="2021-03-31")
    expected = full[(full.event_date >= "2021-02-01") & (full.event_date <= "2021-03-31")]
    assert len(window) == len(expected) > 0
    both = ce.load(release, event_type="Protests", sub_event_type=["Peaceful protest"],
                   country="Yemen")
    assert len(both) == ((full.event_type == "Protests") & (full.country == "Yemen")).sum()
    assert len(ce.load(release, country="Atlantis")) == 0


def test_columns(release: Path) -> None:
    frame = ce.load(release, columns=["country", "fatalities"], country="Syria")
    assert list(frame.columns) == ["country", "fatalities"]
    with pytest.raises(InputError, match="unknown columns"):
        ce.load(release, columns=["colour"])


def test_unknown_vocabulary_in_a_filter(release: Path) -> None:
    with pytest.raises(InputError, match="unknown event_type"):
        ce.load(release, event_type="Skirmishes")
    with pytest.raises(InputError, match="ISO date"):
        ce.load(release, start="last week")


def test_country_filter_reads_only_matching_row_groups(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write_module, "ROW_GROUP_SIZE", 10)
    folder = tmp_path / "small-groups"
    ce.write_dataset(many_events(100), folder)
    metadata = pq.read_metadata(folder / "events.parquet")
    assert metadata.num_row_groups == 10
    filters = load_module._filters("Ukraine", None, None, None, None)
    groups = load_module._row_groups(metadata, filters)
    assert groups is not None and 1 <= len(groups) <= 3
    assert len(ce.load(folder, country="Ukraine")) == 20


def test_modified_file_is_detected(release: Path) -> None:
    path = release / "events.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte changed
    path.write_bytes(bytes(data))
    with pytest.raises(ChecksumMismatch, match="modified"):
        ce.load(release)


def test_truncated_file_is_detected(release: Path) -> None:
    path = release / "events.parquet"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(ChecksumMismatch, match="truncated"):
        ce.load(release)
    with pytest.raises(DatasetError):
        ce.load(release, verify=False)


def _replace_events(release: Path, table: pa.Table) -> None:
    """Swap in another parquet and record it honestly: only the schema check can catch it."""
    path = release / "events.parquet"
    pq.write_table(table, path)
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    from conflict_events.dataset.release import sha256_file

    for entry in package["resources"]:
        if entry["name"] == "events":
            entry["bytes"] = path.stat().st_size
            entry["hash"] = f"sha256:{sha256_file(path)}"
    (release / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


def test_foreign_parquet_is_refused(release: Path) -> None:
    _replace_events(release, pa.table({"a": [1, 2, 3]}))
    with pytest.raises(DatasetError, match="not a conflict_events release file"):
        ce.load(release)


def test_schema_mismatch_is_refused(release: Path) -> None:
    table = pq.read_table(release / "events.parquet")
    index = table.schema.get_field_index("fatalities")
    changed = table.set_column(index, pa.field("fatalities", pa.float64()),
                               table.column(index).cast(pa.float64()))
    _replace_events(release, changed.replace_schema_metadata(table.schema.metadata))
    with pytest.raises(DatasetError, match="fatalities"):
        ce.load(release)


def test_row_count_mismatch_is_refused(release: Path) -> None:
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    for entry in package["resources"]:
        entry["rows"] += 1
    (release / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DatasetError, match="rows"):
        ce.load(release)


def test_missing_datapackage_and_bare_files(release: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.parquet"
    shutil.copy(release / "events.parquet", bare)
    with pytest.raises(DatasetError, match="verify=False"):
        ce.load(bare)
    assert len(ce.load(bare, verify=False)) == 60
    (release / "datapackage.json").unlink()
    with pytest.raises(DatasetError, match=r"datapackage\.json"):
        ce.load(release)


def test_default_release_from_environment(release: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV, str(release))
    assert len(ce.load(country="Syria")) == 12


def test_no_default_release_says_where_it_looked(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(DatasetError, match="CONFLICT_EVENTS_DATA"):
        ce.load()


def test_verified_files_are_not_hashed_again(release: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from conflict_events.dataset import release as release_module

    calls: list[Path] = []
    real = release_module.sha256_file

    def counting(path: Path, chunk: int = 1 << 22) -> str:
        calls.append(path)
        return real(path, chunk)

    monkeypatch.setattr(release_module, "sha256_file", counting)
    ce.load(release)
    ce.load(release, country="Syria")
    assert len(calls) == 1


def test_loaded_frame_accepts_assignment(release: Path) -> None:
    frame = ce.load(release)
    frame.loc[0, "latitude"] = 1.5
    frame.loc[0, "fatalities"] = 7
    frame.loc[0, "notes"] = "edited"
    frame.loc[0, "country"] = "Yemen"
    assert frame.loc[0, ["latitude", "fatalities", "notes"]].tolist() == [1.5, 7, "edited"]


def test_empty_release(tmp_path: Path) -> None:
    ce.write_dataset([], tmp_path / "empty")
    frame = ce.load(tmp_path / "empty")
    assert len(frame) == 0
    assert frame["event_date"].dtype == "datetime64[ns]"
    assert ce.validate_release(tmp_path / "empty").ok


def test_resource_paths_must_stay_inside_the_release(release: Path) -> None:
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][1]["path"] = "../../etc/passwd"
    (release / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DatasetError, match="not a file name inside the release"):
        ce.load(release)
    assert not ce.validate_release(release).ok
