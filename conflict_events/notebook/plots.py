"""The matplotlib plots behind df.events.timeline() and df.events.map() (extra `plot`)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from conflict_events.notebook.style import FREQ_LABELS, colour_of

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

_PERIOD_ALIASES = {"D": "D", "W": "W", "M": "M", "MS": "M", "ME": "M", "Q": "Q", "QS": "Q",
                   "QE": "Q", "Y": "Y", "A": "Y", "YS": "Y", "YE": "Y"}


def _pyplot() -> object:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError("plots need matplotlib: pip install 'conflict-events[plot]'") from exc
    return plt


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    plt = _pyplot()
    _, new = plt.subplots(figsize=size, layout="constrained")  # type: ignore[attr-defined]
    return new


def _order(series: pd.Series) -> list[str]:
    from conflict_events.notebook.accessor import values_of

    return list(values_of(series))


def timeline(frame: pd.DataFrame, *, freq: str = "W", by: str | None = "event_type",
             value: str = "events", ax: Axes | None = None, title: str | None = None) -> Axes:
    from matplotlib.ticker import MaxNLocator

    period = _PERIOD_ALIASES.get(freq.upper())
    if period is None:
        from conflict_events.errors import InputError

        raise InputError(f"freq {freq!r} is not one of D, W, M, Q, Y", input_name="freq")
    if value not in ("events", "fatalities"):
        from conflict_events.errors import InputError

        raise InputError(f"value {value!r} must be 'events' or 'fatalities'", input_name="value")
    ax = _axes(ax, (10, 4.5))
    dates = pd.to_datetime(frame["event_date"]).dt.to_period(period).dt.start_time
    data = pd.DataFrame({"period": dates})
    data["n"] = frame["fatalities"].fillna(0).astype("int64") if value == "fatalities" else 1
    group = by or "all"
    data[group] = frame[by].astype(object) if by else "all events"
    table = data.pivot_table(index="period", columns=group, values="n", aggfunc="sum",
                             fill_value=0)
    if len(table):
        full = pd.period_range(table.index.min(), table.index.max(), freq=period).start_time
        table = table.reindex(full, fill_value=0)
    series_order = _order(frame[by]) if by else ["all events"]
    table = table[[c for c in series_order if c in table.columns]]
    unit = FREQ_LABELS[period]
    width = {"D": 0.8, "W": 5.5, "M": 24, "Q": 70, "Y": 300}[period]
    bottom = pd.Series(0, index=table.index, dtype="int64")
    for column in table.columns:
        colour = colour_of(column) if by == "event_type" else None
        ax.bar(table.index, table[column], width=width, bottom=bottom, label=str(column),
               color=colour, align="edge", edgecolor="white", linewidth=0.3)
        bottom = bottom + table[column]
    what = "Events" if value == "events" else "Reported fatalities"
    by_text = f" by {by.replace('_', ' ')}" if by else ""
    ax.set_title(title or f"{what} per {unit}{by_text} ({int(bottom.sum())} in total)")
    ax.set_xlabel(f"{unit.capitalize()} starting")
    ax.set_ylabel(f"{what} per {unit}")
    if len(table.columns):
        ax.legend(title=by.replace("_", " ").capitalize() if by else None, frameon=False,
                  loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    else:
        _say_empty(ax)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _events(n: int) -> str:
    return f"{n} event" if n == 1 else f"{n} events"


def _say_empty(ax: Axes) -> None:
    ax.text(0.5, 0.5, "No events", transform=ax.transAxes, ha="center", va="center",
            color="#6e7781", fontsize="large")


def _draw_outlines(ax: Axes, box: tuple[float, float, float, float]) -> None:
    from matplotlib.collections import PolyCollection

    from conflict_events.report.outlines import outlines

    west, south, east, north = box
    rings = []
    for country in outlines()["countries"]:
        for polygon in country["polygons"]:
            ring = polygon[0]
            xs = [p[0] for p in ring]
            ys = [p[1] for p in ring]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue
            rings.append(ring)
    ax.add_collection(PolyCollection(rings, facecolor="#f2f0eb", edgecolor="#9a968f",
                                     linewidth=0.6, zorder=0))


def event_map(frame: pd.DataFrame, *, by: str = "event_type", size_by_fatalities: bool = True,
              ax: Axes | None = None, title: str | None = None, pad: float = 2.0) -> Axes:
    lat = frame["latitude"].astype(float)
    lon = frame["longitude"].astype(float)
    if len(frame):
        box = (float(lon.min()) - pad, float(lat.min()) - pad,
               float(lon.max()) + pad, float(lat.max()) + pad)
    else:
        box = (-180.0, -60.0, 180.0, 85.0)
    # at least 8 degrees wide and tall so a single place still shows its surroundings
    west, south, east, north = box
    if east - west < 8:
        middle = (east + west) / 2
        west, east = middle - 4, middle + 4
    if north - south < 8:
        middle = (north + south) / 2
        south, north = middle - 4, middle + 4
    box = (max(west, -180.0), max(south, -90.0), min(east, 180.0), min(north, 90.0))
    width_deg, height_deg = box[2] - box[0], box[3] - box[1]
    aspect = 1 / max(math.cos(math.radians((box[1] + box[3]) / 2)), 0.2)
    # size the figure to the map's shape (at most 8 x 7 inches of map) plus room for labels
    ratio = width_deg / (height_deg * aspect)
    map_w, map_h = (8.0, 8.0 / ratio) if ratio >= 8 / 7 else (7.0 * ratio, 7.0)
    ax = _axes(ax, (map_w + 1.2, max(map_h, 2.5) + 1.0))
    ax.set_facecolor("#dfeaf2")
    _draw_outlines(ax, box)
    sizes: pd.Series | float = 18.0
    if size_by_fatalities and "fatalities" in frame:
        sizes = 14 + 10 * frame["fatalities"].fillna(0).astype(float).clip(upper=400) ** 0.5
    values = frame[by].astype(object)
    for value in _order(frame[by]):
        mask = (values == value).to_numpy()
        ax.scatter(lon[mask], lat[mask],
                   s=sizes[mask] if isinstance(sizes, pd.Series) else sizes,
                   color=colour_of(value) if by == "event_type" else None,
                   alpha=0.75, edgecolors="white", linewidths=0.5, label=f"{value} "
                   f"({int(mask.sum())})", zorder=2)
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    ax.set_aspect(aspect)
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")
    if title is None:
        title = f"{_events(len(frame))} by {by.replace('_', ' ')}"
        if "event_date" in frame and len(frame):
            dates = pd.to_datetime(frame["event_date"])
            title += f", {dates.min():%d %b %Y} to {dates.max():%d %b %Y}"
    ax.set_title(title)
    if not len(frame):
        _say_empty(ax)
        return ax
    # inside the map, where it hides fewest points (outside, it fights the fixed aspect)
    legend = ax.legend(title=by.replace("_", " ").capitalize() + " (events)", loc="best",
                       framealpha=0.9, fontsize="small", title_fontsize="small")
    for handle in legend.legend_handles:  # same marker size for every entry
        handle.set_sizes([40])  # type: ignore[union-attr]
    if size_by_fatalities and "fatalities" in frame:
        legend.set_title(legend.get_title().get_text() + "\nsize: fatalities")
    return ax
