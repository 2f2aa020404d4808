"""Descriptors generated from the pydantic models: the column specification of the released
events table, its Arrow schema (events.parquet), its Frictionless Table Schema, and the JSON
Schemas of Event and Article.

The models stay the one source of truth. Each Event field becomes a column; its Arrow type
follows from its annotation (date -> date32, IntEnum -> int8, StrEnum -> dictionary string,
float -> float64 ...) with a few explicit per-column choices below: integer widths, which text
columns are dictionary-encoded, and which list fields are '; '-joined strings as in ACLED's
exports.

    python -m conflict_events.schema.descriptors        # rewrite schemas/ and docs/schema.md
    python -m conflict_events.schema.descriptors --check  # exit 1 when they drift
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import sys
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from conflict_events._version import __version__
from conflict_events.schema.models import SCHEMA_VERSION, Article, Event, Evidence
from conflict_events.schema.taxonomy import (
    CIVILIANS_TARGETED,
    SubEventType,
    valid_interactions,
)

# --- per-column choices the annotations cannot express ------------------------------------

# ACLED exports join these list fields with "; "; files keep that form so ACLED code runs.
JOINED_COLUMNS: frozenset[str] = frozenset({"assoc_actor_1", "assoc_actor_2", "source", "tags"})

# Low-cardinality text: dictionary-encoded in Parquet, categorical in pandas.
DICTIONARY_COLUMNS: frozenset[str] = frozenset(
    {
        "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
        "assoc_actor_2", "civilian_targeting", "region", "country", "admin1", "admin2",
        "admin3", "location", "source", "source_scale", "tags", "extractor_version",
    }
)

INTEGER_TYPES: dict[str, pa.DataType] = {
    "year": pa.int16(),
    "interaction": pa.int8(),
    "iso": pa.int16(),
    "fatalities": pa.int32(),
    "timestamp": pa.int64(),
}

# Allowed values of str-typed fields whose vocabulary the annotation does not carry.
EXTRA_ENUMS: dict[str, tuple[Any, ...]] = {
    "disorder_type": tuple(dict.fromkeys(s.disorder_type for s in SubEventType)),
    "civilian_targeting": (CIVILIANS_TARGETED,),
    "interaction": tuple(sorted(valid_interactions())),
}

EVIDENCE_TYPE = pa.struct(
    [("article_id", pa.string()), ("start", pa.int32()), ("end", pa.int32())]
)

# Rows of a release are sorted by this key (ties cannot remain: event_id is unique).
SORT_KEY: tuple[str, ...] = ("country", "event_date", "event_id_cnty", "event_id")

ACLED_COLUMNS: tuple[str, ...] = tuple(list(Event.model_fields)[:31])
PROVENANCE_COLUMNS: tuple[str, ...] = tuple(list(Event.model_fields)[31:])

METADATA_SCHEMA_VERSION = b"conflict_events.schema_version"
METADATA_PACKAGE_VERSION = b"conflict_events.version"

Kind = typing.Literal["text", "joined", "list", "evidence", "int", "float", "date"]


@dataclass(frozen=True)
class Column:
    """One column of the released events table."""

    name: str
    kind: Kind
    arrow_type: pa.DataType  # in events.parquet
    nullable: bool
    description: str
    enum: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def dictionary(self) -> bool:
        return pa.types.is_dictionary(self.arrow_type)

    @property
    def plain_type(self) -> pa.DataType:
        """The Arrow type with dictionary encoding removed."""
        if pa.types.is_dictionary(self.arrow_type):
            return self.arrow_type.value_type
        return self.arrow_type


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner type, optional?) of `X | None` / Annotated[X, ...]."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        inner, _ = _unwrap(args[0])
        return inner, optional
    return annotation, optional


def _bounds(info: Any) -> tuple[float | None, float | None]:
    low = high = None
    for item in info.metadata:
        low = getattr(item, "ge", low) if getattr(item, "ge", None) is not None else low
        high = getattr(item, "le", high) if getattr(item, "le", None) is not None else high
    return low, high


def _column(name: str, info: Any) -> Column:
    annotation, optional = _unwrap(info.annotation)
    description = info.description or ""
    low, high = _bounds(info)
    pattern = next((m.pattern for m in info.metadata if getattr(m, "pattern", None)), None)
    if pattern is None:
        inner = info.annotation
        if typing.get_origin(inner) is typing.Annotated:
            pattern = next(
                (getattr(m, "pattern", None) for m in typing.get_args(inner)[1:]
                 if getattr(m, "pattern", None)),
                None,
            )
    enum_values: tuple[Any, ...] | None = EXTRA_ENUMS.get(name)
    kind: Kind
    arrow_type: pa.DataType
    if annotation is dt.date:
        kind, arrow_type = "date", pa.date32()
    elif isinstance(annotation, type) and issubclass(annotation, enum.IntEnum):
        kind, arrow_type = "int", pa.int8()
        enum_values = tuple(int(m) for m in annotation)
    elif isinstance(annotation, type) and issubclass(annotation, enum.StrEnum):
        kind, arrow_type = "text", pa.string()
        enum_values = tuple(m.value for m in annotation)
    elif annotation is int:
        kind, arrow_type = "int", INTEGER_TYPES.get(name, pa.int64())
    elif annotation is float:
        kind, arrow_type = "float", pa.float64()
    elif annotation is str:
        kind, arrow_type = "text", pa.string()
    elif typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if item is Evidence:
            kind, arrow_type = "evidence", pa.list_(EVIDENCE_TYPE)
        elif name in JOINED_COLUMNS:
            kind, arrow_type, optional = "joined", pa.string(), True
        else:
            kind, arrow_type = "list", pa.list_(pa.string())
    else:  # pragma: no cover - a new annotation needs a mapping here
        raise TypeError(f"no Arrow type for field {name!r} annotated {info.annotation!r}")
    if name in DICTIONARY_COLUMNS:
        index = pa.int8() if enum_values is not None else pa.int32()
        arrow_type = pa.dictionary(index, arrow_type)
    return Column(
        name=name, kind=kind, arrow_type=arrow_type, nullable=optional,
        description=description, enum=enum_values, minimum=low, maximum=high, pattern=pattern,
    )


@cache
def event_columns() -> tuple[Column, ...]:
    """The released events table, column by column, in file order."""
    return tuple(_column(name, info) for name, info in Event.model_fields.items())


@cache
def columns_by_name() -> dict[str, Column]:
    return {c.name: c for c in event_columns()}


def arrow_schema(*, plain: bool = False, metadata: bool = True) -> pa.Schema:
    """Arrow schema of events.parquet (plain=True: without dictionary encoding)."""
    fields = [
        pa.field(c.name, c.plain_type if plain else c.arrow_type, nullable=c.nullable)
        for c in event_columns()
    ]
    meta = (
        {METADATA_SCHEMA_VERSION: SCHEMA_VERSION.encode(),
         METADATA_PACKAGE_VERSION: __version__.encode()}
        if metadata else None
    )
    return pa.schema(fields, metadata=meta)


# --- Frictionless Table Schema -----------------------------------------------------------

_TABLE_TYPES: dict[str, str] = {
    "text": "string", "joined": "string", "list": "string", "evidence": "string",
    "int": "integer", "float": "number", "date": "date",
}

_FILE_FORMS: dict[str, str] = {
    "joined": " Files: text, items joined with '; '.",
    "list": " Parquet: list of strings; CSV: items joined with '; '.",
    "evidence": " Parquet: list of {article_id, start, end}; CSV: 'article:start-end' "
                "items joined with '; '.",
}


def table_schema() -> dict[str, Any]:
    """Frictionless Table Schema of the released events table (CSV and Parquet)."""
    fields: list[dict[str, Any]] = []
    for c in event_columns():
        spec: dict[str, Any] = {
            "name": c.name,
            "type": _TABLE_TYPES[c.kind],
            "description": c.description + _FILE_FORMS.get(c.kind, ""),
        }
        if c.kind == "date":
            spec["format"] = "default"
        constraints: dict[str, Any] = {}
        if not c.nullable:
            constraints["required"] = True
        if c.enum is not None:
            constraints["enum"] = list(c.enum)
        if c.minimum is not None:
            constraints["minimum"] = c.minimum
        if c.maximum is not None:
            constraints["maximum"] = c.maximum
        if c.pattern:
            constraints["pattern"] = c.pattern.lstrip("^").rstrip("$")
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    return {
        "fields": fields,
        "primaryKey": ["event_id_cnty"],
        "missingValues": [""],
    }


def model_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$comment"] = f"Generated from conflict_events (schema version {SCHEMA_VERSION})."
    return schema


def columns_markdown() -> str:
    """The column table of docs/schema.md."""
    lines = [
        "| # | column | type (Parquet) | nulls | allowed values | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for number, c in enumerate(event_columns(), start=1):
        allowed = ""
        if c.enum is not None:
            allowed = ", ".join(str(v) for v in c.enum)
            if len(allowed) > 60:
                allowed = f"{len(c.enum)} values (see the Table Schema)"
        elif c.minimum is not None or c.maximum is not None:
            allowed = f"{c.minimum if c.minimum is not None else ''}..{c.maximum or ''}"
        type_text = f"{c.plain_type} (dictionary)" if c.dictionary else str(c.arrow_type)
        type_text = type_text.replace("<", "&lt;").replace(">", "&gt;")
        lines.append(
            f"| {number} | `{c.name}` | {type_text} | {'yes' if c.nullable else 'no'} | "
            f"{allowed} | {c.description} |"
        )
    return "\n".join(lines) + "\n"


# --- generation --------------------------------------------------------------------------

def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


DOC_START = "<!-- columns:start (generated by python -m conflict_events.schema.descriptors) -->"
DOC_END = "<!-- columns:end -->"


def generated_files(root: Path) -> dict[Path, str]:
    """Every generated file under the repository root, with its expected content."""
    files = {
        root / "schemas" / "event.schema.json": _dump(model_json_schema(Event)),
        root / "schemas" / "article.schema.json": _dump(model_json_schema(Article)),
        root / "schemas" / "events.tableschema.json": _dump(table_schema()),
    }
    doc = root / "docs" / "schema.md"
    if doc.exists():
        text = doc.read_text(encoding="utf-8")
        if DOC_START in text and DOC_END in text:
            head, _, rest = text.partition(DOC_START)
            _, _, tail = rest.partition(DOC_END)
            files[doc] = f"{head}{DOC_START}\n{columns_markdown()}{DOC_END}{tail}"
    return files


def default_root() -> Path:
    """The repository root of an editable install (the folder holding the package)."""
    return Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m conflict_events.schema.descriptors",
        description="Write the descriptors generated from the models (schemas/, docs/schema.md).",
    )
    parser.add_argument("--root", type=Path, default=default_root(), help="repository root")
    parser.add_argument("--check", action="store_true", help="only report drift (exit 1)")
    args = parser.parse_args(argv)
    drifted = []
    for path, content in generated_files(args.root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            continue
        drifted.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    for path in drifted:
        print(f"{'drifted' if args.check else 'wrote'} {path}")
    return 1 if (args.check and drifted) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
