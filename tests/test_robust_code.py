"""No code from data: the package never unpickles, evals or unsafely YAML-loads; cached
gazetteer tables are keyed by a fingerprint of their sources; names taken from articles
never become paths outside the output folder; every text cell of events.csv is neutralised
against spreadsheet formulas; the HTML reader never fetches what a page links to."""

from __future__ import annotations

import ast
import csv
import io
import json
from pathlib import Path

import pytest
from _events import make_event
from sources_server import Route, local_server

import conflict_events as ce
from conflict_events.cli.main import main
from conflict_events.schema.descriptors import event_columns

PACKAGE = Path(ce.__file__).parent

# Calls that turn data into code or objects: never on anything the package reads.
FORBIDDEN_CALLS = {
    ("pickle", "load"), ("pickle", "loads"), ("pickle", "Unpickler"), ("marshal", "load"),
    ("marshal", "loads"), ("shelve", "open"), ("yaml", "unsafe_load"), ("yaml", "full_load"),
    ("yaml", "load_all"), ("dill", "load"), ("dill", "loads"), ("joblib", "load"),
    ("numpy", "load"), ("np", "load"), ("subprocess", "getoutput"), ("os", "system"),
    ("os", "popen"),
}
FORBIDDEN_NAMES = {"eval", "exec", "compile", "__import__"}


def _calls() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [(path.relative_to(PACKAGE).as_posix(), node.lineno, node)
                  for node in ast.walk(tree) if isinstance(node, ast.Call)]
    return found


def test_no_call_turns_data_into_code() -> None:
    bad = []
    for where, line, call in _calls():
        func = call.func
        if isinstance(func, ast.Name) and func.id in FORBIDDEN_NAMES:
            bad.append(f"{where}:{line} {func.id}()")
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if (func.value.id, func.attr) in FORBIDDEN_CALLS:
                bad.append(f"{where}:{line} {func.value.id}.{func.attr}()")
            if func.value.id == "yaml" and func.attr == "load":
                loader = next((k.value for k in call.keywords if k.arg == "Loader"), None)
                # yaml.load is safe only with a SafeLoader (C or Python) named right there
                # or through a module constant bound to one (checked below).
                if not (isinstance(loader, ast.Name) and loader.id == "_SAFE_LOADER"):
                    bad.append(f"{where}:{line} yaml.load without a safe loader")
        if any(k.arg == "shell" and isinstance(k.value, ast.Constant) and k.value.value
               for k in call.keywords):
            bad.append(f"{where}:{line} shell=True")
    assert bad == []


def test_safe_loader_constants_are_safe_loaders() -> None:
    import yaml

    from conflict_events.knowledge import yaml_files

    loader = yaml_files._SAFE_LOADER
    assert loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    # A YAML document that would build a Python object is refused, not executed.
    with pytest.raises(yaml.YAMLError):
        yaml.load("!!python/object/apply:os.system ['true']", Loader=yaml_files._SAFE_LOADER)


def test_no_pickle_or_marshal_import() -> None:
    imported = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    assert not imported & {"pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle"}


