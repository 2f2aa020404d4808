"""The actor lexicon: every file validates, every written example resolves to its actor,
state-force names follow the regime periods, and bad data is reported naming the file."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest
import yaml

from conflict_events.errors import KnowledgeError
from conflict_events.knowledge.actors import (
    ActorEntry,
    ActorLexicon,
    load_actor_lexicon,
    load_actor_lexicon_from,
    normalize,
    summary,
    tokens,
)
from conflict_events.schema.countries import countries

LEXICON_DIR = Path(str(resources.files("conflict_events.knowledge").joinpath("actors")))
SPECIAL_FILES = {"state_forces.yaml", "demonyms.yaml"}
ACTOR_FILES = sorted(p.name for p in LEXICON_DIR.glob("*.yaml") if p.name not in SPECIAL_FILES)


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return load_actor_lexicon()


def test_loads_and_is_cached(lex: ActorLexicon) -> None:
    assert load_actor_lexicon() is lex
    assert len(lex.entries) > 100
    assert all(isinstance(e, ActorEntry) for e in lex.entries)
    assert {e.source_file for e in lex.entries} == set(ACTOR_FILES)


@pytest.mark.parametrize("file_name", ACTOR_FILES)
def test_examples_resolve_to_their_actor(lex: ActorLexicon, file_name: str) -> None:
    failures = []
    entries = [e for e in lex.entries if e.source_file == file_name]
    assert entries, f"{file_name} has no entries"
    for entry in entries:
        for example in entry.examples:
            assert lex.by_name(example.expect) is not None, (
                f"{file_name}: {entry.name}: example expects unknown actor {example.expect!r}"
            )
            country = example.country or entry.country or (
                entry.operates_in[0] if entry.operates_in else None)
            found = [m.entry.name for m in lex.match(example.text, country, example.day)]
            if example.expect not in found:
                failures.append(f"{entry.name}: {example.text!r} -> {found}")
    assert not failures, f"{file_name}: examples not resolved:\n" + "\n".join(failures)


def test_most_entries_have_examples(lex: ActorLexicon) -> None:
    without = [e.name for e in lex.entries if not e.examples]
    assert len(without) <= len(lex.entries) // 10, f"entries without examples: {without}"


def test_canonical_names_are_found(lex: ActorLexicon) -> None:
    for entry in lex.entries:
        assert lex.by_name(entry.name) is entry
        for former in entry.former_names:  # names ACLED used before renaming the actor
            assert lex.by_name(former) is entry
        found = lex.find(entry.name, entry.country, entry.active_from)
        assert found is not None and found.name == entry.name, entry.name


def _scopes(entry: ActorEntry) -> set[str]:
    """Where a form must name one actor only: its home country (countries of operation for
    actors without one; everywhere for global ones). A form shared with an actor merely
    operating in the country is resolved by the home actor first."""
    if entry.country is not None:
        return {entry.country}
    return set(entry.operates_in) or {"*"}


def _overlap(a: ActorEntry, b: ActorEntry) -> bool:
    start = max(a.active_from or dt.date.min, b.active_from or dt.date.min)
    end = min(a.active_to or dt.date.max, b.active_to or dt.date.max)
    return start <= end


def test_no_alias_names_two_actors_in_one_country_at_once(lex: ActorLexicon) -> None:
    by_form: dict[tuple[str, bool, str], list[ActorEntry]] = defaultdict(list)
    for entry in lex.entries:
        for form in entry.surface_forms():
            key = " ".join(tokens(form.text)) if form.case_sensitive else normalize(form.text)
            for scope in _scopes(entry):
                by_form[(key, form.case_sensitive, scope)].append(entry)
    clashes = []
    for (form, _, scope), entries in by_form.items():
        for a, b in itertools.combinations(entries, 2):
            if a.name != b.name and _overlap(a, b):
                clashes.append(f"{form!r} in {scope}: {a.name} / {b.name}")
    assert not clashes, "\n".join(sorted(set(clashes)))


def test_no_duplicate_yaml_keys() -> None:
    """yaml.safe_load keeps the last of two equal keys silently; the files must not rely on it."""

    def walk(node: yaml.Node, where: str) -> list[str]:
        problems = []
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value]
            problems += [f"{where}: key {k!r} repeated" for k in set(keys) if keys.count(k) > 1]
            for k, v in node.value:
                problems += walk(v, f"{where}.{k.value}")
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                problems += walk(item, f"{where}[{i}]")
        return problems

    problems = []
    for path in LEXICON_DIR.glob("*.yaml"):
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        assert root is not None
        problems += walk(root, path.name)
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ lookup


def test_find_is_case_and_spelling_tolerant(lex: ActorLexicon) -> None:
    shabaab = lex.find("Al Shabaab")
    assert shabaab is not None and shabaab.inter == 2
    forms = ["al-Shabaab", "AL-SHABAB", "Shabaab", "al shabab", "Harakat al-Shabaab al-Mujahideen"]
    for form in forms:
        found = lex.find(form)
        assert found is not None and found.name == "Al Shabaab", form
    assert lex.find("Al Shabbaab") is shabaab  # a close misspelling
    assert lex.find("no such armed group anywhere") is None
    assert lex.find("") is None


def test_acronyms_are_case_sensitive(lex: ActorLexicon) -> None:
    names = [m.entry.name for m in lex.match("This is where the IS fighters attacked.", "Iraq")]
    assert names == ["Islamic State (Iraq)"]
    assert lex.match("It is what it is.", "Iraq") == []


def test_country_and_day_choose_between_entries(lex: ActorLexicon) -> None:
    assert lex.find("ISIS", "Syria").name == "Islamic State (Syria)"  # type: ignore[union-attr]
    assert lex.find("ISIS", "Iraq").name == "Islamic State (Iraq)"  # type: ignore[union-attr]
    before = lex.find("Taliban", "Afghanistan", dt.date(2020, 5, 1))
    after = lex.find("Taliban", "Afghanistan", dt.date(2022, 5, 1))
    assert before is not None and before.name == "Taliban" and before.inter == 2
    assert after is not None and after.inter == 1 and after.name.startswith("Military Forces of")


def test_context_forms_match_only_where_the_actor_operates(lex: ActorLexicon) -> None:
    # "National Army" names Syria's SNA only in a Syrian story; elsewhere, or with no
    # country, nothing is matched
    assert [m.entry.name for m in lex.match("The National Army advanced.", "Syria")] == [
        "JWS: Syrian National Army"
    ]
    assert lex.match("The National Army advanced.", "Peru") == []
    assert lex.match("Rebels attacked the town.", None) == []
    (deferred,) = lex.match("Fulani herdsmen attacked.", None, context_forms=True)
    assert lex.find(deferred.text, "Mali") == lex.by_name("Fulani Ethnic Militia (Mali)")
    assert lex.find(deferred.text, "Nigeria") == lex.by_name("Fulani Ethnic Militia (Nigeria)")
    assert [m.entry.name for m in lex.match("Rebels attacked the town.", "Syria")] == [
        "Opposition Rebels (Syria)"
    ]


def test_distinctive_aliases_match_anywhere(lex: ActorLexicon) -> None:
    text = "Hizbollah fighters crossed the border."
    assert [m.entry.name for m in lex.match(text, None)] == ["Hezbollah"]
    assert [m.entry.name for m in lex.match(text, "Syria")] == ["Hezbollah"]


def test_islamic_state_branches(lex: ActorLexicon) -> None:
    text = "Islamic State militants attacked a checkpoint."
    assert [m.entry.name for m in lex.match(text, None)] == ["Islamic State"]
    assert [m.entry.name for m in lex.match(text, "Afghanistan")] == ["Islamic State (Afghanistan)"]
    assert [m.entry.name for m in lex.match(text, "France")] == ["Islamic State"]
    assert [m.entry.name for m in lex.match("ISWAP fighters struck Diffa.", None)] == [
        "Islamic State (West Africa)"
    ]


def test_match_reports_spans(lex: ActorLexicon) -> None:
    text = "Yesterday al-Shabaab militants attacked."
    (match,) = lex.match(text, "Somalia")
    assert text[match.start : match.end] == match.text
    assert match.entry.name == "Al Shabaab"


# ------------------------------------------------------------------ state forces


@pytest.mark.parametrize(
    ("country", "day", "kind", "expected"),
    [
        ("Syria", dt.date(2016, 2, 2), "military", "Military Forces of Syria (2000-2024)"),
        ("Syria", dt.date(2025, 3, 1), "military", "Military Forces of Syria (2024-)"),
        ("Ukraine", dt.date(2015, 1, 10), "military", "Military Forces of Ukraine (2014-2019)"),
        ("Ukraine", dt.date(2022, 3, 1), "police", "Police Forces of Ukraine (2019-)"),
        ("Nigeria", dt.date(2020, 5, 1), "military", "Military Forces of Nigeria (2015-2023)"),
        ("Nigeria", dt.date(2023, 5, 29), "police", "Police Forces of Nigeria (2023-)"),
        ("Nigeria", dt.date(2023, 5, 28), "police", "Police Forces of Nigeria (2015-2023)"),
        ("Philippines", dt.date(2020, 1, 1), "military",
         "Military Forces of the Philippines (2016-2022)"),
        ("Democratic Republic of Congo", dt.date(2020, 1, 1), "government",
         "Government of the Democratic Republic of Congo (2019-)"),
        ("Afghanistan", dt.date(2019, 1, 1), "military",
         "Military Forces of Afghanistan (2014-2021)"),
        ("Afghanistan", dt.date(2022, 1, 1), "military", "Military Forces of Afghanistan (2021-)"),
        ("Libya", dt.date(2020, 1, 1), "military",
         "Military Forces of Libya (2016-2021) Government of National Accord"),
        ("Myanmar", dt.date(2022, 1, 1), "military", "Military Forces of Myanmar (2021-)"),
        ("Palestine", dt.date(2023, 1, 1), "police",
         "Police Forces of Palestine (1994-) West Bank"),
        ("Palestine", dt.date(2023, 1, 1), "military", "Military Forces of Palestine (1994-)"),
        ("Yemen", dt.date(2023, 1, 1), "military",
         "Military Forces of Yemen (2022-) Presidential Leadership Council"),
        ("Yemen", dt.date(2020, 1, 1), "police", "Police Forces of Yemen (2012-2022)"),
    ],
)
def test_state_forces_by_period(
    lex: ActorLexicon, country: str, day: dt.date, kind: str, expected: str
) -> None:
    assert lex.state_forces(country, day, kind) == expected


def test_state_forces_units_and_errors(lex: ActorLexicon) -> None:
    day = dt.date(2020, 5, 1)
    assert (lex.state_forces("India", day, "police", unit="Central Reserve Police Force")
            == "Police Forces of India (2014-) Central Reserve Police Force")
    assert "Rashtriya Rifles" in {u.name for u in lex.state_force_units("India")}
    assert lex.state_forces("Myanmar", dt.date(2023, 1, 1), unit="Border Guard Force") == (
        "Military Forces of Myanmar (2021-) Border Guard Force")
    assert lex.state_forces("SY", day) == lex.state_forces("Syria", day)
    assert lex.state_forces("syr", day) == "Military Forces of Syria (2000-2024)"
    with pytest.raises(KnowledgeError, match="kind"):
        lex.state_forces("Syria", day, "navy")
    with pytest.raises(KnowledgeError, match="Atlantis"):
        lex.state_forces("Atlantis", day)


def test_state_force_aliases(lex: ActorLexicon) -> None:
    assert "Tatmadaw" in lex.state_force_aliases("Myanmar")["military"]
    assert "FARDC" in lex.state_force_aliases("Democratic Republic of Congo")["military"]
    assert "Carabineros" in lex.state_force_aliases("Chile")["police"]
    assert lex.state_force_aliases("Andorra") == {}


def test_every_country_has_state_forces_and_adjectives(lex: ActorLexicon) -> None:
    names = {c.name for c in countries()}
    assert set(lex.state_force_names) == names
    assert set(lex.country_adjectives) == names
    assert all(lex.country_adjectives[n] for n in names)
    today = dt.date.today()
    for name in names:
        assert lex.state_forces(name, today).startswith("Military Forces of ")


def test_adjectives(lex: ActorLexicon) -> None:
    assert lex.country_for_adjective("Congolese") == "Democratic Republic of Congo"
    assert lex.country_for_adjective("nigerien") == "Niger"
    assert lex.country_for_adjective("Nigerian") == "Nigeria"
    assert "Republic of Congo" in lex.ambiguous_adjectives["Congolese"]


# ------------------------------------------------------------------ bad data


def _lexicon_copy(tmp_path: Path, extra_name: str, extra_text: str) -> Path:
    for name in ("state_forces.yaml", "demonyms.yaml"):
        shutil.copy(LEXICON_DIR / name, tmp_path / name)
    (tmp_path / extra_name).write_text(extra_text, encoding="utf-8")
    return tmp_path


GOOD_ENTRY = "  - {name: Test Front, inter: 2, country: Mali, provenance: written for a test}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entries:\n  - {name: Bad Front, inter: 9, country: Mali, provenance: test}\n",
         r"bad\.yaml.*Bad Front.*inter"),
        ("entries:\n  - {name: Bad Front, inter: 2, country: Atlantis, provenance: test}\n",
         r"bad\.yaml.*Bad Front.*Atlantis"),
        ("entries:\n" + GOOD_ENTRY + "  - {name: Bad Front, inter: 2, country: Mali}\n",
         r"bad\.yaml.*entries\[1\] \(Bad Front\).*provenance"),
        ("entries:\n  - {name: Bad Front, inter: 2, colour: red, provenance: test}\n",
         r"bad\.yaml.*colour"),
        ("entries: [unclosed\n", r"bad\.yaml.*YAML"),
        ("- just a list\n", r"bad\.yaml"),
        ("entries:\n" + GOOD_ENTRY + GOOD_ENTRY, r"bad\.yaml.*Test Front.*twice"),
    ],
)
def test_bad_files_are_reported_naming_file_and_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    directory = _lexicon_copy(tmp_path, "bad.yaml", text)
    with pytest.raises(KnowledgeError, match=message):
        load_actor_lexicon_from(directory)


def test_empty_and_binary_files_are_reported(tmp_path: Path) -> None:
    directory = _lexicon_copy(tmp_path, "empty.yaml", "")
    with pytest.raises(KnowledgeError, match=r"empty\.yaml.*entries"):
        load_actor_lexicon_from(directory)
    (directory / "empty.yaml").unlink()
    (directory / "binary.yaml").write_bytes(b"\xff\xfe\x00entries\x00\x9c")
    with pytest.raises(KnowledgeError, match=r"binary\.yaml.*cannot be read"):
        load_actor_lexicon_from(directory)


def test_bad_state_forces_are_reported(tmp_path: Path) -> None:
    shutil.copy(LEXICON_DIR / "demonyms.yaml", tmp_path / "demonyms.yaml")
    (tmp_path / "state_forces.yaml").write_text(
        "provenance: test\ncountries:\n  Mali: [2021-05-24, 2013-09-04]\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError, match=r"state_forces\.yaml.*Mali.*increasing"):
        load_actor_lexicon_from(tmp_path)


def test_missing_required_file_is_reported(tmp_path: Path) -> None:
    shutil.copy(LEXICON_DIR / "demonyms.yaml", tmp_path / "demonyms.yaml")
    with pytest.raises(KnowledgeError, match=r"state_forces\.yaml is missing"):
        load_actor_lexicon_from(tmp_path)


# ------------------------------------------------------------------ state forces in text


def _state_matches(lex: ActorLexicon, text: str, country: str) -> list[tuple[str, str, bool]]:
    day = dt.date(2024, 3, 1)
    return [(m.text, m.name, m.foreign) for m in lex.match_state_forces(text, country, day)]


def test_state_forces_in_text_own_and_foreign(lex: ActorLexicon) -> None:
    found = _state_matches(lex, "Syrian regime forces and Turkish drones shelled Manbij.", "Syria")
    assert found == [
        ("Syrian regime forces", "Military Forces of Syria (2000-2024)", False),
        ("Turkish drones", "Military Forces of Turkey (2016-)", True),
    ]


def test_state_force_units_and_acronyms_in_text(lex: ActorLexicon) -> None:
    found = _state_matches(lex, "CRPF personnel and the DRG searched the forest.", "India")
    assert [name for _, name, _ in found] == [
        "Police Forces of India (2014-) Central Reserve Police Force",
        "Police Forces of India (2014-) District Reserve Group",
    ]


def test_local_acronyms_do_not_travel(lex: ActorLexicon) -> None:
    # "SNA" is Somalia's army in Somalia, but not in a Syrian story (it is also the Syrian
    # National Army); "IDF" is distinctive and names Israel's army anywhere
    assert _state_matches(lex, "The SNA advanced.", "Somalia")[0][1].startswith(
        "Military Forces of Somalia")
    assert _state_matches(lex, "The SNA advanced.", "Syria") == []
    assert _state_matches(lex, "The IDF struck a car.", "Lebanon")[0][1:] == (
        "Military Forces of Israel (2022-)", True)


def test_place_names_are_not_units(lex: ActorLexicon) -> None:
    assert _state_matches(lex, "Rockets were fired from Gaza.", "Israel") == []


def test_country_in_a_name_is_the_entry_country(lex: ActorLexicon) -> None:
    names = {c.name for c in countries()}
    wrong = []
    for entry in lex.entries:
        inside = entry.name.rsplit("(", 1)[-1].rstrip(")") if entry.name.endswith(")") else ""
        if inside in names and inside != entry.country:
            wrong.append(f"{entry.name}: country {entry.country}")
    assert not wrong, "\n".join(wrong)


def test_summary_counts_match_the_lexicon(lex: ActorLexicon) -> None:
    counts = summary(lex)
    assert counts["named actors"] == len(lex.entries)
    assert counts["countries with state-force naming"] == len(countries())
    assert counts["examples"] >= counts["named actors"]
