"""The matcher's case and context rules screened for all automaton hits of a long text at once.

A place-dense text has a name hit every fifty characters; one Python step per hit for the
rules was most of the matching time. Here the hits become numpy arrays and each rule's
necessary conditions are read for all of them in a few vectorised steps: the hits whose first
character the case rule needs capitalised and is not are dropped, the rest are sorted
leftmost-longest first, and each gets the set of rules (bits below) that could drop it. The
matcher then reads those rules, one hit at a time, only for the hits no chosen name covers. A
rule's bit may be set where the rule keeps the name (the rule decides), never left unset where
the rule would drop it.

Characters are read as numpy one-character strings (dtype <U1), whose `np.strings` predicates
give what `str.isupper` and the like give for each code point. Five NULs after the text stand
for the empty string that slicing past its end gives: a NUL is no space, letter or hyphen.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

# The rules a hit may be dropped by (matcher._rejected_by reads them).
CASE = 1  # lower-case start of a name, or an acronym ("GNA")
ORGANISATION = 2  # "Aleppo Brigade"
HYPHEN = 4  # "pro-Hadi", "Idlib-backed"
INSIDE = 8  # "Boko Haram": after another capitalised word
BEFORE = 16  # "Tal Tamer", "Bab al Faraj": before another capitalised word or an article

_SPACE, _HYPHEN, _APOSTROPHE, _UNDERSCORE = ord(" "), ord("-"), ord("'"), ord("_")
_RIGHT_QUOTE = ord("’")
# how many characters after a name the organisation and article screens read
_LOOKAHEAD = 4

Codes = npt.NDArray[np.int64]


class Screened(NamedTuple):
    """The kept hits, sorted by name start, longest name first, then pattern id (Python
    lists: the matcher's loop reads them one at a time); `rules` holds each hit's rule bits."""

    starts: list[int]
    ends: list[int]
    pattern_ids: list[int]
    entries: list[int]
    rules: list[int]


class ScreenWords(NamedTuple):
    """The words the context rules read after a name (matcher.py)."""

    organisation_words: frozenset[str]  # any case, after white space
    next_word_initials: frozenset[str]  # a longer name's next word starts with one of these
    articles: frozenset[str]  # lower-case words that may go on a longer name ("al", "bin")


def screen(text: str, hits: Sequence[tuple[int, int, int]], entries: npt.NDArray[np.int64],
           lower_start: int, shouting: bool, words: ScreenWords) -> Screened:
    """`hits` of the automaton over the padded fold of `text` (pattern start, end, id), with
    `entries` the packed entry of each pattern id (automaton.py)."""
    count = len(hits)
    pattern_start = np.fromiter(map(_FIRST, hits), dtype=np.int64, count=count)
    pattern_id = np.fromiter(map(_THIRD, hits), dtype=np.int64, count=count)
    chars = np.frombuffer((text + "\0" * (_LOOKAHEAD + 1)).encode("utf-32-le", "surrogatepass"),
                          dtype="<U1")
    codes = chars.view(np.uint32)
    if not shouting:
        # A hit's first padded character is a space, so text[pattern start] is the first
        # character of its pattern's name; patterns from lower_start on need it capitalised.
        first = codes[pattern_start]
        keep = (pattern_id < lower_start) | _ascii_capital(first)
        wide = first >= 128
        if wide.any():
            keep[wide] |= np.strings.isupper(chars[pattern_start[wide]])
        pattern_start, pattern_id = pattern_start[keep], pattern_id[keep]
    entry = entries[pattern_id]
    start = pattern_start + ((entry >> 8) & 0xFF) - 1
    length = entry & 0xFF
    order = np.lexsort((pattern_id, -length, start))
    start, length, pattern_id, entry = start[order], length[order], pattern_id[order], entry[order]
    end = start + length
    single = (entry & 0x10000) != 0

    # Below, a character that is not ASCII counts as one that could meet each condition.
    before = codes[start - 1].astype(np.int64)  # index -1 when start is 0: a NUL
    after = codes[end].astype(np.int64)
    following = [codes[end + k].astype(np.int64) for k in range(1, _LOOKAHEAD + 1)]
    lowered = [_lowered(code) for code in following]
    rules = np.where((before == _HYPHEN) | (after == _HYPHEN), HYPHEN, 0)
    rules |= np.where(_maybe_space(after) & _may_start_organisation(following, lowered, words),
                      ORGANISATION, 0)
    if not shouting:
        # a lower-case start the rule reads itself ("al-Hasakah", "town of hit"), or an
        # acronym, which never ends in a lower-case letter
        last = codes[end - 1]
        rules |= np.where((pattern_id < lower_start)
                          | (single & (length <= 6) & ~((last >= ord("a")) & (last <= ord("z")))),
                          CASE, 0)
        rules |= np.where(single & _after_capitalised_word(start, before, codes), INSIDE, 0)
        rules |= np.where(single & ((after == _SPACE) | (after == _HYPHEN))
                          & _may_start_longer_name(following, lowered, words), BEFORE, 0)
    return Screened(start.tolist(), end.tolist(), pattern_id.tolist(), entry.tolist(),
                    rules.tolist())


_FIRST = itemgetter(0)
_THIRD = itemgetter(2)


def _ascii_capital(code: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    return (code >= ord("A")) & (code <= ord("Z"))


def _maybe_space(code: Codes) -> npt.NDArray[np.bool_]:
    """str.isspace for ASCII ("\t\n\v\f\r", "\x1c"-"\x1f", " "); True for the rest."""
    return ((code >= 9) & (code <= 13)) | ((code >= 0x1C) & (code <= 0x20)) | (code >= 128)


def _lowered(code: Codes) -> Codes:
    """ASCII capitals lowered; other codes as they are."""
    return np.where((code >= ord("A")) & (code <= ord("Z")), code | 0x20, code)


def _key(lowered: list[Codes], length: int) -> Codes:
    """The first `length` characters after a name, lowered, as one number."""
    key = lowered[0]
    for code in lowered[1:length]:
        key = key * 128 + code
    return key


def _member(values: Codes, keys: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """values in the sorted `keys` (np.isin costs several times more on a few keys)."""
    found = keys[np.minimum(np.searchsorted(keys, values), len(keys) - 1)]
    return found == values


def _word_key(word: str) -> int:
    key = 0
    for character in word:
        key = key * 128 + ord(character)
    return key


@cache
def _organisation_prefixes(words: frozenset[str]) -> dict[int, npt.NDArray[np.int64]] | None:
    """Per prefix length, the organisation words' first characters as numbers; None when a
    word is not ASCII (a case-insensitive match may then meet non-ASCII text)."""
    prefixes: dict[int, set[int]] = {}
    for word in words:
        if not word.isascii():
            return None
        prefix = word.lower()[:_LOOKAHEAD]
        prefixes.setdefault(len(prefix), set()).add(_word_key(prefix))
    return {n: np.array(sorted(keys), dtype=np.int64) for n, keys in prefixes.items()}


def _may_start_organisation(following: list[Codes], lowered: list[Codes],
                            words: ScreenWords) -> npt.NDArray[np.bool_]:
    """Where the organisation pattern (white space, then an organisation word in any case)
    may match after a name that a white-space character ends: more white space, a character
    that is not ASCII, or the lowered first letters of an organisation word."""
    prefixes = _organisation_prefixes(words.organisation_words)
    if prefixes is None:
        return np.ones(len(following[0]), dtype=np.bool_)
    possible = _maybe_space(following[0])
    for length, keys in prefixes.items():
        not_ascii = np.zeros(len(following[0]), dtype=np.bool_)
        for code in following[:length]:
            not_ascii |= code >= 128
        possible |= not_ascii | _member(_key(lowered, length), keys)
    return possible


@cache
def _article_keys(articles: frozenset[str]) -> dict[int, npt.NDArray[np.int64]]:
    keys: dict[int, set[int]] = {}
    for article in articles:
        if article.isascii() and len(article) < _LOOKAHEAD:
            keys.setdefault(len(article), set()).add(_word_key(article.lower()))
    return {n: np.array(sorted(k), dtype=np.int64) for n, k in keys.items()}


def _ascii_word_character(code: Codes) -> npt.NDArray[np.bool_]:
    r"""[\w'] for an ASCII code."""
    lowered = code | 0x20
    letter = (lowered >= ord("a")) & (lowered <= ord("z"))
    digit = (code >= ord("0")) & (code <= ord("9"))
    return letter | digit | (code == _UNDERSCORE) | (code == _APOSTROPHE)


def _may_start_longer_name(following: list[Codes], lowered: list[Codes],
                           words: ScreenWords) -> npt.NDArray[np.bool_]:
    """Where the word after a name's space or hyphen may go on a longer name: a capital, or
    one of the articles written as a whole word. A non-ASCII character in the first few
    letters leaves it open."""
    first = following[0]
    initials = np.zeros(128, dtype=np.bool_)
    for initial in words.next_word_initials:
        if len(initial) == 1 and initial.isascii():
            initials[ord(initial)] = True
    possible = (first < 128) & initials[np.minimum(first, 127)]
    capital = (first >= ord("A")) & (first <= ord("Z"))
    article = np.zeros(len(first), dtype=np.bool_)
    undecided = np.zeros(len(first), dtype=np.bool_)
    for length, keys in _article_keys(words.articles).items():
        # the whole word: the character after it is no word character ([\w'’])
        next_code = following[length]
        ends = (next_code < 128) & ~_ascii_word_character(next_code)
        article |= ends & _member(_key(lowered, length), keys)
    for code in following:
        undecided |= code >= 128
    if any(len(a) >= _LOOKAHEAD or not a.isascii() for a in words.articles):
        undecided[:] = True
    return possible & (capital | article | undecided)


def _after_capitalised_word(start: Codes, before: Codes,
                            codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
    """Where a name is preceded by a space and a word that may count as part of a longer
    name (matcher._inside_longer_name): one that starts within thirty characters with a
    capital, and whose last character is a letter, digit or apostrophe."""
    last = codes[np.maximum(start - 2, 0)]
    possible = (before == _SPACE) & (start > 1) & (
        (last >= 128) | _ascii_word_character(last.astype(np.int64)))
    spaces = np.flatnonzero(codes == _SPACE)
    # the last space before the one in front of the name, as str.rfind finds it
    previous = np.searchsorted(spaces, start - 1) - 1
    space_before = spaces[np.maximum(previous, 0)] if len(spaces) else np.zeros_like(start)
    # (a word at the text's start, word_start 0, is never taken for part of a longer name)
    in_window = (previous >= 0) & (space_before >= np.maximum(start - 30, 0))
    initial = codes[np.where(in_window, space_before + 1, 0)]
    return possible & in_window & (_ascii_capital(initial) | (initial >= 128))
