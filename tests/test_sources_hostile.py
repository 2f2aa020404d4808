"""Hostile and broken inputs: each gives a typed Rejection naming it, and the batch goes on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflict_events.schema.models import Article
from conflict_events.sources.base import Location, Record, Rejection, Source
from conflict_events.sources.decoding import decode_text
from conflict_events.sources.inputs import read_inputs
from conflict_events.sources.registry import SourceRegistry, builtin_sources

GOOD = "Clashes in Aden\n\nFighting broke out in Aden on Monday, residents said.\n"


def codes(records: list[Record]) -> dict[str, str]:
    return {Path(r.input_name).name: r.code for r in records if isinstance(r, Rejection)}


def test_a_folder_of_bad_files_around_one_good_one(tmp_path: Path) -> None:
    (tmp_path / "a_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    with (tmp_path / "b_huge.txt").open("wb") as handle:  # sparse: no disk used
        handle.truncate(6_000_000)
    (tmp_path / "c_latin1.txt").write_bytes("Caf\xe9 attack in Ouagadougou.".encode("latin-1"))
    (tmp_path / "d_empty.txt").write_bytes(b"")
    (tmp_path / "e_deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "f_blank.txt").write_text("\n\n   \n", encoding="utf-8")
    (tmp_path / "g_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "h_binary.jsonl").write_bytes(b"\x00\x01\x02" * 100 + b"\n" + b"\x00" * 50)
    (tmp_path / "i_binary.csv").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "j_broken.json").write_text('{"text": "cut', encoding="utf-8")
    (tmp_path / "k_furniture.txt").write_text("Advertisement\nShare\n2 min read\n",
                                              encoding="utf-8")
    records = list(read_inputs([tmp_path]))
    articles = [r for r in records if isinstance(r, Article)]
    assert [a.title for a in articles] == ["Clashes in Aden"]
    assert codes(records) == {
        "a_binary.txt": "not_text",
        "b_huge.txt": "too_large",
        "c_latin1.txt": "bad_encoding",
        "d_empty.txt": "empty",
        "e_deep.json": "too_deep",
        "f_blank.txt": "empty",
        "h_binary.jsonl": "not_text",
        "i_binary.csv": "not_text",
        "j_broken.json": "broken_json",
        "k_furniture.txt": "empty",
    }
    assert len(records) == 11  # every input accounted for, once


def test_size_limit_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    (rejection,) = list(read_inputs([path], max_bytes=20))
    assert isinstance(rejection, Rejection) and rejection.code == "too_large"
    assert "max_bytes" in rejection.reason


def test_encodings(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 attack\n\nGunmen attacked a caf\xe9 in Ouagadougou on Friday "
                      "night, killing four people.".encode("cp1252"))
    (named,) = list(read_inputs([latin], encoding="cp1252"))
    assert isinstance(named, Article) and named.title == "Café attack"
    (guessed,) = list(read_inputs([latin], encoding="auto"))
    assert isinstance(guessed, Article) and "Ouagadougou" in guessed.text
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(GOOD.encode("utf-16"))  # with a byte-order mark, NULs and all
    (wide,) = list(read_inputs([utf16]))
    assert isinstance(wide, Article) and wide.title == "Clashes in Aden"
    with pytest.raises(Exception, match="unknown encoding"):
        decode_text(b"abc", "x", "no-such-codec")


def test_jsonl_hostile_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    deep: Any = "x"
    for _ in range(200):
        deep = {"k": deep}
    lines = [
        json.dumps({"id": "1", "text": "Shelling hit Donetsk."}).encode(),
        json.dumps({"id": "2", "text": "y" * 5000}).encode(),
        json.dumps({"id": "3", "text": "Nested", "meta": deep}).encode(),
        b'{"id": "4", "text": "Caf\xe9 \xff\xfe"}',
        json.dumps({"id": "5", "text": 42}).encode(),
        json.dumps({"id": "6", "text": "Police fired tear gas in Dhaka."}).encode(),
    ]
    path.write_bytes(b"\n".join(lines))
    records = list(read_inputs([path], max_record_bytes=2000))
    assert [r.article_id for r in records if isinstance(r, Article)] == ["1", "6"]
    assert {r.input_name.rsplit(":", 1)[1]: r.code for r in records
            if isinstance(r, Rejection)} == {"2": "too_large", "3": "too_deep",
                                             "4": "bad_encoding", "5": "bad_record"}


def test_csv_hostile_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text('title,text\nA,"' + "z" * 3000 + '"\nB,Protesters marched in Lima.\n',
                    encoding="utf-8")
    records = list(read_inputs([path], max_record_bytes=1000))
    kinds = [(type(r).__name__, getattr(r, "code", None)) for r in records]
    assert kinds[0] == ("Rejection", "too_large")
    assert isinstance(records[-1], Article) and records[-1].text == "Protesters marched in Lima."


def test_a_reader_that_crashes_does_not_stop_the_batch(tmp_path: Path) -> None:
    class Crashing(Source):
        name = "crashing"
        suffixes = (".boom",)

        def read(self, location: Location, **options: Any) -> Iterator[Record]:
            yield Article(article_id="before", text="Gunmen attacked a bus.")
            raise RuntimeError("bug in the reader")

    registry = SourceRegistry(builtin_sources())
    registry.add(Crashing())
    (tmp_path / "a.boom").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    records = list(read_inputs([tmp_path], registry=registry))
    assert [type(r).__name__ for r in records] == ["Article", "Rejection", "Article"]
    crash = records[1]
    assert isinstance(crash, Rejection) and crash.code == "reader_error"
    assert "RuntimeError: bug in the reader" in crash.reason
    assert crash.to_error().code == "reader_error"


def test_auto_encoding_for_streamed_files(tmp_path: Path) -> None:
    lines = tmp_path / "legacy.jsonl"
    lines.write_bytes('{"id": "1", "text": "Manifestation \xe0 Bamako: la police a dispers\xe9 '
                      'les manifestants devant l\'Assembl\xe9e."}\n'.encode("cp1252"))
    table = tmp_path / "legacy.csv"
    table.write_bytes('id,text\n2,"Les manifestants se sont rassembl\xe9s \xe0 Dakar '
                      'devant le minist\xe8re."\n'.encode("cp1252"))
    strict = list(read_inputs([lines, table]))
    assert [getattr(r, "code", None) for r in strict] == ["bad_encoding", "bad_encoding"]
    guessed = list(read_inputs([lines, table], encoding="auto"))
    assert all(isinstance(r, Article) for r in guessed), guessed
    assert "dispersé" in guessed[0].text and "rassemblés" in guessed[1].text  # type: ignore[union-attr]
