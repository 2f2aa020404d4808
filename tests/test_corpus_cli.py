"""`conflict-events extract ... [--update] [--engine] [--quiet]`: the command wraps corpus.run,
and a real `python -m conflict_events.cli.main extract --update` killed with SIGKILL leaves
the previous release valid."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_helpers import contents, corpus, write_corpus

from conflict_events.cli.main import main
from conflict_events.corpus.update import CHANGELOG, CRASH_ENV

ARTICLES = corpus(events=6, seed=13)


def test_extract_then_update_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write_corpus(tmp_path / "in1", ARTICLES[: len(ARTICLES) // 2])
    everything = write_corpus(tmp_path / "in2", ARTICLES)
    release = tmp_path / "release"
    assert main(["extract", str(first), "-o", str(release), "--workers", "1",
                 "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert f"articles read:         {len(ARTICLES) // 2}" in printed
    assert "reports merged:" in printed

    assert main(["extract", str(everything), "--update", str(release), "--workers", "1",
                 "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert f"already in release:    {len(ARTICLES) // 2}" in printed
    assert len((release / CHANGELOG).read_text().splitlines()) == 2

    before = contents(release)
    assert main(["extract", str(everything), "--update", str(release), "--workers", "1",
                 "--quiet"]) == 0
    assert "unchanged (nothing new)" in capsys.readouterr().out
    assert contents(release) == before
    assert main(["validate", str(release)]) == 0


def test_update_needs_a_release_or_an_output(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = write_corpus(tmp_path / "in", ARTICLES[:1])
    assert main(["extract", str(source)]) == 1
    assert "-o FOLDER" in capsys.readouterr().err


def test_killed_command_leaves_the_release_valid(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "in1", ARTICLES[: len(ARTICLES) // 2])
    everything = write_corpus(tmp_path / "in2", ARTICLES)
    release = tmp_path / "release"
    assert main(["extract", str(first), "-o", str(release), "--workers", "1",
                 "--quiet"]) == 0
    kept = contents(release)
    env = {**os.environ, CRASH_ENV: "before_write"}
    done = subprocess.run(
        [sys.executable, "-m", "conflict_events.cli.main", "extract", str(everything),
         "--update", str(release), "--workers", "1", "--quiet"],
        env=env, capture_output=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    assert contents(release) == kept
    checked = subprocess.run([sys.executable, "-m", "conflict_events.cli.main", "validate",
                              str(release)], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    shutil.rmtree(tmp_path / "in1")
    entries = [json.loads(line) for line in (release / CHANGELOG).read_text().splitlines()]
    assert [e["run"] for e in entries] == [1]
