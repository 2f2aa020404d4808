"""Incremental releases: skipped articles, merged events, stable ids, changelog, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from corpus_helpers import contents, corpus, snapshot, write_corpus

import conflict_events as ce
from conflict_events.corpus.run import run
from conflict_events.corpus.update import CHANGELOG, update_release
from conflict_events.dataset.validate import validate_release
from conflict_events.errors import InputError

ARTICLES = corpus(events=14, seed=7)


@pytest.fixture(scope="module")
def first_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("update")
    # The first run sees every outlet but the last of each event; the update brings the rest.
    first = [a for a in ARTICLES if not a.article_id.endswith("-3")]
    write_corpus(base / "in1", first)
    run([base / "in1"], base / "release", workers=1)
    return base / "release"


def test_first_run_records_every_article_and_starts_the_changelog(first_release: Path) -> None:
    articles = pd.read_parquet(first_release / "articles.parquet")
    assert len(articles) == sum(1 for a in ARTICLES if not a.article_id.endswith("-3"))
    lines = (first_release / CHANGELOG).read_text().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["run"] == 1 and entry["events_added"] and not entry["events_updated"]
    package = json.loads((first_release / "datapackage.json").read_text())
    assert CHANGELOG in [r["path"] for r in package["resources"]]
    assert validate_release(first_release).ok


def test_update_adds_and_merges_keeps_ids_and_is_idempotent(first_release: Path,
                                                           tmp_path: Path) -> None:
    before = ce.load(first_release)
    write_corpus(tmp_path / "in2", ARTICLES)  # every article again, plus the new ones
    summary = run([tmp_path / "in2"], tmp_path / "updated", update=first_release, workers=1)
    after = ce.load(tmp_path / "updated")

    new = sum(1 for a in ARTICLES if a.article_id.endswith("-3"))
    assert summary.already_seen == len(ARTICLES) - new
    assert len(summary.result.records) == new
    # Existing events keep event_id and event_id_cnty; none disappears.
    kept = after.set_index("event_id")["event_id_cnty"].astype(str)
    for event_id, cnty in zip(before["event_id"], before["event_id_cnty"].astype(str),
                              strict=True):
        assert kept[event_id] == cnty
    assert summary.result.events_updated, "a new report of a known event updates it"
    updated = after[after["event_id_cnty"].astype(str).isin(summary.result.events_updated)]
    assert all(any(a.endswith("-3") for a in ids) for ids in updated["article_ids"])

    # Events the changelog does not name as updated are unchanged, column for column.
    untouched = ~before["event_id_cnty"].astype(str).isin(summary.result.events_updated)
    old_rows = before[untouched].set_index("event_id").sort_index()
    new_rows = after.set_index("event_id").loc[old_rows.index]
    pd.testing.assert_frame_equal(old_rows.reset_index(drop=True).astype(str),
                                  new_rows.reset_index(drop=True).astype(str))

    entries = [json.loads(x) for x in (tmp_path / "updated" / CHANGELOG).read_text()
               .splitlines()]
    assert [e["run"] for e in entries] == [1, 2]
    assert entries[1]["events_updated"] == summary.result.events_updated
    assert entries[1]["events_added"] == summary.result.events_added
    assert validate_release(tmp_path / "updated").ok

    # The same update again changes nothing at all: same bytes, same mtimes.
    state = snapshot(tmp_path / "updated")
    again = run([tmp_path / "in2"], update=tmp_path / "updated", workers=1)
    assert not again.result.changed
    assert again.already_seen == len(ARTICLES)
    assert snapshot(tmp_path / "updated") == state


def test_a_second_copy_of_a_text_is_recorded_once_as_duplicate(tmp_path: Path) -> None:
    article = ARTICLES[0]
    copy = article.model_copy(update={"article_id": "another-id"})
    write_corpus(tmp_path / "in", [article, copy])
    run([tmp_path / "in"], tmp_path / "rel", workers=1)
    rows = pd.read_parquet(tmp_path / "rel" / "articles.parquet").set_index("article_id")
    assert rows.loc["another-id", "status"] == "rejected"
    assert str(rows.loc["another-id", "error"]).startswith("duplicate_text")


def test_a_clashing_id_with_new_text_gets_a_suffixed_id(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in1", [ARTICLES[0]])
    run([tmp_path / "in1"], tmp_path / "rel", workers=1)
    changed = ARTICLES[0].model_copy(update={"text": ARTICLES[0].text + " More details."})
    write_corpus(tmp_path / "in2", [changed])
    run([tmp_path / "in2"], update=tmp_path / "rel", workers=1)
    ids = sorted(pd.read_parquet(tmp_path / "rel" / "articles.parquet")["article_id"])
    assert ids[0] == ARTICLES[0].article_id
    assert ids[1] == f"{ARTICLES[0].article_id}~{changed.sha256[:8]}"


def test_update_release_api_takes_articles_and_writes_in_place(tmp_path: Path) -> None:
    first = update_release(tmp_path / "rel", ARTICLES[:3])
    assert first.changed and (tmp_path / "rel" / CHANGELOG).is_file()
    files = contents(tmp_path / "rel")
    second = update_release(tmp_path / "rel", ARTICLES[:3])
    assert not second.changed and contents(tmp_path / "rel") == files


def test_run_needs_an_output_and_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        run([tmp_path])
    with pytest.raises(InputError):
        run([], tmp_path / "out")
