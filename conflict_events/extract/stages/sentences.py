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
# "....." thousands long stays linear. Same matches as the plain [.!?]+[\"')\]]*.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"')\]]*+(?=\s+[\"'(\[]?[A-Z0-9])|\n+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    paragraph = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group().startswith("\n"):
            end = m.start()
        else:
            word = _WORD_BEFORE.search(text, max(start, m.start() - 20), m.start())
            if word:
                token = word.group(1).lower().rstrip(".")
                if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
                if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):  # U.S., U.N.
                    continue
        _add(text, start, end, paragraph, sentences)
        if m.group().count("\n") >= 2:
            paragraph += 1
        start = m.end()
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
