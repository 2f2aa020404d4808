"""Input checks before extraction: each failure is an ArticleRejected with a short code.

Codes: empty, not_utf8, binary, too_large, run_on_text, unsupported_language, bad_date,
future_date, too_many_mentions. Limits: MAX_TEXT_CHARS characters in all; MAX_SENTENCE_CHARS
characters without a sentence end (., !, ? or a line break), and in one sentence as the
sentence splitter cuts them: such text is no prose, and the per-sentence stages would spend
time quadratic in its length. Once the mentions are found (check_mentions, run by the stages):
MAX_SENTENCE_MENTIONS mentions (event words, actors, places, figures, dates) in one sentence,
MAX_ARTICLE_TRIGGERS event words in one article.
HTML is not rejected: tags are stripped (see strip_html) and the text extracted."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import html
import re
from collections import Counter
from operator import attrgetter

from conflict_events.errors import ArticleRejected
from conflict_events.extract.doc import Doc
from conflict_events.schema.models import Article

MAX_TEXT_CHARS = 5_000_000  # ~5 MB: far beyond any news article
MIN_PUBLISHED = dt.date(1900, 1, 1)  # relative dates are resolved against it
MAX_SENTENCE_CHARS = 20_000  # no written sentence is this long (~3,000 words)
# The most mentions found in one sentence of the 5,071 development notes, the seed articles and
# both benchmark corpora is 18; a sentence with more than this is a list or a crafted text.
MAX_SENTENCE_MENTIONS = 100
MAX_ARTICLE_TRIGGERS = 50_000  # ~3x the event words of 1 MB of event-dense text
_RUN_ON = re.compile(r"[^.!?\n]+")  # each run between sentence ends, matched once
# A run over the limit, tried only where a run starts: one scan in C instead of a Python step
# per sentence of every article (_RUN_ON measures the longest for the message).
_RUN_ON_OVER = re.compile(rf"(?<![^.!?\n])[^.!?\n]{{{MAX_SENTENCE_CHARS + 1}}}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_HTML_HINT = re.compile(r"<(?:html|body|p|div|br|span|a|script|style|head|article|h[1-6])\b",
                        re.IGNORECASE)
_DROP_BLOCKS = re.compile(r"<(script|style|head|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|article|section|header|footer)\b[^>]*>",
                         re.IGNORECASE)
_TAGS = re.compile(r"<[^>]{0,2000}>")
_START = attrgetter("start")
_WORD = re.compile(r"[^\W\d_]+")
# In ASCII text the words _WORD finds that are lower case (str.islower), found directly
_LOWER_ASCII_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
# Frequent English function words: a text with almost none of them is not English.
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "was", "were", "on", "at", "by", "for", "with", "from", "that", "said", "have", "has", "had", "been", "are", "it", "as", "an", "after", "their", "they", "who", "killed", "police", "forces", "people"]  # noqa: E501
)


def decode(data: bytes, name: str = "article") -> str:
    if b"\x00" in data[:4096]:
        raise ArticleRejected("binary", "the input holds NUL bytes: binary data, not text",
                              input_name=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleRejected("not_utf8", f"the bytes are not UTF-8 ({exc.reason} at byte "
                              f"{exc.start})", input_name=name) from exc


def looks_like_html(text: str) -> bool:
    return len(_HTML_HINT.findall(text[:20000])) >= 2


def strip_html(text: str) -> str:
    text = _DROP_BLOCKS.sub(" ", text)
    text = _BLOCK_TAGS.sub("\n\n", text)
    text = _TAGS.sub(" ", text)
    return html.unescape(text)


def parse_published(value: object, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError as exc:
            raise ArticleRejected("bad_date", f"publication date {value!r} is not an ISO date "
                                  "(YYYY-MM-DD)", input_name=name) from exc
    raise ArticleRejected("bad_date", f"publication date of type {type(value).__name__} is not "
                          "a date", input_name=name)


def check_article(article: Article, *, today: dt.date | None = None) -> Article:
    """The article ready for extraction (HTML stripped), or ArticleRejected."""
    name = article.article_id
    text = article.text
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleRejected("too_large", f"{len(text):,} characters is over the limit of "
                              f"{MAX_TEXT_CHARS:,}", input_name=name)
    if not text.strip():
        raise ArticleRejected("empty", "the article has no text", input_name=name)
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(3, len(sample) // 100):
        raise ArticleRejected("binary", f"{controls} control characters in the first "
                              f"{len(sample)}: binary data, not text", input_name=name)
    if looks_like_html(text):
        text = strip_html(text)
        article = article.model_copy(update={"text": text})
        if not text.strip():
            raise ArticleRejected("empty", "no text left once HTML markup is removed",
                                  input_name=name)
    if _RUN_ON_OVER.search(text):
        longest = max(m.end() - m.start() for m in _RUN_ON.finditer(text))
        raise ArticleRejected("run_on_text", f"{longest:,} characters without a sentence end "
                              f"(the limit is {MAX_SENTENCE_CHARS:,})", input_name=name)
    if article.language and article.language.lower()[:2] != "en":
        raise ArticleRejected("unsupported_language", f"language {article.language!r}: only "
                              "English is supported", input_name=name)
    # Names and numbers say nothing of the language: judge on lower-case words only.
    opening = text[:5000]
    words = (_LOWER_ASCII_WORD.findall(opening) if opening.isascii()
             else [w for w in _WORD.findall(opening) if w.islower()])
    if len(words) >= 30:  # short reports full of names are not judged
        english = sum(map(_ENGLISH.__contains__, words))
        if english / len(words) < 0.12:
            raise ArticleRejected("unsupported_language", "the text does not read as English "
                                  f"({english} of {len(words)} words are common English words)",
                                  input_name=name)
    if article.published is not None and article.published < MIN_PUBLISHED:
        raise ArticleRejected("bad_date", f"publication date {article.published} is before "
                              f"{MIN_PUBLISHED}", input_name=name)
    today = today or dt.date.today()
    if article.published is not None and article.published > today + dt.timedelta(days=1):
        raise ArticleRejected("future_date", f"publication date {article.published} is in the "
                              "future", input_name=name)
    return article


def check_mentions(doc: Doc) -> None:
    """ArticleRejected when the doc's sentences or mentions are beyond the limits: run by the
    triggers stage (sentences, event words) and again before assembly (all mentions)."""
    name = doc.article.article_id
    longest = max((s.end - s.start for s in doc.sentences), default=0)
    if longest > MAX_SENTENCE_CHARS:
        raise ArticleRejected("run_on_text", f"a sentence of {longest:,} characters (the limit "
                              f"is {MAX_SENTENCE_CHARS:,})", input_name=name)
    if len(doc.triggers) > MAX_ARTICLE_TRIGGERS:
        raise ArticleRejected("too_many_mentions", f"{len(doc.triggers):,} event words (the "
                              f"limit is {MAX_ARTICLE_TRIGGERS:,} per article)", input_name=name)
    starts = [s.start for s in doc.sentences]
    # mentions counted per sentence by C-level maps (no Python step per mention); the key is
    # the sentence's index + 1 (bisect_right)
    after = functools.partial(bisect.bisect_right, starts)
    per_sentence: Counter[int] = Counter()
    for layer in (doc.triggers, doc.actors, doc.places, doc.numbers, doc.dates):
        per_sentence.update(map(after, map(_START, layer)))
    if per_sentence:
        number, count = per_sentence.most_common(1)[0]
        if count > MAX_SENTENCE_MENTIONS:
            raise ArticleRejected("too_many_mentions", f"{count:,} mentions in sentence "
                                  f"{number} (the limit is {MAX_SENTENCE_MENTIONS} per "
                                  "sentence)", input_name=name)
