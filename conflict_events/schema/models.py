"""The typed records of the project: Article in, Event out, with Actor and Location.

These pydantic models are the one source of truth: the JSON Schemas in schemas/, the Arrow schema
of the released Parquet and the Frictionless Table Schema are generated from them
(conflict_events.schema.descriptors).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import unicodedata
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from conflict_events._version import __version__
from conflict_events.schema.countries import iso3_for_numeric
from conflict_events.schema.taxonomy import (
    CIVILIANS_TARGETED,
    EventType,
    GeoPrecision,
    Inter,
    Region,
    SubEventType,
    TimePrecision,
    interaction_code,
    is_valid_source_scale,
)

SCHEMA_VERSION = "1.0.0"

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
EVENT_ID_CNTY_PATTERN = r"^[A-Z]{3}\d+$"


class Article(BaseModel):
    """One news article, the unit of input."""

    model_config = ConfigDict(extra="forbid")

    article_id: NonEmptyStr = Field(description="Stable identifier of the article.")
    title: str | None = Field(default=None, description="Headline.")
    text: str = Field(description="Full text of the article.")
    published: dt.date | None = Field(
        default=None, description="Publication date, the anchor for relative dates."
    )
    source: str | None = Field(default=None, description="Outlet name, e.g. 'The New Arab'.")
    url: str | None = Field(default=None, description="Canonical URL.")
    language: str = Field(default="en", description="ISO 639-1 language code of the text.")
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Further metadata kept as given by the source reader."
    )

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @classmethod
    def from_text(cls, text: str, **metadata: Any) -> Article:
        """An article whose id is derived from its text when none is given."""
        article_id = metadata.pop("article_id", None) or (
            "txt-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        )
        return cls(article_id=article_id, text=text, **metadata)


class Actor(BaseModel):
    """An actor as ACLED names it, with its type and the names it goes by."""

    model_config = ConfigDict(extra="forbid")

    name: NonEmptyStr = Field(description="Canonical ACLED-style name.")
    inter: Inter = Field(description="ACLED actor type code (1-8).")
    country: str | None = Field(default=None, description="Home country, if any.")
    aliases: list[str] = Field(default_factory=list, description="Other names and spellings.")
    active_from: dt.date | None = Field(default=None, description="Start of the named period.")
    active_to: dt.date | None = Field(default=None, description="End of the named period.")

    @model_validator(mode="after")
    def _period_in_order(self) -> Actor:
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValueError(
                f"active_to {self.active_to} is before active_from {self.active_from}"
            )
        return self

    def active_on(self, day: dt.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


class Location(BaseModel):
    """A resolved place with ACLED's geography columns."""

    model_config = ConfigDict(extra="forbid")

    location: NonEmptyStr = Field(description="Place name as coded (e.g. 'Aleppo - Hamdaniyeh').")
    admin1: str | None = Field(default=None, description="Largest sub-national division.")
    admin2: str | None = Field(default=None, description="Second-level division.")
    admin3: str | None = Field(default=None, description="Third-level division.")
    country: NonEmptyStr = Field(description="Country name as ACLED writes it.")
    iso: int = Field(ge=0, le=999, description="ISO 3166-1 numeric country code (0 = Kosovo).")
    region: Region = Field(description="ACLED region of the country.")
    latitude: float = Field(ge=-90, le=90, description="Latitude in degrees (EPSG:4326).")
    longitude: float = Field(ge=-180, le=180, description="Longitude in degrees (EPSG:4326).")
    geo_precision: GeoPrecision = Field(
        description="1 named place, 2 near a place or part of a region, 3 a larger region."
    )
    geonameid: int | None = Field(default=None, description="GeoNames id of the coded place.")


