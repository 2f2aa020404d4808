"""`conflict-events sources list` and `sources read`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflict_events.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def test_sources_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "list"]) == 0
    out = capsys.readouterr().out
    for name in ("text", "jsonl", "json", "csv", "html", "feed"):
        assert any(line.startswith(name + " ") for line in out.splitlines()), name
    assert "built-in" in out and ".jsonl" in out and "https://" in out


def test_sources_read_prints_articles_and_rejections(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    code = main(["sources", "read", str(FIXTURES / "custom_fields.csv"), "--field",
                 "text=story", "--field", "article_id=story_id", "--field", "title=heading"])
    assert code == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["kind"], r.get("article_id") or r.get("code")) for r in rows] == [
        ("article", "csv-1"), ("rejection", "empty"), ("article", "csv-3")]
    assert "text" not in rows[0] and rows[0]["title"] == "Blast hits Kabul"
    assert "2 article(s), 1 rejection(s)" in captured.err


def test_sources_read_bad_option_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources", "read", str(FIXTURES), "--field", "nonsense"]) == 1
    assert "FIELD=KEY" in capsys.readouterr().err
    assert main(["sources", "read", str(FIXTURES), "--source", "nope"]) == 1
    assert "no source reader named 'nope'" in capsys.readouterr().err
