"""Matcher.find reads its case and context rules through cheap necessary conditions and only for
hits no chosen name covers; it must find exactly what the rules written out one hit at a time
find (the plain reading below), and each shortcut must never skip a hit its rule would drop."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from geo_fixture import fixture_gazetteer

from conflict_events.geo import matcher as m
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.keys import padded_fold

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"

SENTENCES = [
    "Shelling hit Hardatnin, north of Aleppo, and the Aleppo Brigade clashed with rebels.",
    "Aleppo  Army units and the aleppo brigade left Idlib\nDivision for Saraqib.",
    "Pro-Idlib gunmen and Idlib-backed forces met near Tall Tamr and Tal Tamer Road.",
    "Gunmen raided the village of Mercy and the town of Bar in Aleppo province.",
    "In Abu Salim, Tripoli, the GNA and IDLIB forces clashed; Al-Hasakah and al Hasakah too.",
    "They went to Bab al Faraj in Al Bab, then Aleppo at dawn and Idlib Police HQ.",
    "ALEPPO: SHELLING HIT IDLIB AND SARAQIB ON MONDAY.",
    "Mitiga Airport, Eastern Aleppo, Daraa. Tafas: protesters in Dar'a and Deraa.",
    "Free Idlib fighters and Commander Daraa met in Saraqib Hospital; Jaysh Tafas left.",
]


def plain_find(matcher: m.Matcher, text: str) -> list[tuple[int, int, int, str]]:
    """The rules applied to every hit, then the leftmost-longest names that do not overlap."""
    compiled = matcher.compiled
    shouting = text.isupper()
    candidates = []
    for pattern_start, _end, pattern_id in compiled.scan(padded_fold(text)):
        entry = compiled.entries[pattern_id]
        length = entry & 0xFF
        start = pattern_start + ((entry >> 8) & 0xFF) - 1
        end = start + length
        single = entry & 0x10000
        surface = text[start:end]
        if not shouting:
            if pattern_id >= compiled.lower_start and not text[pattern_start].isupper():
                continue
            if single:
                if not text[start].isupper() or (length <= 6 and m._acronym(surface)):
                    continue
            elif not m._capitalised(surface):
                continue
        if m._organisation_pattern().match(text, end):
            continue
        if (start > 0 and text[start - 1] == "-"
                and m._STANCE.search(text, max(0, start - 5), start)) or (
                text[end:end + 1] == "-" and m._AFFILIATION.match(text, end)):
            continue
        if single and not shouting and (
                (text[start - 1] == " " and m._inside_longer_name(text, start))
                or (text[end:end + 1] in " -" and m._before_longer_name(text, end))):
            continue
        candidates.append((start, -length, entry >> 17))
    chosen = []
    last_end = -1
    for start, negative_length, key_id in sorted(candidates):
        if start >= last_end:
            chosen.append((start, start - negative_length, key_id,
                           text[start:start - negative_length]))
            last_end = start - negative_length
    return chosen


def _texts() -> list[str]:
    texts = list(SENTENCES) + [p.read_text(encoding="utf-8") for p in sorted(
        EXAMPLES.glob("*.txt"))]
    rng = random.Random(3)
    # the same words with their case, hyphens and spacing shuffled: every rule meets its
    # edge cases (a name after a capitalised word, before "-backed", at the text's end)
    for text in list(texts):
        words = text.split(" ")
        for i, word in enumerate(words):
            draw = rng.random()
            if draw < 0.15:
                words[i] = word[:1].swapcase() + word[1:]
            elif draw < 0.2:
                words[i] = word.upper()
            elif draw < 0.25:
                words[i] = "pro-" + word
            elif draw < 0.3:
                words[i] = word + "-backed"
        separators = [rng.choice(["  ", " ", " ", "-", "\n", " al ", " Al-", " \u00c9"])
                      for _ in words]
        texts.append("".join(w + s for w, s in zip(words, separators, strict=True)))
    return texts


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return fixture_gazetteer(tmp_path_factory.mktemp("geo"))


def test_find_equals_the_rules_read_hit_by_hit(gaz: Gazetteer) -> None:
    matcher = m.Matcher(gaz)
    found_any = 0
    for text in _texts():
        fast = [tuple(match) for match in matcher.find(text)]
        assert fast == plain_find(matcher, text), text[:200]
        found_any += len(fast)
    assert found_any > 30  # the texts do hold names of the fixture gazetteer


def test_organisation_shortcut_never_skips_a_match() -> None:
    """Where the organisation pattern matches after a name, the two characters after the
    first space are ones the shortcut lets through."""
    starts = m._organisation_starts()
    pattern = m._organisation_pattern()
    texts = _texts() + [f"X{sep}{word}" for word in m.matching_rules().organisation_words
                        for sep in (" ", "  ", "\n", " \t")]
    texts += [f"X {word.upper()}" for word in m.matching_rules().organisation_words]
    checked = 0
    for text in texts:
        for end in range(len(text)):
            if text[end].isspace() and pattern.match(text, end):
                following = text[end + 1:end + 3]
                assert (following in starts or not following.isalpha()
                        or not following.isascii()), (text, end)
                checked += 1
    assert checked > 60


def test_context_shortcuts_never_skip_a_longer_name() -> None:
    """_inside_longer_name needs a capital starting the word before; _before_longer_name a
    capital or an article's letter starting the word after; an acronym never ends in a
    lower-case letter."""
    checked = 0
    for text in _texts():
        for position in range(2, len(text)):
            if m._inside_longer_name(text, position):
                word_start = text.rfind(" ", max(0, position - 30), position - 1) + 1
                assert text[word_start].isupper(), (text, position)
                checked += 1
            if m._before_longer_name(text, position):
                assert text[position + 1:position + 2] in m._NEXT_WORD_INITIALS
                checked += 1
    for word in ("GNA", "SoG", "AGuH", "OPS", "K9", "Aleppo", "aleppo", "IDLIB"):
        if m._acronym(word):
            assert not word[-1].islower()
    assert checked > 100


def test_a_text_read_again_gets_the_same_names_in_a_list_of_its_own(gaz: Gazetteer) -> None:
    # the geocoder reads a text a second time with a country hint: the names are kept
    matcher = m.Matcher(gaz)
    text = "Shelling hit Aleppo and Idlib."
    first = matcher.find(text)
    first.clear()  # a caller's changes never reach the kept names
    again = matcher.find(text)
    assert [match.surface for match in again] == ["Aleppo", "Idlib"]
    assert [match.surface for match in matcher.find("Saraqib, then Daraa.")] == [
        "Saraqib", "Daraa"]
    assert matcher.find(text) == again
