"""FormIndex.scan: matches carry the span of the original text, whatever accents, apostrophes
and punctuation stand between the tokens (the scan finds tokens and their offsets in bulk)."""

from __future__ import annotations

from conflict_events.knowledge.surface_forms import FormIndex


def _index() -> FormIndex[int]:
    index: FormIndex[int] = FormIndex()
    index.add("Hay'at Tahrir al-Sham", 1)
    index.add("SDF", 2, case_sensitive=True)
    index.add("al-Shabaab", 3)
    index.add("Tahrir", 4)
    return index


def _scan(text: str) -> list[tuple[int, str, int, int]]:
    found = _index().scan(text, lambda values, size: ((-size,), values[0]))
    for item in found:
        assert text[item.start:item.end] == item.text
    return [(f.value, f.text, f.start, f.end) for f in found]


def test_spans_in_ascii_text() -> None:
    text = "Fighters of Hay'at Tahrir al-Sham and the SDF met sdf and Al Shabaab."
    assert _scan(text) == [
        (1, "Hay'at Tahrir al-Sham", 12, 33),
        (2, "SDF", 42, 45),
        (3, "Al Shabaab", 58, 68),
    ]


def test_spans_in_text_with_accents_and_curly_apostrophes() -> None:
    text = "Ḩayʼat Taḩrīr al‑Sham — then “Tahrir” and al-Shabaab men; SDF."
    found = _scan(text)
    assert [value for value, *_ in found] == [1, 4, 3, 2]
    assert found[0][1] == "Ḩayʼat Taḩrīr al‑Sham"
    assert found[1][1] == "Tahrir"
    assert found[2][1] == "al-Shabaab"
    assert found[3][1:] == ("SDF", text.index("SDF"), text.index("SDF") + 3)


def test_no_form_and_empty_text() -> None:
    assert _scan("") == []
    assert _scan("Nothing here but words, commas; and dots.") == []


def test_a_form_read_again_is_found_at_each_place_and_each_choice_is_the_callers() -> None:
    index = _index()
    text = "SDF and al-Shabaab; then SDF, al Shabaab and SDF again."
    offered: list[int] = []

    def choose(values: list[int], size: int) -> tuple[tuple[int, ...], int]:
        offered.append(values[0])
        return (-size,), values[0]

    found = index.scan(text, choose)
    assert [(f.value, f.start) for f in found] == [
        (2, 0), (3, 8), (2, 25), (3, 30), (2, text.rindex("SDF"))]
    assert sorted(set(offered)) == [2, 3]
    assert len(offered) == 2  # each distinct run of tokens is offered once per scan
    # another scan of the same index asks its own `choose` again
    assert index.scan(text, lambda values, size: None) == []
    only_sdf = index.scan(text, lambda values, size: ((0,), 9) if values == [2] else None)
    assert [(f.value, f.text) for f in only_sdf] == [(9, "SDF"), (9, "SDF"), (9, "SDF")]


def test_runs_settled_in_earlier_scans_give_the_same_matches() -> None:
    index = _index()

    def choose(values: list[int], size: int) -> tuple[tuple[int, ...], int] | None:
        return None if values[0] == 4 else ((-size,), values[0])  # "Tahrir" alone refused

    texts = ["Hay'at Tahrir al-Sham and the SDF.", "Tahrir square; sdf; SDF and al-Shabaab.",
             "al-Shabaab, Hay'at Tahrir al-Sham, Tahrir, SDF", "Nothing to find here."]
    settled: dict[tuple[str, ...], tuple[int, int] | None] = {}
    for text in [*texts, *reversed(texts)]:
        alone = index.scan(text, choose)
        assert index.scan(text, choose, settled) == alone
    assert settled  # the runs were kept for later scans


def test_actor_lexicon_matches_do_not_depend_on_earlier_texts() -> None:
    import datetime as dt

    from conflict_events.knowledge.actors import load_actor_lexicon

    lexicon = load_actor_lexicon()
    texts = ["Taliban fighters attacked a checkpoint; the rebels withdrew.",
             "Al Shabaab militants and AMISOM troops clashed near the SDF lines.",
             "Houthi forces shelled positions of the Islamic State and the rebels."]
    settings = [(None, None, False), (None, dt.date(2020, 5, 1), True),
                ("Syria", dt.date(2016, 2, 2), False), ("Somalia", None, True)]
    expected = {}
    for country, day, context in settings:
        for text in texts:
            lexicon._settled.clear()
            expected[text, country, day, context] = lexicon.match(
                text, country, day, context_forms=context)
    for country, day, context in [*settings, *reversed(settings)]:
        for text in texts:
            found = lexicon.match(text, country, day, context_forms=context)
            assert found == expected[text, country, day, context]
    assert any(expected.values())


def test_actor_lexicon_keeps_a_bounded_number_of_settled_runs() -> None:
    import datetime as dt

    from conflict_events.knowledge import actors

    lexicon = actors.load_actor_lexicon()
    lexicon._settled.clear()
    words = " ".join(f"Word{n} forces" for n in range(400))
    for n in range(3 * actors.MAX_SETTLED_KEYS):
        lexicon.match(words, day=dt.date(2020, 1, 1) + dt.timedelta(days=n))
        assert len(lexicon._settled) <= actors.MAX_SETTLED_KEYS
    for n in range(30):
        lexicon.match(f"Other{n} " + words.replace("Word", f"W{n}x"))
    assert all(len(runs) <= actors.MAX_SETTLED_RUNS + 1_000 for runs in lexicon._settled.values())


def test_spans_after_a_backtick_used_as_an_apostrophe() -> None:
    # fold() drops the backtick like "'": the offsets after it must not shift
    text = "Fighters of Hay`at Tahrir al-Sham and the `SDF` met al-Shabaab."
    assert _scan(text) == [
        (1, "Hay`at Tahrir al-Sham", 12, 33),
        (2, "SDF", 43, 46),
        (3, "al-Shabaab", 52, 62),
    ]
    non_ascii = "Ḩay`at Taḩrīr al‑Sham and `SDF` near al-Shabaab."
    found = _scan(non_ascii)
    assert [(value, name) for value, name, *_ in found] == [
        (1, "Ḩay`at Taḩrīr al‑Sham"), (2, "SDF"), (3, "al-Shabaab")]


def test_an_ascii_text_is_split_into_the_tokens_of_a_unicode_split() -> None:
    # the ASCII split is a faster class for the same characters as \w in an ASCII text
    import re

    from conflict_events.knowledge.surface_forms import _tokenized, fold

    for text in ["Al-Shabaab_fighters (2 x 10) killed 3; SDF's 5th unit.", "a", "", "  ,,",
                 "Ḥay'at Taḥrīr ash-Shām 12"]:
        parts, tokens, lowered = _tokenized(text)
        assert parts == re.split(r"(\w+)", fold(text))
        assert tokens == tuple(parts[1::2])
        assert lowered == [token.casefold() for token in tokens]
