"""Shortcuts taken for extraction speed give what the longer way gives: the word screen before
the single-death regex (and every alternative of that regex holds a screened word), the one
automaton pass for the focus cues' pieces, the geocoder's Locations kept per place and its
mention copies, the place offsets mapped back by bisection, the event id's key of ASCII text.
Texts: the example articles, invented sentences, and the same with the characters IGNORECASE
folds specially (Kelvin sign, long s, dotless i, dotted capital I)."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

# the parser the re module compiles with (private; these names since Python 3.11)
from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
from re._parser import parse
from typing import Any

import pytest

from conflict_events.coding import fatalities
from conflict_events.extract.stages.places import _back
from conflict_events.geo import focus
from conflict_events.schema.models import _key

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "A former bodyguard of the governor was shot dead in Kandahar on Monday.",
    "The attack on the checkpoint resulted in the death of a soldier.",
    "Gunmen opened fire on a civilian, killing him.",
    "A farmer later died of his wounds in hospital.",
    "The body of a man was found near the river.",
    "A villager's body was recovered from the well.",
    "The district head of intelligence was assassinated in Ghazni.",
    "Police beat a young man to death during the protest.",
    "He later died in hospital.",
    "A man was nearly killed when the bridge collapsed.",
    "Protesters gathered in Aleppo to demand better services.",
    "Militants abducted a teacher near Mopti on Friday.",
    "One policeman has been executed by the insurgents, a local official said.",
    "A woman was lynched by a mob after being accused of theft.",
    "A shopkeeper was strangled in his store overnight.",
    "DPR forces shelled Lozove; the SMM recorded ceasefire violations near Donetsk.",
    "Al Shabaab militants attacked an AMISOM base in Lower Shabelle.",
]
SPECIAL = {"k": "\u212a", "s": "\u017f", "i": "\u0131", "I": "\u0130", "K": "\u212a"}


def _texts() -> list[str]:
    texts = list(SENTENCES)
    for path in sorted((ROOT / "examples" / "articles").glob("*")):
        if path.is_file():
            texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(7)
    shuffled = []
    for _ in range(200):
        words = " ".join(rng.sample(SENTENCES, 3)).split()
        rng.shuffle(words)
        shuffled.append(" ".join(words))
    texts += shuffled
    variants = []
    for text in texts:
        variants.append(text)
        variants.append(text.upper())
        variants += [text.replace(plain, special) for plain, special in SPECIAL.items()]
    return variants


TEXTS = _texts()


def test_death_word_screen_keeps_every_single_death() -> None:
    found = 0
    for text in TEXTS:
        expected = fatalities._read_single_death(text)
        assert fatalities.single_death(text) == expected, text
        found += expected
    assert found > 20  # the texts hold such reports, in every spelling


def _holds_word(items: Any, words: tuple[str, ...]) -> bool:
    """Whether every match of a parsed regex sequence holds one of `words` (a run of literal
    characters holding one, a group or a repeat of at least one that does, or a branch whose
    every alternative does)."""
    run: list[str] = []
    for op, value in items:
        if op is LITERAL:
            run.append(chr(value))
            if any(word in "".join(run).lower() for word in words):
                return True
            continue
        run = []
        if op is SUBPATTERN and _holds_word(value[-1], words):
            return True
        if op is BRANCH and all(_holds_word(item, words) for item in value[1]):
            return True
        if op in (MAX_REPEAT, MIN_REPEAT) and value[0] >= 1 and _holds_word(value[2], words):
            return True
    return False


def test_every_single_death_alternative_holds_a_death_word() -> None:
    # an alternative added to the regex without one of the words would be screened out
    pattern = fatalities._SINGLE_DEATH
    assert _holds_word(parse(pattern.pattern, pattern.flags), fatalities._DEATH_WORDS)
    assert not _holds_word(parse(pattern.pattern + r"|\bpassed away\b", pattern.flags),
                           fatalities._DEATH_WORDS)


def test_cue_keys_found_in_one_pass_are_the_keys_present() -> None:
    keys = [key for key in focus._cues_by_key() if key]
    for text in TEXTS:
        folded = focus._cue_fold(text)
        automaton = focus._keys_automaton()
        assert automaton is not None
        found = {key for _end, key in automaton.iter(folded)}
        assert found == {key for key in keys if key in folded}, text


def test_each_cue_key_is_one_of_its_pieces() -> None:
    # a text without the key holds no match of the cue only if every match holds the key
    for cues in focus._cues_by_key().values():
        for _number, _group, cue in cues:
            assert cue.key in cue.pieces or (cue.key == "" and not cue.pieces)
    assert focus._cue("DPR forces").key == "dpr"


def test_area_focus_found_in_texts_with_cues() -> None:
    found = focus.area_focus("DPR forces shelled Lozove; the SMM recorded the explosions.")
    assert found is not None and "UA" in found.areas


def test_geocoder_locations_kept_per_place_are_fresh_copies() -> None:
    from conflict_events.geo.gazetteer import Gazetteer
    from conflict_events.geo.geocoder import Geocoder

    geocoder = Geocoder(Gazetteer.default())
    text = "Shelling hit Aleppo. Protesters gathered in Aleppo and in Idlib."
    first = geocoder.resolve(text).places
    again = Geocoder(geocoder.gazetteer).resolve(text).places  # nothing kept: built anew
    assert [p.location for p in first] == [p.location for p in again]
    assert len({id(p.location) for p in first}) == len(first)
    first[0].location.location = "changed by a caller"
    assert geocoder.resolve(text + " ").places[0].location == again[0].location


@pytest.mark.parametrize("offsets", [[(0, 0)], [(0, 5), (12, 40), (30, 100)],
                                     [(0, 10), (7, 30), (8, 31), (50, 200)]])
def test_offsets_mapped_back_by_bisection(offsets: list[tuple[int, int]]) -> None:
    import bisect

    def linear(index: int) -> int:
        k = max(0, bisect.bisect_right([o for o, _ in offsets], index) - 1)
        return offsets[k][1] + index - offsets[k][0]

    for index in range(0, 80):
        assert _back(offsets, index) == linear(index)


@pytest.mark.parametrize("text", ["Aleppo", "  Al-Bab  City ", "MIXED case Text", "Kyiv\tOblast",
                                  "Düsseldorf", "ﬁeld Straße", "İstanbul", ""])
def test_event_key_of_ascii_text_is_the_normalised_key(text: str) -> None:
    slow = " ".join(unicodedata.normalize("NFKC", text).casefold().split()) if text else ""
    assert _key(text) == slow


def test_mention_copies_are_shallow_copies() -> None:
    import copy

    from conflict_events.geo.geocoder import _copied
    from conflict_events.geo.mentions import Mention

    mention = Mention(3, 9, 0, 9, "Aleppo", [4, 5], relation="near", context_of=2)
    copied = _copied(mention)
    assert copied == copy.copy(mention) and copied is not mention
    assert copied.candidates is mention.candidates  # shallow, as before
    copied.raw = True
    assert not mention.raw
