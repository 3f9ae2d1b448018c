"""Synthetic residents of the demo region by municipality, single-year age (0..100, 100 = 100+) and sex
for 2023 and 2024, and a forecast 2025..2030.

The 2023 municipal totals are the real figures of resources/reference (vakiluku at the end of 2022,
sum 272,060). The age structure comes from Finnish cohort sizes by birth year and a Gompertz survival
curve, made older in small municipalities and younger (students) in Jyväskylä. Later years follow by
ageing everybody one year, deaths, births and a small net migration per municipality. Nothing here
depends on the service events, so the population can be built on its own (fast).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.services.reference import Municipality, municipalities

BASE_YEAR = 2023
LAST_ACTUAL_YEAR = 2024
YEARS = tuple(range(2023, 2031))  # 2025.. are a forecast
MAX_AGE = 100  # the last age class is 100 or over
AGES = np.arange(MAX_AGE + 1)
POPULATION_SEED = 20230101
_HISTORIC_EXCESS = 0.003

# Live births in Finland by birth year (thousands): the shape of the age pyramid.
_BIRTH_KNOTS = (
    (1900, 85), (1918, 80), (1925, 82), (1935, 76), (1940, 76), (1945, 95), (1947, 108), (1950, 103),
    (1955, 89), (1960, 82), (1965, 77), (1970, 65), (1975, 65), (1980, 63), (1985, 62), (1990, 65),
    (1995, 63), (2000, 56), (2005, 57), (2010, 61), (2015, 55), (2019, 46), (2022, 45), (2030, 44),
)


def _cohort_births(birth_years: np.ndarray) -> np.ndarray:
    years, births = zip(*_BIRTH_KNOTS, strict=True)
    return np.interp(birth_years, years, births)


def survival(sex: int) -> np.ndarray:
    """Share of a birth cohort alive at each age 0..100 (Gompertz-Makeham, Finnish-like levels)."""
    a = AGES.astype(np.float64)
    if sex == 0:  # men
        b, c, makeham = 1.3e-5, 0.104, 3.0e-4
    else:
        b, c, makeham = 2.5e-6, 0.12, 1.0e-4
    cum_hazard = makeham * a + b / c * (np.exp(c * a) - 1)
    return np.exp(-cum_hazard)


def death_rates(sex: int) -> np.ndarray:
    """Probability of dying within a year at each age 0..100."""
    s = survival(sex)
    q = 1 - s[1:] / s[:-1]
    return np.append(q, min(0.45, q[-1] * 1.1))


def _region_shape(year: int) -> np.ndarray:
    """Unnormalised residents (2 sexes x 101 ages) of a Finnish region in `year`."""
    shape = np.empty((2, MAX_AGE + 1))
    births = _cohort_births(year - 1 - AGES)
    for sex in (0, 1):
        boys_share = 0.512 if sex == 0 else 0.488
        alive = births * boys_share * survival(sex)
        # 100+: the sum of the oldest cohorts
        alive[-1] = alive[-1] * 2.2
        # older cohorts lived through higher mortality than today's period table
        alive *= np.exp(-_HISTORIC_EXCESS * np.clip(AGES - 55.0, 0, None) ** 1.5)
        alive[:18] *= 1.05  # Keski-Suomi has slightly more children than the national cohorts give
        shape[sex] = alive
    return shape


def _municipal_profile(m: Municipality) -> np.ndarray:
    """Multipliers by age for one municipality: older small places, young adults in Jyväskylä."""
    size = np.log10(m.population)  # 2.8 .. 5.2
    smallness = np.clip((4.3 - size) / 1.4, 0.0, 1.0)  # 0 for towns, 1 for the smallest municipalities
    a = AGES.astype(np.float64)
    profile = np.ones_like(a)
    profile *= 1 + 0.75 * smallness * np.clip((a - 50) / 25, 0, 1)  # older population
    profile *= 1 - 0.45 * smallness * np.exp(-(((a - 27) / 8) ** 2))  # young adults have moved away
    profile *= 1 - 0.15 * smallness * np.exp(-(((a - 5) / 8) ** 2))  # fewer small children
    if m.code == "179":  # university town: students and young families
        profile *= 1 + 0.55 * np.exp(-(((a - 24) / 5) ** 2))
        profile *= 1 - 0.12 * np.clip((a - 55) / 20, 0, 1)
    if m.code in ("500", "410"):  # commuter belt of Jyväskylä: families with children
        profile *= 1 + 0.18 * np.exp(-(((a - 10) / 9) ** 2)) + 0.12 * np.exp(-(((a - 40) / 8) ** 2))
    return profile


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `weights` that sum exactly to `total` (Hamilton's method)."""
    w = np.asarray(weights, dtype=np.float64).ravel()
    quota = w / w.sum() * total
    base = np.floor(quota).astype(np.int64)
    short = int(total - base.sum())
    if short:
        order = np.argsort(-(quota - base), kind="stable")
        base[order[:short]] += 1
    return base.reshape(np.shape(weights))


