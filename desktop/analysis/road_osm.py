"""Reading the roads of an OpenStreetMap extract (.osm.pbf / .osm) with the optional `osmium`
package: every way with a `highway` tag becomes a polyline in EPSG:3067 metres with its highway
class, maxspeed and oneway tags and its OSM node ids (the network joins vertices by node id, so
a bridge over a road never connects to it) (the speeds by class are applied in `road_gpkg.network_from_lines`).

Progress: ways read so far against an estimate from the file size (about 60 bytes of .pbf per
highway way in Finnish extracts); the last report always closes at 100 %.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from desktop.analysis.road_projection import lonlat_to_tm35
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import NullProgress, Progress

_BYTES_PER_WAY = 60


def read_osm_lines(path: str | Path, progress: Progress | None = None) -> tuple[list[np.ndarray], pd.DataFrame]:
    """Highway ways of an OSM file: (lines in metres, DataFrame highway/maxspeed/oneway/osm_id)."""
    try:
        import osmium
    except ImportError as exc:  # pragma: no cover - osmium is a dependency, but keep the message right
        raise UserError(t("OpenStreetMap-tiedoston lukemiseen tarvitaan osmium-paketti. Käytä GeoPackage-tiedostoa.",
                          "Reading an OpenStreetMap file needs the osmium package. Use a GeoPackage file.")) from exc
    path = Path(path)
    progress = progress or NullProgress()
    estimate = max(1, path.stat().st_size // _BYTES_PER_WAY)
    counts: list[int] = []
    lon: list[float] = []
    lat: list[float] = []
    highway: list[str] = []
    maxspeed: list[str] = []
    oneway: list[str] = []
    osm_id: list[int] = []
    node_ids: list[np.ndarray] = []
    try:
        processor = osmium.FileProcessor(str(path)).with_locations().with_filter(osmium.filter.KeyFilter("highway"))
        done = 0
        for obj in processor:
            if not obj.is_way():
                continue
            try:  # the common case: every node of the way is in the extract
                points = [(n.lon, n.lat, n.ref) for n in obj.nodes]
            except osmium.InvalidLocationError:
                points = [(n.lon, n.lat, n.ref) for n in obj.nodes if n.location.valid()]
            done += 1
            if done % 5000 == 0:
                progress.report(min(done, estimate - 1), estimate, t("Luetaan OpenStreetMap-teitä", "Reading OpenStreetMap roads"))
            if len(points) < 2:
                continue
            counts.append(len(points))
            xs, ys, refs = zip(*points, strict=True)
            lon.extend(xs)
            lat.extend(ys)
            node_ids.append(np.array(refs, dtype=np.int64))
            tags = obj.tags
            highway.append(tags.get("highway", ""))
            maxspeed.append(tags.get("maxspeed", ""))
            oneway.append("yes" if tags.get("junction", "") == "roundabout" else tags.get("oneway", ""))
            osm_id.append(obj.id)
    except RuntimeError as exc:
        raise UserError(t(f"OpenStreetMap-tiedostoa {path.name} ei voitu lukea: {exc}",
                          f"Could not read the OpenStreetMap file {path.name}: {exc}")) from exc
    progress.report(estimate, estimate, t("Luetaan OpenStreetMap-teitä", "Reading OpenStreetMap roads"))
    if not counts:
        raise UserError(t(f"Tiedostossa {path.name} ei ole teitä (highway).", f"{path.name} has no roads (highway)."))
    x, y = lonlat_to_tm35(np.array(lon), np.array(lat))
    split = np.cumsum(counts)[:-1]
    lines = [np.column_stack(p) for p in zip(np.split(x, split), np.split(y, split), strict=True)]
    attrs = pd.DataFrame({"highway": highway, "maxspeed": maxspeed, "oneway": oneway, "osm_id": osm_id,
                          "node_ids": node_ids})  # OSM topology: vertices are joined by node id
    return lines, attrs
