"""Schema: taxonomy enums, the pydantic records and the descriptors generated from them."""

from conflict_events.schema.models import (
    SCHEMA_VERSION,
    Actor,
    Article,
    Event,
    Evidence,
    Location,
    event_id_cnty_for,
    event_identity,
)
from conflict_events.schema.taxonomy import (
    CIVILIANS_TARGETED,
    DisorderType,
    EventType,
    GeoPrecision,
    Inter,
    Region,
    SubEventType,
    TimePrecision,
    interaction_code,
    interaction_label,
)

__all__ = [
    "CIVILIANS_TARGETED",
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "DisorderType",
    "Event",
    "EventType",
    "Evidence",
    "GeoPrecision",
    "Inter",
    "Location",
    "Region",
    "SubEventType",
    "TimePrecision",
    "event_id_cnty_for",
    "event_identity",
    "interaction_code",
    "interaction_label",
]
