"""The actor lexicon: named armed actors, state-force naming by regime period, demonyms.

Knowledge lives in YAML files under conflict_events/knowledge/actors/ (loaded with
yaml.safe_load, validated with pydantic). This module only reads, validates and indexes it:

- ``<region or country>.yaml``: named actors (rebels, militias, gangs, IOs, foreign operations),
  each with ACLED's canonical name, inter code, surface forms, provenance and examples.
- ``state_forces.yaml``: per country, the regime periods that label state forces
  ("Military Forces of Syria (2000-2024)"), unit names and generic aliases ("Syrian army").
- ``demonyms.yaml``: country adjectives/demonyms, plus the ambiguous ones listed once.

Period labels follow ACLED's *current* naming: a period that has ended carries both years
("(2000-2024)"), the running one is open ("(2019-)"). Event data downloaded before a period
closed shows the open form; evaluation compares names without the trailing period.

Surface forms: ``aliases`` match case-insensitively (after folding accents, hyphens and
apostrophes), ``acronyms`` match case-sensitively (so "IS" never matches "is"). The prefix of
an ``ACRONYM: Long Name`` canonical name is an acronym automatically, the long name an alias,
and singular/plural variants of common last words ("militia(s)") are added. ``context_*``
forms ("rebels", "Islamic State" for a country branch) name the actor only in stories set where
it operates. ``former_names`` keep names ACLED used before renaming an actor resolvable.

Entry points: ``load_actor_lexicon()`` (cached), then ``find`` (one name or alias),
``match`` (named actors in a text), ``state_forces`` / ``match_state_forces`` (state forces by
country, day and kind; in a text), ``country_adjectives``. Counts:
``python -m conflict_events.knowledge.actors``. File format: knowledge/actors/README.md.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from conflict_events.cache import CompiledCache, digest
from conflict_events.errors import KnowledgeError
from conflict_events.knowledge import surface_forms
from conflict_events.knowledge.surface_forms import (
    FormIndex,
    exact_key,
    normalize,
    number_variant,
    tokens,
)
from conflict_events.knowledge.yaml_files import read_yaml
from conflict_events.schema.countries import countries, country_by_name

StateForceKind = Literal["military", "police", "government"]
STATE_FORCE_KINDS: tuple[StateForceKind, ...] = ("military", "police", "government")
_KIND_PREFIX: dict[str, str] = {
    "military": "Military Forces of",
    "police": "Police Forces of",
    "government": "Government of",
}
STATE_FORCES_FILE = "state_forces.yaml"
DEMONYMS_FILE = "demonyms.yaml"
_ACRONYM_NAME = re.compile(r"^(?P<acronym>[^:]{1,40}): (?P<long>.+)$")
_PERIOD = re.compile(r" \(\d{4}-(?:\d{4})?\)")

# --------------------------------------------------------------------------- models


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """A sentence written for the lexicon; the matcher must find ``expect`` in it."""

    text: str = Field(min_length=5)
    expect: str = Field(min_length=2)
    day: dt.date | None = None  # for actors whose name depends on the date
    country: str | None = None  # the story's country, when not the actor's own

    @field_validator("country")
    @classmethod
    def _check_country(cls, value: str | None) -> str | None:
        return _valid_country(value)


@dataclass(frozen=True)
class SurfaceForm:
    text: str
    case_sensitive: bool
    context: bool = False  # names the actor only in stories set where it operates


def _valid_country(value: str | None) -> str | None:
    if value is None:
        return None
    if value not in _country_names():
        raise ValueError(f"unknown country {value!r} (use ACLED's name from countries.csv)")
    return value


class ActorEntry(_Strict):
    """A named actor as ACLED codes it."""

    name: str = Field(min_length=2)
    inter: int = Field(ge=1, le=8)
    country: str | None = None  # home country; None for transnational actors
    operates_in: tuple[str, ...] = ()  # other countries where the name is used
    aliases: tuple[str, ...] = ()  # case-insensitive surface forms
    acronyms: tuple[str, ...] = ()  # case-sensitive surface forms
    # forms that name the actor only in stories set where it operates ("rebels" in Syria,
    # "Islamic State" for a country branch); acronyms of one or two letters are always so
    context_aliases: tuple[str, ...] = ()
    context_acronyms: tuple[str, ...] = ()
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    assoc: str | None = None  # default associated actor, if ACLED usually records one
    former_names: tuple[str, ...] = ()  # names ACLED used before renaming the actor
    provenance: str = Field(min_length=3)
    notes: str | None = None
    examples: tuple[Example, ...] = ()
    source_file: str = ""  # set by the loader

    @field_validator("country")
    @classmethod
    def _check_country(cls, value: str | None) -> str | None:
        return _valid_country(value)

    @field_validator("operates_in")
    @classmethod
    def _check_operates_in(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for country in value:
            _valid_country(country)
        return value

    @field_validator("aliases", "acronyms", "context_aliases", "context_acronyms")
    @classmethod
    def _check_forms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for form in value:
            if not tokens(form):
                raise ValueError(f"surface form {form!r} has no word characters")
        return value

    @model_validator(mode="after")
    def _check_dates(self) -> ActorEntry:
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValueError(f"active_to {self.active_to} is before active_from {self.active_from}")
        return self

    def surface_forms(self) -> tuple[SurfaceForm, ...]:
        """Every form that names this actor: canonical name, its parts, aliases, acronyms."""
        forms: dict[tuple[str, bool], SurfaceForm] = {}
        local_only = self.country is not None or bool(self.operates_in)

        def add(text: str, case_sensitive: bool, context: bool = False) -> None:
            if case_sensitive and local_only and len(exact_key(text)) <= 2:
                context = True  # "AA", "IS": too short to name one actor everywhere
            forms.setdefault((text, case_sensitive), SurfaceForm(text, case_sensitive, context))

        def add_words(text: str, context: bool = False) -> None:
            add(text, False, context)
            variant = number_variant(text)
            if variant is not None:
                add(variant, False, context)

        for name in (self.name, *self.former_names):
            add(name, False)
            without_period = _PERIOD.sub("", name)  # "Military Forces of Artsakh"
            if without_period != name:
                add(without_period, False)
        parts = _ACRONYM_NAME.match(self.name)
        if parts:
            add(parts["acronym"], True)
            add(parts["long"], False)
        for alias in self.aliases:
            add_words(alias)
        for acronym in self.acronyms:
            add(acronym, True)
        for alias in self.context_aliases:
            add_words(alias, True)
        for acronym in self.context_acronyms:
            add(acronym, True, True)
        return tuple(forms.values())

    def active_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        if self.active_from and day < self.active_from:
            return False
        return not (self.active_to and day > self.active_to)

    def countries(self) -> tuple[str | None, ...]:
        return (self.country, *self.operates_in)


class _ActorFile(_Strict):
    entries: tuple[ActorEntry, ...]
    provenance: str | None = None  # default for entries of the file that give none

    @model_validator(mode="before")
    @classmethod
    def _default_provenance(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("provenance") and isinstance(
            data.get("entries"), list
        ):
            for entry in data["entries"]:
                if isinstance(entry, dict):
                    entry.setdefault("provenance", data["provenance"])
        return data


class Period(_Strict):
    """One regime period of a country's state forces."""

    start: dt.date
    # appended to every name of the period ("Government of National Accord", Libya
    # 2016-2021), or per kind ({police: West Bank}, Palestine)
    suffix: str | dict[StateForceKind, str] | None = None
    provenance: str | None = None

    def suffix_for(self, kind: str) -> str | None:
        if isinstance(self.suffix, dict):
            return self.suffix.get(kind)  # type: ignore[call-overload]
        return self.suffix


