"""Reading gold data: an ACLED export with notes (protocol A) or hand-coded gold events with
their articles (protocol B)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from conflict_events.errors import EvaluationError
from conflict_events.evaluate.views import EventView, parse_date
from conflict_events.schema.taxonomy import Inter

# Columns protocol A needs; the rest of an ACLED export is ignored.
REQUIRED_A: tuple[str, ...] = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2",
    "admin1", "location", "latitude", "longitude", "time_precision", "geo_precision",
    "notes", "fatalities",
)

# Event and sub-event types where civilians as a side make an event "Civilians targeted"
# (CODEBOOK 1.5). Used only for exports older than ACLED's civilian_targeting column.
_TARGETING_EVENT_TYPES = frozenset({"Explosions/Remote violence", "Riots"})


@dataclass(frozen=True, slots=True)
class GoldRow:
    """One row of protocol A: the note to extract from and the event ACLED coded from it."""

    index: int
    row_id: str
    text: str
    published: dt.date | None
    event: EventView


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded gold event of protocol B; value lists hold every acceptable value."""

    gold_id: str
    article_id: str
    required: bool
    event_type: str
    event_dates: tuple[dt.date, ...]
    sub_event_types: tuple[str, ...]
    actors: tuple[tuple[str, ...], tuple[str, ...]]
    country: str | None
    admin1: str | None
    locations: tuple[str, ...]
    fatalities: tuple[int, ...]
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article of protocol B with the metadata passed to the extractor."""

    article_id: str
    path: Path
    published: dt.date | None
    source: str | None
    title: str | None
    extra: dict[str, Any] = field(default_factory=dict)

    def read_text(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EvaluationError(f"{self.path}: cannot read article text: {exc}") from exc


def derived_civilian_targeting(event_type: str, sub_event_type: str, inter1: int | None,
                               inter2: int | None) -> bool:
    """civilian_targeting as ACLED sets it, from the other gold columns (CODEBOOK 1.5): every
    Violence against civilians event, Excessive force against protesters, and Explosions/Remote
    violence or Riots with civilians as a side."""
    if event_type == "Violence against civilians":
        return True
    if sub_event_type == "Excessive force against protesters":
        return True
    civilians = int(Inter.CIVILIANS)
    return event_type in _TARGETING_EVENT_TYPES and civilians in (inter1, inter2)


def read_protocol_a(path: str | Path, *, limit: int | None = None) -> list[GoldRow]:
    """Gold rows of an ACLED export with notes (CSV). Raises EvaluationError naming the file
    and the reason when it cannot be used."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=limit)
    except FileNotFoundError as exc:
        raise EvaluationError(f"{path}: gold file not found") from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise EvaluationError(f"{path}: not a readable CSV file: {exc}") from exc
    missing = [c for c in REQUIRED_A if c not in frame.columns]
    if missing:
        raise EvaluationError(f"{path}: not an ACLED export with notes; missing columns "
                              f"{', '.join(missing)}")
    has_targeting = "civilian_targeting" in frame.columns
    rows: list[GoldRow] = []
    for index, record in enumerate(frame.to_dict("records")):
        event = EventView.of(record)
        day = event.event_date
        if day is None:
            raise EvaluationError(f"{path}: row {index + 2}: event_date "
                                  f"{record['event_date']!r} is not a date")
        if not has_targeting:
            event = _with_targeting(event)
        published = parse_date(record.get("published"))
        if published is None:
            # Exports without the column: an article reporting the event would be dated the day
            # after, the convention the development set follows.
            published = day + dt.timedelta(days=1)
        rows.append(GoldRow(
            index=index,
            row_id=str(record.get("event_id_cnty") or index),
            text=str(record["notes"]),
            published=published,
            event=event,
        ))
    return rows


def _with_targeting(event: EventView) -> EventView:
    return replace(event, civilian_targeting=derived_civilian_targeting(
        event.event_type or "", event.sub_event_type or "", event.inter1, event.inter2))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise EvaluationError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read: {exc}") from exc
    records: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}: line {number}: not JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise EvaluationError(f"{path}: line {number}: expected a JSON object")
        records.append(record)
    return records


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _gold_event(path: Path, number: int, record: dict[str, Any]) -> GoldEvent:
    where = f"{path}: line {number}"
    for key in ("article_id", "gold_id", "event_type", "event_date", "country"):
        if not record.get(key):
            raise EvaluationError(f"{where}: gold event has no {key!r}")
    dates = [parse_date(d) for d in _as_list(record["event_date"])]
    if not dates or any(d is None for d in dates):
        raise EvaluationError(f"{where}: event_date {record['event_date']!r} is not a list of "
                              "ISO dates")
    actors = _as_list(record.get("actors"))
    if len(actors) != 2 or not all(isinstance(side, list) for side in actors):
        raise EvaluationError(f"{where}: actors must be two lists of acceptable names")
    status = str(record.get("status", "required"))
    if status not in ("required", "optional"):
        raise EvaluationError(f"{where}: status {status!r} is neither required nor optional")
    try:
        fatalities = tuple(int(f) for f in _as_list(record.get("fatalities")))
    except (TypeError, ValueError) as exc:
        raise EvaluationError(f"{where}: fatalities must be integers") from exc
    return GoldEvent(
        gold_id=str(record["gold_id"]),
        article_id=str(record["article_id"]),
        required=status == "required",
        event_type=str(record["event_type"]),
        event_dates=tuple(d for d in dates if d is not None),
        sub_event_types=tuple(str(s) for s in _as_list(record.get("sub_event_type"))),
        actors=(tuple(str(a) for a in actors[0]), tuple(str(a) for a in actors[1])),
        country=record.get("country"),
        admin1=record.get("admin1") or None,
        locations=tuple(str(s) for s in _as_list(record.get("location"))),
        fatalities=fatalities,
        evidence=str(record.get("evidence") or ""),
    )


def read_protocol_b(gold: str | Path, articles: str | Path | None = None
                    ) -> tuple[list[GoldArticle], list[GoldEvent]]:
    """Gold events (gold.jsonl) and the articles they were coded from. `articles` is the folder
    holding articles.jsonl and the article files; by default the gold file's folder."""
    gold = Path(gold)
    folder = Path(articles) if articles is not None else gold.parent
    if folder.is_file():  # articles.jsonl given directly
        meta_path, folder = folder, folder.parent
    else:
        meta_path = folder / "articles.jsonl"
    events = [_gold_event(gold, n, r) for n, r in enumerate(_read_jsonl(gold), start=1)]
    article_list: list[GoldArticle] = []
    for number, record in enumerate(_read_jsonl(meta_path), start=1):
        if not record.get("article_id") or not record.get("file"):
            raise EvaluationError(f"{meta_path}: line {number}: needs article_id and file")
        known = {"article_id", "file", "published", "source", "title"}
        article_list.append(GoldArticle(
            article_id=str(record["article_id"]),
            path=folder / str(record["file"]),
            published=parse_date(record.get("published")),
            source=record.get("source") or None,
            title=record.get("title") or None,
            extra={k: v for k, v in record.items() if k not in known},
        ))
    known_ids = {a.article_id for a in article_list}
    orphans = sorted({e.article_id for e in events} - known_ids)
    if orphans:
        raise EvaluationError(f"{gold}: gold events refer to articles not in {meta_path}: "
                              f"{', '.join(orphans)}")
    return article_list, events
