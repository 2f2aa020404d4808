"""The document a pipeline works on: the article plus every layer the stages add.

Stages read and write named fields of a Doc (declared in Stage.inputs / Stage.outputs), so a
pipeline can check at assembly time that each stage finds what it needs. Offsets of all
mentions point into `text` (the normalised text); `Doc.original_span` maps them back to the
article's original text for evidence.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from conflict_events.extract.anchors import fold
from conflict_events.schema.models import Article, Event


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    day: dt.date
    precision: int  # ACLED time_precision 1/2/3
    kind: str  # absolute, relative, weekday, week, month, range
    phrase: str = ""


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    kind: str  # named, military, police, government, armed_group, rebels, protesters, rioters,
    # civilians, identity_militia, assoc
    name: str | None  # canonical name when known; None when it depends on the event country
    inter: int
    country: str | None = None  # country named by the mention (demonym, lexicon entry)
    assoc: str | None = None  # associated-actor label template, e.g. "Students ({country})"
    template: str | None = None  # e.g. "Fulani Ethnic Militia ({country})"
    text: str = ""


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    location: Any  # schema.models.Location
    kind: str = "place"
    relation: str | None = None
    name: str = ""
    score: float = 1.0
    located: bool = False  # the text writes its admin areas after it ("X (Y, Z)")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A fatality figure in a sentence."""

    start: int
    end: int
    value: int
    vague: bool = False
    negated: bool = False  # "no fatalities" states zero explicitly
    conflicting: bool = False  # introduced as another source's figure
    is_total: bool = False  # "N fatalities", "death toll rose to N": the event's total


@dataclass(frozen=True, slots=True)
class TriggerMention:
    start: int
    end: int
    cls: str  # trigger class, e.g. attack, clash, air, shelling, protest
    entry: str  # id of the lexicon entry
    strength: float
    sentence: int
    passive: bool = False
    negated: bool = False  # plan, threat, denial, hypothetical


@dataclass(slots=True)
class EventMention:
    """A coded event before merging: what one trigger in one sentence says."""

    sub_event_type: str
    actor1: str
    inter1: int
    actor2: str | None
    inter2: int
    day: dt.date
    time_precision: int
    place: PlaceMention
    sentences: list[int]
    fatalities: int = 0
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)
    civilian_targeting: bool = False
    confidence: float = 0.5
    trigger: str = ""
    verb: str = ""
    actor1_text: str = ""
    actor2_text: str = ""
    placeholder1: bool = False  # actor1 was not named in the text (a default actor stands in)
    placeholder2: bool = False  # the same for actor2


@dataclass
class Doc:
    article: Article
    original: str
    text: str = ""
    segments: list[tuple[int, int, int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    countries: list[tuple[int, int, str]] = field(default_factory=list)
    country_focus: list[tuple[str, float]] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    triggers: list[TriggerMention] = field(default_factory=list)
    # Spans worth analysing: sentences with a trigger, the one before and two after. Actor,
    # place and number stages read only these (cheap sentence filtering).
    focus: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason code, detail)
    # (text, anchors.fold(text)): the case-folded text the anchored matchers search, made once
    _folded: tuple[str, str] | None = field(default=None, repr=False, compare=False)
    # id(list) -> (the list, its length, the start offsets of its items): see _starts_of
    _starts: dict[int, tuple[list[Any], int, list[int]]] = field(
        default_factory=dict, repr=False, compare=False)

    # Fields a fresh Doc already holds; every other field is produced by some stage.
    INITIAL_FIELDS = frozenset({"article", "original"})

    @classmethod
    def from_article(cls, article: Article) -> Doc:
        return cls(article=article, original=article.text, text=article.text)

    def folded(self) -> str:
        """`text` case-folded for the anchored matchers (extract.anchors.fold), made once."""
        if self._folded is None or self._folded[0] is not self.text:
            self._folded = (self.text, fold(self.text))
        return self._folded[1]

    @property
    def published(self) -> dt.date | None:
        return self.article.published

    def original_offset(self, index: int) -> int:
        """Offset in the original text of a normalised-text offset."""
        if not self.segments:
            return index
        k = max(0, bisect.bisect_right(self._starts_of(self.segments), index) - 1)
        n_start, n_end, o_start, o_end = self.segments[k]
        if n_end - n_start == o_end - o_start:
            return o_start + (index - n_start)
        if index <= n_start:
            return o_start
        if index >= n_end:
            return o_end + (index - n_end)
        return min(o_end, o_start + (index - n_start))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_offset(start), self.original_offset(end)

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts_of(self.sentences), offset) - 1)

    def _starts_of(self, spans: list[Any]) -> list[int]:
        """The start offsets of a list of sentences or segments, made once per list (a list
        built again per lookup made offset mapping quadratic in the article's length)."""
        cached = self._starts.get(id(spans))
        if cached is None or cached[0] is not spans or cached[1] != len(spans):
            starts = [s.start if isinstance(s, Sentence) else s[0] for s in spans]
            cached = self._starts[id(spans)] = (spans, len(spans), starts)
        return cached[2]

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]
