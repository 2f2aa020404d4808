"""Colours and labels shared by the notebook plots and the HTML report, so an event type
looks the same everywhere."""

from __future__ import annotations

from conflict_events.schema.taxonomy import EventType

# Colour-blind-safe (Okabe-Ito), one per ACLED event type.
EVENT_TYPE_COLOURS: dict[str, str] = {
    EventType.BATTLES.value: "#D55E00",
    EventType.EXPLOSIONS_REMOTE_VIOLENCE.value: "#CC79A7",
    EventType.VIOLENCE_AGAINST_CIVILIANS.value: "#000000",
    EventType.PROTESTS.value: "#0072B2",
    EventType.RIOTS.value: "#E69F00",
    EventType.STRATEGIC_DEVELOPMENTS.value: "#009E73",
}
OTHER_COLOUR = "#999999"

FREQ_LABELS: dict[str, str] = {"D": "day", "W": "week", "M": "month", "Q": "quarter",
                               "Y": "year"}


def colour_of(value: object) -> str:
    return EVENT_TYPE_COLOURS.get(str(value), OTHER_COLOUR)
