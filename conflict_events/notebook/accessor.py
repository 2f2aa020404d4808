"""`df.events`: summaries, counts, plots and a GeoDataFrame for a frame of events.

Works on any frame with the release's columns (ce.load(), ce.to_frame(), ce.read_acled(), or
pandas.read_parquet on events.parquet); each method names the columns it needs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from conflict_events.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

# Pseudo-columns by() understands besides the frame's own.
TIME_COLUMNS: dict[str, str] = {"day": "D", "week": "W", "month": "M", "quarter": "Q"}
ACTOR = "actor"  # actor1 or actor2: an event counts once for each of its actors


@pd.api.extensions.register_dataframe_accessor("events")
class EventsAccessor:
    """Helpers for a frame of conflict events, available as `df.events`."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    # --- tables ---------------------------------------------------------------------------
    def _need(self, *columns: str) -> None:
        missing = [c for c in columns if c not in self._frame.columns]
        if missing:
            raise InputError(
                f"the frame has no column(s) {missing}; load them (ce.load(columns=...)) "
                "or use a frame with the release's columns",
                input_name="DataFrame",
            )

    def summary(self) -> pd.Series:
        """Headline figures: events, countries, dates, fatalities, event types, actors,
        articles, mean confidence (the rows present depend on the columns present)."""
        frame = self._frame
        rows: dict[str, Any] = {"events": len(frame)}
        if "country" in frame:
            rows["countries"] = int(frame["country"].nunique())
        if "event_date" in frame and len(frame):
            dates = pd.to_datetime(frame["event_date"])
            rows["first date"] = f"{dates.min():%Y-%m-%d}"
            rows["last date"] = f"{dates.max():%Y-%m-%d}"
        if "fatalities" in frame:
            fatalities = frame["fatalities"].fillna(0).astype("int64")
            rows["fatalities"] = int(fatalities.sum())
            rows["events with fatalities"] = int((fatalities > 0).sum())
        if "event_type" in frame:
            counts = frame["event_type"].value_counts()
            for name, count in counts[counts > 0].items():
                rows[f"  {name}"] = int(count)
        if "actor1" in frame:
            rows["actors"] = len(self._actors().unique())
        if "article_ids" in frame:
            rows["articles"] = len({a for ids in frame["article_ids"] if ids is not None
                                    for a in ids})
        if "confidence" in frame and len(frame):
            rows["mean confidence"] = round(float(frame["confidence"].mean()), 3)
        return pd.Series(rows, name="value", dtype=object)

    def _actors(self) -> pd.Series:
        parts = [self._frame["actor1"]]
        if "actor2" in self._frame:
            parts.append(self._frame["actor2"])
        stacked = pd.concat([p.astype(object) for p in parts])
        return stacked.dropna()

    def by(self, *columns: str, top: int | None = None) -> pd.DataFrame:
        """Events (and fatalities, when present) per value of COLUMNS, most first.

        COLUMNS are frame columns, or "day"/"week"/"month"/"quarter" (periods of event_date),
        or "actor" (actor1 or actor2; an event counts once for each of its actors). top: keep
        the first N rows."""
        if not columns:
            raise InputError("by() needs at least one column, e.g. by('event_type')",
                             input_name="columns")
        frame = self._frame
        keys: dict[str, pd.Series] = {}
        for column in columns:
            if column in TIME_COLUMNS and column not in frame:
                self._need("event_date")
                keys[column] = pd.to_datetime(frame["event_date"]).dt.to_period(
                    TIME_COLUMNS[column]).dt.start_time
            elif column == ACTOR and column not in frame:
                self._need("actor1")
            else:
                self._need(column)
                keys[column] = frame[column]
        data = pd.DataFrame(keys, index=frame.index)
        data["fatalities"] = (frame["fatalities"].fillna(0).astype("int64")
                              if "fatalities" in frame else 0)
        if ACTOR in columns and ACTOR not in frame:
            data = self._explode_actors(data)
        grouped = data.groupby(list(columns), observed=True, sort=False)
        table = grouped.size().to_frame("events")
        if "fatalities" in frame:
            table["fatalities"] = grouped["fatalities"].sum()
        table = table.sort_values("events", ascending=False, kind="stable")
        if any(c in TIME_COLUMNS for c in columns) and len(columns) == 1:
            table = table.sort_index()
        if top is not None:
            table = table.head(top)
        return table

    def _explode_actors(self, data: pd.DataFrame) -> pd.DataFrame:
        frame = self._frame
        actor2 = frame["actor2"] if "actor2" in frame else pd.Series(None, index=frame.index)
        pairs = [
            sorted({a for a in (one, two) if isinstance(a, str) and a})
            for one, two in zip(frame["actor1"].astype(object), actor2.astype(object),
                                strict=True)
        ]
        data = data.copy()
        data[ACTOR] = pd.Series(pairs, index=frame.index, dtype=object)
        data = data.explode(ACTOR)
        return data.dropna(subset=[ACTOR])

    # --- plots ----------------------------------------------------------------------------
    def timeline(self, freq: str = "W", *, by: str | None = "event_type",
                 value: str = "events", ax: Axes | None = None, title: str | None = None
                 ) -> Axes:
        """Stacked bars of events (or value="fatalities") per period of event_date, one
        colour per value of BY (default event_type; None for one series). freq: "D", "W",
        "M", "Q" or "Y". Returns the matplotlib Axes."""
        from conflict_events.notebook.plots import timeline

        self._need("event_date", *([by] if by else []),
                   *(["fatalities"] if value == "fatalities" else []))
        return timeline(self._frame, freq=freq, by=by, value=value, ax=ax, title=title)

    def map(self, *, by: str = "event_type", size_by_fatalities: bool = True,
            ax: Axes | None = None, title: str | None = None, pad: float = 2.0) -> Axes:
        """Events as points over country outlines, coloured by BY (default event_type),
        sized by fatalities. Zooms to the events plus PAD degrees. Returns the Axes."""
        from conflict_events.notebook.plots import event_map

        self._need("latitude", "longitude", by)
        return event_map(self._frame, by=by, size_by_fatalities=size_by_fatalities, ax=ax,
                         title=title, pad=pad)

    def report(self, path: str | os.PathLike[str] = "report.html", *,
               articles: str | os.PathLike[str] | None = None,
               title: str | None = None) -> Path:
        """Write these events as a self-contained HTML report (map, timeline, counts,
        filterable table; see `conflict-events report`). articles: JSONL of the article
        texts, to quote the evidence sentences. Returns the path written."""
        from conflict_events.report.build import write_report

        self._need("event_id_cnty", "event_date", "country", "location", "latitude",
                   "longitude", "event_type", "sub_event_type", "actor1", "actor2",
                   "fatalities", "notes", "confidence", "admin1")
        return write_report(self._frame, path, articles=articles, title=title)

    # --- conversion -----------------------------------------------------------------------
    def to_geodataframe(self) -> Any:
        """The frame as a geopandas GeoDataFrame of points (EPSG:4326). Needs the `geo`
        extra (pip install 'conflict-events[geo]')."""
        try:
            import geopandas as gpd
        except ImportError as exc:
            raise ImportError("to_geodataframe() needs geopandas: "
                              "pip install 'conflict-events[geo]'") from exc
        self._need("latitude", "longitude")
        frame = self._frame
        geometry = gpd.points_from_xy(frame["longitude"].astype(float),
                                      frame["latitude"].astype(float))
        return gpd.GeoDataFrame(frame.copy(), geometry=geometry, crs="EPSG:4326")


def values_of(series: pd.Series) -> Iterable[str]:
    """Distinct values in display order: a categorical's declared order, else by count."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        present = set(series.dropna().astype(str))
        return [str(v) for v in series.cat.categories if str(v) in present]
    return [str(v) for v in series.dropna().astype(str).value_counts().index]
