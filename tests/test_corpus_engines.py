"""Local and Dask engines give the same release; the Dask release is partitioned by year and
country and loads as one dataset."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from corpus_helpers import corpus, snapshot, write_corpus

import conflict_events as ce
from conflict_events.corpus.dask_engine import DaskEngine
from conflict_events.corpus.dask_parts import PartResult, line_ranges
from conflict_events.corpus.engines import LocalEngine, make_engine
from conflict_events.corpus.run import run
from conflict_events.corpus.update import Decision
from conflict_events.dataset.validate import validate_release
from conflict_events.errors import InputError
from conflict_events.schema.models import Article
from conflict_events.sources.base import Rejection

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")

ARTICLES = corpus(events=12, seed=5)


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("engines"), ARTICLES)


@pytest.fixture(scope="module")
def local_release(corpus_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "release"
    run([corpus_file], out, workers=1)
    return out


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as local_cluster:
        yield local_cluster


def test_dask_run_on_a_scheduler_gives_the_local_events(
        corpus_file: Path, local_release: Path, cluster: object, tmp_path: Path) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    summary = run([corpus_file], tmp_path / "dask", engine="dask", scheduler=address)
    assert summary.engine == "dask"
    local, dask = ce.load(local_release), ce.load(tmp_path / "dask")
    assert len(local) > 0
    pd.testing.assert_frame_equal(local, dask)
    assert pd.read_parquet(local_release / "articles.parquet").equals(
        pd.read_parquet(tmp_path / "dask" / "articles.parquet"))
    parts = sorted(p.relative_to(tmp_path / "dask").as_posix()
                   for p in (tmp_path / "dask" / "events").rglob("*.parquet"))
    assert parts and all(p.startswith("events/year=") and "/country=" in p for p in parts)
    assert not (tmp_path / "dask" / "events.parquet").exists()
    assert validate_release(tmp_path / "dask").ok
    # Filters prune partitions and give the rows the single file gives (categories of a
    # filtered single-file read also list values of rows filtered out, so not compared).
    country = str(local["country"].value_counts().index[0])
    year = int(local.loc[local["country"] == country, "year"].max())
    picked = ce.load(tmp_path / "dask", country=country, start=f"{year}-01-01")
    assert len(picked) > 0
    pd.testing.assert_frame_equal(
        ce.load(local_release, country=country, start=f"{year}-01-01"), picked,
        check_categorical=False)


def test_dask_on_its_own_local_cluster_of_two_processes(
        corpus_file: Path, local_release: Path, tmp_path: Path) -> None:
    summary = run([corpus_file], tmp_path / "dask", engine="dask", workers=2)
    assert summary.workers == 2
    pd.testing.assert_frame_equal(ce.load(local_release), ce.load(tmp_path / "dask"))


def test_two_local_workers_give_the_one_worker_release(
        corpus_file: Path, local_release: Path, tmp_path: Path) -> None:
    run([corpus_file], tmp_path / "two", workers=2)
    for name in ("events.parquet", "articles.parquet", "events.csv", "datapackage.json",
                 "changelog.jsonl"):
        assert (tmp_path / "two" / name).read_bytes() == (local_release / name).read_bytes()


def test_updating_a_partitioned_release_keeps_it_partitioned(
        corpus_file: Path, cluster: object, tmp_path: Path) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    first = write_corpus(tmp_path / "in1", ARTICLES[:10])
    run([first], tmp_path / "rel", engine="dask", scheduler=address)
    run([corpus_file], update=tmp_path / "rel", workers=1)
    assert (tmp_path / "rel" / "events").is_dir()
    assert not (tmp_path / "rel" / "events.parquet").exists()
    assert validate_release(tmp_path / "rel").ok


def test_a_failed_partition_is_recorded_and_the_run_goes_on(
        corpus_file: Path, cluster: object, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from conflict_events.corpus import dask_engine

    real = dask_engine.extract_part

    def failing(records: list[Article | Rejection], decisions: list[Decision]) -> PartResult:
        if any(getattr(r, "article_id", "") == ARTICLES[0].article_id for r in records):
            raise MemoryError("worker ran out of memory")
        return real(records, decisions)

    monkeypatch.setattr(dask_engine, "extract_part", failing)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    # parts of about four articles each
    engine = dask_engine.DaskEngine(scheduler=address,
                                    partition_bytes=4 * corpus_file.stat().st_size
                                    // len(ARTICLES))
    try:
        run([corpus_file], tmp_path / "rel", engine=engine)
    finally:
        engine.close()
    rows = pd.read_parquet(tmp_path / "rel" / "articles.parquet").set_index("article_id")
    assert len(rows) == len(ARTICLES)
    failed = rows[rows["status"] == "rejected"]
    assert 1 <= len(failed) <= 5
    assert failed["error"].str.startswith("worker_error: MemoryError").all()
    assert (rows["status"] == "processed").sum() == len(ARTICLES) - len(failed)
    assert validate_release(tmp_path / "rel").ok


def test_dask_reads_a_file_in_pieces_and_gives_the_local_release_byte_for_byte(
        cluster: object, tmp_path: Path) -> None:
    """A JSON Lines file cut into many parts (line ranges read on the workers), with a broken
    line, a duplicate text in another part and an empty line, and a folder of text files:
    the Dask release and a local partitioned release are the same files."""
    inputs = tmp_path / "in"
    lines = [json.dumps({"article_id": a.article_id, "text": a.text, "source": a.source,
                         "published": a.published.isoformat() if a.published else None})
             for a in ARTICLES]
    lines.insert(3, "{broken json")
    lines.insert(7, "")
    lines.append(lines[1].replace(ARTICLES[0].article_id, "copy-of-first"))
    (inputs / "folder").mkdir(parents=True)
    (inputs / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for number, article in enumerate(ARTICLES[:3]):
        (inputs / "folder" / f"{number}.txt").write_text(article.text, encoding="utf-8")
    sources = [str(inputs / "dump.jsonl"), str(inputs / "folder"), str(inputs / "missing.txt")]
    run(sources, tmp_path / "local", workers=1, partitioned=True)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    engine = DaskEngine(scheduler=address, partition_bytes=700)
    try:
        summary = run(sources, tmp_path / "dask", engine=engine)
    finally:
        engine.close()
    assert summary.fields()["rejected"] >= 3  # broken line, duplicate text, missing file
    local, dask = snapshot(tmp_path / "local"), snapshot(tmp_path / "dask")
    assert sorted(local) == sorted(dask)
    assert {name: digest for name, (digest, _) in local.items()} == {
        name: digest for name, (digest, _) in dask.items()}
    assert len([name for name in dask if name.startswith("events/")]) > 1


def test_line_ranges_cut_at_line_starts(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    lines = [b"x" * n for n in (0, 5, 300, 1, 0, 42, 7)]
    path.write_bytes(b"\n".join(lines) + b"\n" + b"no final break")
    data = path.read_bytes()
    for size in (1, 10, 100, 1000, 10_000):
        pieces = line_ranges(path, size)
        assert pieces[0][0] == 0 and pieces[-1][1] == len(data)
        for (start, end, line), following in zip(pieces, [*pieces[1:], None], strict=True):
            assert start == 0 or data[start - 1:start] == b"\n"
            assert line == data[:start].count(b"\n") + 1
            if following is not None:
                assert following[0] == end


def test_engine_choices() -> None:
    assert LocalEngine().workers >= 1
    assert make_engine("local", workers=3).workers == 3
    with pytest.raises(InputError):
        make_engine("spark")
    with pytest.raises(InputError):
        make_engine("local", scheduler="tcp://127.0.0.1:8786")


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    from conflict_events.corpus.dask_engine import DaskEngine

    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        DaskEngine(scheduler="tcp://127.0.0.1:9", connect_timeout=2)
