"""GeoNames country dumps: txt and zip, admin names, city quarters, malformed input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import shared_path
from geo_fixture import rows, write_dump

from conflict_events.errors import GazetteerError
from conflict_events.geo.geonames import load_geonames_dump, read_geoname_rows


def test_txt_dump_loads_with_admin_names(tmp_path: Path) -> None:
    gaz = load_geonames_dump(write_dump(tmp_path))
    aleppo = [p for p in gaz.lookup("Halab") if p.kind == "place"]
    assert aleppo and aleppo[0].admin1 == "Aleppo" and aleppo[0].country_code == "SY"
    assert gaz.lookup("Hardatneen")[0].name == "Ḩardatnīn"


def test_zip_dump_equals_txt_dump(tmp_path: Path) -> None:
    txt = write_dump(tmp_path / "t")
    zipped = tmp_path / "z" / "SY.zip"
    zipped.parent.mkdir()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(txt, "SY.txt")
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        (zipped.parent / name).write_bytes((txt.parent / name).read_bytes())
    assert len(load_geonames_dump(zipped)) == len(load_geonames_dump(txt))


def test_city_quarter_is_a_district_named_city_dash_quarter(tmp_path: Path) -> None:
    gaz = load_geonames_dump(write_dump(tmp_path))
    quarter = gaz.lookup("Hamdaniyeh")
    assert quarter[0].kind == "district"
    assert quarter[0].name == "Aleppo - Al Ḩamdānīyah"


def test_admin_areas_without_rows_are_synthesised_at_their_capital(tmp_path: Path) -> None:
    gaz = load_geonames_dump(write_dump(tmp_path))
    idlib = gaz.lookup("Idlib", kind="admin1")
    assert idlib and idlib[0].admin1 == "Idlib"
    seat = gaz.seat(idlib[0])
    assert seat is not None and seat.name == "Idlib"


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text("\t".join(rows()[0]) + "\nnot\ta\tgeoname\trow\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"SY.txt, line 2: expected 19"):
        list(read_geoname_rows(path))


def test_not_a_zip_and_missing_file_are_clear(tmp_path: Path) -> None:
    bad = tmp_path / "SY.zip"
    bad.write_bytes(b"this is not a zip")
    with pytest.raises(GazetteerError, match="not a zip"):
        load_geonames_dump(bad)
    with pytest.raises(GazetteerError, match="no such file"):
        load_geonames_dump(tmp_path / "XX.txt")


def test_real_syria_file_from_development_data() -> None:
    path = shared_path("gazetteer", "SY.txt")
    gaz = load_geonames_dump(path)
    assert len(gaz) > 5000
    aleppo = [p for p in gaz.lookup("Aleppo") if p.kind == "place"]
    assert aleppo[0].admin1 == "Aleppo"
    assert {p.admin1 for p in gaz.lookup("Saraqib")} == {"Idlib"}


def test_admin3_is_named_by_the_dump_s_adm3_row(tmp_path: Path) -> None:
    from conflict_events.geo.geonames import write_fixture_dump

    def row(gid: int, name: str, fclass: str, code: str, admin3: str) -> list[str]:
        return [str(gid), name, name, "", "36.3", "37.1", fclass, code, "SY", "", "09", "",
                admin3, "", "100", "", "0", "Asia/Damascus", "2020-01-01"]

    path = tmp_path / "SY.txt"
    write_fixture_dump(path, [
        row(1, "Jabal Saman", "A", "ADM3", "1001"),
        row(2, "Hardatnin", "P", "PPL", "1001"),
        row(3, "Kafr Hamra", "P", "PPL", ""),
    ])
    gaz = load_geonames_dump(path)
    assert gaz.lookup("Hardatnin")[0].admin3 == "Jabal Saman"
    assert gaz.lookup("Kafr Hamra")[0].admin3 is None
    assert gaz.lookup("Hardatnin")[0].to_location().admin3 == "Jabal Saman"
