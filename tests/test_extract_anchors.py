"""The anchored matchers find exactly what the plain regexes find, the span and offset indexes
answer as the linear scans they replace, and the mention limits refuse crafted text with a
typed code."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable

import pytest

import conflict_events as ce
from conflict_events.errors import ArticleRejected
from conflict_events.extract.anchors import (
    AnchoredAlternation,
    AnchoredRegex,
    AnchoredRegexes,
    AnchoredSearch,
    Words,
    anchors,
    fold,
    required,
)
from conflict_events.extract.api import process
from conflict_events.extract.checks import MAX_SENTENCE_MENTIONS
from conflict_events.extract.doc import Doc, Sentence
from conflict_events.extract.lexicons import generic_lexicon, trigger_lexicon
from conflict_events.extract.stages import actors, dates, numbers
from conflict_events.schema.models import Article
from conflict_events.spans import DisjointSpans, SpanCover

SAMPLE = (
    "On 9 May 2020, unidentified gunmen attacked a village near Kaduna, killing 5 people and "
    "wounding 12. Syrian government forces shelled rebel positions; Russian warplanes carried "
    "out air strikes on Idlib. Hundreds of protesters, including students, gathered on Tuesday "
    "and police fired tear gas. Two soldiers and a civilian were killed by a roadside bomb last "
    "week. The military forces of Azerbaijan clashed with Armenian troops. Fulani militia killed "
    "three farmers. The death toll rose to 12, the governor said. Nobody was hurt. A blast "
    "in Kabul left 3 dead; rebels killed and injured 7, killed the local commander, with 5 "
    "fatalities, resulting in several fatalities; 4 people lost their lives. A farmer and his "
    "son were shot dead. The bodies of 2 men were found. Gunmen shot two guards to death. "
    "The raid led to the killing of 4 rebels. Nine soldiers and allied militiamen were killed. "
    "Snipers opened fire, killing a woman and her son. Hawiye clan militia clashed with Abgaal "
    "Sub sub-clan fighters. They pulled 3 drivers off a bus and shot them dead. "
    "The army lost 3 soldiers; the militia acknowledged the loss of 4 men. "
)
# Characters the regex engine equates with ASCII letters when ignoring case, other digits and
# spaces, quotes: the folded text must keep every match
ODD = ["\u212a", "\u017f", "\u0131", "\u0130", "\u0663", "\u00a0", "\u2019", "é", "ß", "-", "'"]


def _texts(count: int, seed: int) -> list[str]:
    """Random mixtures of lexicon words, sample sentences and odd characters."""
    rng = random.Random(seed)
    words = [*SAMPLE.split(), "air", "strike", "airstrikes", "Killed", "KILLING", "shelling",
             "a", "an", "the", "9", "12", "May", "may", "Clan", "Hawiye", "clan", "militia",
             "forces", "of", "-", ".", ",", "\n"]
    out = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randrange(5, 60)):
            word = rng.choice(words)
            if rng.random() < 0.1:
                k = rng.randrange(len(word) + 1)
                word = word[:k] + rng.choice(ODD) + word[k:]
            if rng.random() < 0.2:
                word = word.upper() if rng.random() < 0.5 else word.capitalize()
            pieces.append(word)
        out.append(rng.choice([" ", "", "  "]).join(pieces))
    return out


def _spans(matches: object) -> list[tuple[tuple[int, int], str | None, dict[str, str]]]:
    return [(m.span(), m.lastgroup, {k: v for k, v in m.groupdict().items() if v is not None})
            for m in matches]  # type: ignore[attr-defined]


MATCHERS: dict[str, Callable[[], AnchoredRegex | AnchoredAlternation]] = {
    "triggers": lambda: trigger_lexicon().matcher,
    "generic": lambda: generic_lexicon().matcher,
    "assoc": lambda: generic_lexicon().assoc_matcher,
    "community": lambda: generic_lexicon().community_matcher,
    "forces_of": lambda: actors._FORCES_OF_MATCHER,
    "clan": actors._clan_matcher,  # not anchored (any capital), screened by "clan militia"
    "dates": dates._matcher,
    **{f"numbers_{n}": functools.partial(lambda n: numbers._matchers()[n], n)
       for n in range(len(numbers._regexes()))},
}


@pytest.mark.parametrize("name", sorted(MATCHERS))
def test_anchored_matches_are_the_regex_matches(name: str) -> None:
    matcher = MATCHERS[name]()
    texts = [SAMPLE, SAMPLE.upper(), SAMPLE.lower(), *_texts(150, seed=len(name))]
    found_any = False
    for text in texts:
        expected = _spans(matcher.regex.finditer(text))
        assert _spans(matcher.finditer(text)) == expected, text
        assert _spans(matcher.finditer(text, folded=fold(text))) == expected
        # within a window, as the stages search the sentences around triggers
        start, end = len(text) // 5, len(text) * 4 // 5
        assert _spans(matcher.finditer(text, start, end)) == _spans(
            matcher.regex.finditer(text, start, end))
        found_any = found_any or bool(expected)
    assert found_any  # the comparison has matches to compare


def test_one_pass_for_several_regexes_gives_each_regex_matches() -> None:
    # the fatality forms share one automaton pass; a plain regex among them runs as finditer
    plain = AnchoredRegex(re.compile(r"\w+ed\b"))
    assert not plain.anchored
    together = AnchoredRegexes([*numbers._matchers(), actors._FORCES_OF_MATCHER, plain])
    regexes = [m.regex for m in together.matchers]
    found_any = False
    for text in [SAMPLE, SAMPLE.upper(), *_texts(150, seed=3)]:
        start, end = len(text) // 5, len(text) * 4 // 5
        for window, folded in (((0, len(text)), None), ((start, end), fold(text))):
            each = together.finditer_each(text, *window, folded)
            for regex, matches in zip(regexes, each, strict=True):
                expected = _spans(regex.finditer(text, *window))
                assert _spans(matches) == expected, (regex.pattern[:60], text)
                found_any = found_any or bool(expected)
    assert found_any


def test_one_pass_search_gives_each_pattern_first_match() -> None:
    # the phrases the geocoder reads before a place name and the cues the triggers stage
    # reads before an event word, in the words before each position
    from conflict_events.extract.stages import triggers
    from conflict_events.geo import mentions

    given = [mentions._LOCATIVE, mentions._BEFORE_DIRECTION, mentions._BEFORE_OUTSKIRTS,
             mentions._BEFORE_COUNTRYSIDE, mentions._BEFORE_NEAR, mentions._BEFORE_BETWEEN,
             mentions._BEFORE_PART, triggers._PASSIVE, triggers._UNREAL, triggers._REFERENCE,
             triggers._POSSESSION]
    searcher = AnchoredSearch(given)
    not_given = re.compile(r"\bthe\s+$", re.IGNORECASE)
    texts = [SAMPLE, *_texts(60, seed=5),
             "clashes 10 km north-east of the town of ", "in the vicinity of ",
             "between the villages of ", "in southern ", "fighting in rural ",
             "ＩＮ ", "near the ſouth of ", "they vowed to ", "villagers fleeing the ",
             "he was reportedly ", "militants armed with heavy ", "Police May "]
    found_any = False
    for text in texts:
        for cut in [*range(0, len(text), 7), len(text)]:
            before = text[max(0, cut - 80):cut]
            search = searcher.in_text(before)
            for regex in [*given, not_given]:
                expected = regex.search(before)
                hit = search(regex)
                assert (hit and hit.span()) == (expected and expected.span()), (regex, before)
                found_any = found_any or expected is not None
    assert found_any


def test_the_lexicon_matchers_are_anchored() -> None:
    # a matcher that silently fell back to a plain finditer would be correct but slow
    assert trigger_lexicon().matcher.automaton is not None
    assert generic_lexicon().matcher.automaton is not None
    assert dates._matcher().anchored
    assert all(m.anchored for m in numbers._matchers())


def test_anchors_are_read_from_the_pattern() -> None:
    assert anchors(re.compile(r"air ?strikes?|shell(?:ed|ing)", re.IGNORECASE)) == {
        "air st", "airstr", "shelle", "shelli"}
    assert anchors(re.compile(r"(?<![\w-])(?:the )?[Gg]unm[ae]n")) == {"the gu", "gunman",
                                                                        "gunmen"}
    assert anchors(re.compile(r"\d+ killed")) == set("0123456789")
    assert anchors(re.compile(r"\w+ killed")) is None  # can begin with any letter
    assert anchors(re.compile(r"(?:killed)?")) is None  # can match ''
    assert not AnchoredRegex(re.compile(r"(?:killed)?")).anchored


def test_weak_alternatives_keep_the_others_anchored() -> None:
    matcher = AnchoredAlternation([("a", ["bombing"]), ("b", [r"[A-Z]\w+ governorship"])],
                                  before=r"\b", after=r"\b", flags=re.IGNORECASE)
    assert matcher.automaton is not None and matcher.weak is not None
    text = "The bombing near the Idlib governorship; Idlib Governorship bombings."
    assert _spans(matcher.finditer(text)) == _spans(matcher.regex.finditer(text))
    assert [m.group() for m in matcher.finditer(text)] == ["bombing", "Idlib governorship",
                                                           "Idlib Governorship"]


def test_required_strings_are_read_from_the_pattern() -> None:
    assert required(re.compile(r"(?:the|a|an) (?:[\w-]+ ){0,2}march(?:es)?", re.I)) == {
        "march"}
    assert required(re.compile(r"(?<![\w])(?:\d+ (?:\w+ )?killed)(?![\w])")) == {"killed"}
    assert required(re.compile(r"killed|wounded")) is None  # nothing after the beginning
    assert required(re.compile(r"\d+ \w+")) is None  # nothing strong after it


def _screened_texts(matcher: AnchoredRegex | AnchoredAlternation, count: int,
                    seed: int) -> list[str]:
    """Random texts of the beginnings and required strings of a matcher's screened
    patterns, with and without the words that complete them."""
    rng = random.Random(seed)
    if isinstance(matcher, AnchoredAlternation):
        patterns = [matcher.alternatives[n][1] for n in sorted(matcher.screened)]
        words = [text for n in matcher.screened for text in matcher.required_of(n)]
    else:
        patterns = [matcher.regex.pattern]
        words = list(matcher.required)
    words += [w for p in patterns for w in re.findall(r"[A-Za-z]{2,}", p)]
    words += ["the", "a", "an", "12", "7.62", "Idlib", "pro-government", ".", ",", "were",
              "was", "found", "two", "men", "people", "killed", "and", "in", "\n"]
    out = []
    for _ in range(count):
        pieces = [rng.choice(words) for _ in range(rng.randrange(2, 40))]
        pieces = [p.upper() if rng.random() < 0.1 else p for p in pieces]
        out.append(rng.choice([" ", "  ", ""]).join(pieces))
    return out


@pytest.mark.parametrize("name", ["triggers", "generic", "numbers_0", "numbers_7",
                                  "numbers_9", "numbers_10", "numbers_14"])
def test_screened_patterns_find_the_regex_matches(name: str) -> None:
    # patterns tried only before one of the strings they require (a trigger beginning with
    # "the" and ending in "march", a fatality form beginning with a figure): the same matches
    matcher = MATCHERS[name]()
    assert matcher.screened if isinstance(matcher, AnchoredAlternation) else matcher.required
    found_any = False
    for text in [SAMPLE, *_screened_texts(matcher, 300, seed=len(name))]:
        expected = _spans(matcher.regex.finditer(text))
        assert _spans(matcher.finditer(text)) == expected, text
        start, end = len(text) // 5, len(text) * 4 // 5
        assert _spans(matcher.finditer(text, start, end, fold(text))) == _spans(
            matcher.regex.finditer(text, start, end))
        found_any = found_any or bool(expected)
    assert found_any


def test_beginnings_of_absent_screened_alternatives_are_not_searched() -> None:
    # a span without "march" is searched with an automaton lacking the beginnings only the
    # "the ... march" alternative has ("the "), so those are not found and dropped one by one
    matcher = AnchoredAlternation(
        [("m", [r"(?:the|a) (?:\w+ )?march"]), ("k", ["killed", "the attack"])],
        before=r"(?<![\w-])", flags=re.IGNORECASE)
    assert matcher.screened == {0} and matcher.automaton is not None
    assert {"the ", "the at", "killed"} <= set(matcher.automaton)
    without, unread = matcher._automaton_without(frozenset({0}))
    assert without is not None and not unread
    assert set(without) == {"the at", "killed"}
    for text in ["The attack killed two. The big march.", "the attack; The Attack killed",
                 "a march, the march", "the the attack"]:
        assert _spans(matcher.finditer(text)) == _spans(matcher.regex.finditer(text)), text


def test_a_beginning_inside_a_word_is_not_tried() -> None:
    # "(?<![\w])" (and "\b" before a word) fails after a word character: the "2" and "0" of
    # "2020" after the first are not positions to try
    figure = AnchoredRegex(re.compile(r"(?<![\w])\d+ killed"))
    assert figure.not_after == "_"
    text = "In 2020 12 killed, x5 killed"
    assert figure.starts(text, 0, len(text)) == [3, 8]
    assert AnchoredRegex(re.compile(r"(?<![\w-])bomb(?:ing)?")).not_after == "_-"
    assert AnchoredRegex(re.compile(r"\b(?:shot|killed)")).not_after == "_"
    assert AnchoredRegex(re.compile(r"(?:shot|killed)")).not_after is None
    assert AnchoredRegex(re.compile(r"(?<![\w])\d+ killed", re.ASCII)).not_after is None


def test_words_are_found_as_an_ignorecase_regex_finds_them() -> None:
    # the fatality stage's filter: any word of death in a span of the text
    words = Words(["kill", "dead", "bodies", "body", "fatal", "slain"])
    regex = re.compile("|".join(words.words), re.IGNORECASE)
    texts = [*_texts(300, seed=11), "\u212aILLED", "ſlain", "BODİES", "fatalITY"]
    hits = 0
    for text in texts:
        folded = fold(text)
        for start, end in ((0, len(text)), (len(text) // 3, len(text) * 2 // 3)):
            expected = regex.search(text, start, end) is not None
            assert words.any_in(folded, start, end) == expected, (text, start, end)
            hits += expected
    assert hits > 0
    with pytest.raises(ValueError):
        Words(["mort\u00e9"])


def test_white_space_and_digits_beyond_the_obvious_are_kept() -> None:
    # \s also matches the ASCII separators \x1c-\x1f and Unicode spaces; \d other digits
    matcher = AnchoredRegex(re.compile(r"\s+killed \d+", re.IGNORECASE))
    assert matcher.anchored
    text = "x\x1ckilled 5 \u2003KILLED \u0663 \x1fkilled 7"
    assert _spans(matcher.finditer(text)) == _spans(matcher.regex.finditer(text))
    assert len(list(matcher.finditer(text))) == 3


def test_fold_keeps_offsets() -> None:
    text = "\u212a\u017f\u0131\u0130 \u0663\u00a0Ab"
    assert fold(text) == "ksii 0 ab"
    assert len(fold(text)) == len(text)


def test_fold_of_mixed_text_is_the_per_character_fold() -> None:
    # ASCII stretches are lowered whole, non-ASCII runs character by character: the result
    # must be that of folding each character alone
    rng = random.Random(5)
    alphabet = "aZ 9-\u2019\u201c\u2014\u212a\u0130\u0663\u00e9\u4e2d\n"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        assert fold(text) == "".join(fold(ch) for ch in text)


def test_span_indexes_answer_as_linear_scans() -> None:
    rng = random.Random(3)
    for _ in range(200):
        spans = [(s, s + rng.randrange(0, 8)) for s in rng.sample(range(60), rng.randrange(12))]
        cover = SpanCover(spans)
        for start in range(62):
            for end in range(start, start + 6):
                assert cover.covers(start, end) == any(s <= start and end <= e for s, e in spans)
            assert cover.holds(start) == any(s <= start < e for s, e in spans)
        taken, kept = DisjointSpans(), list[tuple[int, int]]()
        for s, e in spans:
            clash = any(s < ke and ks < e for ks, ke in kept)
            assert taken.overlaps(s, e) == clash
            if not clash:
                taken.add(s, e)
                kept.append((s, e))
        assert len(taken) == len(kept)


def _code(text: str) -> str | None:
    try:
        ce.extract(text, published="2020-05-14")
    except ArticleRejected as exc:
        return exc.code
    return None


def test_a_sentence_with_too_many_mentions_is_refused() -> None:
    unit = "Militants attacked the army in Aleppo killing 5 people on Tuesday "
    crowded = unit * (MAX_SENTENCE_MENTIONS // 4) + ".\n"
    assert _code(crowded) == "too_many_mentions"
    result = process(Article.from_text(crowded, published="2020-05-14"))
    assert result.status == "rejected" and result.error_code == "too_many_mentions"
    # the same words in sentences of ordinary length are read
    assert _code((unit.strip() + ".\n") * 60) is None


def test_a_sentence_the_splitter_never_ends_is_refused() -> None:
    # full stops followed by lower case end no sentence: one sentence of 30,000 characters
    text = "gunmen were seen near the market on Tuesday. " * 700
    assert _code(text) == "run_on_text"


def test_offset_lookups_follow_the_current_lists() -> None:
    # the start offsets are remembered per list: a stage that assigns a new list is followed
    doc = Doc.from_article(Article.from_text("Gunmen  killed two people.  Police said so."))
    doc.segments = [(0, 6, 0, 6), (6, 7, 6, 8), (7, 20, 8, 21)]
    assert doc.original_offset(10) == 11
    doc.segments = [(0, 20, 100, 120)]
    assert doc.original_offset(10) == 110
    doc.sentences = [Sentence(0, 26), Sentence(28, 43)]
    assert doc.sentence_of(30) == 1
    doc.sentences = [Sentence(0, 43)]
    assert doc.sentence_of(30) == 0
