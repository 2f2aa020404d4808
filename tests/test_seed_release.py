"""The seed release in data/ is what the extractor makes of the seed articles now: it is rebuilt
with the command in data/README.md whenever the extractor changes, and this test says when it
was not."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from conftest import shared_path

from conflict_events.cli.main import main
from conflict_events.geo.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parent.parent / "data"


def test_seed_release_is_what_the_extractor_makes_of_the_seeds(world: Gazetteer,
                                                                tmp_path: Path) -> None:
    seeds = shared_path("seeds")
    rebuilt = tmp_path / "release"
    assert main(["extract", str(seeds / "*.txt"), "--metadata", str(seeds / "articles.jsonl"),
                 "-o", str(rebuilt)]) == 0
    for name in ("events.parquet", "articles.parquet"):
        published = pd.read_parquet(DATA / name)
        fresh = pd.read_parquet(rebuilt / name)
        pd.testing.assert_frame_equal(
            published, fresh, obj=f"data/{name} against a rebuild (see data/README.md)")
