"""`conflict-events evaluate` end to end on the invented fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import evaluate_fakes as fakes
import pytest

from conflict_events.cli.main import main


def test_cli_protocol_a_prints_table_and_writes_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.json"
    code = main(["evaluate", "--gold", str(fakes.MINI_CSV), "--extractor",
                 "evaluate_fakes:wrong_sub_event", "--workers", "1", "--json", str(out),
                 "--show-misses", "2"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Protocol A" in printed and "sub_event_type" in printed
    assert json.loads(out.read_text())["headline"]["detection_rate"] == 1.0


def test_cli_protocol_b(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["evaluate", "--gold", str(fakes.GOLD_JSONL), "--articles",
                 str(fakes.ARTICLES), "--extractor", "evaluate_fakes:article_gold",
                 "--workers", "1"])
    assert code == 0
    assert "recall" in capsys.readouterr().out


def test_cli_reports_a_bad_extractor(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["evaluate", "--gold", str(fakes.MINI_CSV), "--extractor", "no_such_module:f"])
    assert code == 1
    assert "cannot be imported" in capsys.readouterr().err
