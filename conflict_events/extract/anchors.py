"""Run a large regular expression only where it can begin.

Python's regex engine tries a pattern at every character of the text, and a pattern that is an
alternation of hundreds of phrases (the trigger lexicon, the generic actors, the date forms)
tries every alternative there. `AnchoredRegex` reads the compiled pattern once and works out
the literal beginnings of its matches (up to a few characters, case folded: "air", "shell",
"killi"); one Aho-Corasick pass over the text then gives the only positions where a match can
start, and the regex is tried there alone.

The matches are the same as `regex.finditer(text, start, end)`: every match starts with one of
the beginnings (they are derived from the pattern itself, erring on the side of more
positions), each is tried in text order with the same pattern, and after a match the search
resumes at its end, as finditer does. A pattern whose matches can begin with anything (one
starting with `\\w` or `.`) gets no anchors and runs as a plain finditer.

Case: beginnings are folded to lower-case ASCII. The text is folded character for character
(same offsets): ASCII to lower case, and the few other characters the regex engine treats as
equal to an ASCII letter when ignoring case (the Kelvin sign, the long s, the dotless i) to that
letter, other decimal digits to "0" and other white space to " ". Parts of a pattern that are
case-sensitive are folded too, which only adds positions to try.

Working out the beginnings parses every pattern, a large share of startup for the lexicons:
the result (the "plan") is cached as JSON in the user cache directory (conflict_events.cache),
keyed by the patterns themselves, under a fingerprint of this module and the Python version.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's own pattern parser (private, stable since 3.11)
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from conflict_events.cache import CompiledCache, digest
from conflict_events.folding import fold_by_runs

MAX_ANCHOR = 6  # characters of a beginning: enough to tell "shell" from "shelter"
# characters of a required string (see `required`): enough to tell "governorship" from
# "government", "regiment" from "regime"
MAX_REQUIRED = 12
MAX_REQUIRED_STRINGS = 40  # each is one str.find over the text
MAX_ANCHORS = 20_000  # beyond this many beginnings the expansion stops growing them
MAX_CLASS = 40  # a character class of more members than this ends a beginning
# an alternation with at most this many screened alternatives keeps one automaton per set of
# them absent from a span (at most 2 ** this many)
MAX_SCREENED_AUTOMATA = 4

# the ASCII characters \d and \s match (the others are folded to "0" and " ")
_DIGITS = frozenset(c for c in map(chr, range(128)) if re.fullmatch(r"\d", c))
_SPACES = frozenset(c for c in map(chr, range(128)) if re.fullmatch(r"\s", c))

Expansion = set[tuple[str, bool]]  # (folded beginning, True when it is the whole item)


class _Unbounded(Exception):
    """The item can begin with too many characters to list."""


def _class_chars(items: list[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av))
        elif name == "RANGE":
            lo, hi = av
            if hi - lo > MAX_CLASS:
                raise _Unbounded
            chars.update(chr(c) for c in range(lo, hi + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            chars.update(_DIGITS)
        elif name == "CATEGORY" and str(av) == "CATEGORY_SPACE":
            chars.update(_SPACES)
        else:  # NEGATE, word categories: too many
            raise _Unbounded
    if len(chars) > MAX_CLASS or not all(c.isascii() for c in chars):
        raise _Unbounded
    return {c.lower() for c in chars}


def _item(op: Any, av: Any, size: int) -> Expansion:
    """The beginnings of one parsed item."""
    name = str(op)
    if name == "LITERAL":
        c = chr(av)
        if not c.isascii():
            raise _Unbounded
        return {(c.lower(), True)}
    if name == "IN":
        return {(c, True) for c in _class_chars(av)}
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {("", True)}  # zero-width: ignoring the condition only adds positions
    if name == "SUBPATTERN":
        return _sequence(av[3], size)
    if name == "ATOMIC_GROUP":
        return _sequence(av, size)
    if name == "BRANCH":
        out: Expansion = set()
        for branch in av[1]:
            out |= _sequence(branch, size)
        return out
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        once = _sequence(sub, size)
        if high != 1:  # more repetitions may follow: a beginning, not the whole item
            once = {(s, False) for s, _ in once}
        return ({("", True)} | once) if low == 0 else once
    raise _Unbounded  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...


def _sequence(items: Any, size: int = MAX_ANCHOR) -> Expansion:
    """The beginnings of a parsed sequence, of at most `size` characters."""
    current: Expansion = {("", True)}
    for op, av in items:
        if all(not whole for _, whole in current):
            break
        try:
            following = _item(op, av, size)
        except _Unbounded:
            return {(s, False) for s, _ in current}
        grown: Expansion = set()
        for text, whole in current:
            if not whole:
                grown.add((text, False))
                continue
            for more, more_whole in following:
                joined = text + more
                if len(joined) >= size:
                    grown.add((joined[:size], False))
                else:
                    grown.add((joined, more_whole))
        if len(grown) > MAX_ANCHORS:
            return {(s, False) for s, _ in current}
        current = grown
    return current


def _parse(pattern: str, flags: int) -> Expansion | None:
    """The beginnings of a pattern, or None when the parser cannot read it (a parser of a later
    Python that changed shape): the caller then matches everywhere, as a plain regex does."""
    try:
        return _sequence(list(sre_parse.parse(pattern, flags)))
    except Exception:  # any failure only costs speed, never matches
        return None


def _can_match_empty(pattern: str, flags: int) -> bool:
    found = _parse(pattern, flags)
    return found is None or ("", True) in found


def anchors(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """The folded beginnings every match of the pattern starts with, or None when a match can
    begin with (almost) anything."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    expansion = _parse(source, flags)
    if expansion is None:
        return None
    found = {text for text, _ in expansion}
    if "" in found:
        return None
    return _shortest(found)