def test_gazetteer_cache_is_keyed_by_its_sources(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """A change in the sources of the world cache gives a new cache folder (rebuilt), never
    the stale one."""
    from conflict_events.geo import build, store

    monkeypatch.setenv("CONFLICT_EVENTS_CACHE_DIR", str(tmp_path))
    first = store.world_dir()
    real = build.source_fingerprint
    monkeypatch.setattr(build, "source_fingerprint", lambda: real() + "-changed")
    assert store.world_dir() != first
    assert store.world_dir().parent == first.parent


def test_unreadable_gazetteer_table_is_a_typed_error(tmp_path: Path) -> None:
    from conflict_events.errors import GazetteerError
    from conflict_events.geo.gazetteer import Gazetteer

    (tmp_path / "places.arrow").write_bytes(b"ARROW1\x00\x00" + b"\xff" * 64)
    with pytest.raises(GazetteerError):
        Gazetteer.from_directory(tmp_path)


# --- names from articles never escape the output folder -------------------------------------

HOSTILE_IDS = ["../../escaped", "/tmp/absolute-escape", "..\\..\\escaped-win", "a/../../b",
               "con", "", "x" * 300, "\x00nul", "./.hidden"]


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_article_ids_never_become_paths(tmp_path: Path) -> None:
    work = tmp_path / "work"
    inputs = work / "in"
    inputs.mkdir(parents=True)
    places = ["Aleppo, Syria", "Homs, Syria", "Mosul, Iraq", "Kabul, Afghanistan",
              "Mogadishu, Somalia", "Taizz, Yemen", "Maiduguri, Nigeria", "Kirkuk, Iraq",
              "Idlib, Syria"]
    with (inputs / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for number, article_id in enumerate(HOSTILE_IDS):
            text = f"Gunmen killed two people in {places[number]} on Monday, police said."
            handle.write(json.dumps({"id": article_id, "text": text,
                                     "published": f"2020-05-{number + 10}",
                                     "source": article_id}) + "\n")
    before = _files(tmp_path)
    absolute = Path("/tmp/absolute-escape")
    existed = absolute.exists()
    output = work / "out"
    assert main(["extract", str(inputs / "corpus.jsonl"), "-o", str(output), "--workers", "1",
                 "--no-progress"]) == 0
    new = _files(tmp_path) - before
    assert new and all(output in p.parents for p in new), sorted(map(str, new))
    assert absolute.exists() == existed
    assert ce.validate_release(output).ok


# --- CSV formula neutralisation, every text column -------------------------------------------

PAYLOADS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0",
            "'=already"]


def test_every_text_cell_of_the_csv_is_neutralised(tmp_path: Path) -> None:
    text_columns = [c.name for c in event_columns()
                    if c.kind in ("text", "joined", "list", "evidence")]
    events = []
    for number, payload in enumerate(PAYLOADS):
        events.append(make_event(
            actor1=f"{payload} {number}", actor2=f"{payload} b{number}",
            assoc_actor_1=[payload], assoc_actor_2=[payload], admin1=payload, admin2=payload,
            admin3=payload, location=f"{payload} {number}", source=[payload], notes=payload,
            tags=[payload], article_ids=[payload],
            evidence=[{"article_id": payload, "start": 0, "end": 5}],
        ))
    ce.write_dataset(events, tmp_path / "release")
    raw = (tmp_path / "release" / "events.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert len(rows) == len(PAYLOADS)
    checked = 0
    for row in rows:
        for column in text_columns:
            cell = row[column]
            if cell:
                checked += 1
                assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
    # actor, admin, location, source, notes, tags, article ids, evidence... all were set
    assert checked >= len(PAYLOADS) * 12
    frame = ce.load(tmp_path / "release")
    assert sorted(frame["notes"]) == sorted(PAYLOADS)  # Parquet keeps the raw values


# --- the HTML reader fetches nothing a page links to -----------------------------------------

def _page(base: str) -> str:
    return f"""<html><head><title>Attack in Aleppo</title>
<link rel="stylesheet" href="{base}/style.css"><link rel="preload" href="{base}/font.woff">
<script src="{base}/script.js"></script>
<script>fetch("{base}/fetch"); new Image().src = "{base}/beacon";</script>
<meta http-equiv="refresh" content="0; url={base}/refresh">
<base href="{base}/base/">
</head><body><article><h1>Attack in Aleppo</h1>
<p>Gunmen killed two people in Aleppo, Syria, on Monday, police said. <img src="{base}/img.png">
<iframe src="{base}/frame"></iframe><object data="{base}/object"></object>
<video src="{base}/video.mp4" poster="{base}/poster.jpg"></video>
<svg><image href="{base}/svg.png"/></svg>
<div style="background:url({base}/css-bg.png)">The attack took place in the morning.</div>
<a href="{base}/link">more</a></p></article></body></html>"""


def test_html_reader_fetches_nothing_from_the_page(tmp_path: Path) -> None:
    from conflict_events.sources.html_page import HtmlSource

    if HtmlSource().available() is not None:
        pytest.skip(f"html reader: {HtmlSource().available()}")
    from conflict_events.sources.inputs import read_inputs

    with local_server() as server:
        page = tmp_path / "page.html"
        page.write_text(_page(server.url("").rstrip("/")), encoding="utf-8")
        records = list(read_inputs([str(page)]))
        events = ce.extract(page.read_text(encoding="utf-8"), published="2020-05-14")
        assert server.paths() == []  # not one request: no script, image, style or frame
    assert records and all(type(r).__name__ == "Article" for r in records)
    assert "Gunmen killed two people" in records[0].text  # type: ignore[union-attr]
    assert isinstance(events, list)


def test_fetched_page_brings_no_further_request() -> None:
    from conflict_events.sources.inputs import read_inputs

    with local_server() as server:
        base = server.url("").rstrip("/")
        server.routes["/article.html"] = Route(body=_page(base))
        server.routes["/robots.txt"] = Route(body="User-agent: *\nAllow: /\n",
                                             content_type="text/plain")
        records = list(read_inputs([server.url("/article.html")], source="html"))
        fetched = set(server.paths())
    assert fetched <= {"/article.html", "/robots.txt"}, fetched
    assert records


@pytest.mark.slow
def test_damaged_gazetteer_cache_is_rebuilt(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    """Every cached table cut in half: the next load builds the cache again (the world build
    takes about 30 s when no cache can be copied)."""
    import shutil

    from conflict_events.geo import store

    real = store.cache_root() / "gazetteer"
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CONFLICT_EVENTS_DATA_DIR", str(tmp_path / "data"))
    if real.is_dir():
        shutil.copytree(real, tmp_path / "cache" / "gazetteer")
    places = len(store.load_default())
    tables = sorted((tmp_path / "cache").rglob("*.arrow"))
    assert tables
    for table in tables:
        table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])
    assert len(store.load_default()) == places
    rebuilt = sorted((tmp_path / "cache").rglob("*.arrow"))
    assert rebuilt and all(store.Gazetteer.from_directory(t.parent) for t in rebuilt)
