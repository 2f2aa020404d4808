"""The vectorised screen of long texts (geo/hit_screen.py) must leave Matcher.find's names
exactly as the rules read hit by hit give them, on the world gazetteer and on texts that meet
every rule's edge: transliterated Arabic names with articles and hyphens, diacritics, capitals
and shouting, "City - District" forms, curly apostrophes, characters beyond the Latin blocks
and beyond the Basic Multilingual Plane, NULs and odd white space."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from conftest import shared_path
from geo_fixture import fixture_gazetteer
from hypothesis import given
from hypothesis import strategies as st
from test_geo_matcher_fast import plain_find

from conflict_events.corpus.synthetic import invented_articles
from conflict_events.geo import automaton, hit_screen, keys
from conflict_events.geo import matcher as m
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.keys import padded_fold

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"

EDGE_SENTENCES = [
    "Clashes in Deir ez-Zor, Deir Ezzor and Dayr az Zawr; shelling of Ras al-Ain and Ras Al Ain.",
    "Protest in Al-Hasakah city - Al-Hasakah district; also Aleppo - Jabal Saman, Idlib - Ariha.",
    "Airstrikes hit Ma'arrat al-Nu'man, Ma’arat an Nu’man, Kafr Nabl and Khan Shaykhun.",
    "SHELLING HIT IDLIB; Idlib-backed and pro-Idlib gunmen; the anti-Houthi Sanaa front.",
    "Gunmen in Zuwārah, Gharyān, Şabrātah and Ḩalab; Ḑamār and Ta‘izz; Şanʿāʾ and Dar‘a.",
    "Maiduguri (Borno) - Konduga LGA, Borno State; Mogadishu-Wadajir district (Banadir).",
    "Fighting near Tal Tamer, Tall Tamr Road, Bab al Faraj, Bab Al-Hawa and bin Jawad.",
    "The GNA, OPS and SoG in Tripoli; AGuH in Abu Salim; K9 units at Mitiga Airport.",
    "Kabul Police, Kabul  Police, Kabul\tPolice, Kabul\u00a0Police and Kabul\u2009Brigade met.",
    "Donetsk\u2019s outskirts, Donetsk’s centre, Donetsk's airport; Luhansk\u00a0region.",
    "In Aleppo, Eastern Aleppo, North Aleppo, In Idlib; Syrian forces in Idlib at dawn.",
    "Nameless Village near Aleppo; Free Idlib Army; Jaysh al Islam in Douma; Boko Haram in Bama.",
    "Émeutes à Bamako, Ségou et Mopti; Tombouctou (Timbuktu); Kidal-Gao road.",
    "Aleppo\U0001d400 Idlib \U0001f600Saraqib\U0001f600 Daraa Tafas Aleppo\x00Idlib",
    "aleppo idlib saraqib daraa in lower case, then ALEPPO, Aleppo and AlEPPO.",
    "Shelling hit Aleppo as Aleppo at Aleppo an Aleppo ash Aleppo al Aleppo bin Aleppo ibn X.",
    "Ghazni-Kabul highway, Kandahar–Herat road, Herat—Farah and Lashkar Gah-Nad Ali.",
    "At Mosul. Mosul: Mosul! Baghdad? Basra\" Najaf) Karbala] Kirkuk' Erbil’ Duhok",
]


def _shuffled(texts: list[str], seed: int) -> list[str]:
    """The same words with their case, hyphens and spacing changed at random: every rule
    meets its edges (a name after a capitalised word, before "-backed", at the text's end)."""
    rng = random.Random(seed)
    out = []
    for text in texts:
        words = text.split(" ")
        for i, word in enumerate(words):
            draw = rng.random()
            if draw < 0.12:
                words[i] = word[:1].swapcase() + word[1:]
            elif draw < 0.17:
                words[i] = word.upper()
            elif draw < 0.21:
                words[i] = "pro-" + word
            elif draw < 0.25:
                words[i] = word + "-backed"
            elif draw < 0.28:
                words[i] = word + rng.choice([" Brigade", " brigade", " Army", "  Club", " FC"])
        separators = [rng.choice(["  ", " ", " ", " ", "-", "\n", " al ", " Al-", " \u00c9",
                                  " - ", ", ", "’", "\u00a0", " (", ") "]) for _ in words]
        out.append("".join(w + s for w, s in zip(words, separators, strict=True)))
    return out


def _texts() -> list[str]:
    texts = list(EDGE_SENTENCES)
    texts += [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [a.text for a in invented_articles(30, seed=5)]
    dev = shared_path("eval", "acled_2020_dev.csv")
    if dev.exists():
        import csv

        with dev.open(encoding="utf-8") as handle:
            notes = [row["notes"] for row in csv.DictReader(handle)][:1500]
        texts += ["\n".join(notes[i:i + 100]) for i in range(0, len(notes), 100)]
    long_texts = ["\n".join(texts[i:i + 6]) for i in range(0, len(texts), 6)]
    return texts + long_texts + _shuffled(texts, 11)


def _both_ways(matcher: m.Matcher, text: str, monkeypatch: pytest.MonkeyPatch
               ) -> tuple[list[tuple[int, int, int, str]], list[tuple[int, int, int, str]]]:
    """The names of `text` with every text screened, and with none."""
    found: list[list[tuple[int, int, int, str]]] = []
    for threshold in (0, 10**9):
        monkeypatch.setattr(m, "BULK_HITS", threshold)
        matcher._last = None
        found.append([(n.start, n.end, n.key_id, n.surface) for n in matcher.find(text)])
    return found[0], found[1]


def _check(gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> int:
    matcher = m.Matcher(gazetteer)
    names = 0
    for text in _texts():
        expected = plain_find(matcher, text)
        screened, hit_by_hit = _both_ways(matcher, text, monkeypatch)
        assert screened == expected, text[:300]
        assert hit_by_hit == expected, text[:300]
        names += len(expected)
    return names


def test_screened_names_equal_the_rules_hit_by_hit_on_the_world_gazetteer(
        world: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _check(world, monkeypatch) > 2000


def test_screened_names_equal_the_rules_hit_by_hit_on_a_small_gazetteer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _check(fixture_gazetteer(tmp_path), monkeypatch) > 100


def test_rules_marked_by_the_screen_cover_every_rule_that_drops_a_hit(world: Gazetteer) -> None:
    """Each rule that drops a hit has its bit set by the screen (the bits may also be set
    where the rule keeps the name)."""
    matcher = m.Matcher(world)
    compiled = matcher.compiled
    dropped = 0
    for text in _texts():
        hits = compiled.scan(padded_fold(text))
        if not hits:
            continue
        shouting = text.isupper()
        screened = hit_screen.screen(text, hits, matcher._entry_array(), compiled.lower_start,
                                     shouting, m._screen_words())
        for start, end, pattern_id, entry, rules in zip(*screened, strict=True):
            args = (text, start, end, pattern_id, entry, compiled.lower_start)
            single = entry & 0x10000
            # the rules as `_rejected` applies them
            applying = hit_screen.ORGANISATION | hit_screen.HYPHEN
            if not shouting:
                if pattern_id < compiled.lower_start or (single and end - start <= 6):
                    applying |= hit_screen.CASE
                if single:
                    applying |= hit_screen.INSIDE | hit_screen.BEFORE
            for rule in (hit_screen.CASE, hit_screen.ORGANISATION, hit_screen.HYPHEN,
                         hit_screen.INSIDE, hit_screen.BEFORE):
                if rule & applying and m._rejected_by(rule, *args):
                    assert rules & rule, (text[max(0, start - 40):end + 40], rule)
                    dropped += 1
            assert m._rejected_by(rules, *args) == m._rejected(
                text, start, end, pattern_id, entry, compiled.lower_start, shouting)
    assert dropped > 300


def test_character_predicates_of_numpy_are_those_of_str() -> None:
    """The screen reads str.isupper and the like through numpy's one-character strings."""
    codes = np.arange(0x110000, dtype=np.uint32)
    sample = np.concatenate([codes[:0x3000], codes[0xD700:0xE100], codes[0x1D400:0x1D500],
                             codes[0x1F600:0x1F610]])
    chars = sample.view("<U1")
    for name in ("isupper", "islower", "isspace", "isalnum"):
        expected = [getattr(chr(c), name)() for c in sample.tolist()]
        assert getattr(np.strings, name)(chars).tolist() == expected, name
    assert not np.strings.isupper(np.zeros(1, dtype=np.uint32).view("<U1"))[0]


@given(st.lists(st.sampled_from(["Aleppo", " ", "’", "“", "–", "Ḩardatnīn", "Zuwārah", "中",
                                 "\U0001F600", "\x00", "\ud800", "ß", "İ", "\u00a0", "-", "\n"]),
                min_size=1, max_size=300))
def test_long_texts_fold_as_short_ones(parts: list[str]) -> None:
    """Long texts that are not all ASCII are folded through a code-point table with numpy:
    the same characters as the per-character table gives."""
    text = "".join(parts)
    text *= keys._WIDE_FOLD_LENGTH // len(text) + 1
    assert keys.fold(text) == text.translate(keys._unicode_table())
    assert keys.fold(text) == "".join(keys.fold(c) for c in text)


def test_scan_gives_character_offsets_in_texts_that_are_not_ascii() -> None:
    """The automaton runs over UTF-8 bytes: where the folded text is not ASCII (other
    scripts are kept by the fold), its hits are moved to character offsets."""
    keys = sorted({"aleppo", "кучково", "al bab", "sidi senoussi سيدي سنوسي", "idlib", "中国人",
                   "bab", "mralino", "жана аул"})
    compiled = automaton.build(keys, frozenset(), [], [], frozenset({"al"}))
    rng = random.Random(7)
    words = ["Aleppo", "Кучково", "Al Bab", "Sidi Senoussi سيدي سنوسي", "Idlib", "中国人", "Bab",
             "\U0001F600", "Жана Аул", "x", "\ud800", "Ḩ", "ß", "-", "Mralino"]
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        padded = padded_fold(text)
        found = sorted(compiled.scan(padded))
        expected = []
        for key_id, key in enumerate(keys):
            position = padded.find(f" {key} ")
            while position >= 0:
                pattern_ids = [i for i, e in enumerate(compiled.entries) if e >> 17 == key_id]
                expected.append((position, position + len(key) + 2, pattern_ids[0]))
                position = padded.find(f" {key} ", position + 1)
        assert found == sorted(expected), text
