"""EventView: the fields the evaluation compares, taken from an Event, a gold row or any object
with Event's attribute names. Small and picklable, so worker processes send these back rather
than whole events."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from typing import Any

from conflict_events.schema.taxonomy import CIVILIANS_TARGETED, Inter


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(getattr(value, "value", value)).strip()
    return text or None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value)
    text = str(value).strip()
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def _inter(value: Any) -> int | None:
    """Numeric actor type from a number, an Inter or ACLED's text label ("State forces")."""
    number = _int(value)
    if number is not None:
        return number
    text = _text(value)
    if text is None:
        return 0
    try:
        return int(Inter.from_label(text))
    except (ValueError, KeyError):
        return None


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


# Date forms of ACLED exports besides ISO ("09 May 2020", "9-May-20").
_DATE_FORMATS = ("%d %B %Y", "%d-%b-%y", "%d-%B-%Y", "%d %b %Y", "%d/%m/%Y")


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _targeted(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value)
    return text is not None and text.casefold() == CIVILIANS_TARGETED.casefold()


@dataclass(frozen=True, slots=True)
class EventView:
    """The compared fields of one event. Absent values are None."""

    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    event_date: dt.date | None = None
    time_precision: int | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    civilian_targeting: bool = False
    notes: str | None = None

    @classmethod
    def of(cls, event: Any) -> EventView:
        """View of an Event (or anything with Event's attribute names)."""
        if isinstance(event, EventView):
            return event
        get = event.get if isinstance(event, dict) else lambda name: getattr(event, name, None)
        return cls(
            event_type=_text(get("event_type")),
            sub_event_type=_text(get("sub_event_type")),
            actor1=_text(get("actor1")),
            actor2=_text(get("actor2")),
            inter1=_inter(get("inter1")),
            inter2=_inter(get("inter2")),
            country=_text(get("country")),
            admin1=_text(get("admin1")),
            location=_text(get("location")),
            latitude=_float(get("latitude")),
            longitude=_float(get("longitude")),
            event_date=_date(get("event_date")),
            time_precision=_int(get("time_precision")),
            geo_precision=_int(get("geo_precision")),
            fatalities=_int(get("fatalities")),
            civilian_targeting=_targeted(get("civilian_targeting")),
            notes=_text(get("notes")),
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["event_date"] = self.event_date.isoformat() if self.event_date else None
        return data


def parse_date(value: Any) -> dt.date | None:
    return _date(value)
