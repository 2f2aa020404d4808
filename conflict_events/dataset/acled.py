"""read_acled: an ACLED export (CSV) as the project's typed events frame.

Two vintages are understood:
- 2020-era exports: numeric inter codes and interaction, dates such as "9-May-20",
  "09 May 2020" or ISO, old region names ("Southern Asia"), extra columns iso3, data_id and
  event_id_no_cnty (dropped), no disorder_type / civilian_targeting / tags.
- 2023+ exports: text actor types ("State forces") and interactions ("State forces-Civilians"),
  ISO dates, disorder_type, civilian_targeting and tags.

Missing vintage columns are derived where ACLED's rules fix them (disorder_type from the
sub-event type, interaction from inter1/inter2) and left empty otherwise (civilian_targeting,
tags). Columns outside ACLED's 31 are dropped; their names are kept in frame.attrs["dropped"].
Provenance columns: event_id is derived from ACLED's event_id_cnty (ACLED may code two events
with the same actors, place, day and type), no article_ids or evidence, confidence 1.0 and
extractor_version "acled".
"""

from __future__ import annotations

import hashlib
import io
import os
from typing import IO, Literal

import numpy as np
import pandas as pd
import pyarrow as pa

from conflict_events.dataset.checks import check_events
from conflict_events.dataset.table import normalise, table_to_frame
from conflict_events.errors import InputError
from conflict_events.schema.countries import country_by_iso
from conflict_events.schema.descriptors import ACLED_COLUMNS, event_columns
from conflict_events.schema.models import event_id_cnty_for, event_identity
from conflict_events.schema.taxonomy import Inter, Region, SubEventType, interaction_code

ACLED_EXTRACTOR = "acled"
DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d/%m/%Y")
# Columns every vintage has; the others are derived or left empty when absent.
REQUIRED = tuple(
    c for c in ACLED_COLUMNS if c not in ("disorder_type", "civilian_targeting", "tags",
                                          "year", "interaction", "timestamp", "admin3")
)


class _Rows:
    """Row-level problems found while converting, by row position."""

    def __init__(self, n: int) -> None:
        self.bad = np.zeros(n, dtype=bool)
        self.reasons: dict[int, str] = {}

    def flag(self, mask: np.ndarray, column: str, values: pd.Series) -> None:
        for row in np.flatnonzero(mask & ~self.bad)[:1000]:
            self.reasons[int(row)] = f"{column}={values.iloc[row]!r}"
        self.bad |= mask


def read_acled(
    path_or_buffer: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    on_error: Literal["raise", "skip"] = "raise",
) -> pd.DataFrame:
    """Read an ACLED CSV export into the typed events frame (the dtypes of load()).

    on_error="raise": a row that cannot be an event raises InputError naming its line, column
    and value. "skip": such rows are left out and listed in frame.attrs["skipped"] as
    (line, reason)."""
    name = str(path_or_buffer) if isinstance(path_or_buffer, str | os.PathLike) else "buffer"
    try:
        raw = pd.read_csv(path_or_buffer, dtype=str, keep_default_na=False, na_filter=False,
                          encoding="utf-8-sig" if not isinstance(path_or_buffer, io.StringIO)
                          else None)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise InputError(f"cannot be read as CSV: {exc}", input_name=name) from exc
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise InputError(f"not an ACLED export: columns {missing} are missing", input_name=name)
    dropped = [c for c in raw.columns if c not in ACLED_COLUMNS]
    raw = raw.reset_index(drop=True)
    rows = _Rows(len(raw))
    columns = _convert(raw, rows)

    skipped = [(int(r) + 2, rows.reasons.get(int(r), "invalid")) for r in np.flatnonzero(rows.bad)]
    if skipped and on_error == "raise":
        line, reason = skipped[0]
        raise InputError(
            f"line {line}: {reason} cannot be read ({len(skipped)} bad rows; "
            "on_error='skip' leaves them out)", input_name=name,
        )
    keep = ~rows.bad
    table = normalise(pa.table({k: _subset(v, keep) for k, v in columns.items()}))
    problems = check_events(table)
    if problems and on_error == "raise":
        raise InputError("rows break ACLED's coding rules: " + "; ".join(map(str, problems)),
                         input_name=name)
    frame = table_to_frame(table)
    frame.attrs["dropped"] = dropped
    frame.attrs["skipped"] = skipped
    frame.attrs["problems"] = [str(p) for p in problems]
    return frame


def _subset(values: pa.Array, keep: np.ndarray) -> pa.Array:
    return values.filter(pa.array(keep)) if not keep.all() else values


def _text(raw: pd.DataFrame, name: str) -> pd.Series:
    if name not in raw.columns:
        return pd.Series([""] * len(raw), dtype=object)
    return raw[name].astype(object).map(str.strip)


def _ints(raw: pd.DataFrame, name: str, rows: _Rows, *, blank: int | None = None,
          labels: bool = False) -> np.ndarray:
    text = _text(raw, name)
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
    if labels:  # text actor types, mapped once per distinct label
        mapping: dict[str, float] = {}
        for label in text[numbers.isna() & (text != "")].unique():
            try:
                mapping[label] = float(Inter.from_label(label))
            except ValueError:
                continue
        numbers = numbers.fillna(text.map(mapping))
    if blank is not None:
        numbers = numbers.where(text != "", blank)
    bad = numbers.isna() | (numbers.fillna(0) % 1 != 0)
    rows.flag(bad.to_numpy(), name, text)
    return numbers.fillna(0).astype(np.int64).to_numpy()


def _floats(raw: pd.DataFrame, name: str, rows: _Rows) -> np.ndarray:
    text = _text(raw, name)
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
    rows.flag(numbers.isna().to_numpy(), name, text)
    return numbers.fillna(0.0).to_numpy(dtype=np.float64)


