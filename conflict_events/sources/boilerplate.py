"""Page furniture of saved news pages (reading-time badges, share bars, advertising labels,
photo credits, "other news" trailers), loaded from boilerplate.yaml and dropped by the plain-text
reader."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from conflict_events.errors import KnowledgeError

BOILERPLATE_FILE = Path(__file__).with_name("boilerplate.yaml")
# A trailer ("Other news", "Read more:") only ends the article after this much text.
MIN_TEXT_BEFORE_TAIL = 200


class BoilerplateRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pattern: str = Field(description="Regular expression matched against a whole line.")
    why: str = Field(min_length=3)
    examples: list[str] = Field(min_length=1, description="Lines the pattern must match.")
    counter_examples: list[str] = Field(default_factory=list, description="Lines it must not.")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"pattern {value!r} is not a regular expression: {exc}") from exc
        return value


class BoilerplateRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    line: list[BoilerplateRule]
    tail: list[BoilerplateRule]


def _combined(rules: list[BoilerplateRule]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{rule.pattern})" for rule in rules), re.IGNORECASE)


class Boilerplate:
    """Line and trailer patterns, each matched against a whole stripped line."""

    def __init__(self, rules: BoilerplateRules) -> None:
        self.rules = rules
        self._line = _combined(rules.line)
        self._tail = _combined(rules.tail)

    def is_line(self, line: str) -> bool:
        return bool(self._line.fullmatch(line.strip()))

    def is_tail(self, line: str) -> bool:
        return bool(self._tail.fullmatch(line.strip()))

    def clean(self, lines: list[str]) -> tuple[list[str], list[str]]:
        """(kept lines, dropped lines). Blank lines are kept so paragraphs survive."""
        kept: list[str] = []
        dropped: list[str] = []
        text_before = 0
        for index, line in enumerate(lines):
            if not line.strip():
                kept.append(line)
                continue
            if self.is_tail(line) and text_before >= MIN_TEXT_BEFORE_TAIL:
                dropped.extend(x for x in lines[index:] if x.strip())
                break
            if self.is_line(line) or self.is_tail(line):
                dropped.append(line)
                continue
            kept.append(line)
            text_before += len(line)
        return kept, dropped


def load_rules(path: Path = BOILERPLATE_FILE) -> BoilerplateRules:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return BoilerplateRules.model_validate(data)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise KnowledgeError(f"{path}: {exc}") from exc


@cache
def default_boilerplate() -> Boilerplate:
    return Boilerplate(load_rules())
