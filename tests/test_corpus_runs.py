"""Long runs: every input accounted for, one failure never stops a run, quiet progress,
logfmt log lines and the final summary."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pandas as pd
import pytest
from corpus_helpers import corpus, write_corpus

from conflict_events.corpus.progress import (
    LOGGER_NAME,
    configure_logging,
    log_event,
    logfmt,
    progress,
)
from conflict_events.corpus.run import run
from conflict_events.dataset.validate import validate_release
from conflict_events.extract.api import ArticleResult

ARTICLES = corpus(events=4, seed=3)


def _messy_folder(folder: Path) -> Path:
    write_corpus(folder, ARTICLES, "good.jsonl")
    (folder / "broken.jsonl").write_text(
        '{"article_id": "fine-1", "text": "Nothing happened in the town today."}\n'
        "{not json\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_every_input_is_recorded_and_bad_ones_do_not_stop_the_run(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = _messy_folder(tmp_path / "in")
    with caplog.at_level(logging.INFO, logger=LOGGER_NAME):
        summary = run([folder, tmp_path / "missing.jsonl"], tmp_path / "rel", workers=1)
    rows = pd.read_parquet(tmp_path / "rel" / "articles.parquet")
    status = dict(zip(rows["article_id"], rows["status"], strict=True))
    for article in ARTICLES:
        assert status[article.article_id] == "processed"
    rejected = rows[rows["status"] == "rejected"]
    assert len(rejected) >= 4  # broken line, binary file, empty file, missing file
    assert rejected["error"].notna().all() and (rejected["error"].str.len() > 5).all()
    assert any("missing.jsonl" in name for name in rejected["article_id"])
    assert any("broken.jsonl" in name for name in rejected["article_id"])
    assert status.get("fine-1") in ("no_events", "processed")
    counts = summary.result.counts()
    assert counts["rejected"] == len(rejected)
    assert sum(counts.values()) == len(rows)
    assert validate_release(tmp_path / "rel").ok

    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("event=run_started ") for m in messages)
    finished = [m for m in messages if m.startswith("event=run_finished ")]
    assert len(finished) == 1 and f"rejected={len(rejected)}" in finished[0]
    assert sum(m.startswith("event=article_rejected ") for m in messages) == len(rejected)
    text = summary.format()
    assert f"{len(rejected)} rejected" in text and "merged" in text


def test_an_extractor_crash_on_one_article_is_recorded(tmp_path: Path) -> None:
    class Flaky:
        name, workers = "flaky", 1

        def extract(self, articles: object) -> object:
            for article in articles:  # type: ignore[attr-defined]
                if article.article_id == ARTICLES[0].article_id:
                    yield ArticleResult(article.article_id, "rejected",
                                        error_code="internal_error", error="boom",
                                        article=article)
                else:
                    yield ArticleResult(article.article_id, "no_events", article=article)

        def close(self) -> None:
            pass

    write_corpus(tmp_path / "in", ARTICLES)
    summary = run([tmp_path / "in"], tmp_path / "rel", engine=Flaky())  # type: ignore[arg-type]
    rows = pd.read_parquet(tmp_path / "rel" / "articles.parquet").set_index("article_id")
    assert rows.loc[ARTICLES[0].article_id, "error"] == "internal_error: boom"
    assert summary.result.counts()["no_events"] == len(ARTICLES) - 1


def test_progress_is_silent_when_quiet_or_not_a_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.StringIO()
    monkeypatch.setattr("sys.stderr", fake)
    assert list(progress(range(5), quiet=False)) == list(range(5))
    assert fake.getvalue() == ""  # StringIO is not a terminal

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Terminal()
    monkeypatch.setattr("sys.stderr", tty)
    assert list(progress(range(5), quiet=True)) == list(range(5))
    assert tty.getvalue() == ""
    assert list(progress(range(5), quiet=False, total=5)) == list(range(5))
    assert "5/5" in tty.getvalue() and "article/s" in tty.getvalue()


def test_logfmt_quotes_what_needs_quoting() -> None:
    line = logfmt("article_rejected", article="a 1", reason='bad "json"', n=3, rate=1.5,
                  empty="")
    assert line == ('event=article_rejected article="a 1" reason="bad \\"json\\"" n=3 '
                    'rate=1.50 empty=""')


def test_command_line_logging_writes_logfmt_to_stderr(
        capsys: pytest.CaptureFixture[str]) -> None:
    logger = logging.getLogger(LOGGER_NAME)
    level = logger.level
    try:
        configure_logging(quiet=True)
        log_event("hidden_when_quiet", n=1)
        log_event("shown", logging.WARNING, n=2)
        configure_logging()
        log_event("shown_again", n=3)
        err = capsys.readouterr().err
        assert "hidden_when_quiet" not in err
        assert "level=WARNING event=shown n=2" in err
        assert "level=INFO event=shown_again n=3" in err
    finally:
        logger.setLevel(level)


def test_local_engine_starts_no_pool_for_nothing_or_a_few_articles(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An update that brings nothing new loads nothing; a few articles are extracted in the
    calling process (a pool would cost more than it saves)."""
    from conflict_events.corpus import engines

    def no_pool() -> None:
        raise AssertionError("the pool was started")

    monkeypatch.setattr(engines, "warm_up", no_pool)
    engine = engines.LocalEngine(workers=2)
    assert list(engine.extract([])) == []
    few = corpus(events=2, seed=3)[:3]
    results = list(engine.extract(few))
    assert [r.article_id for r in results] == [a.article_id for a in few]
    assert all(r.article is a for r, a in zip(results, few, strict=True))
