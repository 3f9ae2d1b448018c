"""Service sites of the demo region: sote centres and dental units (S/M/L), hospital wards including
Jyväskylä's central hospital Nova, day centres, elderly housing units and candidate locations.

Sote centres and dental units have a capacity by size (persons they can serve, synthetic); other
sites have none (no limit). Placed a few hundred metres from municipal centres and villages (EPSG:3067 metres). Site ids are
stable: type prefix, municipality code and a running number (e.g. 'SOTE-179-01').
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.demo.geography import Settlement, settlements
from desktop.services.reference import etrs_tm35fin, municipalities

SITES_SEED = 1179

SOTE_CENTRE = "sote-keskus"
DENTAL = "hammashoitola"
WARD = "vuodeosasto"
DAY_CENTRE = "päivätoimintakeskus"
ELDERLY_HOUSING = "ikäihmisten asumisyksikkö"
CANDIDATE = "ehdokas"

# residents a sote centre or dental unit of each size can serve (synthetic, for capacity-aware coverage)
SIZE_CAPACITY = {"S": 5000.0, "M": 15000.0, "L": 40000.0}
NOVA = ("Keski-Suomen keskussairaala Nova", 62.2290, 25.7150)  # approximate, Hoitajantie, Jyväskylä
# towns and larger municipalities with a primary-care ward (size S/M)
_WARD_MUNICIPALITIES = {"182": "M", "992": "M", "729": "M", "249": "S", "931": "S", "601": "S", "172": "S", "410": "S"}
_PREFIX = {SOTE_CENTRE: "SOTE", DENTAL: "HAMMAS", WARD: "VOS", DAY_CENTRE: "PTK", ELDERLY_HOUSING: "ASUM",
           CANDIDATE: "EHD"}
_LABEL = {SOTE_CENTRE: "Sote-keskus", DENTAL: "Hammashoitola", WARD: "Vuodeosasto", DAY_CENTRE: "Päivätoimintakeskus",
          ELDERLY_HOUSING: "Palvelukoti", CANDIDATE: "Ehdokaspaikka"}


@dataclass(frozen=True)
class Site:
    site_id: str
    name: str
    type: str
    size: str  # 'S', 'M', 'L' or ''
    x: float  # metres, EPSG:3067
    y: float
    municipality: str
    capacity: float | None = None  # persons; None = no limit


def build_sites(seed: int = SITES_SEED) -> list[Site]:
    """Every demo site, in a stable order."""
    rng = np.random.default_rng(seed)
    places = settlements()
    ms = municipalities()
    sites: list[Site] = []
    counter: dict[tuple[str, str], int] = {}

    def add(kind: str, size: str, place: Settlement, name: str | None = None, exact: tuple | None = None) -> None:
        key = (kind, place.municipality)
        counter[key] = counter.get(key, 0) + 1
        if exact is not None:
            x, y = exact
        else:
            x = place.x + rng.normal(0, 350.0)
            y = place.y + rng.normal(0, 350.0)
        label = name or f"{_LABEL[kind]} {place.name}"
        sid = f"{_PREFIX[kind]}-{place.municipality}-{counter[key]:02d}"
        capacity = SIZE_CAPACITY.get(size) if kind in (SOTE_CENTRE, DENTAL) else None
        sites.append(Site(sid, label, kind, size, round(float(x), 1), round(float(y), 1), place.municipality,
                          capacity))

    for m in ms:
        own = [p for p in places if p.municipality == m.code]
        centre, villages = own[0], own[1:]
        big = m.population >= 5000
        known = [v for v in villages if not v.name.endswith(f"({m.name})")]
        # sote centre and dental unit in every municipal centre: L in Jyväskylä, M over 5,000, else S
        size = "L" if m.code == "179" else ("M" if big else "S")
        add(SOTE_CENTRE, size, centre)
        add(DENTAL, size, centre)
        if m.code == "179":  # district centres of the city
            for v in known[:4]:
                add(SOTE_CENTRE, "M", v)
                add(DENTAL, "S", v)
            add(SOTE_CENTRE, "M", centre, name="Sote-keskus Kyllö")
            add(SOTE_CENTRE, "S", centre, name="Sote-keskus Huhtasuo")
            add(DENTAL, "M", centre, name="Hammashoitola Kyllö")
        elif big:
            for v in known[:2]:
                add(SOTE_CENTRE, "S", v, name=f"Sote-palvelupiste {v.name}")
                add(DENTAL, "S", v)
        # hospital wards
        if m.code == "179":
            lat, lon = NOVA[1], NOVA[2]
            add(WARD, "L", centre, name=NOVA[0], exact=etrs_tm35fin(lat, lon))
            add(WARD, "M", centre, name="Kyllön vuodeosasto")
        elif m.code in _WARD_MUNICIPALITIES:
            add(WARD, _WARD_MUNICIPALITIES[m.code], centre)
        # day centres
        if m.population >= 2500:
            add(DAY_CENTRE, "", centre)
        if m.code == "179":
            for v in known[:2]:
                add(DAY_CENTRE, "", v)
        # elderly housing units: one in every centre, more in bigger places
        n_housing = 1 + int(m.population >= 8000) + int(m.population >= 15000) + 4 * int(m.code == "179")
        add(ELDERLY_HOUSING, "", centre)
        extra_places = (known + villages)[: n_housing - 1]
        for p in extra_places:
            add(ELDERLY_HOUSING, "", p)
        for _ in range(n_housing - 1 - len(extra_places)):
            add(ELDERLY_HOUSING, "", centre)
    # candidate locations for new service points: generated villages of large rural municipalities
    rural = [p for p in places if not p.is_centre and p.name.endswith(")")]
    for p in sorted(rural, key=lambda p: -p.weight)[:6]:
        add(CANDIDATE, "", p, name=f"Ehdokas: {p.name}")
    return sites
