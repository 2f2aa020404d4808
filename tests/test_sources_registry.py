"""Reader plug-ins found through the entry-point group `conflict_events.sources`, and
read_inputs: expansion of folders and globs, choice of reader, options."""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

import pytest

from conflict_events.errors import InputError
from conflict_events.schema.models import Article
from conflict_events.sources.base import Rejection
from conflict_events.sources.inputs import read_inputs
from conflict_events.sources.registry import (
    ENTRY_POINT_GROUP,
    CallableSource,
    SourceRegistry,
    builtin_sources,
)

PLUGIN = '''
from conflict_events.schema.models import Article
from conflict_events.sources.base import Rejection, Source


class FakeSource(Source):
    """Reads .fake files: one article per line starting with ">"."""

    name = "fake"
    suffixes = (".fake",)
    options = frozenset({"prefix"})
    description = "test plug-in"

    def read(self, location, **options):
        prefix = options.get("prefix", ">")
        for number, line in enumerate(open(location, encoding="utf-8"), start=1):
            if line.startswith(prefix):
                yield Article(article_id=f"fake-{number}", text=line[len(prefix):].strip())
            else:
                yield Rejection(f"{location}:{number}", "not_fake", "no prefix")


class TextClash(FakeSource):
    name = "text"


def read_lines(location):
    """Every line of a file as an article (a plain callable plug-in)."""
    for number, line in enumerate(open(location, encoding="utf-8"), start=1):
        yield Article(article_id=f"line-{number}", text=line.strip())
'''


