"""ACLED's controlled vocabularies: disorder, event and sub-event types with their hierarchy,
actor types (inter codes), interaction codes, precision codes, regions and source scales.

The sub-event table is ordered as ACLED's hierarchy: a lower rank wins when tactics co-occur in
one event (CODEBOOK 1.1 and 1.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum
from functools import cache


class DisorderType(StrEnum):
    POLITICAL_VIOLENCE = "Political violence"
    DEMONSTRATIONS = "Demonstrations"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class EventType(StrEnum):
    # Declared in ACLED's hierarchical order (used for aggregation priority).
    BATTLES = "Battles"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"

    @property
    def rank(self) -> int:
        return list(EventType).index(self) + 1

    @property
    def sub_event_types(self) -> tuple[SubEventType, ...]:
        return tuple(s for s in SubEventType if s.event_type is self)


@dataclass(frozen=True)
class _SubEventInfo:
    rank: int
    event_type: EventType
    disorder_types: tuple[DisorderType, ...]
    disorder_type: str  # the column value, joined once: every Event validation reads it


_PV = (DisorderType.POLITICAL_VIOLENCE,)
_DEM = (DisorderType.DEMONSTRATIONS,)
_SD = (DisorderType.STRATEGIC_DEVELOPMENTS,)


class SubEventType(StrEnum):
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    ARMED_CLASH = "Armed clash"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    PEACEFUL_PROTEST = "Peaceful protest"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING_ARTILLERY_MISSILE_ATTACK = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE_LANDMINE_IED = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION_FORCED_DISAPPEARANCE = "Abduction/forced disappearance"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP_ACTIVITY = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_OR_BASE_ESTABLISHED = "Headquarters or base established"
    LOOTING_PROPERTY_DESTRUCTION = "Looting/property destruction"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = "Non-violent transfer of territory"
    OTHER = "Other"

    @property
    def _info(self) -> _SubEventInfo:
        return _SUB_EVENT_INFO[self.value]

    @property
    def rank(self) -> int:
        """Position in ACLED's hierarchy, 1 (highest priority) to 25."""
        return self._info.rank

    @property
    def event_type(self) -> EventType:
        return self._info.event_type

    @property
    def disorder_types(self) -> tuple[DisorderType, ...]:
        return self._info.disorder_types

    @property
    def disorder_type(self) -> str:
        """The disorder_type column value ("Political violence; Demonstrations" for the one
        sub-event type ACLED assigns to both)."""
        return self._info.disorder_type


_SUB_EVENT_TABLE: list[tuple[str, EventType, tuple[DisorderType, ...]]] = [
    ("Government regains territory", EventType.BATTLES, _PV),
    ("Non-state actor overtakes territory", EventType.BATTLES, _PV),
    ("Armed clash", EventType.BATTLES, _PV),
    ("Excessive force against protesters", EventType.PROTESTS, _PV + _DEM),
    ("Protest with intervention", EventType.PROTESTS, _DEM),
    ("Peaceful protest", EventType.PROTESTS, _DEM),
    ("Violent demonstration", EventType.RIOTS, _DEM),
    ("Mob violence", EventType.RIOTS, _PV),
    ("Chemical weapon", EventType.EXPLOSIONS_REMOTE_VIOLENCE, _PV),
    ("Air/drone strike", EventType.EXPLOSIONS_REMOTE_VIOLENCE, _PV),
    ("Suicide bomb", EventType.EXPLOSIONS_REMOTE_VIOLENCE, _PV),
    ("Shelling/artillery/missile attack", EventType.EXPLOSIONS_REMOTE_VIOLENCE, _PV),
    ("Remote explosive/landmine/IED", EventType.EXPLOSIONS_REMOTE_VIOLENCE, _PV),
    ("Grenade", EventType.EXPLOSIONS_REMOTE_VIOLENCE, _PV),
    ("Sexual violence", EventType.VIOLENCE_AGAINST_CIVILIANS, _PV),
    ("Attack", EventType.VIOLENCE_AGAINST_CIVILIANS, _PV),
    ("Abduction/forced disappearance", EventType.VIOLENCE_AGAINST_CIVILIANS, _PV),
    ("Agreement", EventType.STRATEGIC_DEVELOPMENTS, _SD),
    ("Arrests", EventType.STRATEGIC_DEVELOPMENTS, _SD),
    ("Change to group/activity", EventType.STRATEGIC_DEVELOPMENTS, _SD),
    ("Disrupted weapons use", EventType.STRATEGIC_DEVELOPMENTS, _SD),
    ("Headquarters or base established", EventType.STRATEGIC_DEVELOPMENTS, _SD),
    ("Looting/property destruction", EventType.STRATEGIC_DEVELOPMENTS, _SD),
    ("Non-violent transfer of territory", EventType.STRATEGIC_DEVELOPMENTS, _SD),
    ("Other", EventType.STRATEGIC_DEVELOPMENTS, _SD),
]
_SUB_EVENT_INFO: dict[str, _SubEventInfo] = {
    name: _SubEventInfo(rank, et, dt, "; ".join(d.value for d in dt))
    for rank, (name, et, dt) in enumerate(_SUB_EVENT_TABLE, start=1)
}


