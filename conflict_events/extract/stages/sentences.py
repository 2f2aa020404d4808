"""Stage `sentences`: rule-based sentence segmentation with character offsets.

A sentence ends at ., ! or ? followed by space and a capital, digit or quote, unless the word
before the period is a known abbreviation ("U.N.", "Gen.", "Jan.") or an initial. Line breaks
end sentences too (headlines, datelines); blank lines start a new paragraph."""

from __future__ import annotations

import re

from conflict_events.extract.doc import Doc, Sentence
from conflict_events.extract.pipeline import register_stage

ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "pvt", "adm", "brig", "cmdr", "gov", "sen", "rep", "pres", "st", "mt", "ft", "jr", "sr",
    "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "est", "approx", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "u.s", "u.n", "u.k", "e.g",
    "i.e", "a.m", "p.m", "rev", "hon", "sgt.maj", "gen.maj", "lt.gen", "al",
))
# A run of end marks is tried once, from its first mark, and never given back (possessive):
# "....." thousands long stays linear. Same matches as the plain [.!?]+[\"')\]]*. The first
# mark comes before the check that no mark precedes it, so that the engine can skip to the
# next mark or line break instead of trying the pattern at every character.
_BOUNDARY = re.compile(r"[.!?](?<![.!?]{2})[.!?]*+[\"')\]]*+(?=\s+[\"'(\[]?[A-Z0-9])|\n+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # U.S., U.N.


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    paragraph = 0
    for m in _BOUNDARY.finditer(text):
        mark, end = m.span()
        if text[mark] == "\n":  # line breaks end a sentence; two or more end a paragraph
            _add(text, start, mark, paragraph, sentences)
            if end - mark >= 2:
                paragraph += 1
            start = end
            continue
        word = _WORD_BEFORE.search(text, max(start, mark - 20), mark)
        if word:
            token = word.group(1).lower().rstrip(".")
            if (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())
                    or _DOTTED.fullmatch(token)):
                continue
        _add(text, start, end, paragraph, sentences)
        start = end
    _add(text, start, len(text), paragraph, sentences)
    return sentences


def _add(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph))


def segment(doc: Doc) -> None:
    doc.sentences = split_sentences(doc.text)


register_stage("sentences", inputs=("text",), outputs=("sentences",))(segment)
