"""Extract the Keski-Suomi municipalities and the region outline from the National Land Survey's
2023 borders (GeoJSON, lon/lat, 1:4,500,000) into resources/reference/keski_suomi_borders_2023.geojson.

Run once when the source changes: `.venv/bin/python tools/extract_borders.py [SOURCE_FOLDER]`.
The source is already generalised for 1:4.5 M (about 430 points for the 22 municipalities), so the
polygons are copied as they are, coordinates rounded to 5 decimals (about 1 m)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent.parent / "shared" / "data" / "municipal_borders"
OUT = ROOT / "resources" / "reference" / "keski_suomi_borders_2023.geojson"
REGION = "13"  # Keski-Suomi


def rounded(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 5), round(coords[1], 5)]
    return [rounded(c) for c in coords]


def main() -> None:
    with open(ROOT / "resources" / "reference" / "keski_suomi_municipalities.csv", encoding="utf-8") as f:
        codes = {r["kuntakoodi"] for r in csv.DictReader(f)}
    munis = json.loads((SOURCE / "kuntarajat_2023.geojson").read_text(encoding="utf-8"))
    regions = json.loads((SOURCE / "maakuntarajat_2023.geojson").read_text(encoding="utf-8"))
    features = []
    for f in sorted(munis["features"], key=lambda f: f["properties"]["NATCODE"]):
        p = f["properties"]
        if p["NATCODE"] in codes:
            features.append({"type": "Feature", "properties": {"kind": "municipality", "code": p["NATCODE"],
                                                               "name": p["NAMEFIN"], "name_sv": p["NAMESWE"]},
                             "geometry": {"type": f["geometry"]["type"],
                                          "coordinates": rounded(f["geometry"]["coordinates"])}})
    for f in regions["features"]:
        p = f["properties"]
        if p["NATCODE"] == REGION:
            features.append({"type": "Feature", "properties": {"kind": "region", "code": p["NATCODE"],
                                                               "name": p["NAMEFIN"], "name_sv": p["NAMESWE"]},
                             "geometry": {"type": f["geometry"]["type"],
                                          "coordinates": rounded(f["geometry"]["coordinates"])}})
    found = {f["properties"]["code"] for f in features if f["properties"]["kind"] == "municipality"}
    if found != codes:
        raise SystemExit(f"municipalities missing from the source: {sorted(codes - found)}")
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                              separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} features, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
