"""Property-based fuzzing of the public entry points with hostile input: the extractor, the
source readers, the date and number parsers and the release writer. Any exception other than
the project's documented errors (ConflictEventsError and subclasses) is a bug.

The budget here is small (the default suite); tests/fuzz/run_fuzz.py runs the same properties
with a large budget."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robust_inputs import HOSTILE_PIECES, hostile_text, json_document, nested_json

import conflict_events as ce
from conflict_events.errors import ConflictEventsError
from conflict_events.extract.api import process
from conflict_events.extract.stages.dates import find_dates
from conflict_events.extract.stages.numbers import find_numbers, number_value
from conflict_events.schema.models import Article
from conflict_events.sources.base import Rejection
from conflict_events.sources.dates import dateline_date, parse_date, wire_opening_date
from conflict_events.sources.inputs import read_inputs
from conflict_events.sources.registry import builtin_sources

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PUBLISHED = dt.date(2020, 5, 14)


def _extract_or_documented_error(text: str | bytes) -> None:
    try:
        events = ce.extract(text, published=PUBLISHED)  # type: ignore[arg-type]
    except ConflictEventsError:
        return
    for event in events:
        assert event.event_id and event.fatalities >= 0


@FUZZ
@given(hostile_text())
def test_extract_takes_any_text(text: str) -> None:
    _extract_or_documented_error(text)


@FUZZ
@given(st.binary(max_size=400))
def test_extract_takes_any_bytes(data: bytes) -> None:
    _extract_or_documented_error(data)


@FUZZ
@given(st.sampled_from(["", "Gunmen killed ", "On "]), st.sampled_from(HOSTILE_PIECES),
       st.integers(1, 3000))
def test_extract_takes_long_runs(lead: str, piece: str, times: int) -> None:
    """Very long tokens and lines: one piece repeated with no sentence break."""
    _extract_or_documented_error(lead + piece * times)


@FUZZ
@given(hostile_text(12), st.one_of(st.none(), st.text(max_size=30), st.dates().map(str)),
       st.one_of(st.none(), hostile_text(4)))
def test_batch_never_gives_an_internal_error(text: str, published: str | None,
                                             title: str | None) -> None:
    """process() turns any exception into a rejection; internal_error would be a bug."""
    try:
        article = Article.model_validate({"article_id": "fuzz", "text": text,
                                          "published": published, "title": title})
    except ConflictEventsError:
        return
    except ValueError:  # pydantic refuses the metadata: the model's documented check
        return
    result = process(article)
    assert result.error_code != "internal_error", result.error


@FUZZ
@given(hostile_text(), st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))))
def test_date_parser_takes_any_text(text: str, published: dt.date | None) -> None:
    """Publication dates as check_article lets them through (1900 to tomorrow)."""
    for mention in find_dates(text, published):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert isinstance(mention.day, dt.date)


@FUZZ
@given(hostile_text())
def test_number_parser_takes_any_text(text: str) -> None:
    for mention in find_numbers(text):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert mention.value >= 0


@FUZZ
@given(st.text(max_size=60))
def test_number_value_takes_any_phrase(phrase: str) -> None:
    parsed = number_value(phrase)
    assert parsed is None or parsed[0] >= 0


@FUZZ
@given(st.one_of(hostile_text(6), st.text(max_size=80), st.integers(), st.none(),
                 st.floats(), st.datetimes()))
def test_metadata_date_parsers_take_any_value(value: object) -> None:
    parse_date(value)
    if isinstance(value, str):
        dateline_date(value)
        wire_opening_date(value)


# --- the source readers: hostile files of every kind ------------------------------------------

SUFFIX_OF = {source.name: source.suffixes[0] for source in builtin_sources() if source.suffixes}


def _html(text: str) -> bytes:
    return (f"<html><head><title>{text[:50]}</title><script>fetch('http://127.0.0.1:9')</script>"
            f"</head><body><article><p>{text}</p></article></body></html>").encode(
                "utf-8", "surrogatepass")


def _csv(text: str) -> bytes:
    cell = text.replace('"', '""')
    return f'id,text,published\n1,"{cell}",2020-01-01\n2,{text[:20]}\n'.encode(
        "utf-8", "surrogatepass")


def _feed(text: str) -> bytes:
    return ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item><title>"
            f"{text[:40]}</title><description>{text}</description><pubDate>{text[:10]}"
            "</pubDate></item></channel></rss>").encode("utf-8", "surrogatepass")


def _jsonl(text: str) -> bytes:
    return (json.dumps({"id": 1, "text": text, "published": text[:10]}) + "\n"
            + text[:30] + "\n").encode("utf-8", "surrogatepass")


RENDER = {"text": lambda t: t.encode("utf-8", "surrogatepass"), "html": _html, "csv": _csv,
          "feed": _feed, "jsonl": _jsonl,
          "json": lambda t: json.dumps([{"text": t}, {"body": t[:9]}]).encode()}


def _read_all(name: str, data: bytes) -> list[Article | Rejection]:
    """Every record the built-in reader NAME gives for a file holding DATA."""
    reader = next(s for s in builtin_sources() if s.name == name)
    if reader.available() is not None:
        pytest.skip(f"reader {name}: {reader.available()}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{SUFFIX_OF[name]}"
        path.write_bytes(data)
        records = list(reader.read(path))
        # read_inputs turns an escaped exception into reader_error: that is a bug too.
        through = list(read_inputs([str(path)]))
    for record in [*records, *through]:
        assert isinstance(record, Article | Rejection), record
        if isinstance(record, Rejection):
            assert record.code != "reader_error", record
    return records


@pytest.mark.parametrize("name", sorted(RENDER))
@FUZZ
@given(text=hostile_text())
def test_readers_take_hostile_text(name: str, text: str) -> None:
    _read_all(name, RENDER[name](text))


@pytest.mark.parametrize("name", sorted(SUFFIX_OF))
@FUZZ
@given(data=st.binary(max_size=300))
def test_readers_take_arbitrary_bytes(name: str, data: bytes) -> None:
    _read_all(name, data)


@FUZZ
@given(json_document())
def test_json_readers_take_hostile_documents(data: bytes) -> None:
    _read_all("json", data)
    _read_all("jsonl", data.replace(b"\n", b" ") + b"\n" + data)


@pytest.mark.parametrize("depth", [100, 1000, 10_000, 100_000])
def test_deeply_nested_json_is_a_rejection(depth: int) -> None:
    records = _read_all("json", nested_json(depth).encode())
    if depth >= 1000:
        assert records and all(isinstance(r, Rejection) for r in records), records


# --- the writer: arbitrary text cells survive write_dataset -> load --------------------------

CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1,
               max_size=60).filter(lambda s: s.strip() == s and s.strip() != "")


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(notes=CELL, location=CELL, actor=CELL, source=CELL)
def test_text_cells_round_trip(tmp_path_factory: pytest.TempPathFactory, notes: str,
                               location: str, actor: str, source: str) -> None:
    from _events import make_event

    try:
        event = make_event(notes=notes, location=location, assoc_actor_1=[actor],
                           source=[source])
    except ConflictEventsError:
        return  # the model refuses the value, with the documented error
    except ValueError:
        return  # pydantic validation (a ValueError) on the Event model
    folder = tmp_path_factory.mktemp("release") / "r"
    ce.write_dataset([event], folder)
    frame = ce.load(folder)
    row = frame.iloc[0]
    assert row["notes"] == event.notes
    assert row["location"] == event.location
    # List fields are "; "-joined strings in the files (schema.md).
    assert row["assoc_actor_1"] == "; ".join(event.assoc_actor_1)
    assert row["source"] == "; ".join(event.source)
    assert ce.validate_release(folder).ok
