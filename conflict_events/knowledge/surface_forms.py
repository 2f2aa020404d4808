"""Surface forms: how names are normalised and found in text.

A form is a sequence of word tokens. Case-insensitive forms ("al-Shabaab") compare folded,
lower-case tokens; case-sensitive forms (acronyms: "IS", "SDF") compare the tokens as written.
Accents, apostrophes and punctuation never matter: "Hay'at Tahrir al-Sham" has the tokens
"Hayat Tahrir al Sham".

FormIndex maps forms to values and scans a text for leftmost, non-overlapping matches; the
caller decides between candidate values at each position (by country, date...).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat
from typing import Any, Generic, TypeVar

_APOSTROPHES = "'’‘`´ʼʻ"
_TOKEN = re.compile(r"\w+", re.UNICODE)
_TOKEN_SPLIT = re.compile(r"(\w+)", re.UNICODE)
# the same split of an ASCII text, where \w is these characters: a class the regex engine
# tests without Unicode tables, a third faster over an article
_ASCII_TOKEN_SPLIT = re.compile(r"([A-Za-z0-9_]+)")

T = TypeVar("T")
R = TypeVar("R")
_UNSETTLED: Any = object()  # a run of tokens not yet looked at (None is a refusal)


_DROP_APOSTROPHES = {ord(ch): None for ch in _APOSTROPHES}
# the apostrophes fold() drops from ASCII text ("'" and the backtick)
_ASCII_APOSTROPHE = re.compile(
    "[" + re.escape("".join(c for c in _APOSTROPHES if c.isascii())) + "]"
)


def fold(text: str) -> str:
    """Strip accents and apostrophes, keep case: "Ash-Sha’b" -> "Ash-Shab"."""
    if text.isascii():
        return text.translate(_DROP_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.translate(_DROP_APOSTROPHES)


def tokens(text: str) -> list[str]:
    """Word tokens of ``text`` with accents and apostrophes removed, case kept.

    Hyphens, slashes and other punctuation separate tokens, so "al-Shabaab" and
    "al Shabaab" have the same tokens."""
    return _TOKEN.findall(fold(text))


def normalize(text: str) -> str:
    """The case-insensitive key of a form: folded, lower-case tokens joined by spaces."""
    return " ".join(tokens(text)).casefold()


def exact_key(text: str) -> str:
    """The case-sensitive key of a form: folded tokens as written, joined by spaces."""
    return " ".join(tokens(text))


# Last words whose singular and plural both occur in news ("Tiv militia(s)", "NPA rebel(s)").
_NUMBER_PAIRS: tuple[tuple[str, str], ...] = (
    ("militia", "militias"), ("militiaman", "militiamen"), ("rebel", "rebels"),
    ("fighter", "fighters"), ("insurgent", "insurgents"), ("militant", "militants"),
    ("gunman", "gunmen"), ("guerrilla", "guerrillas"), ("separatist", "separatists"),
    ("soldier", "soldiers"), ("force", "forces"), ("brigade", "brigades"),
    ("battalion", "battalions"), ("group", "groups"), ("gang", "gangs"), ("cartel", "cartels"),
    ("member", "members"), ("supporter", "supporters"), ("activist", "activists"),
    ("worker", "workers"), ("youth", "youths"), ("cadre", "cadres"), ("herdsman", "herdsmen"),
    ("herder", "herders"), ("hunter", "hunters"), ("raider", "raiders"),
    ("warrior", "warriors"), ("jihadist", "jihadists"), ("terrorist", "terrorists"),
    ("unit", "units"), ("faction", "factions"), ("cell", "cells"), ("troop", "troops"),
    ("policeman", "policemen"), ("officer", "officers"), ("commando", "commandos"),
    ("vigilante", "vigilantes"), ("bandit", "bandits"), ("drone", "drones"),
    ("warplane", "warplanes"), ("jet", "jets"), ("helicopter", "helicopters"),
    ("guard", "guards"), ("gendarme", "gendarmes"), ("marine", "marines"),
)
_OTHER_NUMBER = {a: b for a, b in _NUMBER_PAIRS} | {b: a for a, b in _NUMBER_PAIRS}


def number_variant(form: str) -> str | None:
    """The form with its last word in the other grammatical number, if that word is a
    common noun of armed-group names: "Tiv militia" -> "Tiv militias"."""
    head, _, last = form.rpartition(" ")
    other = _OTHER_NUMBER.get(last.casefold())
    if other is None or not head:
        return None  # a lone "rebel" is mostly an adjective ("rebel-held"), never varied
    return f"{head} {other}"


@dataclass(frozen=True)
class Found(Generic[R]):
    """A value found in a text, with the matched characters and their span."""

    value: R
    text: str
    start: int
    end: int


class FormIndex(Generic[T]):
    """Forms -> values, with a leftmost scan over a text."""

    def __init__(self) -> None:
        self._insensitive: dict[str, list[T]] = {}
        self._sensitive: dict[str, list[T]] = {}
        self._longest: dict[str, int] = {}  # first token (lower case) -> longest form in tokens
        # the first 1, 2, ... tokens of every form: a scan stops widening where none goes on
        self._sensitive_prefixes: set[str] = set()
        self._insensitive_prefixes: set[str] = set()

    def add(self, form: str, value: T, *, case_sensitive: bool = False) -> None:
        key = exact_key(form) if case_sensitive else normalize(form)
        if not key:
            return
        table = self._sensitive if case_sensitive else self._insensitive
        table.setdefault(key, []).append(value)
        parts = key.split(" ")
        prefixes = self._sensitive_prefixes if case_sensitive else self._insensitive_prefixes
        prefixes.update(" ".join(parts[:n]) for n in range(1, len(parts) + 1))
        first = parts[0].casefold()
        self._longest[first] = max(self._longest.get(first, 0), len(parts))

    def to_json(self, encode: Callable[[T], list[Any]]) -> dict[str, Any]:
        """The index as plain JSON values, for a cache (see from_json); each distinct value is
        written once, as encode(value)."""
        table: list[list[Any]] = []
        ids: dict[str, int] = {}

        def refs(values: list[T]) -> int | list[int]:
            out = []
            for value in values:
                encoded = encode(value)
                marker = json.dumps(encoded)
                if marker not in ids:
                    ids[marker] = len(table)
                    table.append(encoded)
                out.append(ids[marker])
            return out[0] if len(out) == 1 else out  # most forms have one value

        return {
            "values": table,
            "insensitive": {k: refs(v) for k, v in self._insensitive.items()},
            "sensitive": {k: refs(v) for k, v in self._sensitive.items()},
            "longest": self._longest,
            # every key is a prefix of itself: only the shorter ones are written
            "insensitive_prefixes": sorted(self._insensitive_prefixes - set(self._insensitive)),
            "sensitive_prefixes": sorted(self._sensitive_prefixes - set(self._sensitive)),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], decode: Callable[[Any], T]) -> FormIndex[T]:
        """The index to_json wrote (TypeError, ValueError, KeyError or IndexError for data of
        another shape)."""
        values = [decode(v) for v in data["values"]]
        size = len(values)
        index: FormIndex[T] = cls()
        for name, table in (("insensitive", index._insensitive),
                            ("sensitive", index._sensitive)):
            for key, refs in dict(data[name]).items():
                if type(refs) is int and 0 <= refs < size:
                    table[key] = [values[refs]]
                elif isinstance(refs, list) and refs:
                    table[key] = [values[_index(i, size)] for i in refs]
                else:
                    raise ValueError(f"bad values {refs!r} of the {name} form {key!r}")
        for key, width in dict(data["longest"]).items():
            index._longest[str(key)] = _index(width, 1_000)
        index._insensitive_prefixes = {*index._insensitive, *map(str, data["insensitive_prefixes"])}
        index._sensitive_prefixes = {*index._sensitive, *map(str, data["sensitive_prefixes"])}
        return index

    def lookup(self, form: str) -> list[T]:
        """Values of a form written exactly (case-sensitive) or loosely (case-insensitive)."""
        return [
            *self._sensitive.get(exact_key(form), []),
            *self._insensitive.get(normalize(form), []),
        ]

    def keys(self) -> list[str]:
        """The case-insensitive keys (for spelling-tolerant lookups)."""
        return list(self._insensitive)

    def by_key(self, key: str) -> list[T]:
        return self._insensitive.get(key, [])

    def scan(
        self, text: str, choose: Callable[[list[T], int], tuple[tuple[int, ...], R] | None],
        settled: dict[Hashable, tuple[int, R] | None] | None = None,
        setting: Callable[[str], Hashable] | None = None,
    ) -> list[Found[R]]:
        """Leftmost, non-overlapping matches in ``text``.

        At each token, every form starting there is offered to ``choose(candidates, size)``,
        which returns a score (lower is better) and the value, or None to refuse them. The
        best-scoring form wins; the scan resumes after it. ``settled``: what runs of tokens
        gave in earlier scans with a `choose` that decides alike (kept and filled by the
        caller; by default each scan starts afresh). ``setting(first token, lower case)``:
        what else `choose` decides on for the forms beginning with that token, when it
        differs between the scans sharing `settled` (a run is settled once per setting)."""
        # Tokens and their offsets without a Python step per token (a text has thousands
        # of words and few forms): split() alternates separators and tokens, so the running
        # sum of the parts' lengths gives token i's start at 2i and its end at 2i + 1.
        parts, tokens, lowered = _tokenized(text)
        bounds: list[int] | None = None  # built at the first match: most texts have none
        positions: Sequence[int] | None = None
        found: list[Found[R]] = []
        longest = self._longest
        # Only tokens that begin some form can start a match: find them in one pass.
        widths = list(map(longest.get, lowered, repeat(0)))
        resume = 0  # the scan goes on after the last match
        # what the tokens from a start give does not change within a scan: a name or a
        # common first word ("forces", "the") read again costs one look-up
        outcomes: dict[Hashable, tuple[int, R] | None] = {} if settled is None else settled
        for i in compress(range(len(widths)), widths):
            if i < resume:
                continue
            window = tokens[i : i + widths[i]]
            key = window if setting is None else (setting(lowered[i]), window)
            outcome = outcomes.get(key, _UNSETTLED)
            if outcome is _UNSETTLED:
                outcome = outcomes[key] = self._best(window, choose)
            if outcome is None:
                continue
            size, value = outcome
            if positions is None or bounds is None:
                positions = _fold_positions(text)
                bounds = list(accumulate(map(len, parts)))
            start = positions[bounds[2 * i]]
            end = positions[bounds[2 * (i + size) - 1] - 1] + 1
            found.append(Found(value, text[start:end], start, end))
            resume = i + size
        return found

    def _best(
        self, window: tuple[str, ...],
        choose: Callable[[list[T], int], tuple[tuple[int, ...], R] | None],
    ) -> tuple[int, R] | None:
        """(size in tokens, value) of the form `choose` prefers among those that start
        `window`, the tokens from one position on; None when it refuses them all."""
        sensitive_prefixes, insensitive_prefixes = (self._sensitive_prefixes,
                                                    self._insensitive_prefixes)
        # the token sequences from here that begin some form; no longer one can match
        raws: list[str] = []
        for token in window:
            raw = f"{raws[-1]} {token}" if raws else token
            if raw not in sensitive_prefixes and raw.casefold() not in insensitive_prefixes:
                break
            raws.append(raw)
        best: tuple[tuple[int, ...], int, R] | None = None
        for size in range(len(raws), 0, -1):
            raw = raws[size - 1]
            candidates = [*self._sensitive.get(raw, []), *self._insensitive.get(
                raw.casefold(), []
            )]
            if not candidates:
                continue
            chosen = choose(candidates, size)
            if chosen is not None and (best is None or chosen[0] < best[0]):
                best = (chosen[0], size, chosen[1])
        return None if best is None else (best[1], best[2])


@lru_cache(maxsize=16)
def _tokenized(text: str) -> tuple[list[str], tuple[str, ...], list[str]]:
    """fold(text) split into separators and tokens (alternating), its tokens (a tuple: a
    window of them is a key as it is sliced), and the tokens in lower case: made once for the
    scans of the same text with several indexes (the named actors and the state-force forms
    of a sentence, the actors' countries of the geocoder). The lists are shared: never
    changed."""
    folded = fold(text)
    parts = (_ASCII_TOKEN_SPLIT if folded.isascii() else _TOKEN_SPLIT).split(folded)
    tokens = tuple(parts[1::2])
    return parts, tokens, list(map(str.casefold, tokens))


def _fold_positions(text: str) -> Sequence[int]:
    """For each character of fold(text), its index in ``text``."""
    if text.isascii():
        if not _ASCII_APOSTROPHE.search(text):
            return range(len(text) + 1)  # every character kept where it is
        # the same as the loop below, without a Python step per character: every character
        # but the apostrophes kept where it is, the runs between them added whole
        kept: list[int] = []
        begin = 0
        for drop in _ASCII_APOSTROPHE.finditer(text):
            kept.extend(range(begin, drop.start()))
            begin = drop.end()
        kept.extend(range(begin, len(text) + 1))
        return kept
    positions: list[int] = []
    for index, ch in enumerate(text):
        if ch.isascii() and ch not in _APOSTROPHES:
            positions.append(index)  # the common case: one character kept as it is
        else:
            positions.extend([index] * len(fold(ch)))
    positions.append(len(text))
    return positions


def _index(value: Any, size: int) -> int:
    """A JSON integer in range(size) (a bool or a negative number is not one)."""
    if type(value) is not int or not 0 <= value < size:
        raise ValueError(f"{value!r} is not an index below {size}")
    return value