class Unit(_Strict):
    """A named unit ACLED appends to the state-force name ("... (2014-) Rashtriya Rifles")."""

    name: str
    kind: StateForceKind = "military"
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    name_is_form: bool = True  # False when the name is a place ("Gaza"), not how news names it


class StateForceNames(_Strict):
    """How ACLED names one country's state forces, period by period."""

    country: str
    state: str  # the name as it appears after "Forces of": "the Philippines"
    periods: tuple[Period, ...]
    end: dt.date | None = None  # the state no longer exists after this day
    aliases: dict[StateForceKind, tuple[str, ...]] = Field(default_factory=dict)
    acronyms: dict[StateForceKind, tuple[str, ...]] = Field(default_factory=dict)
    units: tuple[Unit, ...] = ()
    provenance: str
    # sentences written for the lexicon, each with the day that decides its period
    examples: tuple[Example, ...] = ()

    @field_validator("country")
    @classmethod
    def _check_country(cls, value: str) -> str:
        checked = _valid_country(value)
        assert checked is not None
        return checked

    @field_validator("periods")
    @classmethod
    def _check_periods(cls, value: tuple[Period, ...]) -> tuple[Period, ...]:
        if not value:
            raise ValueError("at least one period is needed")
        starts = [p.start for p in value]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise ValueError(f"periods must be in increasing start order: {starts}")
        return value

    def period_index(self, day: dt.date) -> int:
        """Index of the period containing ``day`` (the first one for earlier days)."""
        index = 0
        for i, period in enumerate(self.periods):
            if period.start <= day:
                index = i
        return index

    def label(self, index: int) -> str:
        """ "(2000-2024)" for an ended period, "(2019-)" for the running one."""
        start = self.periods[index].start.year
        if index + 1 < len(self.periods):
            return f"({start}-{self.periods[index + 1].start.year})"
        if self.end is not None:
            return f"({start}-{self.end.year})"
        return f"({start}-)"

    def name(self, day: dt.date, kind: str = "military", unit: str | None = None) -> str:
        if kind not in _KIND_PREFIX:
            raise KnowledgeError(
                f"unknown state-force kind {kind!r}; use one of {STATE_FORCE_KINDS}"
            )
        index = self.period_index(day)
        text = f"{_KIND_PREFIX[kind]} {self.state} {self.label(index)}"
        suffix = unit or self.periods[index].suffix_for(kind)
        return f"{text} {suffix}" if suffix else text


