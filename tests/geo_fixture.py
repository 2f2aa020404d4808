"""A small GeoNames-format country table for geocoder tests (written, not downloaded).

Coordinates are the real ones rounded; populations are indicative."""

from __future__ import annotations

from pathlib import Path

from conflict_events.geo.gazetteer import Gazetteer
from conflict_events.geo.geocoder import Geocoder, ResolvedPlace
from conflict_events.geo.geonames import load_geonames_dump, write_fixture_dump

# geonameid, name, asciiname, alternates, lat, lon, class, code, cc, admin1, admin2, population
PLACES = [
    (170063, "Aleppo", "Aleppo", "Halab,Alep,Haleb", 36.20124, 37.16117, "P", "PPLA", "SY", "09",
     "", 2098210),
    (900001, "Ḩardatnīn", "Hardatnin", "Hardatneen,Hardatnine", 36.3036, 37.1625, "P", "PPL", "SY",
     "09", "", 0),
    (900002, "Al Ḩamdānīyah", "Al Hamdaniyah", "Hamdaniyeh", 36.1897, 37.1285, "P", "PPLX", "SY",
     "09", "", 0),
    (169389, "Idlib", "Idlib", "Idleb,Edlib", 35.93062, 36.63393, "P", "PPLA", "SY", "12", "",
     128840),
    (172374, "Saraqib", "Saraqib", "Saraqeb", 35.86472, 36.80611, "P", "PPL", "SY", "12", "",
     34231),
    (170903, "Daraa", "Daraa", "Dar'a,Deraa", 32.61889, 36.10213, "P", "PPLA", "SY", "06", "",
     97969),
    (900003, "Ţafas", "Tafas", "Tafs", 32.7375, 36.0669, "P", "PPL", "SY", "06", "", 22000),
    (173813, "Al-Hasakah", "Al-Hasakah", "", 36.0, 40.75, "A", "ADM1", "SY", "01", "", 0),
    (173811, "Al Ḩasakah", "Al Hasakah", "Hasakah,Hasakeh", 36.50237, 40.74772, "P", "PPLA",
     "SY", "01", "", 188160),
    (900004, "Tall Tamr", "Tall Tamr", "Tal Tamer,Tell Tamer", 36.6533, 40.3711, "P", "PPL", "SY",
     "01", "", 7000),
    (2210247, "Tripoli", "Tripoli", "Tarabulus", 32.88743, 13.18733, "P", "PPLC", "LY", "77", "",
     1150989),
    (266826, "Tripoli", "Tripoli", "Trablous,Tarabulus", 34.43667, 35.84972, "P", "PPLA", "LB",
     "09", "", 229398),
    (2210221, "Abu Salim", "Abu Salim", "", 32.85, 13.19, "P", "PPL", "LY", "77", "", 0),
    (900005, "Mercy", "Mercy", "", 36.0, 37.0, "P", "PPL", "SY", "09", "", 600),
    (900006, "Bar", "Bar", "", 36.1, 37.1, "P", "PPL", "SY", "09", "", 700),
    (900007, "Division", "Division", "", 36.2, 37.2, "P", "PPL", "SY", "09", "", 500),
    (900008, "Al Bab", "Al Bab", "Bab", 36.37051, 37.5157, "P", "PPL", "SY", "09", "", 130745),
    # for the country-focus rules
    (3598132, "Guatemala City", "Guatemala City", "Ciudad de Guatemala", 14.64072, -90.51327,
     "P", "PPLC", "GT", "07", "", 994938),
    (174018, "ʿAfrīn", "Afrin", "Efrin", 36.5119, 36.8693, "P", "PPLA2", "SY", "09", "", 36562),
    (173577, "Al Qāmishlī", "Al Qamishli", "Qamishli,Kamishli", 37.05215, 41.23142, "P",
     "PPLA2", "SY", "01", "", 184231),
    (1504826, "Kamyshlov", "Kamyshlov", "", 56.8466, 62.7115, "P", "PPL", "RU", "71", "", 26000),
    (71297, "Lahij", "Lahij", "", 13.2, 44.9, "A", "ADM1", "YE", "24", "", 0),
    (71298, "Laḩij", "Lahij", "", 13.05667, 44.88194, "P", "PPLA", "YE", "24", "", 23375),
    (900009, "Lahij", "Lahij", "", 40.85, 48.2, "P", "PPL", "AZ", "34", "", 800),
    (5099738, "Kearny", "Kearny", "Kirni", 40.76843, -74.14542, "P", "PPL", "US", "NJ", "",
     41664),
    (1276533, "Bāramūla", "Baramula", "", 34.19287, 74.3692, "P", "PPLA2", "IN", "12", "",
     167986),
    (900010, "Sog", "Sog", "", 45.0, 3.5, "P", "PPL", "FR", "84", "", 1900),
]

ADMIN1 = {
    "SY.09": "Aleppo",
    "SY.12": "Idlib",
    "SY.06": "Daraa",
    "SY.01": "Al-Hasakah",
    "LY.77": "Tripoli",
    "LB.09": "Liban-Nord",
    "GT.07": "Guatemala",
    "RU.71": "Sverdlovsk",
    "YE.24": "Lahij",
    "AZ.34": "Ismayilli",
    "US.NJ": "New Jersey",
    "IN.12": "Kashmir",
    "FR.84": "Auvergne-Rhone-Alpes",
}


def rows() -> list[list[str]]:
    out = []
    for gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, a1, a2, pop in PLACES:
        out.append([
            str(gid), name, ascii_name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, a2,
            "", "", str(pop), "", "0", "Asia/Damascus", "2020-01-01",
        ])
    return out


def write_places_dump(folder: Path, dump_rows: list[list[str]], admin1: dict[str, str],
                      name: str = "XX.txt") -> Path:
    """`dump_rows` (19-column GeoNames rows) as a country dump, with the admin1 table
    `admin1` (code -> name) and an empty admin2 table beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    write_fixture_dump(path, dump_rows)
    (folder / "admin1CodesASCII.txt").write_text(
        "".join(f"{code}\t{label}\t{label}\t0\n" for code, label in admin1.items()),
        encoding="utf-8",
    )
    (folder / "admin2Codes.txt").write_text("", encoding="utf-8")
    return path


def gazetteer_from_places(folder: Path, dump_rows: list[list[str]], admin1: dict[str, str],
                          name: str = "XX.txt") -> Gazetteer:
    return load_geonames_dump(write_places_dump(folder, dump_rows, admin1, name))


PlaceRow = tuple[int, str, str, float, float, str, str, str, str, int]


def geonames_rows(places: list[PlaceRow]) -> list[list[str]]:
    """19-column GeoNames rows from (geonameid, name, alternates, lat, lon, feature class,
    feature code, country, admin1 code, population): the name is its own ASCII name."""
    return [
        [str(gid), name, name, alts, str(lat), str(lon), fclass, code, cc, "", a1, "", "", "",
         str(pop), "", "0", "UTC", "2020-01-01"]
        for gid, name, alts, lat, lon, fclass, code, cc, a1, pop in places
    ]


def best_place(gazetteer: Gazetteer, text: str) -> ResolvedPlace | None:
    """The geocoder's first place for `text`, or None."""
    found = Geocoder(gazetteer).resolve(text).places
    return found[0] if found else None


def write_dump(folder: Path, name: str = "SY.txt") -> Path:
    """The fixture as a country dump with its admin1 table beside it."""
    return write_places_dump(folder, rows(), ADMIN1, name)


def fixture_gazetteer(folder: Path) -> Gazetteer:
    return load_geonames_dump(write_dump(folder))