def _shortest(found: set[str]) -> frozenset[str]:
    """Only the shortest: a beginning that starts with another adds nothing."""
    kept: set[str] = set()
    for text in sorted(found, key=len):
        if not any(text[:n] in kept for n in range(1, len(text))):
            kept.add(text)
    return frozenset(kept)


def _opened(items: Any) -> list[tuple[Any, Any]]:
    """The items of a parsed sequence, with the groups in it opened up into theirs (a group
    holds a sequence; case flags do not matter to folded beginnings)."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if str(op) == "SUBPATTERN":
            out.extend(_opened(av[3]))
        else:
            out.append((op, av))
    return out


def required(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """Folded strings one of which every match of the pattern contains, after its first item:
    the beginnings of the rest of the pattern from some item on, which every match ends with
    ("(?:the|a) (?:\\w+ )?march" -> "march"), the longest strong ones (is_weak); None when
    there are none. A text without any of them holds no match."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    try:
        items = _opened(sre_parse.parse(source, flags))
    except Exception:  # any failure only costs speed, never matches
        return None
    best: frozenset[str] | None = None
    for first in range(1, len(items)):
        found = {text for text, _ in _sequence(items[first:], MAX_REQUIRED)}
        if "" in found:
            continue
        kept = _shortest(found)
        # a string holding another adds nothing ("was killed", "killed")
        kept = frozenset(text for text in kept if not any(
            other != text and other in text for other in kept))
        # at least three characters ("the", not " " or ", ") and few strings; the rarest in
        # text: the longest shortest string (up to a word's length), then the fewest strings
        if (min(map(len, kept)) >= 3 and len(kept) <= MAX_REQUIRED_STRINGS
                and not is_weak(kept) and (best is None or _rarity(kept) > _rarity(best))):
            best = kept
    return best


def _rarity(found: frozenset[str]) -> tuple[int, int]:
    return min(MAX_ANCHOR, *map(len, found)), -len(found)


@lru_cache(maxsize=4096)
@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """The ASCII character a non-ASCII one stands for in the folded text (itself if none)."""
    for letter in "abcdefghijklmnopqrstuvwxyz":
        if re.fullmatch(letter, ch, re.IGNORECASE):
            return letter
    if re.fullmatch(r"\d", ch):
        return "0"
    if re.fullmatch(r"\s", ch):
        return " "
    return ch


