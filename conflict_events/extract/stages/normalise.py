"""Stage `normalise`: Unicode NFC, typographic quotes and dashes to ASCII, runs of spaces to
one. Keeps segments mapping the normalised text back to the original, so that evidence
offsets point into the article as given."""

from __future__ import annotations

import re
import unicodedata

from conflict_events.extract.doc import Doc
from conflict_events.extract.pipeline import register_stage

# One-to-one replacements keep offsets unchanged.
_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ",
    "\u202f": " ", "\u200b": " ", "\t": " ", "\r": "\n", "\u2026": ".",
})
_SPACES = re.compile(r" {2,}|\n[ \n]*\n|[ ]+\n| ?\n ?")
# A match of _SPACES changes the text only where one of these occurs (otherwise every match is
# a lone "\n" or "\n\n", kept as it is): most texts hold none and skip the Python step per line.
_SPACES_CHANGE = ("  ", " \n", "\n ", "\n\n\n")
_NON_ASCII_RUN = re.compile(r".?[^\x00-\x7f]+")


def _rewrite(
    text: str, pattern: re.Pattern[str], replace: object
) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Apply `replace(match) -> str` to each match, returning the new text and the segments
    (new_start, new_end, old_start, old_end), identity runs included."""
    out: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    pos = 0
    new_pos = 0
    for m in pattern.finditer(text):
        new = replace(m)  # type: ignore[operator]
        if new == m.group():
            continue
        if m.start() > pos:
            out.append(text[pos:m.start()])
            segments.append((new_pos, new_pos + m.start() - pos, pos, m.start()))
            new_pos += m.start() - pos
        out.append(new)
        segments.append((new_pos, new_pos + len(new), m.start(), m.end()))
        new_pos += len(new)
        pos = m.end()
    if not segments:
        return text, []
    out.append(text[pos:])
    segments.append((new_pos, new_pos + len(text) - pos, pos, len(text)))
    return "".join(out), segments


def _compose(
    outer: list[tuple[int, int, int, int]], inner: list[tuple[int, int, int, int]], doc: Doc
) -> list[tuple[int, int, int, int]]:
    """Segments of a second rewrite expressed against the original text."""
    if not inner:
        return outer
    if not outer:
        return inner
    probe = Doc(article=doc.article, original=doc.original, segments=outer)
    return [(a, b, probe.original_offset(c), probe.original_offset(d)) for a, b, c, d in inner]


def normalise_text(doc: Doc) -> None:
    text = doc.original.translate(_TRANSLATE)
    segments: list[tuple[int, int, int, int]] = []
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text, segments = _rewrite(
            text, _NON_ASCII_RUN, lambda m: unicodedata.normalize("NFC", m.group())
        )

    def spaces(m: re.Match[str]) -> str:
        return "\n\n" if m.group().count("\n") >= 2 else ("\n" if "\n" in m.group() else " ")

    inner: list[tuple[int, int, int, int]] = []
    if any(change in text for change in _SPACES_CHANGE):
        text, inner = _rewrite(text, _SPACES, spaces)
    doc.segments = _compose(segments, inner, doc)
    doc.text = text


register_stage("normalise", inputs=("original",), outputs=("text", "segments"))(normalise_text)
