"""Where the demo region's residents live: the municipal centres, villages around them and a 1 km
population grid in ETRS-TM35FIN (EPSG:3067).

A grid cell belongs to the municipality whose real border (National Land Survey 2023, shipped in
resources/reference) holds the cell's centre. Residents are placed around the centre (most), around
villages and scattered over the municipality's land, then counted per 1 km cell, so the cells of a
municipality sum exactly to its residents and lie inside its border. Everything is deterministic
(fixed seeds).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from desktop.demo.population import DemoPopulation
from desktop.services.borders import county_borders
from desktop.services.reference import Municipality, etrs_tm35fin, municipalities

GRID_SEED = 3067
CELL_M = 1000.0

# A few real villages (approximate centre points, degrees); other villages are generated.
KNOWN_VILLAGES: dict[str, tuple[tuple[str, float, float], ...]] = {
    "179": (("Palokka", 62.290, 25.720), ("Vaajakoski", 62.250, 25.880), ("Tikkakoski", 62.390, 25.630),
            ("Korpilahti", 62.020, 25.550), ("Kuohu", 62.230, 25.390)),
    "182": (("Jämsänkoski", 61.920, 25.180), ("Kuorevesi", 61.970, 24.850), ("Länkipohja", 61.800, 24.810)),
    "992": (("Suolahti", 62.560, 25.850), ("Konginkangas", 62.780, 25.820), ("Sumiainen", 62.650, 26.070)),
    "410": (("Lievestuore", 62.260, 26.200), ("Vihtavuori", 62.370, 25.880), ("Leppävesi", 62.320, 25.850)),
    "249": (("Haapamäki", 62.250, 24.460),),
}
_VILLAGE_NAMES = ("Rantakylä", "Mäkikylä", "Niemenkylä", "Salmenkylä", "Kangaskylä", "Järvenpää", "Harjula")


@dataclass(frozen=True)
class Settlement:
    """A municipal centre or village: where people live densely. Coordinates in EPSG:3067 metres."""

    municipality: str
    name: str
    x: float
    y: float
    is_centre: bool
    weight: float  # relative share of the municipality's village residents
    sigma_m: float  # spread of the houses around the point, metres


def radius_m(m: Municipality) -> float:
    """Radius of a disk with the municipality's land area, metres."""
    return float(np.sqrt(m.land_km2 / np.pi) * 1000.0)


def owner_of(x: np.ndarray, y: np.ndarray, ms: tuple[Municipality, ...] | None = None) -> np.ndarray:
    """Index (into `municipalities()`) of the municipality whose border holds each point; -1 outside
    the county."""
    ms = ms or municipalities()
    return county_borders().owner_index(x, y, [m.code for m in ms])