def fold(text: str) -> str:
    """The text with each character folded as the anchors are (same length, same offsets)."""
    return fold_by_runs(text, str.lower, lambda run: "".join(map(_fold_char, run)))


def is_weak(found: frozenset[str] | None) -> bool:
    """Beginnings too common to be worth a pass: none at all, or a letter or two ("a", "ab"),
    which begin a large share of all words."""
    return found is None or any(len(text) < 3 and text.isalpha() for text in found)


@cache
def _compiled() -> CompiledCache:
    """The cache of the plans below: they are worked out by this module with the Python
    version's own regex parser, so both are in its fingerprint."""
    return CompiledCache("anchors", __file__)


def _screen(pattern: str | re.Pattern[str], found: frozenset[str] | None) -> list[str] | None:
    """The strings one of which a match holds after its beginning (`required`), when its
    beginnings `found` are as common as a short word or a digit (or it has none: None) and
    they are longer: where none of them lies, the pattern is not tried. "(?:the|a) (?:\\w+
    )?march" begins at every "the", but is tried only before a "march"."""
    shortest = 0 if found is None else min(map(len, found))
    later = required(pattern)
    if later is None or shortest > 3 or min(map(len, later)) <= shortest:
        return None
    return sorted(later)


def _regex_plan(regex: re.Pattern[str]) -> dict[str, Any] | None:
    """The beginnings to anchor a regex on (None: too weak, a plain finditer) and the strings
    to screen it with (_screen), or None to run it as a plain finditer everywhere."""
    if _can_match_empty(regex.pattern, regex.flags):
        return None  # it can match '': finditer's handling of empty matches is not mimicked
    found = anchors(regex)
    if found is None or is_weak(found):
        return {"anchors": None, "required": _screen(regex, None)}
    return {"anchors": sorted(found), "required": _screen(regex, found)}


def _strings(data: Any) -> list[str]:
    if not isinstance(data, list) or not data or not all(isinstance(t, str) and t for t in data):
        raise ValueError("not a list of strings")
    return data


def _decode_regex_plan(data: Any) -> tuple[list[str] | None, list[str] | None] | None:
    if data is None:
        return None
    found, later = data["anchors"], data["required"]
    return (None if found is None else _strings(found),
            None if later is None else _strings(later))


def _decode_alternation_plan(
    data: Any, size: int
) -> tuple[list[int], dict[str, list[int]], dict[int, list[str]]] | None:
    if data is None:
        return None
    weak, by_anchor, screens = data["weak"], data["anchors"], data["required"]

    def numbers(values: Any) -> list[int]:
        if not isinstance(values, list) or not all(
                type(v) is int and 0 <= v < size for v in values):
            raise ValueError("not a list of alternative numbers")
        return values

    if not isinstance(by_anchor, dict) or not all(isinstance(t, str) and t for t in by_anchor):
        raise ValueError("not a table of beginnings")
    if not isinstance(screens, dict):
        raise ValueError("not a table of required strings")
    return (numbers(weak), {text: numbers(ids) for text, ids in by_anchor.items()},
            {numbers([int(n)])[0]: _strings(texts) for n, texts in screens.items()})


