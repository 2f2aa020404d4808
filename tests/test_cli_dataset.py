"""The info, validate and convert commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from _events import many_events

import conflict_events as ce
from conflict_events.cli.main import main
from conflict_events.dataset.csvfile import read_csv
from conflict_events.dataset.release import DATA_ENV
from conflict_events.dataset.table import events_to_table, sort_table

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def release(tmp_path: Path) -> Path:
    folder = tmp_path / "rel"
    ce.write_dataset(many_events(20), folder)
    return folder


@pytest.mark.parametrize("command", ["info", "validate", "convert"])
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    assert command in capsys.readouterr().out


def test_info_with_a_release(release: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(DATA_ENV, str(release))
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert ce.__version__ in out and str(release) in out
    assert "20 events" in out
    assert "Battles" in out and "Protests" in out


def test_info_without_a_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "empty"))
    assert main(["info"]) == 0
    assert "no release" in capsys.readouterr().out


def test_validate_ok_and_failing(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(release)]) == 0
    assert capsys.readouterr().out.strip().endswith("valid")
    csv = release / "events.csv"
    csv.write_bytes(csv.read_bytes().replace(b"Syria", b"Syrja", 1))
    assert main(["validate", str(release)]) == 1
    out = capsys.readouterr().out
    assert "FAIL events.csv checksum" in out and out.strip().endswith("INVALID")


def test_validate_reports_broken_coding_rules(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from conflict_events.dataset.release import sha256_file

    folder = tmp_path / "rel"
    ce.write_dataset(many_events(10), folder, formats=("parquet",))
    path = folder / "events.parquet"
    table = pq.read_table(path)
    index = table.schema.get_field_index("fatalities")
    values = table.column(index).to_pylist()
    values[0] = -5
    table = table.set_column(index, table.schema.field(index), pa.array(values, pa.int32()))
    pq.write_table(table, path)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][0].update(bytes=path.stat().st_size, hash=f"sha256:{sha256_file(path)}")
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    assert "fatalities: below 0" in capsys.readouterr().out


def test_validate_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nothing")]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_convert_round_trip(release: Path, tmp_path: Path) -> None:
    assert main(["convert", str(release), str(tmp_path / "events.csv")]) == 0
    assert main(["convert", str(tmp_path / "events.csv"), str(tmp_path / "events.parquet")]) == 0
    assert main(["convert", str(tmp_path / "events.parquet"), str(tmp_path / "again.csv")]) == 0
    assert (tmp_path / "events.csv").read_bytes() == (tmp_path / "again.csv").read_bytes()
    assert read_csv(tmp_path / "again.csv").equals(sort_table(events_to_table(many_events(20))))
    assert main(["convert", str(tmp_path / "events.csv"), str(tmp_path / "newrel")]) == 0
    assert ce.validate_release(tmp_path / "newrel").ok


def test_convert_an_acled_export(tmp_path: Path) -> None:
    source = FIXTURES / "acled_2020_sample.csv"
    assert main(["convert", "--acled", str(source), str(tmp_path / "acled")]) == 0
    assert len(ce.load(tmp_path / "acled")) == 4


def test_convert_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.txt"
    bad.write_text("hello", encoding="utf-8")
    assert main(["convert", str(bad), str(tmp_path / "y.csv")]) == 1
    assert "error" in capsys.readouterr().err
