"""Rule data of the extractor, loaded from YAML, validated with pydantic, compiled once.

- conflict_events/knowledge/triggers/*.yaml: trigger words per trigger class, with examples.
- conflict_events/knowledge/generic_actors.yaml: generic actor descriptions ("gunmen",
  "protesters", "a man"), identity-militia communities and associated-actor labels.

Each file is compiled into one regular expression with a named group per entry, so that a
whole text is scanned once per lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from conflict_events.errors import KnowledgeError
from conflict_events.knowledge.patterns import check_compiles
from conflict_events.schema.taxonomy import EventType, SubEventType

# Trigger classes the coding rules understand, most specific first: when two entries match at
# the same position the earlier class wins (e.g. "suicide car bomb" before "bomb").
TRIGGER_CLASSES: tuple[str, ...] = (
    "suicide", "chemical", "air", "ied", "grenade", "shelling", "defuse", "capture", "transfer",
    "clash", "mob", "riot", "protest", "sexual", "abduct", "arrest", "attack", "kill", "wound",
    "loot", "base", "agreement", "change", "other", "clash_weak", "explosion",
)

# The C build of the safe loader (same documents, same types) reads the knowledge files
# seven times faster; the pure-Python one is the fallback where libyaml is missing.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TriggerExample(_Strict):
    text: str
    country: str
    expect: dict[str, Any]

    @field_validator("expect")
    @classmethod
    def _known_fields(cls, value: dict[str, Any]) -> dict[str, Any]:
        allowed = {"sub_event_type", "event_type", "actor1", "actor2", "inter1", "inter2",
                   "fatalities", "civilian_targeting"}
        unknown = set(value) - allowed
        if unknown:
            raise ValueError(f"unknown expected fields {sorted(unknown)}")
        if "sub_event_type" in value:
            SubEventType(value["sub_event_type"])
        if "event_type" in value:
            EventType(value["event_type"])
        return value


class TriggerEntry(_Strict):
    id: str
    cls: str
    strength: float = Field(ge=0, le=1)
    patterns: list[str] = Field(min_length=1)
    examples: list[TriggerExample] = Field(min_length=1)

    @field_validator("cls")
    @classmethod
    def _known_class(cls, value: str) -> str:
        if value not in TRIGGER_CLASSES:
            raise ValueError(f"unknown trigger class {value!r}; known: {TRIGGER_CLASSES}")
        return value

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return check_compiles(value, "pattern")


class TriggerFile(_Strict):
    provenance: str
    entries: list[TriggerEntry]


class GenericGroup(_Strict):
    kind: str
    inter: int = Field(ge=1, le=8)
    name: str | None = None
    patterns: list[str]
    examples: list[dict[str, str]] = Field(default_factory=list)


class AssociatedLabel(_Strict):
    label: str
    patterns: list[str]


class GenericActorsFile(_Strict):
    provenance: str
    groups: list[GenericGroup]
    identity_communities: list[str]
    militia_nouns: str
    clan_pattern: str
    associated: list[AssociatedLabel]


def _read(path: Any) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path.name}: cannot be read as YAML: {exc}") from exc


@dataclass(frozen=True)
class TriggerLexicon:
    entries: tuple[TriggerEntry, ...]
    regex: re.Pattern[str]
    group_entry: dict[str, TriggerEntry]


@cache
def trigger_lexicon() -> TriggerLexicon:
    """All trigger entries, compiled into one case-insensitive regex (cached)."""
    directory = resources.files("conflict_events.knowledge").joinpath("triggers")
    entries: list[TriggerEntry] = []
    for item in sorted(directory.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        data = _read(item)
        try:
            entries.extend(TriggerFile.model_validate(data).entries)
        except ValidationError as exc:
            raise KnowledgeError(f"{item.name}: {exc}") from exc
    ids = [e.id for e in entries]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise KnowledgeError(f"trigger ids defined twice: {sorted(duplicates)}")
    entries.sort(key=lambda e: TRIGGER_CLASSES.index(e.cls))
    parts = []
    group_entry: dict[str, TriggerEntry] = {}
    for n, entry in enumerate(entries):
        group = f"t{n}"
        group_entry[group] = entry
        parts.append(f"(?P<{group}>{'|'.join(entry.patterns)})")
    regex = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)
    return TriggerLexicon(tuple(entries), regex, group_entry)


@dataclass(frozen=True)
class GenericLexicon:
    data: GenericActorsFile
    regex: re.Pattern[str]
    group_kind: dict[str, GenericGroup]
    community_regex: re.Pattern[str]
    clan_regex: re.Pattern[str]
    assoc_regex: re.Pattern[str]
    group_assoc: dict[str, str]


@cache
def generic_lexicon() -> GenericLexicon:
    path = resources.files("conflict_events.knowledge").joinpath("generic_actors.yaml")
    data = _read(path)
    try:
        parsed = GenericActorsFile.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(f"generic_actors.yaml: {exc}") from exc
    parts = []
    group_kind: dict[str, GenericGroup] = {}
    for n, group in enumerate(parsed.groups):
        name = f"g{n}"
        group_kind[name] = group
        parts.append(f"(?P<{name}>{'|'.join(group.patterns)})")
    try:
        regex = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
        communities = "|".join(
            re.escape(c) for c in sorted(parsed.identity_communities, key=len, reverse=True)
        )
        community_regex = re.compile(
            rf"\b(?P<community>{communities})(?:[- ]speaking)? {parsed.militia_nouns}\b"
        )
        clan_regex = re.compile(rf"\b{parsed.clan_pattern}")
        assoc_parts = []
        group_assoc: dict[str, str] = {}
        for n, assoc in enumerate(parsed.associated):
            name = f"a{n}"
            group_assoc[name] = assoc.label
            assoc_parts.append(f"(?P<{name}>{'|'.join(assoc.patterns)})")
        assoc_regex = re.compile(r"\b(?:" + "|".join(assoc_parts) + r")\b", re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeError(f"generic_actors.yaml: a pattern does not compile: {exc}") from exc
    return GenericLexicon(
        parsed, regex, group_kind, community_regex, clan_regex, assoc_regex, group_assoc
    )
