"""Field mapping: which key of a JSON object or CSV row holds each Article field.

Defaults cover the common names; a mapping given by the user (`fields={"text": "body"}`, or
`--field text=body` on the command line) replaces the candidates of that field. A dotted name
("meta.published") reads a nested object. Keys that no field uses are kept in Article.extra."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from conflict_events.errors import ArticleRejected, InputError
from conflict_events.schema.models import Article
from conflict_events.sources.dates import parse_date

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubDate", "published_at", "publish_date", "pub_date",
                  "datePublished"),
    "source": ("source", "outlet", "site", "publisher", "source_name"),
    "url": ("url", "link"),
    "article_id": ("id", "article_id", "guid", "doc_id"),
    "language": ("language", "lang"),
}
ARTICLE_FIELDS = tuple(DEFAULT_FIELDS)


def parse_field_options(items: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    """{"text": "body"} from ["text=body"] (or a mapping, checked)."""
    if items is None:
        return {}
    pairs: list[tuple[str, str]] = []
    if isinstance(items, Mapping):
        pairs = [(str(k), str(v)) for k, v in items.items()]
    else:
        for item in items:
            field, sep, key = str(item).partition("=")
            if not sep or not field.strip() or not key.strip():
                raise InputError(f"field mapping {item!r} is not FIELD=KEY (e.g. text=body)")
            pairs.append((field.strip(), key.strip()))
    unknown = sorted({field for field, _ in pairs} - set(ARTICLE_FIELDS))
    if unknown:
        raise InputError(f"unknown article field(s) {', '.join(unknown)} in the field mapping; "
                         f"known: {', '.join(ARTICLE_FIELDS)}")
    return dict(pairs)


def _lookup(record: Mapping[str, Any], key: str) -> tuple[bool, Any]:
    if key in record:
        return True, record[key]
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return False, None
        value = value[part]
    return True, value


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | bool):
        return str(value)
    return None


class FieldMapping:
    """Candidates, in order, for each Article field."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self.candidates = dict(DEFAULT_FIELDS)
        for field, key in (overrides or {}).items():
            self.candidates[field] = (key,)

    def article(self, record: Mapping[str, Any], name: str, *,
                defaults: Mapping[str, Any] | None = None,
                context: Mapping[str, Any] | None = None) -> Article:
        """An Article from one record, or ArticleRejected naming `name`. `defaults` fill
        metadata the record lacks (e.g. a feed's title as the outlet); `context` (where the
        record was read) is added to Article.extra."""
        values: dict[str, Any] = {}
        used: set[str] = set()
        blank: set[str] = set()  # fields present but empty
        for field, keys in self.candidates.items():
            for key in keys:
                found, value = _lookup(record, key)
                if found and value not in (None, ""):
                    values[field] = value
                    used.add(key.split(".")[0])
                    break
                if found:
                    blank.add(field)
                    used.add(key.split(".")[0])
        text = values.get("text")
        if text is None and "text" in blank:
            raise ArticleRejected("empty", "the text field is empty", input_name=name)
        if not isinstance(text, str):
            wanted = "|".join(self.candidates["text"])
            what = "no text field" if text is None else f"a {type(text).__name__} as text"
            raise ArticleRejected("bad_record" if text is not None or record else "empty",
                                  f"{what} ({wanted}); map it with fields={{'text': KEY}}",
                                  input_name=name)
        if not text.strip():
            raise ArticleRejected("empty", "the text field is empty", input_name=name)
        extra = {k: v for k, v in record.items() if k not in used}
        extra.update(context or {})
        metadata: dict[str, Any] = {k: v for k, v in (defaults or {}).items() if v is not None}
        for field in ("title", "source", "url", "language"):
            if field in values:
                metadata[field] = _as_text(values[field])
        if "published" in values:
            day = parse_date(values["published"])
            if day is None:
                extra["unparsed_published"] = values["published"]
            metadata["published"] = day
        article_id = _as_text(values.get("article_id"))
        if not article_id or not article_id.strip():
            article_id = Article.from_text(text).article_id  # the same id for the same text
        try:
            return Article(article_id=article_id, text=text,
                           **{k: v for k, v in metadata.items() if v is not None},
                           extra=_jsonable(extra))
        except ValidationError as exc:
            problem = exc.errors()[0]
            raise ArticleRejected("bad_record", f"{'.'.join(map(str, problem['loc']))}: "
                                  f"{problem['msg']}", input_name=name) from exc


def _jsonable(extra: dict[str, Any]) -> dict[str, Any]:
    """Extra values as JSON allows, so an article round-trips through files."""
    return {str(k): v if isinstance(v, str | int | float | bool | None | list | dict) else str(v)
            for k, v in extra.items()}
