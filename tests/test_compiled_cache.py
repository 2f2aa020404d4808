"""What startup compiles from the knowledge files is cached in the user cache directory: the
cache is written, reused without compiling again, compiled again when a file is damaged or its
source changes, and gives the same results as compiling."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from geo_fixture import fixture_gazetteer

from conflict_events.cache import CompiledCache
from conflict_events.extract import anchors as anchors_module
from conflict_events.extract.anchors import AnchoredAlternation, AnchoredRegex
from conflict_events.extract.lexicons import trigger_lexicon
from conflict_events.knowledge.actors import ActorLexicon, load_actor_lexicon_from
from conflict_events.knowledge.yaml_files import read_yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
TEXT = ("On 9 May 2020, gunmen attacked a village near Kaduna, killing 5 people. Syrian "
        "government forces shelled rebel positions and Russian warplanes struck Idlib; "
        "hundreds of protesters gathered and police fired tear gas. Kenyan troops and the "
        "IDF clashed with Houthi fighters.")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE_DIR", str(directory))
    return directory


def data_files(root: Path, kind: str) -> list[Path]:
    return sorted(root.glob(f"compiled/{kind}-*/*.json"))


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


class Counting:
    """A build function that counts its calls."""

    def __init__(self, value: Any) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.value


# --- the cache itself -------------------------------------------------------------------------

def test_written_then_reused(cache_dir: Path, tmp_path: Path) -> None:
    module = tmp_path / "compiler.py"
    module.write_text("VERSION = 1\n")
    cache = CompiledCache("demo", module)
    build = Counting({"forms": ["a", "b"], "n": 3})
    assert cache.get("k", build, dict) == {"forms": ["a", "b"], "n": 3}
    assert build.calls == 1
    assert len(data_files(cache_dir, "demo")) == 1
    again = CompiledCache("demo", module)
    assert again.get("k", build, dict) == {"forms": ["a", "b"], "n": 3}
    assert build.calls == 1  # read back, not built


@pytest.mark.parametrize("damage", ["flip", "truncate", "manifest", "not json", "shape"])
def test_damaged_cache_is_compiled_again(cache_dir: Path, tmp_path: Path, damage: str) -> None:
    module = tmp_path / "compiler.py"
    module.write_text("VERSION = 1\n")
    cache = CompiledCache("demo", module)

    def decode(data: Any) -> list[int]:
        if not isinstance(data, list) or not all(isinstance(x, int) for x in data):
            raise ValueError("not a list of numbers")
        return data

    build = Counting([1, 2, 3])
    cache.get("k", build, decode)
    data_path, manifest_path = cache.paths("k")
    if damage == "flip":
        flip_byte(data_path)
    elif damage == "truncate":
        data_path.write_bytes(data_path.read_bytes()[:3])
    elif damage == "manifest":
        manifest_path.unlink()
    else:  # valid JSON, and a manifest that matches it: only the decoder can refuse it
        raw = b"{not json" if damage == "not json" else json.dumps(["x"]).encode()
        data_path.write_bytes(raw)
        manifest = json.loads(manifest_path.read_text())
        manifest.update(size=len(raw), sha256=hashlib.sha256(raw).hexdigest())
        manifest_path.write_text(json.dumps(manifest))
    assert cache.get("k", build, decode) == [1, 2, 3]
    assert build.calls == 2
    assert cache.get("k", build, decode) == [1, 2, 3]  # and rewritten
    assert build.calls == 2


def test_new_code_starts_a_new_directory_and_removes_the_old(cache_dir: Path,
                                                             tmp_path: Path) -> None:
    module = tmp_path / "compiler.py"
    module.write_text("VERSION = 1\n")
    CompiledCache("demo", module).get("k", Counting([1]), list)
    old = data_files(cache_dir, "demo")
    module.write_text("VERSION = 2\n")
    build = Counting([2])
    assert CompiledCache("demo", module).get("k", build, list) == [2]
    assert build.calls == 1
    new = data_files(cache_dir, "demo")
    assert len(new) == 1 and new != old and not old[0].exists()


def test_unwritable_cache_still_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory would be")
    monkeypatch.setenv("CONFLICT_EVENTS_CACHE_DIR", str(blocker))
    build = Counting(["x"])
    assert CompiledCache("demo", __file__).get("k", build, list) == ["x"]
    assert CompiledCache("demo", __file__).get("k", build, list) == ["x"]
    assert build.calls == 2


# --- anchors ----------------------------------------------------------------------------------

def spans(matches: Any) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]


def test_anchor_plans_are_cached_and_match_as_compiled(cache_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    groups = [("attack", [r"attack(?:ed|s)?", r"ambush(?:ed)?"]), ("shell", [r"shell(?:ed|ing)"]),
              ("protest", [r"protest(?:ers|ed)?", r"\w+ers? gathered"])]
    built = AnchoredAlternation(groups, before=r"\b", after=r"\b", flags=re.IGNORECASE)
    assert built.automaton is not None and built.weak is not None
    assert len(data_files(cache_dir, "anchors")) == 1

    def no_parsing(*args: Any) -> None:
        raise AssertionError("the plan was worked out again instead of read from the cache")

    monkeypatch.setattr(anchors_module, "anchors", no_parsing)
    monkeypatch.setattr(anchors_module, "_can_match_empty", no_parsing)
    cached = AnchoredAlternation(groups, before=r"\b", after=r"\b", flags=re.IGNORECASE)
    assert cached.weak_ids == built.weak_ids
    assert spans(cached.finditer(TEXT)) == spans(built.finditer(TEXT))
    assert spans(cached.finditer(TEXT)) == spans(cached.regex.finditer(TEXT))
    regex = re.compile(r"(?:shell|strik)(?:ed|ing|es)?\b", re.IGNORECASE)
    monkeypatch.undo()
    plain = AnchoredRegex(regex)
    monkeypatch.setattr(anchors_module, "anchors", no_parsing)
    monkeypatch.setattr(anchors_module, "_can_match_empty", no_parsing)
    again = AnchoredRegex(regex)
    assert again.anchored and spans(again.finditer(TEXT)) == spans(plain.finditer(TEXT))


def test_other_patterns_get_their_own_plan(cache_dir: Path) -> None:
    AnchoredAlternation([("a", [r"attack(?:ed)?"])])
    changed = AnchoredAlternation([("a", [r"attack(?:ed)?", r"raid(?:ed)?"])])
    assert len(data_files(cache_dir, "anchors")) == 2
    assert spans(changed.finditer("they raided it")) == [(5, 11, "a")]


def test_damaged_plan_is_worked_out_again(cache_dir: Path) -> None:
    groups = [("a", [r"attack(?:ed)?", r"raid(?:ed)?"])]
    AnchoredAlternation(groups)
    (path,) = data_files(cache_dir, "anchors")
    path.write_text(path.read_text().replace("raid", "xxxx"))  # same size, other content
    again = AnchoredAlternation(groups)
    assert spans(again.finditer("they raided it")) == [(5, 11, "a")]
    assert "raid" in path.read_text()


def test_trigger_lexicon_matches_the_same_with_and_without_the_cache(
        cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = trigger_lexicon()
    groups = [(group, entry.patterns) for group, entry in lexicon.group_entry.items()]
    options: dict[str, Any] = {"before": r"(?<![\w-])", "after": r"(?![\w])",
                               "flags": re.IGNORECASE}
    built = AnchoredAlternation(groups, **options)  # compiled, then written
    cached = AnchoredAlternation(groups, **options)  # read back
    text = TEXT + " " + " ".join(
        p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    found = spans(built.finditer(text))
    assert found and spans(cached.finditer(text)) == found == spans(lexicon.matcher.finditer(text))
    assert spans(cached.regex.finditer(text)) == found


# --- state-force forms ------------------------------------------------------------------------

@pytest.fixture
def lexicon_copy(tmp_path: Path) -> Path:
    source = Path(str(resources.files("conflict_events.knowledge").joinpath("actors")))
    target = tmp_path / "actors"
    shutil.copytree(source, target)
    return target


def index_contents(lexicon: ActorLexicon) -> tuple[Any, ...]:
    forms = lexicon._state_forms
    return (list(forms._insensitive.items()), list(forms._sensitive.items()), forms._longest,
            forms._insensitive_prefixes, forms._sensitive_prefixes)


def test_state_forms_cached_equal_built_and_follow_their_source(
        cache_dir: Path, lexicon_copy: Path) -> None:
    lexicon = load_actor_lexicon_from(lexicon_copy)
    first = index_contents(lexicon)  # built and written
    (written,) = data_files(cache_dir, "state-forms")
    reread = load_actor_lexicon_from(lexicon_copy)
    assert index_contents(reread) == first
    built = lexicon._build_state_forms()
    assert first == (list(built._insensitive.items()), list(built._sensitive.items()),
                     built._longest, built._insensitive_prefixes, built._sensitive_prefixes)
    assert reread.find_state_force_forms(TEXT) == lexicon.find_state_force_forms(TEXT)
    assert [f.text for f in reread.find_state_force_forms(TEXT)] == [
        "Syrian government forces", "Russian warplanes", "police", "Kenyan troops", "IDF"]

    flip_byte(written)  # damaged: built again
    assert index_contents(load_actor_lexicon_from(lexicon_copy)) == first

    # a new alias in state_forces.yaml: another source, compiled again, and found
    path = lexicon_copy / "state_forces.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    kenya = data["countries"]["Kenya"]
    kenya.setdefault("aliases", {}).setdefault("military", []).append("Simba Brigade")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    changed = load_actor_lexicon_from(lexicon_copy)
    assert [f.text for f in changed.find_state_force_forms("The Simba Brigade fired.")] == [
        "Simba Brigade"]
    assert len(data_files(cache_dir, "state-forms")) == 2


def test_lexicon_built_in_memory_is_not_cached(cache_dir: Path, lexicon_copy: Path) -> None:
    loaded = load_actor_lexicon_from(lexicon_copy)
    memory = ActorLexicon(loaded.entries, loaded.state_force_names, loaded.country_adjectives,
                          loaded.ambiguous_adjectives)
    assert memory.find_state_force_forms(TEXT) == loaded.find_state_force_forms(TEXT)
    assert len(data_files(cache_dir, "state-forms")) == 1  # the loaded one's only


# --- knowledge YAML ---------------------------------------------------------------------------

def types(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [types(v) for v in value]
    return type(value).__name__


def test_knowledge_yaml_reads_back_equal_with_its_types(cache_dir: Path) -> None:
    root = Path(str(resources.files("conflict_events.knowledge")))
    files = sorted(root.rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        parsed = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        first, second = read_yaml(path), read_yaml(path)  # built, then read back
        assert first == parsed and second == parsed, path.name
        assert types(second) == types(parsed), path.name
    assert len(data_files(cache_dir, "yaml")) == len(files)


def test_yaml_with_dates_and_values_json_cannot_carry(cache_dir: Path, tmp_path: Path) -> None:
    dated = tmp_path / "dated.yaml"
    dated.write_text("periods:\n  - start: 2012-03-01\n    at: 2020-01-02 03:04:05\n"
                     "    label: '2012-03-01'\n")
    expected = {"periods": [{"start": dt.date(2012, 3, 1),
                             "at": dt.datetime(2020, 1, 2, 3, 4, 5), "label": "2012-03-01"}]}
    assert read_yaml(dated) == expected and read_yaml(dated) == expected
    assert types(read_yaml(dated)) == types(expected)
    odd = tmp_path / "odd.yaml"
    odd.write_text("1: one\nwords: !!set {a, b}\n")
    assert read_yaml(odd) == {1: "one", "words": {"a", "b"}}
    assert read_yaml(odd) == {1: "one", "words": {"a", "b"}}  # parsed each time, not cached


def test_damaged_yaml_cache_is_read_again(cache_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("words: [alpha, beta]\n")
    read_yaml(path)
    (written,) = data_files(cache_dir, "yaml")
    written.write_text(written.read_text().replace("alpha", "gamma"))
    assert read_yaml(path) == {"words": ["alpha", "beta"]}
    path.write_text("words: [delta]\n")  # the source changed
    assert read_yaml(path) == {"words": ["delta"]}


# --- gazetteer keys, and what extraction imports ---------------------------------------------

def test_key_offsets_group_the_sorted_names(tmp_path: Path) -> None:
    gazetteer = fixture_gazetteer(tmp_path)
    keys, offsets, _ = gazetteer.key_index
    names = gazetteer.names.column("key").to_pylist()
    assert keys == sorted(set(names)) and len(offsets) == len(keys) + 1
    assert offsets[0] == 0 and offsets[-1] == len(names)
    for key_id, key in enumerate(keys):
        rows = [gazetteer.place(int(i)) for i in gazetteer.places_for_key(key_id)]
        assert {p.index for p in rows} == {p.index for p in gazetteer.lookup(key)}
        assert all(names[i] == key for i in range(offsets[key_id], offsets[key_id + 1]))


def test_extracting_a_text_imports_only_what_it_needs() -> None:
    """Not pandas (pyarrow's conversions import it), pyarrow.compute (its wrappers), or a
    process pool: each costs startup time and extraction needs none of them."""
    code = ("import sys, conflict_events as ce\n"
            "ce.extract('On 3 March 2021, soldiers clashed with rebels in Aleppo, killing two.',"
            " published='2021-03-04')\n"
            "loaded = [m for m in ('pandas', 'multiprocessing', 'scipy', 'pyarrow.compute')\n"
            "          if m in sys.modules]\n"
            "assert not loaded, loaded\n")
    # the first run may build the gazetteer cache (which uses pandas): the second is a startup
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
