"""The documentation: the quickstart and SQL recipe run as written, the column reference
covers the models, and the MkDocs site builds with --strict."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from sample_events import sample_articles_and_events

import conflict_events as ce
from conflict_events.dataset.release import DATA_ENV, DATAPACKAGE, repository_data_folder
from conflict_events.schema.descriptors import event_columns

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SHIPPED = repository_data_folder()
CODE_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks(page: Path) -> list[str]:
    return CODE_BLOCK.findall(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def release_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped data/ release when it is there; else a small release of invented events,
    pointed at with $CONFLICT_EVENTS_DATA."""
    if (SHIPPED / DATAPACKAGE).is_file():
        saved = os.environ.pop(DATA_ENV, None)
        yield SHIPPED
    else:
        _, events = sample_articles_and_events(40)
        folder = ce.write_dataset(events, tmp_path_factory.mktemp("docs") / "release")
        saved = os.environ.get(DATA_ENV)
        os.environ[DATA_ENV] = str(folder)
        yield folder
    if saved is None:
        os.environ.pop(DATA_ENV, None)
    else:
        os.environ[DATA_ENV] = saved


def run_page(page: Path, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Execute the page's python blocks in order in one namespace; a failure names the
    block."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(workdir)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    blocks = python_blocks(page)
    assert blocks, f"{page.name} has no python blocks"
    try:
        for number, block in enumerate(blocks, start=1):
            code = compile(block, f"{page.name} block {number}", "exec")
            exec(code, namespace)
    finally:
        plt.close("all")
    return namespace


def test_quickstart_runs(release_env: Path, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib", reason="the quickstart plots need the `plot` extra")
    pytest.importorskip("geopandas", reason="the quickstart needs the `geo` extra")
    ns = run_page(DOCS / "quickstart.md", tmp_path, monkeypatch)
    loaded = ce.load(release_env)
    assert len(ns["df"]) == len(loaded) > 0
    assert ns["df"].events.by("event_type")["events"].sum() == len(loaded)
    assert (tmp_path / "timeline.png").stat().st_size > 5_000
    assert (tmp_path / "map.png").stat().st_size > 5_000
    assert f"Events in {ns['top_country']}" in (tmp_path / "report.html").read_text()
    assert ns["events"], "ce.extract found no event in the quickstart's example text"
    assert len(ce.load(tmp_path / "my_release")) == len(ns["events"])


def test_sql_recipe_runs(release_env: Path, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("duckdb", reason="the SQL recipe needs the `sql` extra")
    ns = run_page(DOCS / "sql.md", tmp_path, monkeypatch)
    loaded = ce.load(release_env)
    assert ns["by_type"]["events"].sum() == len(loaded)
    expected = loaded["event_type"].value_counts()
    got = dict(zip(ns["by_type"]["event_type"], ns["by_type"]["events"], strict=True))
    assert got == {k: v for k, v in expected.items() if v}
    assert ns["monthly"]["events"].sum() == len(loaded)
    assert len(ns["evidence"]) == sum(len(e) for e in loaded["evidence"])
    assert ns["deadliest"]["fatalities"].iloc[0] == loaded.groupby(
        "country", observed=True)["fatalities"].sum().max()


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mkdocs_hooks", ROOT / "mkdocs_hooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schema_reference_covers_every_column_and_value() -> None:
    page = _hooks().schema_reference()
    for number, column in enumerate(event_columns(), start=1):
        assert f"### {number}. `{column.name}`" in page
        assert column.description in page
        for value in column.enum or ():
            assert f"`{value}`" in page, (column.name, value)
    assert page.count("- **ACLED**: ") == len(event_columns())
    assert page.count("Not in ACLED exports") == 5
    assert "*Battles*: `Government regains territory`" in page
    assert (DOCS / "reference" / "schema.md").read_text().count("<!-- schema-reference -->") == 1


def _nav_pages(items: Any) -> list[str]:
    pages: list[str] = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def test_every_page_is_in_the_nav() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    in_nav = set(_nav_pages(config["nav"]))
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert on_disk <= in_nav, f"pages missing from the nav: {sorted(on_disk - in_nav)}"


def test_site_builds_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="building the site needs the `docs` extra")
    pytest.importorskip("material", reason="building the site needs mkdocs-material")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    reference = (tmp_path / "site" / "reference" / "schema" / "index.html").read_text()
    assert "event_id_cnty" in reference and "schema-reference" not in reference
