"""The worked plugin packages of docs/extending.md: installed with pip into the running
environment, then found and run through their entry points."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from conflict_events.extract.api import extract_doc, to_article
from conflict_events.extract.pipeline import ENTRY_POINT_GROUP, Pipeline, registered_stages

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "plugins"
PACKAGES = ("ce-example-stage", "ce-example-source", "ce-example-lexicon")
SOURCES_GROUP = "conflict_events.sources"


def _can_build_without_isolation() -> bool:
    """setuptools builds wheels itself from 70.1; before that it needs `wheel`."""
    version = importlib.metadata.version("setuptools")
    major, minor = (int(p) for p in version.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.fixture(scope="session")
def installed_examples() -> None:
    try:
        import pip  # noqa: F401
    except ImportError:
        pytest.skip("pip is not available in this environment to install the examples")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
               "--disable-pip-version-check"]
    if _can_build_without_isolation():
        command.append("--no-build-isolation")
    command += [str(EXAMPLES / name) for name in PACKAGES]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    importlib.invalidate_caches()
    # entry points are read once per process by the pipeline; read them again
    import conflict_events.extract.pipeline as pipeline

    pipeline._entry_points_loaded = False


def _entry_point(group: str, name: str) -> importlib.metadata.EntryPoint:
    found = [ep for ep in importlib.metadata.entry_points(group=group) if ep.name == name]
    assert found, f"no entry point {name!r} in group {group!r}"
    return found[0]


def test_source_reader_through_entry_point(installed_examples: None, tmp_path: Path) -> None:
    reader = _entry_point(SOURCES_GROUP, "textdir").load()
    sample = importlib.import_module("ce_example_source.textdir").sample_folder()
    articles = list(reader(sample))
    assert [a.article_id for a in articles] == ["lagos-fuel-protest", "mogadishu-attack"]
    lagos = articles[0]
    assert lagos.title == "Protesters rally in Lagos over fuel prices"
    assert str(lagos.published) == "2020-02-04" and lagos.source == "Example Daily"
    assert lagos.text.startswith("Thousands of people marched")

    # a bad file is skipped with its name logged; the rest of the folder is read
    (tmp_path / "a.txt").write_text("Date: yesterday\n\nSomething happened.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title: ok\n\nProtesters marched.", encoding="utf-8")
    assert [a.article_id for a in reader(tmp_path)] == ["b"]


def test_source_reader_through_the_project_registry(installed_examples: None) -> None:
    from conflict_events.schema.models import Article
    from conflict_events.sources.inputs import read_inputs
    from conflict_events.sources.registry import default_registry

    registry = default_registry(reload=True)
    assert "textdir" in registry, registry.broken
    sample = importlib.import_module("ce_example_source.textdir").sample_folder()
    records = list(read_inputs([sample], source="textdir", registry=registry))
    assert [r.article_id for r in records if isinstance(r, Article)] == [
        "lagos-fuel-protest", "mogadishu-attack"]


def test_stage_plugin_through_entry_point(installed_examples: None) -> None:
    _entry_point(ENTRY_POINT_GROUP, "crowd_size")
    assert "crowd_size" in registered_stages()
    pipe = Pipeline.default().add_stage("crowd_size", after="finalise")
    reader = _entry_point(SOURCES_GROUP, "textdir").load()
    sample = importlib.import_module("ce_example_source.textdir").sample_folder()
    lagos = next(a for a in reader(sample) if a.article_id == "lagos-fuel-protest")
    events = extract_doc(lagos, pipe).events
    protests = [e for e in events if e.event_type.value == "Protests"]
    assert protests, "the Lagos article describes a protest"
    assert all("crowd size=thousands" in e.tags for e in protests)
    # the default pipeline does not run plug-in stages unless asked
    assert "crowd_size" not in Pipeline.default().stage_names


def test_crowd_size_words(installed_examples: None) -> None:
    module = importlib.import_module("ce_example_stage.crowd_size")
    assert module.crowd_size_of("About 300 demonstrators gathered.") == "300"
    assert module.crowd_size_of("Hundreds of students marched.") == "hundreds"
    assert module.crowd_size_of("Police dispersed the crowd.") is None


def test_lexicon_plugin_through_entry_point(installed_examples: None) -> None:
    _entry_point(ENTRY_POINT_GROUP, "papua_actors")
    stage = importlib.import_module("ce_example_lexicon.stage")
    # the lexicon's own examples run as tests, as the project's do
    for entry in stage.entries():
        for example in entry.examples:
            names = [m.entry.name for m in stage.lexicon().match(example.text)]
            assert example.expect in names, (example.text, names)

    text = ("Papuan separatist rebels shot dead two soldiers in Nduga regency, Papua "
            "province, on Sunday, the Indonesian military said.")
    article = to_article(text, published="2021-03-02")
    pipe = Pipeline.default().add_stage("papua_actors", after="actors")
    events = extract_doc(article, pipe).events
    assert events
    assert events[0].actor1 == "TPNPB: West Papua National Liberation Army"
    assert events[0].country == "Indonesia"
