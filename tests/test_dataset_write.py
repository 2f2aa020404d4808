"""write_dataset: round trips, determinism, atomicity, CSV neutralisation, the articles table."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _events import make_event, many_events

import conflict_events as ce
from conflict_events.dataset import write as write_module
from conflict_events.dataset.articles import (
    ArticleRecord,
    ArticleStatus,
    articles_table,
    plain_articles,
)
from conflict_events.dataset.csvfile import read_csv
from conflict_events.dataset.release import backup_path
from conflict_events.dataset.table import events_to_table, sort_table
from conflict_events.errors import DatasetError, InputError, SchemaError
from conflict_events.schema.models import Article, Event


def _release_order(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.country, e.event_date, e.event_id_cnty, e.event_id))


def test_parquet_round_trip_keeps_values_and_dtypes(tmp_path: Path) -> None:
    events = many_events()
    ce.write_dataset(events, tmp_path / "rel")
    loaded = ce.load(tmp_path / "rel")
    expected = ce.to_frame(_release_order(events))
    pd.testing.assert_frame_equal(loaded, expected)
    assert ce.from_frame(loaded) == _release_order(events)


def test_csv_round_trip_gives_the_same_table(tmp_path: Path) -> None:
    odd = make_event(notes="=1+1", actor1="-Minus Front", event_id="00000000000000ff",
                     article_ids=[], evidence=[])
    events = [*many_events(), odd]
    ce.write_dataset(events, tmp_path / "rel")
    from_csv = read_csv(tmp_path / "rel" / "events.csv")
    assert from_csv.equals(sort_table(events_to_table(events)))
    assert ce.from_frame(ce.load(tmp_path / "rel")) == _release_order(events)


def test_frame_input_gives_the_same_files_as_events(tmp_path: Path) -> None:
    events = many_events()
    ce.write_dataset(events, tmp_path / "a")
    ce.write_dataset(ce.to_frame(events), tmp_path / "b")
    for name in ("events.parquet", "events.csv", "datapackage.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_writing_twice_gives_identical_bytes(tmp_path: Path) -> None:
    events = many_events()
    ce.write_dataset(events, tmp_path / "a")
    ce.write_dataset(list(reversed(events)), tmp_path / "b")  # input order does not matter
    names = sorted(os.listdir(tmp_path / "a"))
    assert names == ["articles.parquet", "datapackage.json", "events.csv", "events.parquet"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_parquet_layout_and_metadata(tmp_path: Path) -> None:
    ce.write_dataset(many_events(), tmp_path / "rel")
    parquet = pq.ParquetFile(tmp_path / "rel" / "events.parquet")
    column = parquet.metadata.row_group(0).column(0)
    assert column.compression == "ZSTD"
    schema = parquet.schema_arrow
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("country").type).startswith("dictionary")
    assert schema.metadata[b"conflict_events.schema_version"] == b"1.0.0"
    assert schema.metadata[b"conflict_events.version"] == ce.__version__.encode()
    countries = pq.read_table(tmp_path / "rel" / "events.parquet",
                              columns=["country"]).column(0).to_pylist()
    assert countries == sorted(countries)


def test_datapackage_describes_every_file(tmp_path: Path) -> None:
    events = many_events(10)
    ce.write_dataset(events, tmp_path / "rel")
    package = json.loads((tmp_path / "rel" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == ce.__version__
    latest = max(e.timestamp for e in events)
    assert package["created"] == dt.datetime.fromtimestamp(latest, dt.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    by_name = {r["name"]: r for r in package["resources"]}
    assert set(by_name) == {"events", "events_csv", "articles"}
    events_entry = by_name["events"]
    assert events_entry["rows"] == 10
    assert events_entry["bytes"] == (tmp_path / "rel" / "events.parquet").stat().st_size
    assert events_entry["hash"].startswith("sha256:")
    assert [f["name"] for f in events_entry["schema"]["fields"]][:2] == ["event_id_cnty",
                                                                       "event_date"]
    ce.write_dataset(events, tmp_path / "b", created="2024-01-02T03:04:05Z")
    package = json.loads((tmp_path / "b" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["created"] == "2024-01-02T03:04:05Z"


def test_csv_neutralises_formulas_and_parquet_keeps_raw_values(tmp_path: Path) -> None:
    risky = make_event(notes="=HYPERLINK(\"http://x\")", actor1="+Plus Group",
                       assoc_actor_1=["@handle"], source=["-dash news"],
                       admin3="'=already quoted")
    ce.write_dataset([risky], tmp_path / "rel")
    text = (tmp_path / "rel" / "events.csv").read_text(encoding="utf-8")
    row = text.splitlines()[1]
    for cell in ['"\'=HYPERLINK(""http://x"")"', '"\'+Plus Group"', '"\'@handle"',
                 '"\'-dash news"', '"\'\'=already quoted"']:
        assert cell in row
    assert ",-43" not in row and "37.1343" in row  # numbers are never touched
    raw = ce.load(tmp_path / "rel")
    assert raw.loc[0, "notes"] == "=HYPERLINK(\"http://x\")"
    assert raw.loc[0, "actor1"] == "+Plus Group"
    assert read_csv(tmp_path / "rel" / "events.csv").column("admin3")[0].as_py() == \
        "'=already quoted"


def test_csv_has_acled_columns_first_and_joined_lists(tmp_path: Path) -> None:
    ce.write_dataset([make_event(source=["A", "B"], article_ids=["a1", "a2"],
                                 evidence=[{"article_id": "a1", "start": 1, "end": 9},
                                           {"article_id": "a2", "start": 0, "end": 4}])],
                     tmp_path / "rel")
    frame = pd.read_csv(tmp_path / "rel" / "events.csv")
    assert list(frame.columns[:3]) == ["event_id_cnty", "event_date", "year"]
    assert list(frame.columns[31:]) == ["event_id", "article_ids", "evidence", "confidence",
                                        "extractor_version"]
    assert frame.loc[0, "source"] == "A; B"
    assert frame.loc[0, "article_ids"] == "a1; a2"
    assert frame.loc[0, "evidence"] == "a1:1-9; a2:0-4"


def test_articles_table(tmp_path: Path) -> None:
    good = Article(article_id="a1", text="Clashes in Aleppo.", source="Wire",
                   published=dt.date(2021, 3, 5))
    empty = Article(article_id="a2", text="Weather report.")
    records = [
        ArticleRecord.from_article(good, n_events=1),
        ArticleRecord.from_article(empty, n_events=0),
        ArticleRecord(article_id="a3", status="rejected", error="empty: no text"),
    ]
    ce.write_dataset([make_event()], tmp_path / "rel", articles=records)
    table = pq.read_table(tmp_path / "rel" / "articles.parquet").to_pylist()
    assert [r["status"] for r in table] == ["processed", "no_events", "rejected"]
    assert table[0]["sha256"] == good.sha256 and table[0]["published"] == dt.date(2021, 3, 5)
    assert table[2]["error"] == "empty: no text" and table[2]["sha256"] is None
    assert records[1].status is ArticleStatus.NO_EVENTS


def test_invalid_rows_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    frame = ce.to_frame(many_events(8))
    frame.loc[3, "interaction"] = 17
    frame.loc[5, "year"] = 1999
    with pytest.raises(SchemaError) as caught:
        ce.write_dataset(frame, tmp_path / "rel")
    assert "interaction" in str(caught.value) and "year" in str(caught.value)
    assert not (tmp_path / "rel").exists()
    frame = ce.to_frame(many_events(8))
    frame.loc[2, "event_type"] = "Riots"  # row 2 is an Attack
    with pytest.raises(SchemaError, match="sub-event type under the wrong event type"):
        ce.write_dataset(frame, tmp_path / "rel")
    frame = ce.to_frame(many_events(8))
    frame.loc[1, "latitude"] = 95.0
    frame.loc[4, "inter2"] = 0  # row 4 has an actor2
    with pytest.raises(SchemaError) as caught:
        ce.write_dataset(frame, tmp_path / "rel")
    assert "latitude: above 90" in str(caught.value) and "inter2" in str(caught.value)
    duplicated = many_events(3)
    with pytest.raises(SchemaError, match="duplicate id"):
        ce.write_dataset(duplicated + duplicated[:1], tmp_path / "rel")


def test_parquet_only_release(tmp_path: Path) -> None:
    ce.write_dataset([make_event()], tmp_path / "rel", formats="parquet")
    assert not (tmp_path / "rel" / "events.csv").exists()
    assert len(ce.load(tmp_path / "rel")) == 1


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        ce.write_dataset([make_event()], tmp_path / "rel", formats=("xlsx",))
    with pytest.raises(InputError):
        ce.write_dataset([make_event()], tmp_path / "rel", formats=("csv",))
    with pytest.raises(InputError):
        ce.write_dataset(["not an event"], tmp_path / "rel")  # type: ignore[list-item]


def test_a_folder_that_is_not_a_release_is_never_replaced(tmp_path: Path) -> None:
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work", encoding="utf-8")
    with pytest.raises(DatasetError, match="not a release"):
        ce.write_dataset([make_event()], precious)
    assert (precious / "thesis.docx").read_text(encoding="utf-8") == "years of work"


def test_readme_in_a_release_folder_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "README.md").write_text("about the data", encoding="utf-8")
    ce.write_dataset([make_event()], folder)
    ce.write_dataset(many_events(5), folder)
    assert (folder / "README.md").read_text(encoding="utf-8") == "about the data"
    assert len(ce.load(folder)) == 5


# --- atomicity -------------------------------------------------------------------------------

def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_exception_mid_write_leaves_previous_release(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "rel"
    ce.write_dataset(many_events(6), folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken_csv(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(write_module, "write_csv", broken_csv)
    with pytest.raises(OSError, match="disk full"):
        ce.write_dataset(many_events(20), folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert len(ce.load(folder)) == 6
    assert _leftovers(tmp_path) == []  # the staging folder is removed


def test_failure_during_the_swap_restores_previous_release(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "rel"
    ce.write_dataset(many_events(6), folder)
    real_replace = os.replace
    calls: list[str] = []

    def failing_second_rename(src: object, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 2:  # staging -> target
            raise OSError("power cut")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(write_module.os, "replace", failing_second_rename)
    with pytest.raises(OSError, match="power cut"):
        ce.write_dataset(many_events(20), folder)
    monkeypatch.setattr(write_module.os, "replace", real_replace)
    assert len(ce.load(folder)) == 6
    assert _leftovers(tmp_path) == []


def test_crash_between_renames_is_recovered(tmp_path: Path) -> None:
    folder = tmp_path / "rel"
    ce.write_dataset(many_events(6), folder)
    # What a crash after "target -> backup" and before "staging -> target" leaves behind.
    os.replace(folder, backup_path(folder))
    (tmp_path / ".rel.writing-123-abcd").mkdir()
    assert len(ce.load(folder)) == 6  # read from the backup
    assert ce.validate_release(folder).ok
    ce.write_dataset(many_events(9), folder)
    assert len(ce.load(folder)) == 9
    assert not backup_path(folder).exists()


def test_stale_backup_next_to_a_complete_release_is_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "rel"
    ce.write_dataset(many_events(6), folder)
    ce.write_dataset(many_events(3), tmp_path / "other")
    os.replace(tmp_path / "other", backup_path(folder))  # crash after the second rename
    assert len(ce.load(folder)) == 6
    ce.write_dataset(many_events(7), folder)
    assert not backup_path(folder).exists()


def test_articles_table_from_tables_equals_the_one_from_records() -> None:
    """An update concatenates the release's articles table with the new records: the result
    is the table (and so the file) that all the records at once would give."""
    records = [
        ArticleRecord(article_id=f"b{n:03d}", source=["Wire", None, "Daily", "Été"][n % 4],
                      sha256=f"{n:064x}", status=["processed", "no_events", "rejected"][n % 3],
                      n_events=int(n % 3 == 0), error="empty: x" if n % 3 == 2 else None,
                      published=dt.date(2020, 1, 1 + n % 28) if n % 5 else None)
        for n in range(60)
    ] + [ArticleRecord(article_id="Ä-first", status="processed", n_events=2, source="Été"),
         ArticleRecord(article_id="a-last", status="rejected", error="not_text: binary")]
    whole = articles_table(records)
    old, new = records[1::2], records[::2]
    parts = pa.concat_tables([plain_articles(articles_table(old)),
                              plain_articles(articles_table(new))])
    assert articles_table(parts).equals(whole)
    assert articles_table(parts).column("source").chunk(0).dictionary.equals(
        whole.column("source").chunk(0).dictionary)