@pytest.fixture
def plugin_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package declaring readers, made importable through a dist-info on sys.path."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "fakereader.py").write_text(PLUGIN, encoding="utf-8")
    dist = root / "fake_ce_reader-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-ce-reader\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(textwrap.dedent(f"""\
        [{ENTRY_POINT_GROUP}]
        fake = fakereader:FakeSource
        lines = fakereader:read_lines
        broken = fakereader_missing:Nope
        text = fakereader:TextClash
        """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    yield root
    sys.modules.pop("fakereader", None)


def plugin_registry() -> SourceRegistry:
    registry = SourceRegistry(builtin_sources())
    registry.load_entry_points()
    return registry


def test_entry_points_are_discovered(plugin_path: Path) -> None:
    registry = plugin_registry()
    assert {"fake", "lines"} <= set(registry.names())
    assert registry.get("text").__class__.__name__ == "TextSource"  # a built-in keeps its name
    broken = {b.name: b for b in registry.broken}
    assert set(broken) >= {"broken", "text"}
    assert "ModuleNotFoundError" in broken["broken"].error
    assert "taken" in broken["text"].error
    origins = {r.source.name: r.origin for r in registry}
    assert origins["fake"] == "fake-ce-reader" and origins["json"] == "built-in"
    assert isinstance(registry.get("lines"), CallableSource)
    assert registry.get("lines").description.startswith("Every line of a file")


def test_plugin_reader_is_chosen_by_suffix_and_gets_its_options(plugin_path: Path,
                                                                tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    (data / "a.fake").write_text("# Gunmen attacked a convoy.\nnot this\n", encoding="utf-8")
    (data / "b.txt").write_text("Clashes in Aden\n\nFighting broke out in Aden.\n",
                                encoding="utf-8")
    records = list(read_inputs([data], registry=plugin_registry(), prefix="#"))
    assert [(type(r).__name__, getattr(r, "article_id", getattr(r, "code", None)))
            for r in records] == [("Article", "fake-1"), ("Rejection", "not_fake"),
                                  ("Article", records[2].article_id)]
    assert isinstance(records[2], Article) and records[2].title == "Clashes in Aden"


def test_callable_plugin_runs_when_forced_by_name(plugin_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("first\nsecond\n", encoding="utf-8")
    registry = plugin_registry()
    assert registry.reader_for(path) is registry.get("text")  # a callable claims nothing
    records = list(read_inputs([path], source="lines", registry=registry))
    assert [r.article_id for r in records if isinstance(r, Article)] == ["line-1", "line-2"]


def test_entry_points_can_be_monkeypatched(monkeypatch: pytest.MonkeyPatch) -> None:
    class Point:
        name = "stub"
        value = "x:y"
        dist = None

        def load(self) -> object:
            def read(location: object) -> list[object]:
                return ["not an article"]
            return read

    registry = SourceRegistry(builtin_sources())
    registry.load_entry_points([Point()])  # type: ignore[list-item]
    (record,) = list(registry.get("stub").read("anything"))
    assert isinstance(record, Rejection) and record.code == "reader_error"


def test_unknown_source_and_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no source reader named 'nope'"):
        list(read_inputs([tmp_path], source="nope"))
    with pytest.raises(InputError, match="unknown option"):
        list(read_inputs([tmp_path], fetch_itmes=False))
    with pytest.raises(InputError, match="unknown option"):
        list(read_inputs([tmp_path], source="text", fields=["text=body"]))
    with pytest.raises(InputError, match="FIELD=KEY"):
        list(read_inputs([tmp_path], fields=["oops"]))


def test_folders_globs_and_missing_inputs(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: main", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Riot in Lima\n\nProtesters clashed in Lima.",
                                    encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "b.jsonl").write_text(
        '{"id": "b1", "text": "Shelling hit Donetsk."}\n', encoding="utf-8")
    (tmp_path / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    records = list(read_inputs([tmp_path]))
    summary = [(type(r).__name__, getattr(r, "code", None)) for r in records]
    assert summary == [("Article", None), ("Article", None), ("Rejection", "no_reader")]
    assert records[1].article_id == "b1"  # type: ignore[union-attr]
    globbed = list(read_inputs([str(tmp_path / "**" / "*.jsonl"), str(tmp_path / "*.csv"),
                                tmp_path / "missing.txt"]))
    assert [(type(r).__name__, getattr(r, "code", None)) for r in globbed] == [
        ("Article", None), ("Rejection", "not_found"), ("Rejection", "not_found")]
    everything = list(read_inputs([str(tmp_path / "**")]))  # folders and files: once each
    assert len(everything) == len(records)


def test_one_input_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Riot in Lima\n\nProtesters clashed in Lima.", encoding="utf-8")
    for given in (path, str(path), str(tmp_path)):
        (record,) = list(read_inputs(given))
        assert isinstance(record, Article) and record.title == "Riot in Lima"


def test_forced_source_reads_any_suffix(tmp_path: Path) -> None:
    path = tmp_path / "story.dat"
    path.write_text("Clashes in Aden\n\nFighting broke out in Aden.", encoding="utf-8")
    (record,) = list(read_inputs([path], source="text"))
    assert isinstance(record, Article) and record.title == "Clashes in Aden"


def test_sidecar_file_is_not_read_as_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Riot in Lima\n\nProtesters clashed in Lima.",
                                    encoding="utf-8")
    sidecar = tmp_path / "meta.jsonl"
    sidecar.write_text('{"file": "a.txt", "article_id": "lima-1"}\n', encoding="utf-8")
    records = list(read_inputs([tmp_path], metadata=sidecar))
    assert [r.article_id for r in records if isinstance(r, Article)] == ["lima-1"]
    assert len(records) == 1
    sidecar.write_text('{"article_id": "no file key"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no 'file'"):
        list(read_inputs([tmp_path], metadata=sidecar))


def test_callable_plugin_gets_a_folder_whole(plugin_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    seen: list[str] = []

    def read_folder(location: object) -> list[Article]:
        seen.append(str(location))
        return [Article(article_id=p.stem, text=p.read_text(encoding="utf-8"))
                for p in sorted(Path(str(location)).glob("*.txt"))]

    registry = SourceRegistry(builtin_sources())
    registry.add(CallableSource("folder_reader", read_folder))
    (folder / "x.txt").write_text("Protesters marched.", encoding="utf-8")
    records = list(read_inputs([folder], source="folder_reader", registry=registry))
    assert seen == [str(folder)]
    assert [r.article_id for r in records if isinstance(r, Article)] == ["x"]


def test_the_plugin_example_of_the_docs_runs(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "sources.md").read_text(
        encoding="utf-8")
    code = next(block.split("\n", 1)[1] for block in doc.split("```python")[1:]
                if "class ArchiveSource" in block).split("```")[0]
    namespace: dict[str, object] = {}
    exec(compile(code, "docs/sources.md", "exec"), namespace)
    registry = SourceRegistry(builtin_sources())
    registry.add(namespace["ArchiveSource"]())  # type: ignore[operator]
    path = tmp_path / "export.arc"
    path.write_text("Date: 2021-04-02\nProtesters marched in Yangon on Friday.\n===\n"
                    "Date: 2021-04-03\n", encoding="utf-8")
    records = list(read_inputs([tmp_path], registry=registry))
    assert isinstance(records[0], Article) and str(records[0].published) == "2021-04-02"
    assert isinstance(records[1], Rejection) and records[1].code == "empty"