@dataclass(frozen=True)
class DemoPopulation:
    """Residents as `counts[year_index, municipality_index, sex_index, age]` (integers)."""

    years: tuple[int, ...]
    municipality_codes: tuple[str, ...]
    counts: np.ndarray

    def year(self, year: int) -> np.ndarray:
        return self.counts[self.years.index(year)]

    def totals(self, year: int) -> dict[str, int]:
        per = self.year(year).sum(axis=(1, 2))
        return {code: int(n) for code, n in zip(self.municipality_codes, per, strict=True)}


# yearly net migration by municipality, share of residents (Jyväskylä grows, remote places shrink)
def _net_migration(m: Municipality) -> float:
    if m.code == "179":
        return 0.009
    if m.code in ("500", "410", "850", "892"):
        return 0.002
    size = np.log10(m.population)
    return float(-0.004 - 0.006 * np.clip((4.3 - size) / 1.4, 0, 1))


def build_population(seed: int = POPULATION_SEED) -> DemoPopulation:
    """The demo population 2023..2030 (2023 totals exact; later years projected)."""
    rng = np.random.default_rng(seed)
    ms = municipalities()
    base = _region_shape(BASE_YEAR)
    counts = np.zeros((len(YEARS), len(ms), 2, MAX_AGE + 1), dtype=np.int64)
    for i, m in enumerate(ms):
        weights = base * _municipal_profile(m)[None, :]
        # a little irregularity, as in real single-year figures of a small place
        noise = rng.gamma(shape=60.0, scale=1 / 60.0, size=weights.shape)
        counts[0, i] = largest_remainder(weights * noise, m.population)
    q = np.stack([death_rates(0), death_rates(1)])
    # fertility by mother's age, scaled to about 1.35 children per woman
    fert = np.exp(-(((AGES - 31.0) / 5.5) ** 2))
    fert *= 1.35 / fert.sum()
    for yi in range(1, len(YEARS)):
        for i, m in enumerate(ms):
            prev = counts[yi - 1, i].astype(np.float64)
            nxt = np.zeros_like(prev)
            survivors = prev * (1 - q)
            nxt[:, 1:] = survivors[:, :-1]
            nxt[:, -1] += survivors[:, -1]
            births = float((prev[1] * fert).sum())
            nxt[0, 0] = births * 0.512
            nxt[1, 0] = births * 0.488
            migr = _net_migration(m)
            # movers are mostly young adults
            mover_age = np.exp(-(((AGES - 25.0) / 9) ** 2)) + 0.15
            mover_age = mover_age / (mover_age * nxt.sum(axis=0)).sum() * nxt.sum()
            nxt *= 1 + migr * mover_age[None, :]
            total = int(round(nxt.sum()))
            counts[yi, i] = largest_remainder(np.maximum(nxt, 0), total)
    return DemoPopulation(YEARS, tuple(m.code for m in ms), counts)
