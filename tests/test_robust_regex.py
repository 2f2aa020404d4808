"""Every regular expression of the package runs in linear time on hostile text.

Each pattern (module constants, the ones cached factories build - lexicons, matchers - and
literal patterns in re.* calls) gets the strings that defeat backtracking engines: long runs
of the characters patterns repeat, and its own words repeated as near-misses. The check counts
growth, not wall-clock: a pattern taking under a few milliseconds on the long input is fine at
any speed; otherwise the time on an input 4x longer must grow about 4x (quadratic is 16x), the
best of several runs being compared, with a generous bound for a noisy shared machine, and a
growth is confirmed over a second quadrupling before it counts.

A pattern is run the way the package runs it: scanned over text (finditer), unless the source
only ever anchors it (match/fullmatch at one position; see ANCHORED). Patterns that read the
extractor's normalised text get the input normalised (runs of spaces are one space there)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from robust_patterns import hostile_units, package_patterns, repeat_to

import conflict_events
from conflict_events.extract.stages.normalise import _SPACES, _TRANSLATE

SMALL, LARGE = 2_000, 8_000
FAST = 0.003  # seconds: below this on LARGE characters a pattern is not a risk
MAX_GROWTH = 9.0  # linear gives 4 for 4x the input, quadratic 16

# Patterns the package only ever anchors at one position, with the call that proves it
# (checked by test_anchored_patterns_are_only_anchored).
ANCHORED = {
    "conflict_events.sources.boilerplate.default_boilerplate": ("fullmatch", "_line"),
    "conflict_events.geo.matcher._organisation_pattern": ("match", "_organisation_pattern"),
    "conflict_events.geo.countrynames._CURRENCY": ("match", "_CURRENCY"),
    "conflict_events.geo.mentions._CONTEXT_GAP": ("match", "_CONTEXT_GAP"),
    "conflict_events.geo.local_areas._CLOSES_PARENTHESIS": ("match", "_CLOSES_PARENTHESIS"),
    "conflict_events.extract.stages.assemble._SUSPECT": ("fullmatch", "_SUSPECT"),
    "conflict_events.extract.stages.assemble._BACK_REFERENCE": ("fullmatch", "_BACK_REFERENCE"),
    "conflict_events.extract.stages.assemble._IN_FIRE": ("fullmatch", "_IN_FIRE"),
    "conflict_events.extract.stages.assemble._SUPPORTED": ("match", "_SUPPORTED"),
    "conflict_events.extract.stages.assemble._RELATIVE": ("fullmatch", "_RELATIVE"),
    "conflict_events.extract.listed._NEXT_PLACE": ("fullmatch", "_NEXT_PLACE"),
    "conflict_events.extract.listed._NEXT_NAME": ("fullmatch", "_NEXT_NAME"),
    "conflict_events.extract.listed._TALLY_AFTER": ("match", "_TALLY_AFTER"),
    "conflict_events.geo.geocoder._AREA_WORD": ("match", "_AREA_WORD"),
    "conflict_events.extract.stages.triggers._MODAL_AFTER": ("match", "_MODAL_AFTER"),
    "conflict_events.coding.fatalities._SINCE": ("match", "_SINCE"),
    "conflict_events.coding.subevent._FOREIGN_VICTIMS": ("match", "_FOREIGN_VICTIMS"),
    "conflict_events.extract.stages.assemble._HOW": ("match", "_HOW"),
}
# Modules whose patterns read Doc.text, the normalised text.
NORMALISED = ("conflict_events.extract.stages.", "conflict_events.coding.",
              "conflict_events.geo.mentions", "conflict_events.geo.matcher",
              "conflict_events.geo.countrynames")
_SCAN_METHODS = {"search", "finditer", "findall", "sub", "subn", "split"}


def _normalise(text: str) -> str:
    def spaces(m: re.Match[str]) -> str:
        return "\n\n" if m.group().count("\n") >= 2 else ("\n" if "\n" in m.group() else " ")

    return _SPACES.sub(spaces, text.translate(_TRANSLATE))


def _owner(name: str) -> str:
    return name.split("#")[0].split(":")[0]


def _runner(name: str, pattern: re.Pattern[str]) -> tuple[str, bool]:
    owner = _owner(name)
    how = ANCHORED.get(owner, ("finditer", ""))[0]
    if ":" in name:  # a literal in a call (MODULE:LINE:FUNCTION): run as that call runs it
        function = name.split("#")[0].split(":")[2]
        how = function if function in ("match", "fullmatch") else "finditer"
    normalised = owner.startswith(NORMALISED) and "stages.normalise" not in owner
    return how, normalised


def _seconds(pattern: re.Pattern[str], how: str, text: str, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        if how == "finditer":
            for _match in pattern.finditer(text):
                pass
        else:
            getattr(pattern, how)(text)
        best = min(best, time.perf_counter() - started)
    return best


def _growth(name: str, pattern: re.Pattern[str], words: int) -> list[str]:
    """The hostile units on which PATTERN grows faster than linearly."""
    how, normalised = _runner(name, pattern)
    slow = []
    for unit in hostile_units(pattern, words):
        def text(size: int, unit: str = unit) -> str:
            raw = repeat_to(unit, size)
            return _normalise(raw) if normalised else raw
        if _seconds(pattern, how, text(LARGE)) < FAST:
            continue
        small = _seconds(pattern, how, text(SMALL), 3)
        large = _seconds(pattern, how, text(LARGE), 3)
        if large < FAST or large / max(small, 1e-6) <= MAX_GROWTH:
            continue
        # Confirm over the next quadrupling: caches make one step of small inputs noisy.
        larger = _seconds(pattern, how, text(4 * LARGE), 3)
        if larger / large > MAX_GROWTH:
            slow.append(f"{unit!r}: {small * 1e3:.1f} ms -> {large * 1e3:.1f} ms -> "
                        f"{larger * 1e3:.1f} ms")
    return slow


PATTERNS = package_patterns()


def test_the_collection_finds_the_package_patterns() -> None:
    owners = {_owner(name) for name in PATTERNS}
    assert len(PATTERNS) >= 100
    for expected in ("conflict_events.extract.stages.dates._regex",
                     "conflict_events.extract.stages.numbers._regexes",
                     "conflict_events.extract.stages.sentences._BOUNDARY",
                     "conflict_events.extract.lexicons.trigger_lexicon",
                     "conflict_events.geo.mentions._RAW_AFTER",
                     "conflict_events.sources.boilerplate.default_boilerplate"):
        assert expected in owners, expected


def test_anchored_patterns_are_only_anchored() -> None:
    """ANCHORED is true of the source: those patterns are never scanned over a text."""
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in Path(conflict_events.__file__).parent.rglob("*.py"))
    for owner, (how, variable) in ANCHORED.items():
        # called ("P.match(") or bound for a loop ("match = P().match")
        uses = set(re.findall(rf"\b{re.escape(variable)}(?:\(\))?\.(\w+)\b", source))
        assert uses, owner
        assert not uses & _SCAN_METHODS, (owner, uses)
        assert how in uses, (owner, uses)


CHECKED = sorted(PATTERNS)


@pytest.mark.parametrize("name", CHECKED)
def test_pattern_grows_linearly(name: str) -> None:
    assert _growth(name, PATTERNS[name], words=3) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", CHECKED)
def test_pattern_grows_linearly_on_many_near_misses(name: str) -> None:
    assert _growth(name, PATTERNS[name], words=20) == []
