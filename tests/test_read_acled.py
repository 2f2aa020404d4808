"""read_acled on invented exports of both vintages and on the development set."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from conftest import shared_path

import conflict_events as ce
from conflict_events.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def test_2020_vintage() -> None:
    frame = ce.read_acled(FIXTURES / "acled_2020_sample.csv")
    assert len(frame) == 4
    assert frame.attrs["dropped"] == ["data_id", "event_id_no_cnty", "iso3"]
    row = frame.set_index("event_id_cnty").loc["AFG90001"]
    assert row["event_date"] == pd.Timestamp("2020-05-09")  # "9-May-20"
    assert row["region"] == "South Asia"  # was "Southern Asia"
    assert row["inter1"] == 1 and row["inter2"] == 2 and row["interaction"] == 12
    assert row["disorder_type"] == "Political violence"  # derived from the sub-event type
    dates = frame.set_index("event_id_cnty")["event_date"]
    assert dates["PHL90003"] == pd.Timestamp("2020-05-11")  # "11 May 2020"
    assert dates["SYR90004"] == pd.Timestamp("2020-05-12")  # ISO
    regions = frame.set_index("event_id_cnty")["region"]
    assert regions["PHL90003"] == "Southeast Asia"  # was "South-Eastern Asia"
    assert regions["IND90002"] == "South Asia"  # was "Southern Asia"
    protest = frame.set_index("event_id_cnty").loc["IND90002"]
    assert protest["assoc_actor_1"] == "Farmers (India); Labour Group (India)"
    assert pd.isna(protest["actor2"]) and protest["inter2"] == 0
    assert frame["civilian_targeting"].isna().all() and frame["tags"].isna().all()
    assert frame.set_index("event_id_cnty").loc["PHL90003", "notes"].startswith("=HYPERLINK")


def test_2023_vintage_with_text_actor_types() -> None:
    frame = ce.read_acled(FIXTURES / "acled_2023_sample.csv").set_index("event_id_cnty")
    assert frame.loc["ETH91001", "inter1"] == 2 and frame.loc["ETH91001", "inter2"] == 7
    assert frame.loc["ETH91001", "interaction"] == 27
    assert frame.loc["ETH91001", "civilian_targeting"] == "Civilians targeted"
    assert frame.loc["ARG91002", "interaction"] == 60  # "Protesters only"
    assert frame.loc["ARG91002", "tags"] == "crowd size=no report"
    assert frame.loc["UKR91003", "interaction"] == 18  # "State forces-External/Other forces"
    assert frame.loc["BRA91004", "disorder_type"] == "Political violence; Demonstrations"
    assert frame.loc["ARG91002", "latitude"] == pytest.approx(-43.3002)


def test_same_dtypes_as_load(tmp_path: Path) -> None:
    frame = ce.read_acled(FIXTURES / "acled_2023_sample.csv")
    ce.write_dataset(frame, tmp_path / "rel")
    loaded = ce.load(tmp_path / "rel")
    assert dict(loaded.dtypes) == dict(frame.dtypes)
    assert sorted(loaded["event_id_cnty"]) == sorted(frame["event_id_cnty"])


def test_bad_rows_raise_or_are_skipped() -> None:
    text = (FIXTURES / "acled_2020_sample.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] = lines[2].replace("10-May-20", "someday")
    broken = "\n".join(lines) + "\n"
    with pytest.raises(InputError, match="line 3: event_date='someday'"):
        ce.read_acled(io.StringIO(broken))
    frame = ce.read_acled(io.StringIO(broken), on_error="skip")
    assert len(frame) == 3 and frame.attrs["skipped"] == [(3, "event_date='someday'")]


def test_not_an_acled_export() -> None:
    with pytest.raises(InputError, match=r"columns .* are missing"):
        ce.read_acled(io.StringIO("a,b\n1,2\n"))
    with pytest.raises(InputError):
        ce.read_acled(io.BytesIO(b"\x00\x01\x02binary"))


@pytest.mark.shared
def test_development_export() -> None:
    path = shared_path("eval", "acled_2020_dev.csv")
    with pytest.raises(InputError, match="line"):  # the last row of the file is cut short
        ce.read_acled(path)
    frame = ce.read_acled(path, on_error="skip")
    assert len(frame) >= 5000 and len(frame.attrs["skipped"]) <= 5
    assert frame.attrs["problems"] == []
    assert frame["event_id_cnty"].is_unique
    assert set(frame["region"].dropna()) >= {"Middle East", "South Asia", "Southeast Asia"}
    assert (frame["interaction"] // 10 == frame[["inter1", "inter2"]].replace(0, 9).min(axis=1)
            ).all()
