"""articles.parquet: one row per input article, whatever became of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict, Field

from conflict_events.schema.models import Article


class ArticleStatus(StrEnum):
    PROCESSED = "processed"  # events were extracted
    NO_EVENTS = "no_events"  # read fine, nothing codable in it
    REJECTED = "rejected"  # could not be processed; `error` says why


class ArticleRecord(BaseModel):
    """What the release records about one input article."""

    model_config = ConfigDict(extra="forbid")

    article_id: str = Field(min_length=1, description="Identifier of the article.")
    title: str | None = Field(default=None, description="Headline.")
    source: str | None = Field(default=None, description="Outlet name.")
    url: str | None = Field(default=None, description="Canonical URL.")
    published: dt.date | None = Field(default=None, description="Publication date.")
    sha256: str | None = Field(
        default=None, description="sha256 of the UTF-8 text; null when there was no text."
    )
    status: ArticleStatus = Field(description="processed, no_events or rejected.")
    n_events: int = Field(default=0, ge=0, description="Events extracted from the article.")
    error: str | None = Field(default=None, description="Why the article was rejected.")

    @classmethod
    def from_article(
        cls, article: Article, *, n_events: int, error: str | None = None
    ) -> ArticleRecord:
        if error is not None:
            status = ArticleStatus.REJECTED
        else:
            status = ArticleStatus.PROCESSED if n_events else ArticleStatus.NO_EVENTS
        return cls(
            article_id=article.article_id, title=article.title, source=article.source,
            url=article.url, published=article.published, sha256=article.sha256,
            status=status, n_events=n_events, error=error,
        )


ARTICLES_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("source", pa.dictionary(pa.int32(), pa.string())),
        pa.field("url", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("sha256", pa.string()),
        pa.field("status", pa.dictionary(pa.int8(), pa.string()), nullable=False),
        pa.field("n_events", pa.int32(), nullable=False),
        pa.field("error", pa.string()),
    ]
)


def articles_table(records: Iterable[ArticleRecord] | pa.Table) -> pa.Table:
    """Records (or an articles table) -> the articles.parquet table, sorted by article_id,
    each dictionary column encoded in order of first appearance."""
    if isinstance(records, pa.Table):
        return _sorted_and_encoded(records)
    rows = sorted(
        (r.model_dump(mode="python") for r in records), key=lambda row: row["article_id"]
    )
    arrays = []
    for field in ARTICLES_SCHEMA:
        values = [row[field.name] for row in rows]
        if pa.types.is_dictionary(field.type):
            plain = pa.array([None if v is None else str(v) for v in values], pa.string())
            arrays.append(plain.dictionary_encode().cast(field.type))
        else:
            arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=ARTICLES_SCHEMA)


def plain_articles(table: pa.Table) -> pa.Table:
    """An articles table with its dictionary columns decoded (tables of different releases
    or runs concatenate without unifying dictionaries)."""
    columns = []
    for field in ARTICLES_SCHEMA:
        column = table.column(field.name)
        if pa.types.is_dictionary(field.type):
            column = column.cast(pa.string())
        columns.append(column)
    return pa.Table.from_arrays(columns, names=ARTICLES_SCHEMA.names)


def _sorted_and_encoded(table: pa.Table) -> pa.Table:
    """Rows sorted by article_id (UTF-8 byte order = code point order, as sorted() sorts),
    dictionaries rebuilt after sorting: the same table articles_table() makes of the records."""
    plain = plain_articles(table).combine_chunks()
    plain = plain.take(pc.sort_indices(plain.column("article_id")))
    arrays = []
    for field in ARTICLES_SCHEMA:
        column = plain.column(field.name).combine_chunks()
        if pa.types.is_dictionary(field.type):
            column = column.dictionary_encode().cast(field.type)
        arrays.append(column)
    return pa.Table.from_arrays(arrays, schema=ARTICLES_SCHEMA)


def articles_table_schema() -> dict[str, object]:
    """Frictionless Table Schema of articles.parquet, from ArticleRecord."""
    types = {"published": "date", "n_events": "integer"}
    fields = []
    for name, info in ArticleRecord.model_fields.items():
        spec: dict[str, object] = {
            "name": name, "type": types.get(name, "string"), "description": info.description,
        }
        if name == "status":
            spec["constraints"] = {"required": True, "enum": [s.value for s in ArticleStatus]}
        elif name == "article_id":
            spec["constraints"] = {"required": True}
        fields.append(spec)
    return {"fields": fields, "primaryKey": ["article_id"], "missingValues": [""]}
