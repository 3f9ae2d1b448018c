"""Road network: times on a small graph by hand and against networkx, snapping reports, one-way
streets, the GeoPackage reader on the real Kamppi street network (OSMnx layout, EPSG:32635)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from desktop.analysis.road_gpkg import network_from_lines, parse_speed, read_line_layer, read_road_network
from desktop.analysis.road_network import RoadNetwork, RoadTravel
from desktop.analysis.road_projection import lonlat_to_tm35

KAMPPI = "/work/shared/reference-data/hki_osm/OSM_Kamppi.gpkg"


def square():
    # 0 --(2)--> 1 --(3)--> 2, 2 <-> 3 (4 both ways), 3 -> 0 (1), 0 <-> 2 (10 both ways)
    x, y = [0.0, 1000, 1000, 0], [0.0, 0, 1000, 1000]
    u = [0, 1, 2, 3, 3, 0, 2]
    v = [1, 2, 3, 2, 0, 2, 0]
    w = [2.0, 3, 4, 4, 1, 10, 10]
    return RoadNetwork(x, y, u, v, w)


def test_times_by_hand():
    net = square()
    times, which = net.times_to_nearest(np.array([2]))
    # to node 2: from 1 = 3, from 0 = 2+3 = 5, from 3 = 4
    assert times.tolist() == pytest.approx([5.0, 3.0, 0.0, 4.0]) and which.tolist() == [0, 0, 0, 0]
    times, which = net.times_to_nearest(np.array([0, 2]))
    # node 3 reaches 0 in 1 (one-way 3 -> 0), node 1 reaches 2 in 3 (no way back to 0)
    assert times.tolist() == pytest.approx([0.0, 3.0, 0.0, 1.0]) and which.tolist() == [0, 1, 1, 0]
    times, _ = net.times_to_nearest(np.array([0]), site_offsets=np.array([2.5]))
    # to node 0 (+2.5 access): 3 -> 0 is 1; 2 -> 3 -> 0 is 5 (vs 2 -> 0 = 10); 1 -> 2 -> 3 -> 0 is 8
    assert times.tolist() == pytest.approx([2.5, 10.5, 7.5, 3.5])


def test_against_networkx_random_graph():
    rng = np.random.default_rng(7)
    n = 300
    x, y = rng.uniform(0, 10_000, n), rng.uniform(0, 10_000, n)
    u = rng.integers(0, n, 1500)
    v = rng.integers(0, n, 1500)
    w = rng.uniform(0.5, 10, 1500)
    net = RoadNetwork(x, y, u, v, w)
    sites = np.array([3, 50, 120])
    times, which = net.times_to_nearest(sites)
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for a, b, c in zip(net.u, net.v, net.minutes, strict=True):
        g.add_edge(int(b), int(a), weight=float(c))  # reversed: from the sites outwards
    expected = nx.multi_source_dijkstra_path_length(g, set(sites.tolist()))
    for node in range(n):
        if node in expected:
            assert times[node] == pytest.approx(expected[node])
            # the named site really is at that distance
            d = nx.single_source_dijkstra_path_length(g, int(sites[which[node]]))
            assert d[node] == pytest.approx(times[node])
        else:
            assert np.isinf(times[node]) and which[node] == -1


def test_parallel_edges_keep_the_fastest():
    net = RoadNetwork([0.0, 1.0], [0.0, 0.0], [0, 0], [1, 1], [5.0, 2.0])
    assert net.times_to_nearest(np.array([1]))[0][0] == pytest.approx(2.0)


def test_snapping_report_and_far_cells():
    net = square()
    travel = RoadTravel(net, np.array([10.0, 1000, 5000]), np.array([0.0, 1100, 0]), max_snap_m=500,
                        access_speed_kmh=None)
    snap = travel.cell_snap
    assert snap.node.tolist() == [0, 2, -1] and snap.far.tolist() == [False, False, True]
    assert snap.distance_m[:2].tolist() == pytest.approx([10.0, 100.0])
    assert snap.summary()["far"] == 1
    r = travel.nearest(pd.DataFrame({"x": [1000.0], "y": [1000.0]}))
    assert r.minutes[:2].tolist() == pytest.approx([5.0, 0.0]) and np.isnan(r.minutes[2])  # far: flagged, no route
    with_access = RoadTravel(net, np.array([10.0]), np.array([0.0]), 500, access_speed_kmh=6.0)  # 100 m/min
    r = with_access.nearest(pd.DataFrame({"x": [1000.0], "y": [1050.0]}))
    assert r.minutes[0] == pytest.approx(0.1 + 5.0 + 0.5)
    within = travel.cells_within(np.array([1000.0]), np.array([1000.0]), 5.0)
    assert within[0].tolist() == [0, 1]  # inclusive at 5 minutes


def test_from_lines_shared_vertices_and_oneway():
    lines = [np.array([[0.0, 0], [600, 0], [1000, 0]]), np.array([[600.0, 0], [600, 500]])]
    net = RoadNetwork.from_lines(lines, np.array([60.0, 30.0]), np.array([1, 0]))
    assert net.n_nodes == 4  # the crossing vertex is shared
    end = int(np.argmin(np.hypot(net.x - 1000, net.y)))
    start = int(np.argmin(np.hypot(net.x, net.y)))
    side = int(np.argmin(np.hypot(net.x - 600, net.y - 500)))
    times, _ = net.times_to_nearest(np.array([end]))
    assert times[start] == pytest.approx(1.0)  # 1 km at 60 km/h
    assert times[side] == pytest.approx(1.0 + 0.4)  # 500 m at 30 km/h, then 400 m at 60 km/h
    back, _ = net.times_to_nearest(np.array([start]))
    assert np.isinf(back[end])  # one-way: no way back


def test_parse_speed():
    assert parse_speed("40") == 40 and parse_speed("['30', '10']") == 30
    assert parse_speed("30 mph") == pytest.approx(48.28, abs=0.01)
    assert np.isnan(parse_speed("nan")) and np.isnan(parse_speed(None))


def test_projection_against_osmnx_nodes():
    import sqlite3

    con = sqlite3.connect(f"file:{KAMPPI}?mode=ro", uri=True)
    rows = np.array(con.execute("SELECT x, y, lon, lat FROM nodes LIMIT 200").fetchall(), dtype=float)
    con.close()
    x, y = lonlat_to_tm35(rows[:, 2], rows[:, 3])
    assert np.abs(x - rows[:, 0]).max() < 0.01 and np.abs(y - rows[:, 1]).max() < 0.01


def test_kamppi_geopackage_against_networkx():
    lines, attrs, srs, layer = read_line_layer(KAMPPI)
    assert layer == "streets" and srs == 32635 and len(lines) == len(attrs) == 3207
    walk, report = network_from_lines(lines, attrs, mode="walk")
    assert report["used_lines"] == 3207
    # the same streets as an OSMnx graph: u, v and the surveyed length attribute (metres)
    g = nx.Graph()
    for a, b, length in attrs[["u", "v", "length"]].itertuples(index=False):
        if not g.has_edge(a, b) or g[a][b]["weight"] > length:
            g.add_edge(a, b, weight=float(length))
    import sqlite3

    con = sqlite3.connect(f"file:{KAMPPI}?mode=ro", uri=True)
    nodes = pd.DataFrame(con.execute("SELECT osmid, x, y FROM nodes").fetchall(), columns=["osmid", "x", "y"])
    con.close()
    snap = walk.snap(nodes.x.to_numpy(), nodes.y.to_numpy(), max_snap_m=1.0)
    on_net = ~snap.far
    assert on_net.mean() > 0.95 and snap.distance_m[on_net].max() < 0.05
    source = int(nodes.osmid.iloc[0])
    times, _ = walk.times_to_nearest(np.array([snap.node[0]]))
    expected = nx.single_source_dijkstra_path_length(g, source)
    metres = times * 5000 / 60  # walking at 5 km/h
    compared = 0
    for osmid, node, ok in zip(nodes.osmid, snap.node, on_net, strict=True):
        if ok and osmid in expected and np.isfinite(metres[node]):
            assert metres[node] == pytest.approx(expected[osmid], rel=0.01, abs=2.0)
            compared += 1
    assert compared > 1000
    car, car_report = read_road_network(KAMPPI, mode="car")
    # 564 "pedestrian" streets and 4 listed as "['pedestrian', 'residential']" (first class counts)
    assert car_report["left_out_by_class"]["pedestrian"] == 568 and car_report["oneway_column"] == "oneway"
    assert car.n_edges < walk.n_edges


@pytest.mark.parametrize("z, multi", [(False, False), (True, True)])
def test_store_reach_over_a_geopackage_network(tmp_path, capsys, z, multi):
    import json

    from reach_fixtures import build_store, write_gpkg_lines

    from desktop.cli import main

    # a 10 km road along y = 0 (primary, 60 km/h) and a footway branch that cars may not use
    gpkg = tmp_path / "roads.gpkg"
    write_gpkg_lines(gpkg, [[(0, 0), (5000, 0), (10000, 0)], [(5000, 0), (5000, 3000)]],
                     {"highway": ["primary", "footway"], "maxspeed": ["60", "nan"], "oneway": ["no", "no"]}, z=z, multi=multi)
    grid = pd.DataFrame({"cell_id": ["a", "b", "c", "d"], "x": [0.0, 5000, 10000, 5000], "y": [100.0, 0, 0, 3000],
                         "municipality": ["179"] * 4, "population": [10.0, 20, 30, 40]})
    sites = pd.DataFrame({"site_id": ["S"], "name": ["S"], "type": ["sote-keskus"], "size": ["S"], "x": [0.0], "y": [0.0]})
    store = build_store(tmp_path / "r.sote", grid, sites)
    path = str(store.path)
    store.close()
    assert main(["reach", path, "--site-type", "sote-keskus", "--minutes", "5", "--road-network", str(gpkg), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # a: 100 m access at 30 km/h = 0.2 min; b: 5 min (inclusive); c: 10 min; d: 3 km off the car network
    assert out["travel"] == "road" and out["estimate"] is False
    assert out["covered"] == 30 and out["no_route"] == 40
    assert out["snap"]["far"] == 1 and out["snap"]["far_population"] == 40 and out["snap"]["max_m"] == 3000


def test_osm_pbf_against_haversine_graph():
    import osmium

    from desktop.analysis.road_osm import read_osm_lines

    pbf = "/work/shared/reference-data/hki_osm/Helsinki.osm.pbf"
    lines, attrs = read_osm_lines(pbf)
    walk, report = network_from_lines(lines, attrs, mode="walk")
    assert report["used_lines"] == len(lines) > 2000
    # independent graph: OSM node ids, great-circle lengths from longitude/latitude
    g = nx.Graph()
    where = {}
    for way in osmium.FileProcessor(pbf).with_locations().with_filter(osmium.filter.KeyFilter("highway")):
        if not way.is_way():
            continue
        nodes = [(n.ref, n.lon, n.lat) for n in way.nodes if n.location.valid()]
        for (a, lon1, lat1), (b, lon2, lat2) in zip(nodes[:-1], nodes[1:], strict=True):
            p1, p2, dl = np.radians(lat1), np.radians(lat2), np.radians(lon2 - lon1)
            h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
            g.add_edge(a, b, weight=2 * 6371008.8 * np.arcsin(np.sqrt(h)))
            where[a], where[b] = (lon1, lat1), (lon2, lat2)
    ids = list(where)
    x, y = lonlat_to_tm35([where[i][0] for i in ids], [where[i][1] for i in ids])
    snap = walk.snap(x, y, max_snap_m=0.5)
    # two OSM nodes at one spot are two network nodes (joined by id): snapping cannot tell them apart
    key = pd.Series(list(zip(np.round(x, 2), np.round(y, 2), strict=True)))
    snap.far |= key.duplicated(keep=False).to_numpy()
    source = ids[int(np.argmax(~snap.far))]
    times, _ = walk.times_to_nearest(np.array([snap.node[ids.index(source)]]))
    expected = nx.single_source_dijkstra_path_length(g, source)
    checked = 0
    for i, node_id in enumerate(ids):
        if not snap.far[i] and node_id in expected and expected[node_id] > 200:
            assert times[snap.node[i]] * 5000 / 60 == pytest.approx(expected[node_id], rel=0.005)
            checked += 1
    assert checked > 500