class _StateForceSpec(_Strict):
    """One country's record in state_forces.yaml (periods may be bare dates)."""

    state: str | None = None
    periods: tuple[Period | dt.date, ...]
    end: dt.date | None = None
    aliases: dict[StateForceKind, tuple[str, ...]] = Field(default_factory=dict)
    acronyms: dict[StateForceKind, tuple[str, ...]] = Field(default_factory=dict)
    units: tuple[Unit, ...] = ()
    provenance: str | None = None
    examples: tuple[Example, ...] = ()


class _StateForcesFile(_Strict):
    provenance: str
    countries: dict[str, _StateForceSpec]

    @field_validator("countries", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # "Andorra: [2019-05-16]" is short for "Andorra: {periods: [2019-05-16]}"
        if isinstance(value, dict):
            return {k: {"periods": v} if isinstance(v, list) else v for k, v in value.items()}
        return value


class _DemonymsFile(_Strict):
    provenance: str
    countries: dict[str, tuple[str, ...]]
    ambiguous: dict[str, tuple[str, ...]] = Field(default_factory=dict)


@dataclass(frozen=True)
class ActorMatch:
    """An actor named in a text: the entry, the matched form and its character span."""

    entry: ActorEntry
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class StateForceForm:
    """A state-force form of state_forces.yaml found in a text; ``country`` only when the
    form names its state ("Yemeni army"), else the story's country decides."""

    kind: StateForceKind
    country: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class StateForceMatch:
    """State forces named in a text ("Syrian army", "CRPF", "Rwandan troops").

    ``name`` is ACLED's actor name for the day asked; ``foreign`` is True when the forces
    belong to another country than the story's (ACLED then codes them inter 8)."""

    country: str
    kind: StateForceKind
    unit: str | None
    name: str
    foreign: bool
    text: str
    start: int
    end: int


# --------------------------------------------------------------------------- the lexicon


@dataclass(frozen=True)
class _Candidate:
    entry: ActorEntry
    order: int  # load order, for deterministic choices
    canonical: bool  # the canonical name or one of its parts
    context: bool  # valid only in stories set where the actor operates


@dataclass(frozen=True)
class _StateForm:
    country: str  # "" for bare words ("troops") naming the story country's forces
    kind: StateForceKind
    unit: str | None
    specific: bool  # written in state_forces.yaml (else built from a demonym)
    portable: bool  # names its state unambiguously, so it counts in other countries' stories

    def to_json(self) -> list[Any]:
        return [self.country, self.kind, self.unit, self.specific, self.portable]

    @classmethod
    def from_json(cls, data: Any) -> _StateForm:
        country, kind, unit, specific, portable = data
        if not (isinstance(country, str) and kind in STATE_FORCE_KINDS
                and (unit is None or isinstance(unit, str))
                and isinstance(specific, bool) and isinstance(portable, bool)):
            raise ValueError(f"not a state-force form: {data!r}")
        return cls(country, kind, unit, specific, portable)


@cache
def _state_forms_cache() -> CompiledCache:
    """Where the state-force forms are cached: compiled by this module and surface_forms."""
    return CompiledCache("state-forms", __file__, surface_forms.__file__)


# Nouns that, after a demonym, name a state's forces ("Chadian troops", "Kenyan police").
_FORCE_NOUNS: dict[StateForceKind, tuple[str, ...]] = {
    "military": (
        "army", "military", "armed forces", "forces", "troops", "soldiers", "soldier",
        "air force", "warplanes", "warplane", "jets", "fighter jets", "drones", "drone",
        "navy", "marines", "special forces", "artillery", "defence forces", "defense forces",
        "security forces", "military forces", "government forces", "border guards",
        "helicopters", "helicopter gunships", "coast guard", "paratroopers", "commandos",
    ),
    "police": (
        "police", "policemen", "police officers", "police forces", "riot police",
        "gendarmes", "gendarmerie", "intelligence services", "security services",
    ),
    "government": ("government", "authorities", "regime"),
}
# Words that, without a demonym, name the state forces of the story's own country.
_OWN_FORCE_WORDS: dict[StateForceKind, tuple[str, ...]] = {
    "military": (
        "army", "military", "armed forces", "military forces", "troops", "soldiers",
        "government forces", "govt forces", "government troops", "governmental forces",
        "regime forces", "security forces", "air force", "military personnel",
    ),
    "police": ("police", "policemen", "police officers", "police forces", "riot police",
               "anti-riot police", "gendarmes", "gendarmerie"),
    "government": ("government", "authorities"),
}


# What ActorLexicon.match keeps between texts: runs of tokens per setting (country and
# whether context forms count), and settings
MAX_SETTLED_RUNS = 5_000
MAX_SETTLED_KEYS = 16


class ActorLexicon:
    """Validated, indexed actor knowledge. Build with load_actor_lexicon()."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        state_forces: Mapping[str, StateForceNames],
        country_adjectives: Mapping[str, tuple[str, ...]],
        ambiguous_adjectives: Mapping[str, tuple[str, ...]] | None = None,
        *,
        source: str | None = None,
    ) -> None:
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        # a fingerprint of the files the lexicon was read from: what is derived from them
        # (the state-force forms) is cached under it; None (built in memory) caches nothing
        self.source = source
        self.state_force_names: dict[str, StateForceNames] = dict(state_forces)
        self.country_adjectives: dict[str, tuple[str, ...]] = dict(country_adjectives)
        self.ambiguous_adjectives: dict[str, tuple[str, ...]] = dict(ambiguous_adjectives or {})
        self._by_name: dict[str, ActorEntry] = {}
        self._forms: FormIndex[_Candidate] = FormIndex()
        # match(): per (country, day, context_forms), the outcome of each run of tokens
        # match(): per (country, context_forms), the outcome of each run of tokens; the day
        # matters only to the runs whose first word begins a form of an actor active for a
        # time: for each such word, the days on which one of them starts or stops being active
        self._settled: dict[tuple[str | None, bool],
                            dict[Hashable, tuple[int, ActorEntry] | None]] = {}
        self._day_marks: dict[str, list[dt.date]] = {}
        # find_state_force_forms(): the outcome of each run of tokens (the same in every text)
        self._settled_forms: dict[Hashable, tuple[int, tuple[_StateForm, ...]] | None] = {}
        self._close: dict[str, list[str]] = {}
        for order, entry in enumerate(self.entries):
            for name in (entry.name, *entry.former_names):
                self._by_name.setdefault(normalize(name), entry)
            canonical = {form for name in (entry.name, *entry.former_names)
                         for form in _canonical_forms(name)}
            marks = _day_marks(entry)
            for form in entry.surface_forms():
                candidate = _Candidate(entry, order, form.text in canonical, form.context)
                self._forms.add(form.text, candidate, case_sensitive=form.case_sensitive)
                first = normalize(form.text).partition(" ")[0]
                if marks and first:
                    self._day_marks[first] = sorted({*self._day_marks.get(first, ()), *marks})

    # ---------------------------------------------------------------- lookup

    def find(
        self, name_or_alias: str, country: str | None = None, day: dt.date | None = None
    ) -> ActorEntry | None:
        """The entry a name or alias refers to, or None.

        Case- and spelling-tolerant: exact acronyms and folded names/aliases first, then
        close spellings. ``country`` and ``day`` choose between entries sharing a form
        ("Islamic State" in Syria vs Iraq; "Taliban" before and after August 2021)."""
        text = name_or_alias.strip()
        if not text:
            return None
        candidates = self._forms.lookup(text)
        key = normalize(text)
        if not candidates and key.startswith("the "):
            candidates = self._forms.by_key(key[4:])
        best = self._choose(candidates, country, day)
        if best is not None:
            return best
        for close_key in self._close_keys(key):
            best = self._choose(self._forms.by_key(close_key), country, day)
            if best is not None:
                return best
        return None

    def has_form(self, form: str) -> bool:
        """True when the text is, as written, a form of some actor (no spelling tolerance)."""
        return bool(self._forms.lookup(form.strip()))

    def context_only(self, form: str) -> bool:
        """True when the form names actors only as a context form ("Maoists", "Islamic
        militants"): it names them only in stories set where they operate."""
        candidates = self._forms.lookup(form.strip())
        return bool(candidates) and all(c.context for c in candidates)

    def _close_keys(self, key: str) -> list[str]:
        # difflib over every form costs milliseconds; the same misspellings recur in a
        # corpus, and the forms never change after loading, so each answer is kept.
        close = self._close.get(key)
        if close is None:
            close = difflib.get_close_matches(key, self._forms.keys(), n=3, cutoff=0.9)
            if len(self._close) >= 100_000:  # bounded memory over endless corpora
                self._close.clear()
            self._close[key] = close
        return close

    def find_all(self, name_or_alias: str) -> tuple[ActorEntry, ...]:
        """Every entry having this exact (folded) form, in load order."""
        unique: dict[str, ActorEntry] = {}
        for candidate in sorted(self._forms.lookup(name_or_alias), key=lambda c: c.order):
            unique.setdefault(candidate.entry.name, candidate.entry)
        return tuple(unique.values())

    def by_name(self, name: str) -> ActorEntry | None:
        """The entry with this canonical name (case-insensitive)."""
        return self._by_name.get(normalize(name))

    @staticmethod
    def _choose(
        candidates: list[_Candidate],
        country: str | None,
        day: dt.date | None,
        in_scope_only: bool = False,
    ) -> ActorEntry | None:
        """The best candidate for a place and day.

        A context form is accepted only in a story set where its actor operates ("National
        Army" is Syria's SNA only in a Syrian story). With no country, ``in_scope_only``
        (text matching) refuses context forms; a plain lookup accepts them."""
        active = [c for c in candidates if c.entry.active_on(day)]
        if in_scope_only or country is not None:
            active = [c for c in active if not c.context
                      or (country is not None and _in_scope(c.entry, country))]
        if not active:
            return None
        # ties: a form that is the actor's canonical name, then the more widely active actor
        # ("al-Shabaab" with no country is Somalia's, not Mozambique's), then load order
        return min(
            active,
            key=lambda c: (
                _place(c.entry, country),
                not c.canonical,
                -len(c.entry.operates_in),
                c.order,
            ),
        ).entry

    # ---------------------------------------------------------------- matching in text

    def match(
        self,
        text: str,
        country: str | None = None,
        day: dt.date | None = None,
        *,
        context_forms: bool = False,
    ) -> list[ActorMatch]:
        """Named actors in ``text``: leftmost, non-overlapping matches.

        At one position an actor of the story's country beats a longer form naming an actor
        from elsewhere ("IS fighters" in an Iraqi story is Islamic State (Iraq)). Context
        forms ("rebels", "Fulani herdsmen") need ``country``; with ``context_forms=True`` they
        are returned without it too, to be resolved later with
        ``find(match.text, country, day)`` once the story's country is known."""

        def choose(
            candidates: list[_Candidate], size: int
        ) -> tuple[tuple[int, ...], ActorEntry] | None:
            # a plain form of one actor beats a context form of another ("Taliban" is the
            # Afghan Taliban, not Pakistan's TTP, until the story's country says otherwise)
            entry = self._choose(candidates, country, day, in_scope_only=True)
            if entry is None and context_forms:
                entry = self._choose(candidates, country, day)
            if entry is None:
                return None
            # with the country still unknown the longer form wins: "Islamic State Sahel
            # Province" is not the global "Islamic State" followed by other words
            place = _place(entry, country) if country is not None else 0
            return ((place, -size), entry)

        # what a run of tokens gives depends on the run, the country, the day and
        # context_forms only: settled once, then looked up in later texts. Of the day, only
        # whether each actor with forms beginning with the run's first word is active that
        # day: the days between two of that word's marks all give the same.
        key = (country, context_forms)
        marks = self._day_marks

        def setting(first: str) -> int | None:
            days = marks.get(first)
            return None if days is None or day is None else bisect.bisect_right(days, day)

        settled = self._settled.get(key)
        if settled is None or len(settled) > MAX_SETTLED_RUNS:
            if len(self._settled) >= MAX_SETTLED_KEYS:
                self._settled.clear()  # at most 80,000 runs kept: a few MB
            settled = self._settled[key] = {}
        return [
            ActorMatch(found.value, found.text, found.start, found.end)
            for found in self._forms.scan(text, choose, settled, setting)
        ]

    # ---------------------------------------------------------------- state forces

    def state_forces(
        self, country: str, day: dt.date, kind: str = "military", unit: str | None = None
    ) -> str:
        """ACLED's name of ``country``'s state forces on ``day``.

        ``kind`` is "military", "police" or "government"; ``unit`` appends a unit name."""
        return self._state(country).name(day, kind, unit)

    def state_force_aliases(self, country: str) -> dict[str, list[str]]:
        """Generic names of ``country``'s forces per kind ("Syrian army", "SAA"...)."""
        spec = self._state(country)
        out: dict[str, list[str]] = {}
        for kind in STATE_FORCE_KINDS:
            forms = [*spec.aliases.get(kind, ()), *spec.acronyms.get(kind, ())]
            if forms:
                out[kind] = forms
        return out

    def state_force_units(self, country: str) -> tuple[Unit, ...]:
        return self._state(country).units

    def match_state_forces(
        self, text: str, country: str | None, day: dt.date
    ) -> list[StateForceMatch]:
        """State forces named in ``text`` of a story set in ``country``.

        The story country's own aliases, acronyms and units count ("regime forces", "CRPF");
        other states' forces are recognised by their demonym ("Turkish drones", "Chadian
        troops") or by an alias that names the state ("Israel Defense Forces")."""

        def choose(
            candidates: list[_StateForm], size: int
        ) -> tuple[tuple[int, ...], _StateForm] | None:
            usable = [c for c in candidates
                      if c.country == country or c.portable or (c.country == "" and country)]
            if not usable:
                return None
            best = min(usable, key=lambda c: (c.country not in (country, ""), not c.specific,
                                              c.unit is None))
            return ((0 if best.country == country else 1, -size), best)

        out = []
        for found in self._state_forms.scan(text, choose):
            form = found.value
            home = form.country or country or ""  # "" marks the story country's bare words
            name = self.state_forces(home, day, form.kind, form.unit)
            out.append(StateForceMatch(
                home, form.kind, form.unit, name, home != country,
                found.text, found.start, found.end,
            ))
        return out

    def find_state_force_forms(self, text: str) -> list[StateForceForm]:
        """The state-force forms written in state_forces.yaml (any country's aliases,
        acronyms and units: "pro-Hadi forces", "GNA", "Military Police") found in ``text``,
        each with every country that uses it. The story's country decides between them."""

        def choose(candidates: list[_StateForm], size: int
                   ) -> tuple[tuple[int, ...], tuple[_StateForm, ...]] | None:
            written = tuple(c for c in candidates if c.specific and c.country)
            return ((-size,), written) if written else None

        if len(self._settled_forms) > MAX_SETTLED_RUNS:
            self._settled_forms.clear()
        out = []
        for found in self._state_forms.scan(text, choose, self._settled_forms):
            readings = found.value
            owners = {r.country for r in readings}
            # a form that names its state ("Yemeni army") belongs to it wherever it is read
            home = readings[0].country if len(owners) == 1 and readings[0].portable else None
            # where the countries using a form give it different kinds ("security forces": the
            # army in Pakistan, the police in Iran), a story from elsewhere reads it as most
            # of them do (the story's own country, when it uses the form, decides in coding)
            kinds = [r.kind for r in readings]
            kind = max(dict.fromkeys(kinds), key=kinds.count)
            out.append(StateForceForm(kind, home, found.text, found.start, found.end))
        return out

    def state_force_form_of(self, country: str, words: str) -> tuple[str, str | None] | None:
        """(kind, unit) when ``words`` hold one of ``country``'s own state-force forms from
        state_forces.yaml (a unit first: "Military Police" -> ("military", "Military
        Police")); None otherwise."""
        spec = self.state_force_names.get(country)
        if spec is None:
            return None
        padded = f" {normalize(words)} "
        exact = f" {exact_key(words)} "

        def holds(forms: Iterable[str], case_sensitive: bool = False) -> bool:
            if case_sensitive:
                return any(f" {exact_key(f)} " in exact for f in forms if exact_key(f))
            return any(f" {normalize(f)} " in padded for f in forms if normalize(f))

        for unit in spec.units:
            if holds(((unit.name,) if unit.name_is_form else ()) + unit.aliases) or holds(
                    unit.acronyms, case_sensitive=True):
                return unit.kind, unit.name
        for kind in STATE_FORCE_KINDS:
            if holds(spec.aliases.get(kind, ())) or holds(spec.acronyms.get(kind, ()),
                                                           case_sensitive=True):
                return kind, None
        return None

    @cached_property
    def _state_forms(self) -> FormIndex[_StateForm]:
        """Every state-force form: from the cache when the lexicon came from files (a third
        of a second to build, some 36,000 forms)."""
        if self.source is None:
            return self._build_state_forms()
        return _state_forms_cache().get(
            self.source,
            lambda: self._build_state_forms().to_json(_StateForm.to_json),
            lambda data: FormIndex.from_json(data, _StateForm.from_json),
        )

    def _build_state_forms(self) -> FormIndex[_StateForm]:
        index: FormIndex[_StateForm] = FormIndex()
        acronym_owners: dict[str, set[str]] = {}
        for country, spec in self.state_force_names.items():
            for acronym in [a for kind in STATE_FORCE_KINDS for a in spec.acronyms.get(kind, ())]:
                acronym_owners.setdefault(exact_key(acronym), set()).add(country)
        entry_acronyms = {exact_key(f.text) for e in self.entries for f in e.surface_forms()
                          if f.case_sensitive}

        def portable_acronym(acronym: str) -> bool:
            # "IDF" names Israel's army anywhere; "SAF" or "SNA" name several things
            key = exact_key(acronym)
            return (len(key) >= 3 and len(acronym_owners.get(key, ())) == 1
                    and key not in entry_acronyms)

        for country, spec in self.state_force_names.items():
            own_names = {normalize(n) for n in (country, spec.state,
                                                *self.country_adjectives.get(country, ()))}

            def names_state(form: str, own_names: set[str] = own_names) -> bool:
                padded = f" {normalize(form)} "
                return any(f" {name} " in padded for name in own_names if name)

            for kind in STATE_FORCE_KINDS:
                for alias in spec.aliases.get(kind, ()):
                    alias_form = _StateForm(country, kind, None, True, names_state(alias))
                    index.add(alias, alias_form)
                    variant = number_variant(alias)
                    if variant is not None:
                        index.add(variant, alias_form)
                for acronym in spec.acronyms.get(kind, ()):
                    index.add(acronym, _StateForm(country, kind, None, True,
                                                  portable_acronym(acronym)),
                              case_sensitive=True)
            for unit in spec.units:
                for form in ((unit.name,) if unit.name_is_form else ()) + unit.aliases:
                    index.add(form, _StateForm(country, unit.kind, unit.name, True,
                                               names_state(form)))
                for acronym in unit.acronyms:
                    index.add(acronym, _StateForm(country, unit.kind, unit.name, True, False),
                              case_sensitive=True)
            adjectives = {*self.country_adjectives.get(country, ()), country}
            for adjective in sorted(adjectives):
                upper = adjective.isupper()  # "US", "UK", "DRC": only as written
                for kind, nouns in _FORCE_NOUNS.items():
                    for noun in nouns:
                        index.add(f"{adjective} {noun}",
                                  _StateForm(country, kind, None, False, True),
                                  case_sensitive=upper)
            for kind in STATE_FORCE_KINDS:
                index.add(f"{_KIND_PREFIX[kind]} {spec.state}",
                          _StateForm(country, kind, None, False, True))
                if spec.state != country:
                    index.add(f"{_KIND_PREFIX[kind]} {country}",
                              _StateForm(country, kind, None, False, True))
        for kind, words in _OWN_FORCE_WORDS.items():
            for word in words:
                index.add(word, _StateForm("", kind, None, False, False))
        return index

    def _state(self, country: str) -> StateForceNames:
        spec = self.state_force_names.get(country)
        if spec is None:  # also accept ISO codes and other casings ("SY", "syr", "syria")
            known = country_by_name(country)
            spec = self.state_force_names.get(known.name) if known is not None else None
        if spec is None:
            raise KnowledgeError(f"no state-force naming for country {country!r}")
        return spec

    # ---------------------------------------------------------------- demonyms

    @cached_property
    def _adjective_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for country, words in self.country_adjectives.items():
            for word in words:
                index.setdefault(normalize(word), country)
        return index

    def country_for_adjective(self, adjective: str) -> str | None:
        """The country a demonym most likely refers to ("Congolese" -> DRC)."""
        return self._adjective_index.get(normalize(adjective))

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def _canonical_forms(name: str) -> tuple[str, ...]:
    parts = _ACRONYM_NAME.match(name)
    return (name, parts["acronym"], parts["long"]) if parts else (name,)


def _day_marks(entry: ActorEntry) -> list[dt.date]:
    """The days on which `entry.active_on` changes: from the day it starts, and the day after
    it stops."""
    marks = [entry.active_from] if entry.active_from else []
    if entry.active_to and entry.active_to < dt.date.max:
        marks.append(entry.active_to + dt.timedelta(days=1))
    return marks


def _place(entry: ActorEntry, country: str | None) -> int:
    """How well an actor fits a story's country: home 0, operates there 1, global 2, else 3."""
    if country is not None and entry.country == country:
        return 0
    if country is not None and country in entry.operates_in:
        return 1
    if entry.country is None and not entry.operates_in:
        return 2
    return 3


def _in_scope(entry: ActorEntry, country: str) -> bool:
    """Whether the actor is known to act in ``country`` (global actors act everywhere)."""
    if entry.country is None and not entry.operates_in:
        return True
    return entry.country == country or country in entry.operates_in


# --------------------------------------------------------------------------- loading


@cache
def _country_names() -> frozenset[str]:
    return frozenset(c.name for c in countries())


def _entry_label(data: Any, location: tuple[int | str, ...]) -> str:
    """Name the entry an error is in: 'entries[3] (Al Shabaab)'."""
    if len(location) >= 2 and location[0] == "entries" and isinstance(location[1], int):
        try:
            name = data["entries"][location[1]].get("name", "?")
        except (KeyError, IndexError, TypeError, AttributeError):
            name = "?"
        return f"entries[{location[1]}] ({name})"
    return ".".join(str(part) for part in location) or "<file>"


def _validation_error(file_name: str, data: Any, exc: ValidationError) -> KnowledgeError:
    problems = []
    for error in exc.errors()[:5]:
        location = tuple(error.get("loc", ()))
        problems.append(f"{_entry_label(data, location)} {'.'.join(map(str, location))}: "
                        f"{error.get('msg')}")
    more = f" (+{exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
    return KnowledgeError(f"{file_name}: " + "; ".join(problems) + more)


def _load_actor_file(path: Traversable | Path) -> tuple[ActorEntry, ...]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path.name}: expected a mapping with 'entries'")
    try:
        parsed = _ActorFile.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(path.name, data, exc) from exc
    return tuple(entry.model_copy(update={"source_file": path.name}) for entry in parsed.entries)


def _load_state_forces(path: Traversable | Path) -> dict[str, StateForceNames]:
    data = read_yaml(path)
    try:
        parsed = _StateForcesFile.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(path.name, data, exc) from exc
    out: dict[str, StateForceNames] = {}
    for country, spec in parsed.countries.items():
        periods = tuple(p if isinstance(p, Period) else Period(start=p) for p in spec.periods)
        try:
            out[country] = StateForceNames(
                country=country,
                state=spec.state or country,
                periods=periods,
                end=spec.end,
                aliases=spec.aliases,
                acronyms=spec.acronyms,
                units=spec.units,
                provenance=spec.provenance or parsed.provenance,
                examples=spec.examples,
            )
        except ValidationError as exc:
            raise KnowledgeError(
                f"{path.name}: countries.{country}: {exc.errors()[0].get('msg')}"
            ) from exc
    return out


def _load_demonyms(path: Traversable | Path) -> _DemonymsFile:
    data = read_yaml(path)
    try:
        parsed = _DemonymsFile.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(path.name, data, exc) from exc
    for country in [*parsed.countries, *(c for cs in parsed.ambiguous.values() for c in cs)]:
        if country not in _country_names():
            raise KnowledgeError(f"{path.name}: unknown country {country!r}")
    return parsed


def load_actor_lexicon_from(directory: Traversable | Path) -> ActorLexicon:
    """Load and validate every file of a lexicon directory (uncached)."""
    files = sorted(
        (item for item in directory.iterdir() if item.name.endswith(".yaml")),
        key=lambda item: item.name,
    )
    special = {STATE_FORCES_FILE, DEMONYMS_FILE}
    names = {item.name for item in files}
    for required in special:
        if required not in names:
            raise KnowledgeError(f"{directory}: {required} is missing")
    entries: list[ActorEntry] = []
    state_forces: dict[str, StateForceNames] = {}
    demonyms: _DemonymsFile | None = None
    for item in files:
        if item.name == STATE_FORCES_FILE:
            state_forces = _load_state_forces(item)
        elif item.name == DEMONYMS_FILE:
            demonyms = _load_demonyms(item)
        else:
            entries.extend(_load_actor_file(item))
    seen: dict[str, str] = {}
    for entry in entries:
        key = normalize(entry.name)
        if key in seen:
            raise KnowledgeError(
                f"{entry.source_file}: entry {entry.name!r} is defined twice "
                f"(also in {seen[key]})"
            )
        seen[key] = entry.source_file
    assert demonyms is not None
    return ActorLexicon(entries, state_forces, demonyms.countries, demonyms.ambiguous,
                        source=digest(part for item in files
                                      for part in (item.name, item.read_bytes())))


def _package_directory() -> Traversable:
    return resources.files("conflict_events.knowledge").joinpath("actors")


@cache
def load_actor_lexicon() -> ActorLexicon:
    """The project's actor lexicon (validated once, then cached)."""
    return load_actor_lexicon_from(_package_directory())


def summary(lexicon: ActorLexicon | None = None) -> dict[str, int]:
    """Counts describing the lexicon (printed by ``python -m conflict_events.knowledge.actors``)."""
    lex = lexicon or load_actor_lexicon()
    states = lex.state_force_names.values()
    return {
        "named actors": len(lex.entries),
        "actor files": len({e.source_file for e in lex.entries}),
        "countries with named actors": len({e.country for e in lex.entries if e.country}),
        "aliases": sum(len(e.aliases) + len(e.context_aliases) for e in lex.entries),
        "acronyms": sum(len(e.acronyms) + len(e.context_acronyms) for e in lex.entries),
        "surface forms (with derived ones)": sum(len(e.surface_forms()) for e in lex.entries),
        "examples": sum(len(e.examples) for e in lex.entries),
        "entries marked unverified": sum("unverified" in e.provenance for e in lex.entries),
        "countries with state-force naming": len(lex.state_force_names),
        "countries with several periods": sum(len(s.periods) > 1 for s in states),
        "regime periods": sum(len(s.periods) for s in states),
        "countries with force aliases": sum(bool(s.aliases or s.acronyms) for s in states),
        "force aliases and acronyms": sum(
            len(v) for s in states for table in (s.aliases, s.acronyms) for v in table.values()
        ),
        "state-force units": sum(len(s.units) for s in states),
        "countries with demonyms": len(lex.country_adjectives),
        "demonyms": sum(len(v) for v in lex.country_adjectives.values()),
    }


__all__ = [
    "STATE_FORCE_KINDS",
    "ActorEntry",
    "ActorLexicon",
    "ActorMatch",
    "Example",
    "Period",
    "StateForceNames",
    "SurfaceForm",
    "Unit",
    "load_actor_lexicon",
    "load_actor_lexicon_from",
    "normalize",
    "summary",
    "tokens",
]


if __name__ == "__main__":
    for label, count in summary().items():
        print(f"{label:36} {count:6}")
