"""JSON, JSONL and CSV readers with their field mapping."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conflict_events.errors import InputError
from conflict_events.schema.models import Article
from conflict_events.sources.base import Record, Rejection
from conflict_events.sources.csv_table import CsvSource
from conflict_events.sources.fields import FieldMapping, parse_field_options
from conflict_events.sources.json_records import JsonLinesSource, JsonSource

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
CSV_FIELDS = ["text=story", "title=heading", "published=when", "source=paper",
              "article_id=story_id"]


def split(records: list[Record]) -> tuple[list[Article], list[Rejection]]:
    return ([r for r in records if isinstance(r, Article)],
            [r for r in records if isinstance(r, Rejection)])


def test_json_default_field_names() -> None:
    articles, rejections = split(list(JsonSource().read(FIXTURES / "articles.json")))
    assert len(articles) == 1
    article = articles[0]
    assert article.article_id == "json-1"
    assert article.title == "Protesters rally in Khartoum"
    assert article.text.startswith("Thousands of protesters marched in Khartoum")
    assert article.published == dt.date(2021, 3, 4)  # RFC 2822 pubDate
    assert article.source == "Example Wire" and article.url == "https://example.org/khartoum"
    assert article.extra["section"] == "Africa" and article.extra["index"] == 0
    assert [(r.input_name.endswith("articles.json[1]"), r.code) for r in rejections] == [
        (True, "bad_record")]
    assert "no text field" in rejections[0].reason


def test_json_single_object_and_named_list(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"content": "Gunmen attacked a bus in Zamfara.",
                                  "meta": {"published": "2021-05-02"}}), encoding="utf-8")
    records = list(JsonSource().read(single, fields={"published": "meta.published"}))
    assert len(records) == 1 and isinstance(records[0], Article)
    assert records[0].published == dt.date(2021, 5, 2)
    nested = tmp_path / "nested.json"
    nested.write_text(json.dumps({"payload": [{"text": "A"}, {"text": "B"}]}), encoding="utf-8")
    texts = [r.text for r in JsonSource().read(nested, records="payload")
             if isinstance(r, Article)]
    assert texts == ["A", "B"]
    missing = list(JsonSource().read(nested, records="nope"))
    assert [r.code for r in missing if isinstance(r, Rejection)] == ["bad_record"]


def test_jsonl_broken_line_is_rejected_and_reading_goes_on() -> None:
    articles, rejections = split(list(JsonLinesSource().read(FIXTURES / "articles.jsonl")))
    assert [a.article_id for a in articles] == ["jl-1", "jl-4"]
    assert articles[0].source == "Example News" and articles[0].published == dt.date(2020, 8,
                                                                                      30)
    assert articles[0].extra == {"input": str(FIXTURES / "articles.jsonl"), "line": 1}
    # an unreadable date is kept, not guessed and not fatal
    assert articles[1].published is None and articles[1].extra["unparsed_published"] == (
        "yesterday")
    codes = {r.input_name.rsplit(":", 1)[1]: r.code for r in rejections}
    assert codes == {"2": "broken_json", "4": "bad_record"}


def test_csv_with_custom_field_names() -> None:
    records = list(CsvSource().read(FIXTURES / "custom_fields.csv", fields=CSV_FIELDS))
    articles, rejections = split(records)
    assert [a.article_id for a in articles] == ["csv-1", "csv-3"]
    kabul = articles[0]
    assert kabul.title == "Blast hits Kabul" and kabul.source == "Example Times"
    assert kabul.published == dt.date(2021, 6, 1)
    assert kabul.text.endswith("Police cordoned off the area.")  # a quoted multi-line cell
    assert articles[1].extra["unparsed_published"] == "03/06/2021"
    assert [(r.input_name.rsplit(":", 1)[1], r.code) for r in rejections] == [("3", "empty")]


def test_csv_without_mapping_says_how_to_map() -> None:
    rejections = [r for r in CsvSource().read(FIXTURES / "custom_fields.csv")
                  if isinstance(r, Rejection)]
    assert len(rejections) == 3
    assert all(r.code == "bad_record" and "fields=" in r.reason for r in rejections)


def test_tsv_and_semicolons(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("title\tbody\nRiot in Lima\tProtesters clashed with police, Lima.\n",
                   encoding="utf-8")
    semi = tmp_path / "b.csv"
    semi.write_text("title;body\nRiot in Lima;Protesters clashed with police, Lima.\n",
                    encoding="utf-8")
    for path in (tsv, semi):
        (article,) = list(CsvSource().read(path))
        assert isinstance(article, Article)
        assert (article.title, article.text) == ("Riot in Lima",
                                                 "Protesters clashed with police, Lima.")


def test_csv_row_with_too_many_fields(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("title,text\nA,one,extra\nB,two\n", encoding="utf-8")
    records = list(CsvSource().read(path))
    assert isinstance(records[0], Rejection) and records[0].code == "broken_csv"
    assert isinstance(records[1], Article) and records[1].text == "two"


def test_field_options() -> None:
    assert parse_field_options(["text=body", " title = headline "]) == {
        "text": "body", "title": "headline"}
    assert parse_field_options({"url": "href"}) == {"url": "href"}
    with pytest.raises(InputError, match="FIELD=KEY"):
        parse_field_options(["text"])
    with pytest.raises(InputError, match="unknown article field"):
        parse_field_options(["body=text"])


def test_user_mapping_replaces_the_defaults() -> None:
    mapping = FieldMapping({"text": "body"})
    article = mapping.article({"text": "ignored", "body": "Used."}, "r")
    assert article.text == "Used." and article.extra["text"] == "ignored"


def test_gzipped_jsonl_and_csv(tmp_path: Path) -> None:
    import gzip

    lines = tmp_path / "dump.jsonl.gz"
    with gzip.open(lines, "wt", encoding="utf-8") as handle:
        handle.write('{"id": "g1", "text": "Shelling hit Donetsk."}\n{broken\n')
    table = tmp_path / "rows.csv.gz"
    with gzip.open(table, "wt", encoding="utf-8") as handle:
        handle.write("id,text\nc1,Protesters marched in Lima.\n")
    corrupt = tmp_path / "corrupt.jsonl.gz"
    corrupt.write_bytes(b"not gzip at all")
    records = list(JsonLinesSource().read(lines)) + list(CsvSource().read(table)) + list(
        JsonLinesSource().read(corrupt))
    assert [(type(r).__name__, getattr(r, "article_id", getattr(r, "code", None)))
            for r in records] == [("Article", "g1"), ("Rejection", "broken_json"),
                                  ("Article", "c1"), ("Rejection", "unreadable")]


def test_json_file_that_is_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n{oops\n',
                    encoding="utf-8")
    records = list(JsonSource().read(path))
    assert [getattr(r, "article_id", getattr(r, "code", None)) for r in records] == [
        "a", "b", "broken_json"]
    assert records[2].input_name.endswith("dump.json:3")  # type: ignore[union-attr]
