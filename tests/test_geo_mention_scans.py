"""The raw-name scans of geo/mentions.py find what the plain regexes find: _RAW_BEFORE and
_AREA_THEN_NAME tried only where their first words are, and _RAW_AFTER with the word boundary
checked after the name's first capital instead of before it. Texts: the example articles,
invented sentences, shuffled words, and the same with characters that are word characters
but no ASCII capital, or that IGNORECASE folds specially (Kelvin sign, long s, dotless i,
dotted capital I)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from conflict_events.extract.anchors import fold
from conflict_events.geo import mentions

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "Gunmen attacked a checkpoint in the village of Kafr Nabl, in southern Idlib.",
    "Shelling hit Hardatnin village near Aleppo on Monday.",
    "Militants abducted a teacher in Chora district, Urozgan province.",
    "Protesters gathered outside the town of Al-Bab and in northern Raqqa.",
    "Clashes erupted in Marib and Al Bayda governorates; in Kabul, Ghor and Balkh provinces.",
    "Forces raided Yangi Kala area of Qaysar DISTRICT, Faryab.",
    "The McDonald village council and the aKafr town committee met in Sub-District , Nawa.",
    "Police fired tear gas IN Kirkuk city and at Tuz Khurmatu neighbourhood of Salahuddin.",
]
SPECIAL = {"k": "\u212a", "s": "\u017f", "i": "\u0131", "I": "\u0130", "K": "\u212a"}
# word characters before a capital: the boundary is not there, with or without them
GLUED = ["\u00e9", "_", "1", "\u00c5", "\u01c5", "x"]


def _texts() -> list[str]:
    texts = list(SENTENCES)
    for path in sorted((ROOT / "examples" / "articles").glob("*")):
        if path.is_file():
            texts.append(path.read_text(encoding="utf-8"))
    rng = random.Random(11)
    for _ in range(200):
        words = " ".join(rng.sample(SENTENCES, 3)).split()
        rng.shuffle(words)
        texts.append(" ".join(words))
    texts += ["".join(SPECIAL.get(c, c) for c in text) for text in SENTENCES]
    texts += [f"{glue}{text}" for glue in GLUED for text in SENTENCES]
    texts += [text.replace(" ", f" {glue}", 3) for glue in GLUED for text in SENTENCES]
    return texts


TEXTS = _texts()
# _RAW_AFTER as it was written with a leading word boundary
RAW_AFTER_AT_BOUNDARY = re.compile(
    r"\b" + mentions._RAW_AFTER.pattern.replace(r"(?<!\w[A-Z])", "", 1))


def _spans(found: object) -> list[tuple[int, int]]:
    return [m.span(1) for m in found]  # type: ignore[attr-defined]


def test_the_boundary_form_is_the_old_pattern() -> None:
    assert RAW_AFTER_AT_BOUNDARY.pattern.startswith(r"\b([A-Z][\w'")
    assert RAW_AFTER_AT_BOUNDARY.findall("in the Foo Bar village") == ["Foo Bar"]


@pytest.mark.parametrize("text", TEXTS)
def test_raw_scans_find_what_the_plain_regexes_find(text: str) -> None:
    before, area_then_name = mentions._raw_scans()
    folded = fold(text)
    assert _spans(before.finditer(text, folded=folded)) == _spans(
        mentions._RAW_BEFORE.finditer(text))
    assert _spans(area_then_name.finditer(text, folded=folded)) == _spans(
        mentions._AREA_THEN_NAME.finditer(text))
    assert _spans(mentions._RAW_AFTER.finditer(text)) == _spans(
        RAW_AFTER_AT_BOUNDARY.finditer(text))


def test_the_scans_find_names() -> None:
    text = SENTENCES[0] + " " + SENTENCES[2]
    before, area_then_name = mentions._raw_scans()
    assert "Kafr Nabl" in [m.group(1) for m in before.finditer(text)]
    assert [m.group(1) for m in area_then_name.finditer(text)] == ["Urozgan"]
    assert [m.group(1) for m in mentions._RAW_AFTER.finditer("aKafr village")] == []
    assert [m.group(1) for m in mentions._RAW_AFTER.finditer("McDonald village")] == ["McDonald"]


# the phrases read before names, where their last words are and where they are not
PHRASES = ["clashes 10 km north-east of the town of ", "in the vicinity of ", "around ",
           "between the villages of ", "in southern ", "fighting in rural ", "ＩＮ ", "into ",
           "near the ſouth of ", "in the upper ", "lower parts of ", "on the road to ",
           "outside the city ", "the countryside of the ", "a market in\n", "north-eastern ",
           "Hama, ", "(Idlib ", "the rural areas of ", "2.5 miles west of the district of ",
           " ", "\n\n  in ", "  \n"]


@pytest.mark.parametrize("text", [*TEXTS[:40], *TEXTS[-60:], " ".join(PHRASES), *PHRASES])
def test_context_searcher_finds_what_search_finds(text: str) -> None:
    # each phrase is searched for only where the words before the name end with one of its
    # last words: nowhere does that skip a match
    found_any = False
    for cut in range(len(text) + 1):
        before = text[max(0, cut - 80) : cut]
        search = mentions._context_searcher(before, fold(before))
        for pattern in mentions._LAST_WORDS:
            expected = pattern.search(before)
            hit = search(pattern)
            assert (hit and hit.span()) == (expected and expected.span()), (pattern, before)
            found_any = found_any or expected is not None
    # fullwidth letters are no "in"
    assert found_any or text in ("Hama, ", "(Idlib ", "ＩＮ ", " ", "  \n")


@pytest.mark.parametrize(("text", "name"), [(" Aleppo was shelled.", "Aleppo"),
                                            ("\n\n Aleppo", "Aleppo"), ("  \n Idlib", "Idlib")])
def test_a_name_after_nothing_but_spaces_is_read(text: str, name: str) -> None:
    # the words before the name are only spaces: no phrase can end there
    from conflict_events import geo

    assert mentions._possible_phrases(fold(text[: text.index(name)])) == frozenset()
    assert [p.name for p in geo.geocode(text)] == [name]


@pytest.mark.parametrize("text", [*TEXTS[:40], *TEXTS[-60:], "Aleppo's countryside",
                                  "Aleppo’s suburbs", "Aleppo - Hamdaniyeh", "Idlib\tprovince"])
def test_the_words_after_a_name_begin_with_a_space_or_an_apostrophe(text: str) -> None:
    # _read_context reads them only there
    found_any = False
    for start in range(len(text)):
        after = text[start : start + 60]
        if mentions._AREA_AFTER.match(after) or mentions._AFTER_DISTRICT.match(after):
            assert after[:1].isspace() or after[:1] in ("'", "’"), after
            found_any = True
    assert found_any or text in TEXTS