def _dates(raw: pd.DataFrame, rows: _Rows) -> pa.Array:
    text = _text(raw, "event_date")
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    for fmt in DATE_FORMATS:
        missing = parsed.isna()
        if not missing.any():
            break
        parsed = parsed.fillna(pd.to_datetime(text[missing], format=fmt, errors="coerce"))
    rows.flag(parsed.isna().to_numpy(), "event_date", text)
    return pa.array(parsed, from_pandas=True).cast(pa.date32())


def _vocabulary(values: pd.Series, parse: dict[str, str | None], name: str,
                rows: _Rows) -> pa.Array:
    """Values mapped through `parse`; blank or unknown values flag their row."""
    mapped = values.map(parse)
    rows.flag(mapped.isna().to_numpy(), name, values)
    return pa.array(mapped, type=pa.string(), from_pandas=True)


def _ids(raw: pd.DataFrame, out: dict[str, pa.Array], rows: _Rows) -> tuple[pa.Array, pa.Array]:
    """event_id from ACLED's id; a row without one gets both ids the way Event derives them
    (content hash of country, day, type, place and actors)."""
    given = _text(raw, "event_id_cnty")
    ids = given.tolist()
    hashes = [hashlib.sha256(f"acled:{i}".encode()).hexdigest()[:16] for i in ids]
    for row in np.flatnonzero((given == "").to_numpy() & ~rows.bad):
        country = country_by_iso(int(out["iso"][row].as_py()))
        if country is None:
            rows.flag(np.arange(len(ids)) == row, "iso", _text(raw, "iso"))
            continue
        hashes[row] = event_identity(
            iso=country.iso, event_date=out["event_date"][row].as_py(),
            event_type=str(out["event_type"][row].as_py()),
            location=str(out["location"][row].as_py()), actor1=str(out["actor1"][row].as_py()),
            actor2=out["actor2"][row].as_py() or None,
        )
        ids[row] = event_id_cnty_for(country.alpha3, hashes[row])
    return pa.array(ids, pa.string()), pa.array(hashes, pa.string())


def _region_lookup(values: pd.Series) -> dict[str, str | None]:
    lookup: dict[str, str | None] = {}
    for value in values.unique():
        try:
            lookup[value] = Region.parse(value).value
        except ValueError:
            lookup[value] = None
    return lookup


def _convert(raw: pd.DataFrame, rows: _Rows) -> dict[str, pa.Array]:
    n = len(raw)
    out: dict[str, pa.Array] = {}
    out["event_date"] = _dates(raw, rows)
    years = _ints(raw, "year", rows, blank=0)
    date_years = np.array([d.year if d else 0 for d in out["event_date"].to_pylist()])
    out["year"] = pa.array(np.where(years == 0, date_years, years), pa.int64())
    out["time_precision"] = pa.array(_ints(raw, "time_precision", rows), pa.int64())

    sub = _text(raw, "sub_event_type")
    known_sub = {s.value: s for s in SubEventType}
    out["sub_event_type"] = _vocabulary(sub, {v: v for v in known_sub}, "sub_event_type", rows)
    event_type = _text(raw, "event_type")
    out["event_type"] = pa.array(event_type.where(event_type != ""), pa.string(),
                                 from_pandas=True)
    disorder = _text(raw, "disorder_type")
    derived = sub.map({v: s.disorder_type for v, s in known_sub.items()})
    out["disorder_type"] = pa.array(disorder.where(disorder != "", derived), pa.string(),
                                    from_pandas=True)

    inter1 = _ints(raw, "inter1", rows, labels=True)
    inter2 = _ints(raw, "inter2", rows, blank=0, labels=True)
    out["inter1"] = pa.array(inter1, pa.int64())
    out["inter2"] = pa.array(inter2, pa.int64())
    given = _text(raw, "interaction")
    numeric = pd.to_numeric(given.where(given != ""), errors="coerce")
    computed = [interaction_code(a, b) if a else 0 for a, b in zip(inter1, inter2, strict=True)]
    # Text interactions ("State forces-Civilians") and blanks follow from inter1/inter2.
    out["interaction"] = pa.array(numeric.fillna(pd.Series(computed)).astype(np.int64),
                                  pa.int64())

    for name in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting",
                 "country", "admin1", "admin2", "admin3", "location", "source",
                 "source_scale", "notes", "tags"):
        out[name] = pa.array(_text(raw, name), pa.string())
    out["iso"] = pa.array(_ints(raw, "iso", rows), pa.int64())
    region = _text(raw, "region")
    out["region"] = _vocabulary(region, _region_lookup(region), "region", rows)
    out["latitude"] = pa.array(_floats(raw, "latitude", rows))
    out["longitude"] = pa.array(_floats(raw, "longitude", rows))
    out["geo_precision"] = pa.array(_ints(raw, "geo_precision", rows), pa.int64())
    out["fatalities"] = pa.array(_ints(raw, "fatalities", rows, blank=0), pa.int64())
    out["timestamp"] = pa.array(_ints(raw, "timestamp", rows, blank=0), pa.int64())
    for required in ("actor1", "country", "location"):
        values = _text(raw, required)
        rows.flag((values == "").to_numpy(), required, values)
    out["event_id_cnty"], out["event_id"] = _ids(raw, out, rows)
    out["article_ids"] = pa.array([[]] * n, pa.list_(pa.string()))
    evidence_type = next(c.plain_type for c in event_columns() if c.name == "evidence")
    out["evidence"] = pa.array([[]] * n, evidence_type)
    out["confidence"] = pa.array(np.ones(n))
    out["extractor_version"] = pa.array([ACLED_EXTRACTOR] * n, pa.string())
    return {c.name: out[c.name] for c in event_columns()}
