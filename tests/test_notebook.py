"""df.events: registration on import, summary and counts, plots rendered to PNG."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sample_events import sample_articles_and_events

import conflict_events as ce
from conflict_events.errors import InputError

matplotlib = pytest.importorskip("matplotlib", reason="plots need the `plot` extra")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    _, events = sample_articles_and_events(30)
    return ce.to_frame(events)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def test_import_does_not_load_pandas_and_accessor_follows_pandas() -> None:
    code = (
        "import sys, conflict_events\n"
        "assert 'pandas' not in sys.modules, 'import conflict_events loaded pandas'\n"
        "import pandas as pd\n"
        "df = pd.DataFrame({'event_type': ['Battles'], 'latitude': [1.0], 'longitude': [2.0]})\n"
        "print(df.events.by('event_type')['events'].tolist())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[1]"


def test_accessor_registered_when_pandas_came_first() -> None:
    code = ("import pandas as pd, conflict_events\n"
            "print(hasattr(pd.DataFrame({'a': [1]}), 'events'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "True"


def test_summary(frame: pd.DataFrame) -> None:
    summary = frame.events.summary()
    assert summary["events"] == 30
    assert summary["countries"] == frame["country"].nunique() == 4
    assert summary["fatalities"] == int(frame["fatalities"].sum())
    assert summary["first date"] == "2020-01-06"
    assert summary["  Battles"] == 5
    assert summary["articles"] == 30


def test_by_counts_and_fatalities(frame: pd.DataFrame) -> None:
    table = frame.events.by("event_type")
    assert table["events"].sum() == 30
    assert list(table.columns) == ["events", "fatalities"]
    battles = frame[frame["event_type"] == "Battles"]
    assert table.loc["Battles", "fatalities"] == battles["fatalities"].sum()
    assert table["events"].is_monotonic_decreasing

    two = frame.events.by("country", "event_type")
    assert two["events"].sum() == 30
    assert two.index.names == ["country", "event_type"]


def test_by_actor_counts_each_actor_of_an_event(frame: pd.DataFrame) -> None:
    table = frame.events.by("actor")
    expected = pd.concat([frame["actor1"].astype(object), frame["actor2"].astype(object)])
    expected = expected.dropna().value_counts()
    assert table["events"].to_dict() == expected.to_dict()
    assert len(frame.events.by("actor", top=3)) == 3


def test_by_month_is_in_time_order(frame: pd.DataFrame) -> None:
    table = frame.events.by("month")
    assert table.index.is_monotonic_increasing
    assert table["events"].sum() == 30


def test_missing_column_is_named(frame: pd.DataFrame) -> None:
    with pytest.raises(InputError, match="latitude"):
        frame.drop(columns=["latitude"]).events.map()
    with pytest.raises(InputError):
        frame.events.by()
    with pytest.raises(InputError, match="freq"):
        frame.events.timeline(freq="fortnight")


def _png(ax: object, path: Path) -> None:
    ax.figure.savefig(path, dpi=60)  # type: ignore[attr-defined]
    assert path.stat().st_size > 5_000
    from PIL import Image

    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20, "the image is (nearly) blank"


def test_timeline_png(frame: pd.DataFrame, tmp_path: Path) -> None:
    ax = frame.events.timeline(freq="W")
    assert ax.get_title().startswith("Events per week by event type")
    assert ax.get_xlabel() == "Week starting"
    assert ax.get_ylabel() == "Events per week"
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "Event type"
    labels = [t.get_text() for t in legend.get_texts()]
    assert set(labels) == set(frame["event_type"].astype(str))
    heights = sum(p.get_height() for p in ax.patches)
    assert heights == 30
    _png(ax, tmp_path / "timeline.png")


def test_timeline_of_fatalities_per_month(frame: pd.DataFrame, tmp_path: Path) -> None:
    ax = frame.events.timeline(freq="M", value="fatalities", by=None)
    assert "fatalities per month" in ax.get_title().lower()
    assert sum(p.get_height() for p in ax.patches) == frame["fatalities"].sum()
    _png(ax, tmp_path / "fatalities.png")


def test_map_png(frame: pd.DataFrame, tmp_path: Path) -> None:
    ax = frame.events.map()
    assert ax.get_title().startswith("30 events by event type")
    assert "Longitude" in ax.get_xlabel() and "Latitude" in ax.get_ylabel()
    legend = ax.get_legend()
    assert "Event type" in legend.get_title().get_text()
    labels = [t.get_text() for t in legend.get_texts()]
    assert "Battles (5)" in labels
    points = sum(len(c.get_offsets()) for c in ax.collections[1:])
    assert points == 30
    outlines = ax.collections[0]
    assert len(outlines.get_paths()) > 5, "country outlines are drawn under the points"
    _png(ax, tmp_path / "map.png")


def test_to_geodataframe(frame: pd.DataFrame) -> None:
    pytest.importorskip("geopandas", reason="to_geodataframe needs the `geo` extra")
    gdf = frame.events.to_geodataframe()
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == 30
    assert gdf.geometry.x.tolist() == frame["longitude"].tolist()
    assert gdf.geometry.y.tolist() == frame["latitude"].tolist()


def test_report_of_a_subset(frame: pd.DataFrame, tmp_path: Path) -> None:
    subset = frame[frame["country"] == "Syria"]
    path = subset.events.report(tmp_path / "syria.html", title="Syria")
    html = path.read_text(encoding="utf-8")
    assert "<title>Syria</title>" in html
    data = html.split('id="report-data">', 1)[1].split("</script>", 1)[0]
    assert len(json.loads(data)["events"]) == len(subset) > 0