def _strings_automaton(texts: Iterable[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for text in texts:
        automaton.add_word(text, len(text))
    automaton.make_automaton()
    return automaton


def _last_required(texts: Sequence[str], probe: str, start: int, end: int) -> int:
    """The last start in [start, end) of one of the strings in the folded text, start - 1 when
    none is there. A few str.rfind in C cost less than an automaton pass with a Python step
    per hit: some required strings are common words."""
    return max(start - 1, *(probe.rfind(text, start, end) for text in texts))


# Openings of a pattern that rule out a match right after a word character (as \w reads it:
# str.isalnum() or "_") and the other characters given: "(?<![\w-])" fails after "-" too.
_NOT_AFTER_WORD = {r"(?<![\w])": "_", r"(?<!\w)": "_", r"(?<![\w-])": "_-"}


def _not_after(pattern: str, flags: int, beginnings: Iterable[str]) -> str | None:
    """The characters besides letters and digits that, just before a position, rule out a
    match of the pattern there; None when it opens otherwise. Most patterns open with a word
    boundary, and a beginning found in the middle of a word ("a " in "Somalia ", "2" in
    "2020") is then not tried: the character before it is read, not the regex run. "\\b"
    counts when every beginning opens with a word character. Only Unicode patterns: with
    re.ASCII, \\w is not str.isalnum()."""
    if flags & re.ASCII:
        return None
    for opening, also in _NOT_AFTER_WORD.items():
        if pattern.startswith(opening):
            return also
    words = [text[:1] for text in beginnings]
    if pattern.startswith(r"\b") and words and all(c.isalnum() or c == "_" for c in words):
        return "_"
    return None


def _after(text: str, position: int, also: str) -> bool:
    """Whether the character before `position` is a word character or one of `also`."""
    if not position:
        return False
    before = text[position - 1]
    return before.isalnum() or before in also


class AnchoredRegex:
    """A compiled regex with the Aho-Corasick automaton of its beginnings; without strong ones
    (`is_weak`) it runs as a plain finditer, in a span holding a string it requires."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.automaton: ahocorasick.Automaton | None = None
        # what a match holds after its beginning, when rarer (see _screen)
        self.required: tuple[str, ...] = ()
        # what, just before a beginning, rules a match out besides a word character
        self.not_after: str | None = None
        key = digest(["regex", regex.pattern, str(regex.flags)])
        plan = _compiled().get(key, lambda: _regex_plan(regex), _decode_regex_plan)
        if plan is None:
            return
        found, later = plan
        if later:
            self.required = tuple(later)
        if found is None:
            return
        self.not_after = _not_after(regex.pattern, regex.flags, found)
        automaton = ahocorasick.Automaton()
        for text in found:
            automaton.add_word(text, len(text))
        automaton.make_automaton()
        self.automaton = automaton

    @property
    def anchored(self) -> bool:
        return self.automaton is not None

    def starts(self, text: str, start: int, end: int, folded: str | None = None) -> list[int]:
        """Positions in [start, end) where a match can begin, in order."""
        if self.automaton is None:
            return list(range(start, end))
        probe = fold(text) if folded is None else folded
        found = {last + 1 - size for last, size in self.automaton.iter(probe, start, end)}
        also = self.not_after
        if also is None:
            return sorted(found)
        return sorted(position for position in found if not _after(text, position, also))

    def finditer(
        self, text: str, start: int = 0, end: int | None = None, folded: str | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of regex.finditer(text, start, end). `folded` is fold(text), when the
        caller runs several patterns over the same text."""
        end = len(text) if end is None else end
        if not self.anchored:
            if self.required and _last_required(
                    self.required, fold(text) if folded is None else folded, start, end) < start:
                return  # none of the required strings: no match
            yield from self.regex.finditer(text, start, end)
            return
        probe = fold(text) if folded is None else folded
        limit = end
        if self.required:
            limit = _last_required(self.required, probe, start, end)
            if limit < start:
                return  # none of the required strings: no match
        positions = self.starts(text, start, min(end, limit + MAX_ANCHOR), probe)
        yield from self._matches_at(text, positions, start, end, limit)

    def _matches_at(self, text: str, positions: Iterable[int], start: int,
                    end: int, limit: int | None = None) -> Iterator[re.Match[str]]:
        """The matches tried at `positions` (in order) within [start, end), as finditer
        gives them: after a match the search resumes at its end. None begins after `limit`
        (the last required string)."""
        match = self.regex.match
        resume = start
        limit = end if limit is None else limit
        for position in positions:
            if position > limit:
                break
            if position < resume:
                continue
            m = match(text, position, end)
            if m is not None:
                yield m
                resume = m.end()  # never empty: an anchored pattern cannot match ''


def _owners_automaton(owners: dict[str, list[int]]) -> ahocorasick.Automaton | None:
    """One automaton of the beginnings of several patterns: each beginning gives its length
    and the numbers of the patterns that may start with it."""
    if not owners:
        return None
    automaton = ahocorasick.Automaton()
    for text, ids in owners.items():
        automaton.add_word(text, (len(text), tuple(ids)))
    automaton.make_automaton()
    return automaton


class AnchoredRegexes:
    """Several AnchoredRegex run over the same span with one Aho-Corasick pass for all their
    beginnings, instead of one pass each (a stage that tries a dozen forms at once)."""

    def __init__(self, matchers: Sequence[AnchoredRegex]) -> None:
        self.matchers = tuple(matchers)
        owners: dict[str, list[int]] = {}
        for n, matcher in enumerate(self.matchers):
            if matcher.automaton is not None:
                for text in matcher.automaton:  # its beginnings
                    owners.setdefault(text, []).append(n)
        self.automaton = _owners_automaton(owners)

    def finditer_each(
        self, text: str, start: int = 0, end: int | None = None, folded: str | None = None
    ) -> list[Iterator[re.Match[str]]]:
        """For each matcher, in order, the matches of its regex.finditer(text, start, end):
        every beginning of every matcher is found in the one pass, so each is tried at the
        same positions as alone."""
        end = len(text) if end is None else end
        starts: list[set[int]] = [set() for _ in self.matchers]
        limits = [end] * len(self.matchers)
        if self.automaton is not None:
            probe = fold(text) if folded is None else folded
            limits = [_last_required(matcher.required, probe, start, end) if matcher.required
                      else end for matcher in self.matchers]
            not_after = [matcher.not_after for matcher in self.matchers]
            for last, (size, ids) in self.automaton.iter(probe, start, end):
                position = last + 1 - size
                previous = text[position - 1] if position else " "
                word = previous.isalnum()
                for n in ids:
                    also = not_after[n]
                    # none begins after the last string it requires (_matches_at)
                    if position <= limits[n] and (also is None
                                                  or not (word or previous in also)):
                        starts[n].add(position)
        return [
            matcher._matches_at(text, sorted(found), start, end, limit) if matcher.anchored
            else matcher.regex.finditer(text, start, end)
            for matcher, found, limit in zip(self.matchers, starts, limits, strict=True)
        ]


class AnchoredAlternation:
    """A regex `before (?:(?P<g1>a|b)|(?P<g2>c)|...) after` built from named groups of
    alternatives (a lexicon: one group per entry), matched only where an alternative can begin.

    At each such position only the alternatives that can begin there are tried, in their
    order, by a smaller regex of the same shape (built once per set of alternatives): the
    alternatives left out cannot match there, so the first one that matches, and the match,
    are those of the whole regex. `regex` is the whole regex, matching the same."""

    def __init__(self, groups: Sequence[tuple[str, Sequence[str]]], *, before: str = "",
                 after: str = "", flags: int = 0) -> None:
        self.before, self.after, self.flags = before, after, flags
        self.alternatives: list[tuple[str, str]] = [
            (name, pattern) for name, patterns in groups for pattern in patterns
        ]
        self._regex: re.Pattern[str] | None = None
        self.automaton: ahocorasick.Automaton | None = None
        self.weak: re.Pattern[str] | None = None
        self.weak_ids: frozenset[int] = frozenset()
        self._subsets: dict[frozenset[int], re.Pattern[str]] = {}
        # the alternatives screened by the strings they require (_screen), and those strings
        self.screened: frozenset[int] = frozenset()
        self._screens: dict[int, list[str]] = {}
        # beginning -> the alternatives that may start with it; the automata of the
        # beginnings less the screened alternatives absent from a span, by those absent ones
        self._by_anchor: dict[str, frozenset[int]] = {}
        self._without: dict[frozenset[int], ahocorasick.Automaton | None] = {}
        key = digest(["alternation", before, after, str(flags),
                      *(part for alternative in self.alternatives for part in alternative)])
        plan = _compiled().get(key, self._plan,
                               lambda data: _decode_alternation_plan(data, len(self.alternatives)))
        if plan is None:
            return  # nothing to anchor: the whole regex everywhere
        weak, by_anchor, screens = plan
        self.screened, self._screens = frozenset(screens), screens
        self._screen_automata = {number: _strings_automaton(texts)
                                 for number, texts in screens.items()}
        if weak:
            joined = "|".join(self.alternatives[n][1] for n in weak)
            self.weak = re.compile(f"{before}(?=(?:{joined}))", flags)  # compiled in _plan
            self.weak_ids = frozenset(weak)
        self._by_anchor = {text: frozenset(ids) for text, ids in by_anchor.items()}
        self.automaton = self._beginnings_automaton(frozenset())

    @property
    def regex(self) -> re.Pattern[str]:
        """The whole regex. Compiled when first needed once the plan came from the cache: the
        same patterns compiled when the plan was made, and most matching never needs it."""
        if self._regex is None:
            self._regex = self._compile(range(len(self.alternatives)))
        return self._regex

    def _plan(self) -> dict[str, Any] | None:
        """Which alternatives are tried by a lookahead scan ("weak": no strong beginnings or
        do not compile alone) and which at each beginning ("anchors": beginning -> their
        numbers); None when the whole regex must run everywhere. Compiles the whole regex
        first, so that a pattern that does not compile is reported here as before."""
        flags = self.flags
        self._regex = self._compile(range(len(self.alternatives)))
        by_anchor: dict[str, set[int]] = {}
        weak: list[int] = []
        screens: dict[str, list[str]] = {}
        for n, (_, pattern) in enumerate(self.alternatives):
            try:
                compiled = re.compile(pattern, flags)
            except re.error:
                weak.append(n)
                continue
            if _can_match_empty(pattern, flags):
                return None  # an alternative that can match '': the whole regex everywhere
            found = anchors(compiled)
            if is_weak(found):
                weak.append(n)
                found = None
            else:
                for text in found or ():
                    by_anchor.setdefault(text, set()).add(n)
            later = _screen(compiled, found)
            if later is not None:
                screens[str(n)] = later
        if len(weak) == len(self.alternatives):
            return None
        if weak:
            joined = "|".join(self.alternatives[n][1] for n in weak)
            try:
                re.compile(f"{self.before}(?=(?:{joined}))", flags)
            except re.error:  # e.g. a group name used twice: the whole regex everywhere
                return None
        return {"weak": weak, "anchors": {text: sorted(ids) for text, ids in by_anchor.items()},
                "required": screens}

    def _compile(self, ids: Iterable[int]) -> re.Pattern[str]:
        parts: list[str] = []
        current: str | None = None
        for n in sorted(ids):
            name, pattern = self.alternatives[n]
            if name != current:
                if current is not None:
                    parts.append(")")
                parts.append(f"{'|' if current is not None else ''}(?P<{name}>{pattern}")
                current = name
            else:
                parts.append(f"|{pattern}")
        if current is not None:
            parts.append(")")
        return re.compile(f"{self.before}(?:{''.join(parts)}){self.after}", self.flags)

    def required_of(self, number: int) -> list[str]:
        """The required strings of a screened alternative."""
        return self._screens.get(number, [])

    def _absent(self, probe: str, start: int, end: int) -> frozenset[int]:
        """The screened alternatives none of whose required strings lies in [start, end):
        each an automaton pass that stops at the first."""
        if not self._screens:
            return self.screened
        return frozenset(number for number, automaton in self._screen_automata.items()
                         if next(automaton.iter(probe, start, end), None) is None)

    def _beginnings_automaton(self, absent: frozenset[int]) -> ahocorasick.Automaton | None:
        """The automaton of the beginnings, each giving its length and the alternatives that
        may start with it, those in `absent` left out (None when no beginning is left)."""
        automaton = ahocorasick.Automaton()
        for text, ids in self._by_anchor.items():
            if not ids <= absent:
                automaton.add_word(text, (len(text), ids - absent))
        if not len(automaton):
            return None
        automaton.make_automaton()
        return automaton

    def _automaton_without(self, absent: frozenset[int]
                           ) -> tuple[ahocorasick.Automaton | None, frozenset[int]]:
        """The automaton to search a span from which the screened alternatives `absent` are
        absent, and those of them it still reports: most texts hold none of the rare words
        that screen an alternative beginning with "the" or a digit, and the beginnings of
        those alternatives alone ("the ", "2") would be found, and dropped, all over it."""
        if not absent or len(self.screened) > MAX_SCREENED_AUTOMATA:
            return self.automaton, absent
        if absent not in self._without:
            self._without[absent] = self._beginnings_automaton(absent)
        return self._without[absent], frozenset()

    def _subset(self, ids: frozenset[int]) -> re.Pattern[str]:
        regex = self._subsets.get(ids)
        if regex is None:
            regex = self._subsets[ids] = self._compile(ids)
        return regex

    def finditer(
        self, text: str, start: int = 0, end: int | None = None, folded: str | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of regex.finditer(text, start, end) (the groups of a match found by a
        smaller regex have the same names; unnamed groups are not numbered alike)."""
        end = len(text) if end is None else end
        if self.automaton is None:
            yield from self.regex.finditer(text, start, end)
            return
        probe = fold(text) if folded is None else folded
        absent = self._absent(probe, start, end)
        automaton, unread = self._automaton_without(absent)
        at: dict[int, frozenset[int]] = {}
        for last, (size, ids) in automaton.iter(probe, start, end) if automaton else ():
            if unread and not unread.isdisjoint(ids):
                ids = ids - unread  # they cannot match here
                ids = ids - absent  # they cannot match here
                if not ids:
                    continue
            position = last + 1 - size
            seen = at.get(position)
            at[position] = ids if seen is None else seen | ids
        if self.weak is not None and not self.weak_ids <= absent:
            for weak in self.weak.finditer(text, start, end):
                seen = at.get(weak.start())
                at[weak.start()] = self.weak_ids if seen is None else seen | self.weak_ids
        resume = start
        for position in sorted(at):
            if position < resume:
                continue
            found = self._subset(at[position]).match(text, position, end)
            if found is not None:
                yield found
                resume = found.end()  # never empty: no alternative matches ''


class Words:
    """Whether one of some ASCII words lies in a span, ignoring case as the regex engine
    does: one automaton pass over the folded text (fold) that stops at the first. An
    IGNORECASE alternation of words has no literal to skip to and compares every word at
    every character, which over an article costs a hundred times more."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(words)
        if not all(word.isascii() and word for word in self.words):
            raise ValueError("Words holds non-empty ASCII words only")
        self._automaton = _strings_automaton(word.lower() for word in self.words)

    def any_in(self, folded: str, start: int = 0, end: int | None = None) -> bool:
        """Whether one of the words lies in folded[start:end], folded being fold(text)."""
        end = len(folded) if end is None else end
        return next(self._automaton.iter(folded, start, end), None) is not None


class AnchoredSearch:
    """regex.search of several patterns in the same short text (the words before a name),
    with one Aho-Corasick pass over the beginnings of all of them: each pattern is then tried
    only where one of its beginnings is, left to right, so its first match is the one search
    gives. Unlike AnchoredRegex, short beginnings ("in", "at") are kept: over a short text
    the one pass costs less than trying each pattern at every character. A pattern whose
    matches can begin anywhere, or that was not given, is searched as usual."""

    def __init__(self, regexes: Iterable[re.Pattern[str]]) -> None:
        self._ids: dict[re.Pattern[str], int] = {}
        owners: dict[str, list[int]] = {}
        for regex in regexes:
            if regex in self._ids or _can_match_empty(regex.pattern, regex.flags):
                continue
            found = anchors(regex)
            if found is None:
                continue
            number = self._ids[regex] = len(self._ids)
            for text in found:
                owners.setdefault(text, []).append(number)
        self.automaton = _owners_automaton(owners)

    def in_text(self, text: str, folded: str | None = None
                ) -> Callable[[re.Pattern[str]], re.Match[str] | None]:
        """A function giving regex.search(text) for a pattern; `folded` is fold(text) when the
        caller has it (a slice of the folded article)."""
        starts: list[set[int]] = [set() for _ in self._ids]
        if self.automaton is not None:
            for last, (size, ids) in self.automaton.iter(fold(text) if folded is None else folded):
                for number in ids:
                    starts[number].add(last + 1 - size)

        def search(regex: re.Pattern[str]) -> re.Match[str] | None:
            number = self._ids.get(regex)
            if number is None:
                return regex.search(text)
            for position in sorted(starts[number]):
                found = regex.match(text, position)
                if found is not None:
                    return found
            return None

        return search