class Inter(IntEnum):
    """ACLED actor type codes. 0 stands for 'no actor' in numeric exports."""

    NONE = 0
    STATE_FORCES = 1
    REBEL_GROUP = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER_FORCES = 8

    @property
    def label(self) -> str:
        """The text form ACLED uses since late 2024 (blank for 0)."""
        return INTER_LABELS[self]

    @classmethod
    def from_label(cls, label: str) -> Inter:
        key = label.strip().casefold()
        for code, text in INTER_LABELS.items():
            if text.casefold() == key:
                return code
        raise ValueError(f"unknown actor type label {label!r}")


INTER_LABELS: dict[Inter, str] = {
    Inter.NONE: "",
    Inter.STATE_FORCES: "State forces",
    Inter.REBEL_GROUP: "Rebel group",
    Inter.POLITICAL_MILITIA: "Political militia",
    Inter.IDENTITY_MILITIA: "Identity militia",
    Inter.RIOTERS: "Rioters",
    Inter.PROTESTERS: "Protesters",
    Inter.CIVILIANS: "Civilians",
    Inter.EXTERNAL_OTHER_FORCES: "External/Other forces",
}


def interaction_code(inter1: int, inter2: int | None) -> int:
    """Interaction from the two actor types: lower code first, X0 when one-sided."""
    a = int(inter1)
    b = int(inter2 or 0)
    if a == 0 and b == 0:
        raise ValueError("interaction needs at least one actor type")
    if b == 0 or a == 0:
        return 10 * max(a, b)
    return 10 * min(a, b) + max(a, b)


def interaction_label(code: int) -> str:
    """Text form of an interaction code: 'State forces-Civilians', 'Rebel group only'."""
    first, second = divmod(int(code), 10)
    if second == 0:
        return f"{Inter(first).label} only"
    return f"{Inter(first).label}-{Inter(second).label}"


@cache
def valid_interactions() -> frozenset[int]:
    codes = {10 * a for a in range(1, 9)}
    codes |= {10 * a + b for a in range(1, 9) for b in range(a, 9)}
    return frozenset(codes)


class TimePrecision(IntEnum):
    DAY = 1
    WEEK = 2
    MONTH = 3


class GeoPrecision(IntEnum):
    PLACE = 1
    NEAR_PLACE_OR_PART_OF_REGION = 2
    REGION = 3


CIVILIANS_TARGETED = "Civilians targeted"


class Region(StrEnum):
    WESTERN_AFRICA = "Western Africa"
    MIDDLE_AFRICA = "Middle Africa"
    EASTERN_AFRICA = "Eastern Africa"
    SOUTHERN_AFRICA = "Southern Africa"
    NORTHERN_AFRICA = "Northern Africa"
    SOUTH_ASIA = "South Asia"
    SOUTHEAST_ASIA = "Southeast Asia"
    MIDDLE_EAST = "Middle East"
    EUROPE = "Europe"
    CAUCASUS_AND_CENTRAL_ASIA = "Caucasus and Central Asia"
    CENTRAL_AMERICA = "Central America"
    SOUTH_AMERICA = "South America"
    CARIBBEAN = "Caribbean"
    EAST_ASIA = "East Asia"
    NORTH_AMERICA = "North America"
    OCEANIA = "Oceania"
    ANTARCTICA = "Antarctica"

    @classmethod
    def parse(cls, value: str) -> Region:
        """Accepts current names and the names older exports used ("Southern Asia")."""
        text = value.strip()
        text = REGION_ALIASES.get(text, text)
        return cls(text)


# Names used by ACLED exports before the 2023 column changes.
REGION_ALIASES: dict[str, str] = {
    "Southern Asia": "South Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
}


SOURCE_SCALE_PARTS: tuple[str, ...] = (
    "Local partner",
    "New media",
    "Subnational",
    "National",
    "Regional",
    "International",
    "Other",
)


def is_valid_source_scale(value: str) -> bool:
    """A base value or a '-'-joined combination of base values ('Subnational-National')."""
    rest = value
    parts = 0
    while rest:
        for part in sorted(SOURCE_SCALE_PARTS, key=len, reverse=True):
            if rest.startswith(part):
                rest = rest[len(part):]
                parts += 1
                break
        else:
            return False
        if rest.startswith("-"):
            rest = rest[1:]
            if not rest:
                return False
    return parts > 0