def uniform_in(m: Municipality, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`count` points spread evenly over the municipality's area (inside its border)."""
    border = county_borders().municipalities[m.code]
    x0, y0, x1, y1 = border.bounds()
    xs, ys = [], []
    need = count
    while need > 0:
        x = rng.uniform(x0, x1, 2 * need + 16)
        y = rng.uniform(y0, y1, 2 * need + 16)
        inside = border.contains(x, y)
        xs.append(x[inside][:need])
        ys.append(y[inside][:need])
        need -= len(xs[-1])
    return np.concatenate(xs) if xs else np.empty(0), np.concatenate(ys) if ys else np.empty(0)


@lru_cache(maxsize=4)
def settlements(seed: int = GRID_SEED) -> tuple[Settlement, ...]:
    """Centres and villages of every municipality, in municipality code order."""
    rng = np.random.default_rng(seed)
    ms = municipalities()
    out: list[Settlement] = []
    for i, m in enumerate(ms):
        sigma_c = 600.0 + 900.0 * np.sqrt(m.population / 10000.0)
        out.append(Settlement(m.code, m.centre_name, m.x, m.y, True, 0.0, float(min(sigma_c, 3800.0))))
        known = KNOWN_VILLAGES.get(m.code, ())
        for name, lat, lon in known:
            x, y = etrs_tm35fin(lat, lon)
            out.append(Settlement(m.code, name, x, y, False, 3.0, 1300.0))
        n_generated = int(np.clip(round(m.land_km2 / 250.0), 2, 6))
        r = radius_m(m)
        made = 0
        for _attempt in range(60):
            if made >= n_generated:
                break
            angle = rng.uniform(0, 2 * np.pi)
            dist = r * rng.uniform(0.35, 0.85)
            x, y = m.x + dist * np.cos(angle), m.y + dist * np.sin(angle)
            if owner_of(np.array([x]), np.array([y]), ms)[0] != i:
                continue
            name = f"{_VILLAGE_NAMES[made % len(_VILLAGE_NAMES)]} ({m.name})"
            out.append(Settlement(m.code, name, float(x), float(y), False, float(rng.uniform(0.5, 1.5)), 900.0))
            made += 1
    return tuple(out)


@dataclass(frozen=True)
class PopulationGrid:
    """Populated 1 km cells: id, centre coordinates (metres), municipality and residents."""

    cell_id: np.ndarray  # str
    x: np.ndarray  # float64, cell centre, EPSG:3067
    y: np.ndarray
    municipality: np.ndarray  # str, 3-digit code
    population: np.ndarray  # float64 persons
    pop_65plus: np.ndarray  # float64 persons aged 65 or over

    def __len__(self) -> int:
        return len(self.cell_id)


def cell_ids(ix: np.ndarray, iy: np.ndarray) -> np.ndarray:
    """Grid cell ids like '1kmN6901E433' from the lower-left corner in kilometres."""
    return np.char.add(np.char.add("1kmN", iy.astype(str)), np.char.add("E", ix.astype(str)))


def _centre_share(m: Municipality) -> float:
    """Share of residents living in the municipal centre (the rest in villages and countryside)."""
    size = np.log10(m.population)
    return float(np.clip(0.35 + 0.17 * (size - 3.0), 0.35, 0.78))


def build_grid(population: DemoPopulation, year: int, seed: int = GRID_SEED) -> PopulationGrid:
    """Place the residents of `year` on 1 km cells (sums per municipality are exact)."""
    rng = np.random.default_rng(seed + 1)
    ms = municipalities()
    places = settlements(seed)
    counts = population.year(year)  # muni x sex x age
    muni_idx_parts, old_parts = [], []
    for i in range(len(ms)):
        per_age = counts[i].sum(axis=0)
        ages = np.repeat(np.arange(len(per_age)), per_age)
        muni_idx_parts.append(np.full(len(ages), i, dtype=np.int64))
        old_parts.append(ages >= 65)
    muni_idx = np.concatenate(muni_idx_parts)
    old = np.concatenate(old_parts)
    n = len(muni_idx)
    x = np.empty(n)
    y = np.empty(n)
    for i, m in enumerate(ms):
        sel = np.flatnonzero(muni_idx == i)
        own = [p for p in places if p.municipality == m.code]
        centre, villages = own[0], own[1:]
        share_c = _centre_share(m)
        v_weights = np.array([v.weight for v in villages])
        share_v = (1 - share_c) * 0.55
        probs = np.concatenate([[share_c], share_v * v_weights / v_weights.sum(), [1 - share_c - share_v]])
        # the elderly live a little more often in the centre
        p_old = probs.copy()
        p_old[0] += 0.10
        p_old[-1] -= 0.10 * probs[-1] / (1 - probs[0])
        p_old[1:-1] -= 0.10 * probs[1:-1] / (1 - probs[0])
        u = rng.random(len(sel))
        comp = np.where(old[sel], np.searchsorted(np.cumsum(p_old), u, side="right"),
                        np.searchsorted(np.cumsum(probs), u, side="right"))
        comp = np.minimum(comp, len(probs) - 1)
        px = np.empty(len(sel))
        py = np.empty(len(sel))
        pts = [centre, *villages]
        for k, place in enumerate(pts):
            idx = comp == k
            px[idx] = place.x + rng.normal(0, place.sigma_m, idx.sum())
            py[idx] = place.y + rng.normal(0, place.sigma_m, idx.sum())
        rural = comp == len(pts)
        px[rural], py[rural] = uniform_in(m, int(rural.sum()), rng)
        x[sel], y[sel] = px, py
    # keep every resident in a cell that belongs to the own municipality: redraw the others nearer
    # the own centre, and after a few rounds put the rest in the centre cell (always its own)
    cx_m = np.array([m.x for m in ms])
    cy_m = np.array([m.y for m in ms])
    r_m = np.array([radius_m(m) for m in ms])
    wrong = np.arange(n)
    for round_no in range(7):
        cx = np.floor(x[wrong] / CELL_M) * CELL_M + CELL_M / 2
        cy = np.floor(y[wrong] / CELL_M) * CELL_M + CELL_M / 2
        wrong = wrong[owner_of(cx, cy, ms) != muni_idx[wrong]]
        if not len(wrong):
            break
        mi = muni_idx[wrong]
        if round_no == 6:
            x[wrong], y[wrong] = cx_m[mi], cy_m[mi]
            break
        rr = r_m[mi] * 0.6 * np.sqrt(rng.random(len(wrong)))
        aa = rng.uniform(0, 2 * np.pi, len(wrong))
        x[wrong] = cx_m[mi] + rr * np.cos(aa)
        y[wrong] = cy_m[mi] + rr * np.sin(aa)
    ix = np.floor(x / CELL_M).astype(np.int64)
    iy = np.floor(y / CELL_M).astype(np.int64)
    key = iy * 10_000 + ix
    cells, inverse = np.unique(key, return_inverse=True)
    pop = np.bincount(inverse, minlength=len(cells)).astype(np.float64)
    pop65 = np.bincount(inverse, weights=old.astype(np.float64), minlength=len(cells))
    first = np.zeros(len(cells), dtype=np.int64)
    first[inverse[::-1]] = np.arange(n)[::-1]
    cell_muni = muni_idx[first]
    cix, ciy = cells % 10_000, cells // 10_000
    codes = np.array([m.code for m in ms])
    return PopulationGrid(
        cell_id=cell_ids(cix, ciy),
        x=cix * CELL_M + CELL_M / 2,
        y=ciy * CELL_M + CELL_M / 2,
        municipality=codes[cell_muni],
        population=pop,
        pop_65plus=pop65,
    )
