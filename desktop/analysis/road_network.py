"""A routable road network: nodes in metres (EPSG:3067), directed edges weighted by minutes.

Grid cells and sites are snapped to the nearest node of the network's largest (weakly) connected
part with a k-d tree; the snapping distance is reported and points farther than `max_snap_m` are
flagged and get no route (never silently snapped). The nearest qualifying site of every node comes
from ONE multi-source Dijkstra pass (`scipy.sparse.csgraph.dijkstra` from a super source joined to all
sites, which is faster than its min_only mode with many sources) run from the
sites on the reversed graph, so one-way streets count in the direction cell -> site.

The access legs (cell -> its node, node -> site) are driven at `access_speed_kmh` on a straight
line; set it to None to ignore them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
import zstandard
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from desktop.analysis.reach import Nearest
from desktop.core.errors import UserError
from desktop.core.lang import t

_EPS_MIN = 1e-9  # scipy treats a stored 0 as "no edge" in some paths: keep weights positive

# default speeds (km/h) by OpenStreetMap highway class; editable by the caller
DEFAULT_CLASS_SPEEDS: dict[str, float] = {
    "motorway": 100, "motorway_link": 60, "trunk": 80, "trunk_link": 50, "primary": 70,
    "primary_link": 50, "secondary": 60, "secondary_link": 40, "tertiary": 50, "tertiary_link": 40,
    "unclassified": 40, "residential": 30, "living_street": 20, "service": 20, "road": 40, "track": 20,
}
DEFAULT_SPEED_KMH = 40.0


@dataclass
class Snap:
    """Snapping of points to network nodes: node (-1 when far), distance in metres, far flag."""

    node: np.ndarray
    distance_m: np.ndarray
    far: np.ndarray

    def summary(self) -> dict:
        d = self.distance_m
        return {
            "points": int(len(d)),
            "far": int(self.far.sum()),
            "max_m": float(d.max()) if len(d) else 0.0,
            "mean_m": float(d.mean()) if len(d) else 0.0,
        }


class RoadNetwork:
    """Nodes (x, y metres) and directed edges u -> v with travel minutes."""

    def __init__(self, x: np.ndarray, y: np.ndarray, u: np.ndarray, v: np.ndarray, minutes: np.ndarray):
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        n = len(self.x)
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        w = np.maximum(np.asarray(minutes, dtype=np.float64), _EPS_MIN)
        if len(u) and (u.min() < 0 or v.min() < 0 or u.max() >= n or v.max() >= n):
            raise UserError(t("Tieverkon kaari viittaa olemattomaan solmuun.", "A road edge refers to a missing node."))
        keep = u != v
        u, v, w = u[keep], v[keep], w[keep]
        # parallel edges: keep the fastest (csr_matrix would add them up)
        order = np.lexsort((w, v, u))
        u, v, w = u[order], v[order], w[order]
        first = np.r_[True, (u[1:] != u[:-1]) | (v[1:] != v[:-1])] if len(u) else np.zeros(0, bool)
        self.u, self.v, self.minutes = u[first], v[first], w[first]
        self.n_nodes = n
        # reversed graph (edge v -> u) in CSR, for the pass from the sites outwards
        self._reverse = csr_matrix((self.minutes, (self.v, self.u)), shape=(n, n))
        self._reverse.sort_indices()
        self._tree: cKDTree | None = None
        self._snappable: np.ndarray | None = None

    @property
    def n_edges(self) -> int:
        return len(self.u)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_lines(cls, lines: list[np.ndarray], speeds_kmh: np.ndarray, oneway: np.ndarray | None = None,
                   precision_m: float = 0.01, vertex_ids: list[np.ndarray] | None = None) -> RoadNetwork:
        """A network from polylines (each an (k, 2) array of metres). Every vertex is a node; vertices
        of different lines within `precision_m` are the same node, or, when `vertex_ids` are given (OSM
        node ids), vertices with the same id. `oneway`: 1 = drawn direction only, -1 = against it,
        0 = both ways."""
        if not lines:
            raise UserError(t("Tieverkossa ei ole yhtään viivaa.", "The road network has no lines."))
        counts = np.fromiter((len(c) for c in lines), dtype=np.int64, count=len(lines))
        coords = np.concatenate([np.asarray(c, dtype=np.float64)[:, :2] for c in lines]) if len(lines) else np.empty((0, 2))
        if vertex_ids is not None:
            uniq, inverse = np.unique(np.concatenate([np.asarray(v, dtype=np.int64) for v in vertex_ids]),
                                      return_inverse=True)
        else:
            keys = np.round(coords / precision_m).astype(np.int64)
            uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
        inverse = inverse.ravel()
        node_xy = np.zeros((len(uniq), 2))
        np.add.at(node_xy, inverse, coords)
        node_xy /= np.bincount(inverse, minlength=len(uniq))[:, None]
        line_of = np.repeat(np.arange(len(lines)), counts)
        is_seg = np.r_[line_of[1:] == line_of[:-1], False]  # vertex i -> i+1 within one line
        a = inverse[:-1][is_seg[:-1]]
        b = inverse[1:][is_seg[:-1]]
        seg_line = line_of[:-1][is_seg[:-1]]
        length = np.hypot(*(coords[1:][is_seg[:-1]] - coords[:-1][is_seg[:-1]]).T)
        speed = np.asarray(speeds_kmh, dtype=np.float64)[seg_line]
        speed = np.where(speed > 0, speed, DEFAULT_SPEED_KMH)
        minutes = length / (speed * 1000.0 / 60.0)
        direction = np.zeros(len(lines), dtype=np.int8) if oneway is None else np.asarray(oneway, dtype=np.int8)
        d = direction[seg_line]
        fwd, back = d >= 0, d <= 0
        u = np.r_[a[fwd], b[back]]
        v = np.r_[b[fwd], a[back]]
        w = np.r_[minutes[fwd], minutes[back]]
        return cls(node_xy[:, 0], node_xy[:, 1], u, v, w)

    # ------------------------------------------------------------------ snapping
    def _snap_index(self) -> tuple[cKDTree, np.ndarray]:
        if self._tree is None:
            _n, labels = connected_components(self._reverse, directed=True, connection="weak")
            biggest = np.argmax(np.bincount(labels))
            nodes = np.flatnonzero(labels == biggest)
            self._snappable = nodes
            self._tree = cKDTree(np.column_stack([self.x[nodes], self.y[nodes]]))
        return self._tree, self._snappable

    def snap(self, x: np.ndarray, y: np.ndarray, max_snap_m: float = 2000.0) -> Snap:
        """Nearest node of the main connected part for each point; farther than `max_snap_m` = flagged."""
        tree, nodes = self._snap_index()
        dist, pos = tree.query(np.column_stack([np.asarray(x, float), np.asarray(y, float)]), k=1)
        far = dist > max_snap_m
        node = np.where(far, -1, nodes[np.minimum(pos, len(nodes) - 1)])
        return Snap(node.astype(np.int64), dist.astype(np.float64), far)

    # ------------------------------------------------------------------ routing
    def times_to_nearest(self, site_nodes: np.ndarray, site_offsets: np.ndarray | None = None
                         ) -> tuple[np.ndarray, np.ndarray]:
        """For every node: minutes to the nearest of the given site nodes (inf = none) and the index
        of that site in `site_nodes` (-1 = none). `site_offsets` adds minutes per site (access leg)."""
        site_nodes = np.asarray(site_nodes, dtype=np.int64)
        k = len(site_nodes)
        n = self.n_nodes
        if k == 0:
            return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
        offsets = np.zeros(k) if site_offsets is None else np.maximum(np.asarray(site_offsets, float), 0.0)
        # Augmented graph: one virtual node per site (n..n+k-1) with an edge to its network node weighted
        # by the access leg, and a super source (n+k) with edges to the virtual nodes. One single-source
        # pass from the super source is then the multi-source pass (scipy's min_only mode with many
        # sources is slower), and the nearest site of a node is the virtual node at the root of its
        # branch of the shortest-path tree, found by pointer jumping (log2(depth) array gathers).
        g = self._reverse
        indptr = np.r_[g.indptr, g.indptr[-1] + np.arange(1, k + 1), g.indptr[-1] + 2 * k]
        indices = np.r_[g.indices, site_nodes, np.arange(n, n + k)].astype(np.int32, copy=False)
        data = np.r_[g.data, offsets + _EPS_MIN, np.full(k, _EPS_MIN)]  # a stored 0 would not be an edge
        graph = csr_matrix((data, indices, indptr), shape=(n + k + 1, n + k + 1))
        dist, pred = dijkstra(graph, directed=True, indices=n + k, return_predecessors=True)
        parent = pred.astype(np.int64)
        roots = np.flatnonzero(parent < 0)
        parent[roots] = roots  # unreached nodes and the super source are their own roots
        parent[n:n + k] = np.arange(n, n + k)  # the virtual site nodes are the roots of the branches
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
        root = parent[:n]
        site = np.where((root >= n) & (root < n + k), root - n, -1)
        return dist[:n] - 2 * _EPS_MIN, site.astype(np.int64)

    # ------------------------------------------------------------------ storing
    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        np.savez(buf, x=self.x, y=self.y, u=self.u, v=self.v, minutes=self.minutes)
        return zstandard.ZstdCompressor(level=3).compress(buf.getvalue())

    @classmethod
    def from_bytes(cls, data: bytes) -> RoadNetwork:
        raw = zstandard.ZstdDecompressor().decompressobj().decompress(data)
        arrays = np.load(io.BytesIO(raw))
        return cls(arrays["x"], arrays["y"], arrays["u"], arrays["v"], arrays["minutes"])


class RoadTravel:
    """Nearest-site times over a road network for fixed grid cells (x, y metres)."""

    kind = "road"
    estimate = False

    def __init__(self, network: RoadNetwork, cell_x: np.ndarray, cell_y: np.ndarray,
                 max_snap_m: float = 2000.0, access_speed_kmh: float | None = 30.0):
        self.network = network
        self.max_snap_m = max_snap_m
        self.access_speed_kmh = access_speed_kmh
        self.cell_snap = network.snap(cell_x, cell_y, max_snap_m)
        self.cell_access = self._access(self.cell_snap.distance_m)
        self.last_site_snap: Snap | None = None

    def _access(self, distance_m: np.ndarray) -> np.ndarray:
        if not self.access_speed_kmh:
            return np.zeros(len(distance_m))
        return distance_m / (self.access_speed_kmh * 1000.0 / 60.0)

    def nearest(self, sites: pd.DataFrame) -> Nearest:
        """Nearest of `sites` (columns x, y) for every cell. Far cells and far sites get no route."""
        n = len(self.cell_snap.node)
        self.last_site_snap = None
        if len(sites) == 0:
            return Nearest.empty(n)
        snap = self.network.snap(sites["x"].to_numpy(float), sites["y"].to_numpy(float), self.max_snap_m)
        self.last_site_snap = snap
        usable = np.flatnonzero(~snap.far)
        node_time, which = self.network.times_to_nearest(snap.node[usable], self._access(snap.distance_m[usable]))
        ok = self.cell_snap.node >= 0
        minutes = np.full(n, np.nan)
        site = np.full(n, -1, dtype=np.int64)
        nodes = self.cell_snap.node[ok]
        times = node_time[nodes] + self.cell_access[ok]
        reached = np.isfinite(times)
        idx = np.flatnonzero(ok)[reached]
        minutes[idx] = times[reached]
        site[idx] = usable[which[nodes[reached]]]
        return Nearest(minutes, site)

    def cells_within(self, x: np.ndarray, y: np.ndarray, minutes: float) -> list[np.ndarray]:
        """For each candidate point, the cell positions reached within `minutes` (inclusive), by one
        Dijkstra limited to `minutes` per candidate."""
        snap = self.network.snap(x, y, self.max_snap_m)
        cell_nodes = self.cell_snap.node
        ok_cells = np.flatnonzero(cell_nodes >= 0)
        out = []
        for node, dist_m in zip(snap.node, snap.distance_m, strict=True):
            if node < 0:
                out.append(np.empty(0, dtype=np.int64))
                continue
            access = self._access(np.array([dist_m]))[0]
            dist = dijkstra(self.network._reverse, directed=True, indices=int(node), limit=minutes - access + 1e-9)
            times = dist[cell_nodes[ok_cells]] + self.cell_access[ok_cells] + access
            out.append(ok_cells[times <= minutes])
        return out
