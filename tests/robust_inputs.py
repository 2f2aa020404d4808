"""Hypothesis strategies for hostile input, shared by the robustness tests and the long-running
fuzz target (tests/fuzz/run_fuzz.py)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

# Pieces a hostile article is made of: each one targets a parser or a pattern.
HOSTILE_PIECES = [
    "<script>alert(1)</script>", "<img src=http://127.0.0.1:9/x.png>", "<p>", "</div>", "<",
    "&amp;", "&#0;", "&#x110000;", "&lt;script&gt;", "\u202e", "\u200f", "\u200b", "\ufeff",
    "\x00", "\x1b[31m", "\r", "\u2028", "\ud7ff", "\U0001f4a5", "مقتل ٥ أشخاص في حلب",
    "Москва", "北京", "שלום", "killed", "were killed", "killing 5", "dozens of", "between 1 and",
    "12 May 2020", "May 12, 2020", "2020-13-45", "31/02/2020", "99/99/9999", "on Tuesday",
    "yesterday", "in Aleppo", "Aleppo province", "the Syrian army", "al-Shabaab", "9" * 300,
    "1,000,000,000,000,000,000", "-" * 200, ".", "\n\n", " ", "=cmd|' /C calc'!A0", "@SUM(1)",
    "\t", '"', "'", ";", "a" * 500,
]


def hostile_text(max_pieces: int = 40) -> st.SearchStrategy[str]:
    """Arbitrary Unicode mixed with pieces that target the extractor's parsers."""
    piece = st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=40),
                      st.text(alphabet=st.characters(codec="utf-8"), max_size=20))
    return st.lists(piece, max_size=max_pieces).map(" ".join)


def nested_json(depth: int) -> str:
    """A JSON document nested `depth` levels deep (lists and objects alternately)."""
    text = '"x"'
    for level in range(depth):
        text = f"[{text}]" if level % 2 else f'{{"text": {text}}}'
    return text


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                        hostile_text(8))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["text", "body", "title", "published", "date", "id",
                                         "article_id", "url", "source", "x"]), inner,
                        max_size=5)), max_leaves=12)


def json_document() -> st.SearchStrategy[bytes]:
    """Mostly valid JSON with hostile values, sometimes broken bytes or extreme nesting."""
    valid = json_values().map(lambda v: json.dumps(v).encode())
    deep = st.integers(50, 5000).map(lambda d: nested_json(d).encode())
    return st.one_of(valid, deep, st.binary(max_size=200))
