"""Rule data of the extractor, loaded from YAML, validated with pydantic, compiled once.

- conflict_events/knowledge/triggers/*.yaml: trigger words per trigger class, with examples.
- conflict_events/knowledge/generic_actors.yaml: generic actor descriptions ("gunmen",
  "protesters", "a man"), identity-militia communities and associated-actor labels.

Each file is compiled into one regular expression with a named group per entry, run only where
one of its phrases can begin (extract.anchors): one Aho-Corasick pass over the text finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pydantic import Field, ValidationError, field_validator

from conflict_events.errors import KnowledgeError
from conflict_events.extract.anchors import AnchoredAlternation, AnchoredRegex
from conflict_events.knowledge.patterns import check_compiles
from conflict_events.knowledge.strict import StrictModel
from conflict_events.knowledge.yaml_files import read_yaml
from conflict_events.schema.taxonomy import EventType, SubEventType

# Trigger classes the coding rules understand, most specific first: when two entries match at
# the same position the earlier class wins (e.g. "suicide car bomb" before "bomb").
TRIGGER_CLASSES: tuple[str, ...] = (
    "suicide", "chemical", "air", "ied", "grenade", "shelling", "defuse", "capture", "transfer",
    "clash", "mob", "riot", "protest", "sexual", "abduct", "arrest", "attack", "kill", "wound",
    "loot", "base", "agreement", "change", "other", "clash_weak", "explosion",
)

class TriggerExample(StrictModel):
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


class TriggerEntry(StrictModel):
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


class TriggerFile(StrictModel):
    provenance: str
    entries: list[TriggerEntry]


class GenericGroup(StrictModel):
    kind: str
    inter: int = Field(ge=1, le=8)
    name: str | None = None
    patterns: list[str]
    examples: list[dict[str, str]] = Field(default_factory=list)


class AssociatedLabel(StrictModel):
    label: str
    patterns: list[str]


class GenericActorsFile(StrictModel):
    provenance: str
    groups: list[GenericGroup]
    identity_communities: list[str]
    militia_nouns: str
    clan_pattern: str
    associated: list[AssociatedLabel]


@dataclass(frozen=True)
class TriggerLexicon:
    entries: tuple[TriggerEntry, ...]
    group_entry: dict[str, TriggerEntry]
    matcher: AnchoredAlternation  # the same matches as `regex`, tried only where one can begin

    @property
    def regex(self) -> re.Pattern[str]:
        """The whole lexicon as one regex (compiled when first asked for)."""
        return self.matcher.regex


@cache
def trigger_lexicon() -> TriggerLexicon:
    """All trigger entries, compiled into one case-insensitive regex (cached)."""
    directory = resources.files("conflict_events.knowledge").joinpath("triggers")
    entries: list[TriggerEntry] = []
    for item in sorted(directory.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        data = read_yaml(item)
        try:
            entries.extend(TriggerFile.model_validate(data).entries)
        except ValidationError as exc:
            raise KnowledgeError(f"{item.name}: {exc}") from exc
    ids = [e.id for e in entries]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise KnowledgeError(f"trigger ids defined twice: {sorted(duplicates)}")
    entries.sort(key=lambda e: TRIGGER_CLASSES.index(e.cls))
    group_entry = {f"t{n}": entry for n, entry in enumerate(entries)}
    matcher = AnchoredAlternation(
        [(group, entry.patterns) for group, entry in group_entry.items()],
        before=r"(?<![\w-])", after=r"(?![\w])", flags=re.IGNORECASE,
    )
    return TriggerLexicon(tuple(entries), group_entry, matcher)


# Armed men a report places in a community rather than naming by it: the community's militia
# ("armed youths from the Murle community"); unarmed words ("villagers from the X community")
# name victims, not fighters.
COMMUNITY_FIGHTERS = (r"(?:armed (?:youths?|young men|men|herders|herdsmen)|militiamen|militias?|"
                      r"gunmen|fighters|raiders|attackers|assailants)")


def community_of(match: re.Match[str]) -> str:
    """The community a match of `GenericLexicon.community_regex` names, in either form."""
    return match.group("community") or match.group("community_of")


@dataclass(frozen=True)
class GenericLexicon:
    data: GenericActorsFile
    group_kind: dict[str, GenericGroup]
    community_regex: re.Pattern[str]
    clan_regex: re.Pattern[str]
    group_assoc: dict[str, str]
    # The same matches as regex, assoc_regex and community_regex, tried only where one can begin
    matcher: AnchoredAlternation
    assoc_matcher: AnchoredAlternation
    community_matcher: AnchoredRegex

    @property
    def regex(self) -> re.Pattern[str]:
        """The generic actor groups as one regex (compiled when first asked for)."""
        return self.matcher.regex

    @property
    def assoc_regex(self) -> re.Pattern[str]:
        return self.assoc_matcher.regex


@cache
def generic_lexicon() -> GenericLexicon:
    path = resources.files("conflict_events.knowledge").joinpath("generic_actors.yaml")
    data = read_yaml(path)
    try:
        parsed = GenericActorsFile.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(f"generic_actors.yaml: {exc}") from exc
    group_kind = {f"g{n}": group for n, group in enumerate(parsed.groups)}
    try:
        matcher = AnchoredAlternation(
            [(name, group.patterns) for name, group in group_kind.items()],
            before=r"(?<![\w-])", after=r"(?![\w-])", flags=re.IGNORECASE,
        )
        communities = "|".join(
            re.escape(c) for c in sorted(parsed.identity_communities, key=len, reverse=True)
        )
        # "Fulani herdsmen", and the fighters of a community named after them ("armed youths
        # from the Murle community")
        community_regex = re.compile(
            # "Pokot and Turkana herders": two communities sharing the noun after the second
            rf"\b(?:(?P<community>{communities})(?: and (?P<community2>{communities}))?"
            rf"(?:[- ]speaking)? {parsed.militia_nouns}|"
            rf"{COMMUNITY_FIGHTERS} (?:from|of|belonging to) the (?P<community_of>{communities})"
            rf" (?:ethnic )?(?:community|communities|ethnic group|tribe))\b"
        )
        clan_regex = re.compile(rf"\b{parsed.clan_pattern}")
        group_assoc = {f"a{n}": assoc.label for n, assoc in enumerate(parsed.associated)}
        assoc_matcher = AnchoredAlternation(
            [(f"a{n}", assoc.patterns) for n, assoc in enumerate(parsed.associated)],
            before=r"\b", after=r"\b", flags=re.IGNORECASE,
        )
    except re.error as exc:
        raise KnowledgeError(f"generic_actors.yaml: a pattern does not compile: {exc}") from exc
    return GenericLexicon(
        parsed, group_kind, community_regex, clan_regex, group_assoc, matcher, assoc_matcher,
        AnchoredRegex(community_regex),
    )
