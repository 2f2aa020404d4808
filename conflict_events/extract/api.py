"""Public extraction API.

    extract(text_or_article, published="2016-02-02") -> list[Event]
    extract_many(articles, workers=None) -> Iterator[ArticleResult]   (process pool, streaming)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from conflict_events.errors import ArticleRejected, ConflictEventsError
from conflict_events.extract.checks import check_article, decode, parse_published
from conflict_events.extract.doc import Doc
from conflict_events.extract.pipeline import Pipeline
from conflict_events.schema.models import Article, Event

STATUS_PROCESSED = "processed"
STATUS_NO_EVENTS = "no_events"
STATUS_REJECTED = "rejected"


@cache
def default_pipeline() -> Pipeline:
    """The process-wide default pipeline (built once)."""
    return Pipeline.default()


def to_article(
    article_or_text: Article | str | bytes,
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article from a string (or UTF-8 bytes) and metadata; an Article is returned with the
    given metadata filled in where it had none."""
    if isinstance(article_or_text, Article):
        updates: dict[str, object] = {}
        if published is not None and article_or_text.published is None:
            updates["published"] = parse_published(published, article_or_text.article_id)
        for key, value in (("source", source), ("title", title), ("url", url)):
            if value is not None and getattr(article_or_text, key) is None:
                updates[key] = value
        return article_or_text.model_copy(update=updates) if updates else article_or_text
    if isinstance(article_or_text, bytes):
        article_or_text = decode(article_or_text)
    if not isinstance(article_or_text, str):
        raise ArticleRejected("not_text", f"cannot extract from a {type(article_or_text).__name__}"
                              "; give an Article or a str")
    day = parse_published(published, "article")
    return Article.from_text(article_or_text, published=day, source=source, title=title, url=url)


def extract_doc(article: Article, pipeline: Pipeline | None = None) -> Doc:
    """Run the pipeline and return the whole Doc (events, mentions, dropped reasons)."""
    checked = check_article(article)
    return (pipeline or default_pipeline())(checked)


def extract(
    article_or_text: Article | str,
    *,
    published: dt.date | str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> list[Event]:
    """ACLED-coded events of one article. Raises ArticleRejected for unusable input."""
    article = to_article(article_or_text, published=published, source=source, title=title,
                         url=url)
    return extract_doc(article).events


@dataclass
class ArticleResult:
    """The outcome for one article of a batch."""

    article_id: str
    status: str  # processed | no_events | rejected
    events: list[Event] = field(default_factory=list)
    error_code: str | None = None
    error: str | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)  # why mentions were not coded
    article: Article | None = None

    @property
    def n_events(self) -> int:
        return len(self.events)

    @property
    def reason(self) -> str | None:
        """Why there are no events: the rejection, or the most frequent drop reason."""
        if self.error_code:
            return f"{self.error_code}: {self.error}"
        if self.status == STATUS_NO_EVENTS:
            if not self.dropped:
                return "no_trigger: no sentence reports an event"
            codes = [code for code, _ in self.dropped]
            top = max(set(codes), key=codes.count)
            return f"{top}: {len(codes)} candidate(s) not coded"
        return None


def process(article: Article, pipeline: Pipeline | None = None) -> ArticleResult:
    """Extract from one article; never raises (errors become a rejected result)."""
    article_id = getattr(article, "article_id", "?")
    try:
        doc = extract_doc(article, pipeline)
    except ArticleRejected as exc:
        return ArticleResult(article_id, STATUS_REJECTED, error_code=exc.code,
                             error=exc.reason, article=article)
    except ConflictEventsError as exc:
        return ArticleResult(article_id, STATUS_REJECTED, error_code=type(exc).__name__,
                             error=str(exc), article=article)
    except Exception as exc:  # a bug on one article must not stop the batch
        return ArticleResult(article_id, STATUS_REJECTED, error_code="internal_error",
                             error=f"{type(exc).__name__}: {exc}"[:500], article=article)
    status = STATUS_PROCESSED if doc.events else STATUS_NO_EVENTS
    return ArticleResult(article_id, status, doc.events, dropped=doc.dropped, article=article)


def _process_chunk(articles: list[Article]) -> list[ArticleResult]:
    return [process(a) for a in articles]


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_many(
    articles: Iterable[Article | str], *, workers: int | None = None, chunk_size: int = 8
) -> Iterator[ArticleResult]:
    """Results for many articles, in input order, streamed as they are ready.

    Uses a process pool of `workers` processes (default: all cores; 1 = this process). One bad
    article gives a rejected result and never stops the batch."""
    def as_article(item: Article | str) -> Article:
        return item if isinstance(item, Article) else Article.from_text(item)

    stream = (as_article(a) for a in articles)
    workers = os.cpu_count() or 1 if workers is None else max(1, workers)
    if workers == 1:
        for article in stream:
            yield process(article)
        return
    # imported here: a process pool is no part of extracting one text (startup)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    default_pipeline()  # load lexicons and gazetteer once, before forking
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = []
        for chunk in _chunked(stream, chunk_size):
            pending.append(pool.submit(_process_chunk, chunk))
            # Keep a bounded number of chunks in flight so huge inputs stream.
            while len(pending) >= workers * 4:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
