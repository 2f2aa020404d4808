"""Local and Dask engines give the same release; the Dask release is partitioned by year and
country and loads as one dataset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from corpus_helpers import corpus, write_corpus

import conflict_events as ce
from conflict_events.corpus.engines import LocalEngine, make_engine
from conflict_events.corpus.run import run
from conflict_events.dataset.validate import validate_release
from conflict_events.errors import InputError
from conflict_events.extract.api import ArticleResult
from conflict_events.schema.models import Article

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

    real = dask_engine.extract_partition

    def failing(articles: list[Article]) -> list[ArticleResult]:
        if any(a.article_id == ARTICLES[0].article_id for a in articles):
            raise MemoryError("worker ran out of memory")
        return real(articles)

    monkeypatch.setattr(dask_engine, "extract_partition", failing)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    engine = dask_engine.DaskEngine(scheduler=address, partition_size=4)
    try:
        run([corpus_file], tmp_path / "rel", engine=engine)
    finally:
        engine.close()
    rows = pd.read_parquet(tmp_path / "rel" / "articles.parquet").set_index("article_id")
    assert len(rows) == len(ARTICLES)
    failed = rows[rows["status"] == "rejected"]
    assert 1 <= len(failed) <= 4
    assert failed["error"].str.startswith("worker_error: MemoryError").all()
    assert (rows["status"] == "processed").sum() == len(ARTICLES) - len(failed)


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
