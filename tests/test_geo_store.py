"""Country files and supplements on disk, through the API and the command line. Downloads are
tested against a local HTTP server serving a fixture zip, never the internet."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from geo_fixture import write_dump

from conflict_events.cli.main import main
from conflict_events.errors import GazetteerError
from conflict_events.geo import store
from conflict_events.geo.supplements import build_supplements, read_supplement_csv


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CONFLICT_EVENTS_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[str]:
    """A local GeoNames-like dump folder: SY.zip and the admin code tables."""
    folder = tmp_path / "mirror"
    txt = write_dump(folder / "src")
    with zipfile.ZipFile(folder / "SY.zip", "w") as archive:
        archive.write(txt, "SY.txt")
        archive.writestr("readme.txt", "fixture")
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        (folder / name).write_bytes((txt.parent / name).read_bytes())
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(folder)
    )
    handler.log_message = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_add_list_remove_through_the_cli(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = write_dump(tmp_path / "dump")
    assert main(["gazetteer", "add", str(dump)]) == 0
    assert "added SY" in capsys.readouterr().out
    assert main(["gazetteer", "list"]) == 0
    assert capsys.readouterr().out.startswith("SY\t")
    [item] = store.list_country_files()
    assert item.places > 10 and (data_dir / "gazetteer" / "countries" / "SY").exists()
    assert main(["gazetteer", "remove", "sy"]) == 0
    assert store.list_country_files() == []
    assert main(["gazetteer", "remove", "SY"]) == 1
    assert "no country file SY" in capsys.readouterr().err


def test_add_refuses_a_file_not_named_by_country(tmp_path: Path, data_dir: Path) -> None:
    path = write_dump(tmp_path, "places.txt")
    with pytest.raises(GazetteerError, match="named by its ISO alpha-2 code"):
        store.add_geonames_file(path)


def test_download_from_a_local_mirror(data_dir: Path, mirror: str) -> None:
    assert main(["gazetteer", "download", "SY", "--base-url", mirror]) == 0
    [item] = store.list_country_files()
    assert item.country_code == "SY" and item.places > 10


def test_download_base_url_from_the_environment(
    data_dir: Path, mirror: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICT_EVENTS_GEONAMES_URL", mirror)
    [item] = store.download_countries(["sy"])
    assert item.country_code == "SY"


def test_download_errors_are_clear(data_dir: Path, mirror: str) -> None:
    with pytest.raises(GazetteerError, match=r"cannot download .*YE\.zip"):
        store.download_countries(["YE"], base_url=mirror)
    with pytest.raises(GazetteerError, match="not an ISO alpha-2"):
        store.download_countries(["Syria"], base_url=mirror)


def test_supplement_csv_with_districts_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(
        "name,country_code,latitude,longitude,aliases,admin1,kind,parent,provenance\n"
        "Hamdaniyeh,SY,36.19,37.13,Hamdaniya;Al Hamdaniyah,Aleppo,district,Aleppo,test\n"
        "Camp Zeta,SO,2.0,45.3,,Banaadir,feature,,test\n",
        encoding="utf-8",
    )
    gaz = build_supplements([path])
    assert gaz is not None
    district = gaz.lookup("Hamdaniya")[0]
    assert district.name == "Aleppo - Hamdaniyeh" and district.kind == "district"
    assert district.source == "supplement:test"


@pytest.mark.parametrize(
    "row,message",
    [
        ("X,SY,100,0", "coordinates out of range"),
        ("X,Atlantis,1,1", "unknown country"),
        (",SY,1,1", "empty name"),
        ("X,SY,north,1", "could not convert"),
    ],
)
def test_supplement_errors_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"name,country_code,latitude,longitude\n{row}\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=rf"bad.csv, line 2: .*{message}"):
        read_supplement_csv(path)