class Evidence(BaseModel):
    """A sentence of an article that supports an event, by character offsets."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article_id: NonEmptyStr = Field(description="Article the sentence comes from.")
    start: int = Field(ge=0, description="Offset of the first character (inclusive).")
    end: int = Field(ge=0, description="Offset after the last character (exclusive).")

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} is before start {self.start}")
        return self

    def __str__(self) -> str:
        return f"{self.article_id}:{self.start}-{self.end}"

    @classmethod
    def parse(cls, text: str) -> Evidence:
        """Inverse of str(): 'seed-000:120-245'."""
        match = re.fullmatch(r"(.+):(\d+)-(\d+)", text.strip())
        if not match:
            raise ValueError(f"evidence {text!r} is not of the form ARTICLE:START-END")
        return cls(article_id=match[1], start=int(match[2]), end=int(match[3]))


def _key(text: str | None) -> str:
    if not text:
        return ""
    # NFKC leaves ASCII as it is, and casefold is lower there
    text = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


def event_identity(
    *,
    iso: int,
    event_date: dt.date,
    event_type: EventType | str,
    location: str,
    actor1: str,
    actor2: str | None,
) -> str:
    """Deterministic id of an event from what makes it the same event: country, day, event
    type, place and the pair of actors (ACLED's atomic unit, CODEBOOK 1.3). Later reports of
    the same event (more sources, revised fatalities) keep the id."""
    etype = event_type.value if isinstance(event_type, EventType) else str(event_type)
    actors = sorted([_key(actor1), _key(actor2)])
    parts = [str(iso), event_date.isoformat(), etype, _key(location), *actors]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def event_id_cnty_for(iso3: str, event_id: str) -> str:
    """ACLED-form id (ISO alpha-3 + integer) derived from the content id, so it is the same
    whenever the same event is built again."""
    return f"{iso3.upper()}{int(event_id[:12], 16)}"


class Event(BaseModel):
    """One ACLED-coded event: ACLED's 31 export columns, then the provenance we add."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    # --- ACLED's export columns, in ACLED's order -------------------------------------------
    event_id_cnty: Annotated[str, StringConstraints(pattern=EVENT_ID_CNTY_PATTERN)] = Field(
        default="", description="ACLED-form id: ISO alpha-3 + integer; stable across rebuilds."
    )
    event_date: dt.date = Field(description="Day of the event.")
    year: int = Field(default=0, description="Year of event_date.")
    time_precision: TimePrecision = Field(
        description="How precisely the date is known: 1 day, 2 week, 3 month."
    )
    disorder_type: str = Field(default="", description="Disorder type of the sub-event type.")
    event_type: EventType = Field(description="One of ACLED's 6 event types.")
    sub_event_type: SubEventType = Field(
        description="One of ACLED's 25 sub-event types; must belong to event_type."
    )
    actor1: NonEmptyStr = Field(description="Main actor, named as ACLED names actors.")
    assoc_actor_1: list[str] = Field(
        default_factory=list, description="Actors allied with or describing actor1; '; '-joined."
    )
    inter1: Inter = Field(description="Actor type code of actor1 (1-8).")
    actor2: str | None = Field(
        default=None, description="Second actor (the target in violence against civilians)."
    )
    assoc_actor_2: list[str] = Field(
        default_factory=list, description="Actors allied with or describing actor2; '; '-joined."
    )
    inter2: Inter = Field(
        default=Inter.NONE, description="Actor type code of actor2; 0 when there is no actor2."
    )
    interaction: int = Field(
        default=0, description="Two-digit code from inter1/inter2, lower first; X0 one-sided."
    )
    civilian_targeting: str | None = Field(
        default=None, description="'Civilians targeted' when civilians are the main target."
    )
    iso: int = Field(ge=0, le=999, description="ISO 3166-1 numeric code of the country.")
    region: Region = Field(description="ACLED region of the country.")
    country: NonEmptyStr = Field(description="Country where the event happened (ACLED name).")
    admin1: str | None = Field(default=None, description="Largest sub-national division.")
    admin2: str | None = Field(default=None, description="Second-level division.")
    admin3: str | None = Field(default=None, description="Third-level division.")
    location: NonEmptyStr = Field(description="Name of the place the event is coded to.")
    latitude: float = Field(ge=-90, le=90, description="Latitude of the location (EPSG:4326).")
    longitude: float = Field(
        ge=-180, le=180, description="Longitude of the location (EPSG:4326)."
    )
    geo_precision: GeoPrecision = Field(
        description="1 named place, 2 near a place or part of a region, 3 a larger region."
    )
    source: list[str] = Field(
        default_factory=list, description="Outlets reporting the event; '; '-joined in files."
    )
    source_scale: str | None = Field(
        default=None, description="Geographic scale of the sources, e.g. 'National-Regional'."
    )
    notes: str = Field(default="", description="Short summary of the event.")
    fatalities: int = Field(default=0, ge=0, description="Reported deaths; 0 = none or unknown.")
    tags: list[str] = Field(
        default_factory=list, description="Structured remarks, e.g. 'crowd size=large'."
    )
    timestamp: int = Field(default=0, ge=0, description="Unix seconds of the last update.")
    # --- provenance ACLED does not publish ----------------------------------------------------
    event_id: str = Field(default="", description="Content hash identifying the event.")
    article_ids: list[str] = Field(
        default_factory=list, description="Articles the event was extracted from."
    )
    evidence: list[Evidence] = Field(
        default_factory=list, description="Supporting sentences as article:start-end offsets."
    )
    confidence: float = Field(
        default=1.0, ge=0.0, le=1.0, description="Extractor's confidence in the event (0-1)."
    )
    extractor_version: str = Field(
        default=__version__, description="Version of the extractor that coded the event."
    )

    @field_validator("region", mode="before")
    @classmethod
    def _region(cls, value: Any) -> Any:
        if isinstance(value, Region):  # a Region is also a str; it needs no parsing
            return value
        return Region.parse(value) if isinstance(value, str) else value

    @field_validator("assoc_actor_1", "assoc_actor_2", "source", "tags", mode="before")
    @classmethod
    def _split_joined(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        return value

    @field_validator(
        "actor2", "admin1", "admin2", "admin3", "civilian_targeting", "source_scale", mode="before"
    )
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @model_validator(mode="before")
    @classmethod
    def _derive_defaults(cls, data: Any) -> Any:
        """Fill what follows from other fields when the caller leaves it out."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        sub = data.get("sub_event_type")
        if sub is not None and not (data.get("event_type") and data.get("disorder_type")):
            try:
                kind: SubEventType | None = SubEventType(sub)
            except ValueError:  # an unknown value is left for the field validator to report
                kind = None
            if kind is not None and not data.get("event_type"):
                data["event_type"] = kind.event_type
            if kind is not None and not data.get("disorder_type"):
                data["disorder_type"] = kind.disorder_type
        day = data.get("event_date")
        if isinstance(day, str):
            try:
                day = dt.date.fromisoformat(day)
            except ValueError:
                day = None
        if isinstance(day, dt.date) and not data.get("year"):
            data["year"] = day.year
        if data.get("inter1") is not None and not data.get("interaction"):
            with contextlib.suppress(TypeError, ValueError):
                data["interaction"] = interaction_code(
                    int(data["inter1"]), int(data.get("inter2") or 0)
                )
        return data

    @model_validator(mode="after")
    def _coding_rules(self) -> Event:
        sub = self.sub_event_type
        if sub.event_type is not self.event_type:
            raise ValueError(
                f"sub_event_type {sub.value!r} belongs to event_type "
                f"{sub.event_type.value!r}, not {self.event_type.value!r}"
            )
        if self.disorder_type != sub.disorder_type:
            raise ValueError(
                f"disorder_type {self.disorder_type!r} does not match sub_event_type "
                f"{self.sub_event_type.value!r} (expected {self.sub_event_type.disorder_type!r})"
            )
        if self.year != self.event_date.year:
            raise ValueError(f"year {self.year} is not the year of event_date {self.event_date}")
        if self.inter1 == Inter.NONE:
            raise ValueError("inter1 0 is not an actor type: actor1 always has a type")
        if (self.actor2 is None) != (self.inter2 == Inter.NONE):
            raise ValueError(
                f"inter2 {int(self.inter2)} does not fit actor2 {self.actor2!r}: "
                "inter2 is 0 exactly when there is no actor2"
            )
        expected = interaction_code(self.inter1, self.inter2)
        if self.interaction != expected:
            raise ValueError(
                f"interaction {self.interaction} does not follow from inter1 {int(self.inter1)} "
                f"and inter2 {int(self.inter2)} (expected {expected})"
            )
        if self.civilian_targeting not in (None, CIVILIANS_TARGETED):
            raise ValueError(
                f"civilian_targeting {self.civilian_targeting!r} must be "
                f"{CIVILIANS_TARGETED!r} or empty"
            )
        if self.source_scale is not None and not is_valid_source_scale(self.source_scale):
            raise ValueError(f"source_scale {self.source_scale!r} is not an ACLED source scale")
        if not self.event_id:
            self.event_id = event_identity(
                iso=self.iso, event_date=self.event_date, event_type=self.event_type,
                location=self.location, actor1=self.actor1, actor2=self.actor2,
            )
        if not self.event_id_cnty:
            self.event_id_cnty = event_id_cnty_for(iso3_for_numeric(self.iso), self.event_id)
        elif not re.fullmatch(EVENT_ID_CNTY_PATTERN, self.event_id_cnty):
            raise ValueError(f"event_id_cnty {self.event_id_cnty!r} is not ISO alpha-3 + digits")
        return self
