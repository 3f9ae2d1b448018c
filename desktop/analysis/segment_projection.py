"""The segments against the population: residents of a population base in a year (age bands
prorated, both-sex rows halved), the years with a population, and the clients of each segment
projected to coming years with the base year's age- and sex-specific usage rates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from desktop.analysis.segment_conditions import YearEvents
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import PopulationBase

if TYPE_CHECKING:
    from desktop.analysis.segments import Membership


def residents(
    population: pd.DataFrame,
    year: int,
    base: PopulationBase | None = None,
    age_from: int | None = None,
    age_to: int | None = None,
    sex: str | None = None,
    municipalities: Sequence[str] | None = None,
) -> float:
    """Residents of `year` in the base (narrowed by the optional limits), in persons.

    Age bands of the population that only partly overlap the wanted ages are prorated evenly over
    their single years; rows for both sexes ('') count half when one sex is asked.
    """
    base = base or PopulationBase()
    if population is None or len(population) == 0:
        return float("nan")
    pop = population[population["year"].to_numpy() == year]
    if len(pop) == 0:
        return float("nan")
    lo = max(base.age_from, age_from if age_from is not None else 0)
    hi = min(base.age_to, age_to if age_to is not None else 200)
    want_sex = sex or base.sex
    if want_sex == "-" or lo > hi:
        return 0.0
    munis = set(base.municipalities)
    if municipalities:
        munis = (munis & set(municipalities)) if munis else set(municipalities)
        if not munis:
            return 0.0
    if munis:
        pop = pop[pop["municipality"].astype(str).isin(munis).to_numpy()]
    a_from = pop["age_from"].to_numpy(dtype=np.int64)
    a_to = pop["age_to"].to_numpy(dtype=np.int64)
    overlap = np.clip(np.minimum(a_to, hi) - np.maximum(a_from, lo) + 1, 0, None)
    share = overlap / np.maximum(a_to - a_from + 1, 1)
    row_sex = pop["sex"].fillna("").astype(str).to_numpy()
    if want_sex:
        sex_share = np.where(row_sex == want_sex, 1.0, np.where(row_sex == "", 0.5, 0.0))
    else:
        sex_share = np.ones(len(pop))
    return float((pop["count"].to_numpy(dtype=float) * share * sex_share).sum())


class ResidentRows:
    """The population rows a report reads (a frame's, or a store's columns read without a frame), as arrays
    split by year once: `residents(population, year, base)` of every segment and year without filtering the
    frame each time, the same figures bit for bit (the same rows in the same order, the same arithmetic).

    `columns`: year, age_from, age_to and count, with sex and municipality when read (a base that limits
    sex or municipalities needs them)."""

    def __init__(self, columns: dict[str, np.ndarray]):
        self._columns = columns
        self._years: dict[int, dict[str, np.ndarray]] = {}

    @classmethod
    def of(cls, population: pd.DataFrame) -> ResidentRows:
        names = ("year", "age_from", "age_to", "sex", "municipality", "count")
        return cls({c: population[c].to_numpy() for c in names if c in population.columns})

    def __len__(self) -> int:
        return len(self._columns["year"])

    def _year(self, year: int) -> dict[str, np.ndarray]:
        if year not in self._years:
            rows = self._columns["year"] == year
            self._years[year] = {c: v[rows] for c, v in self._columns.items() if c != "year"}
        return self._years[year]

    def residents(self, year: int, base: PopulationBase | None = None) -> float:
        """`residents(population, year, base)` of the population these rows came from."""
        base = base or PopulationBase()
        if not len(self):
            return float("nan")
        pop = self._year(year)
        if not len(pop["count"]):
            return float("nan")
        lo, hi, want_sex = max(base.age_from, 0), min(base.age_to, 200), base.sex
        if want_sex == "-" or lo > hi:
            return 0.0
        a_from, a_to, count = pop["age_from"], pop["age_to"], pop["count"]
        sex = pop.get("sex")
        if base.municipalities:
            munis = set(base.municipalities)
            keep = np.fromiter((str(m) in munis for m in pop["municipality"]), dtype=bool, count=len(count))
            a_from, a_to, count = a_from[keep], a_to[keep], count[keep]
            sex = None if sex is None else sex[keep]
        a_from, a_to = a_from.astype(np.int64, copy=False), a_to.astype(np.int64, copy=False)
        overlap = np.clip(np.minimum(a_to, hi) - np.maximum(a_from, lo) + 1, 0, None)
        share = overlap / np.maximum(a_to - a_from + 1, 1)
        if want_sex:
            row_sex = np.array(["" if v is None or v != v else str(v) for v in sex], dtype=object)
            sex_share = np.where(row_sex == want_sex, 1.0, np.where(row_sex == "", 0.5, 0.0))
        else:
            sex_share = np.ones(len(count))
        return float((count.astype(float, copy=False) * share * sex_share).sum())


def population_years(population: pd.DataFrame | None, forecast: bool | None = None) -> list[int]:
    if population is None or len(population) == 0:
        return []
    pop = population
    if forecast is not None and "forecast" in pop.columns:
        pop = pop[pop["forecast"].astype(bool) == forecast]
    return sorted(int(y) for y in pop["year"].unique())


# ------------------------------------------------------------------------------- projection
def _person_age_sex(ye: YearEvents) -> tuple[np.ndarray, np.ndarray]:
    """Age at the end of the year and sex ('1' -> 1, '2' -> 2, else 0) per person."""
    age = ye.person_values(ye.age_at_year_end())
    if "sex" in ye.events.columns:
        codes, cats = ye.column("sex")
        sex_lut = np.array([1 if c == "1" else 2 if c == "2" else 0 for c in cats] + [0], dtype=np.int64)
        sex = ye.person_values(sex_lut[codes], missing=0)
    else:
        sex = np.zeros(ye.n_persons, dtype=np.int64)
    return age, sex


def _band_arrays(pop: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Population rows summed over municipalities per (age_from, age_to, sex): four arrays."""
    grouped = (pop.assign(sex=pop["sex"].fillna("").astype(str))
               .groupby(["age_from", "age_to", "sex"], as_index=False)["count"].sum())
    return (grouped["age_from"].to_numpy(dtype=np.int64), grouped["age_to"].to_numpy(dtype=np.int64),
            grouped["sex"].to_numpy(dtype=object), grouped["count"].to_numpy(dtype=float))


def _residents_in_bands(rows: tuple, lo: np.ndarray, hi: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Residents of population `rows` (from _band_arrays) in each band lo..hi (inclusive) of `sex`
    ('' both); partly overlapping rows prorated evenly, both-sex rows count half for one sex."""
    r_from, r_to, r_sex, r_count = rows
    if len(r_from) == 0:
        return np.zeros(len(lo))
    overlap = np.clip(np.minimum(r_to[None, :], hi[:, None]) - np.maximum(r_from[None, :], lo[:, None]) + 1, 0, None)
    weight = overlap / np.maximum(r_to - r_from + 1, 1)[None, :]
    band_sex = sex.astype(str)[:, None]
    row_sex = r_sex.astype(str)[None, :]
    sex_w = np.where(band_sex == "", 1.0, np.where(row_sex == band_sex, 1.0, np.where(row_sex == "", 0.5, 0.0)))
    return (weight * sex_w * r_count[None, :]).sum(axis=1)


def usage_rates(m: Membership, population: pd.DataFrame, base_year: int) -> dict[str, pd.DataFrame]:
    """Per segment: the base year's clients and residents per population band (age_from, age_to, sex)
    and their ratio `rate` (clients per resident). Bands are those of the base year's population,
    narrowed to the segment's own age and sex limits."""
    if base_year not in m.masks:
        raise UserError(t(f"Perusvuoden {base_year} tapahtumia ei ole.", f"No events for base year {base_year}."))
    pop = population[population["year"].to_numpy() == base_year] if population is not None else None
    if pop is None or len(pop) == 0:
        raise UserError(
            t(f"Väestötietoa vuodelta {base_year} ei ole; tuo väestö ennen ennustetta.",
              f"No population for {base_year}; import the population before projecting.")
        )
    age, sex = _person_age_sex(m.year_events[base_year])
    max_age = 130
    out: dict[str, pd.DataFrame] = {}
    for i, segment in enumerate(m.segments):
        base = segment.base
        p = pop
        if base.municipalities:
            p = p[p["municipality"].astype(str).isin(base.municipalities).to_numpy()]
        a_from, a_to, b_sex, _count = _band_arrays(p)
        lo = np.maximum(a_from, base.age_from)
        hi = np.minimum(a_to, base.age_to)
        keep = lo <= hi
        if base.sex in ("1", "2"):
            keep &= (b_sex == "") | (b_sex == base.sex)
            b_sex = np.where(b_sex == "", base.sex, b_sex)
        lo, hi, b_sex = lo[keep], hi[keep], b_sex[keep]
        residents_now = _residents_in_bands(_band_arrays(p), lo, hi, b_sex)
        members = m.masks[base_year][i]
        m_age, m_sex = age[members], sex[members]
        known = m_age >= 0
        # persons per (sex 0/1/2, age 0..max_age), cumulated over age for quick band sums
        counts = np.bincount(m_sex[known] * (max_age + 1) + np.clip(m_age[known], 0, max_age),
                             minlength=3 * (max_age + 1)).reshape(3, max_age + 1)
        cum = np.concatenate([np.zeros((3, 1)), np.cumsum(counts, axis=1)], axis=1)
        lo_c, hi_c = np.clip(lo, 0, max_age), np.clip(hi, 0, max_age)
        by_sex = cum[:, hi_c + 1] - cum[:, lo_c]  # 3 x bands
        sex_row = np.array([1 if s == "1" else 2 if s == "2" else 0 for s in b_sex], dtype=np.int64)
        clients = np.where(sex_row == 0, by_sex.sum(axis=0), by_sex[sex_row, np.arange(len(sex_row))])
        bands = pd.DataFrame({"age_from": lo, "age_to": hi, "sex": b_sex, "count": residents_now,
                              "clients": clients})
        bands["rate"] = np.where(residents_now > 0, clients / np.where(residents_now > 0, residents_now, 1), 0.0)
        in_bands = float(clients.sum())
        bands.attrs["scale"] = float(members.sum() / in_bands) if in_bands else 0.0
        out[segment.name] = bands
    return out


def project_clients(m: Membership, population: pd.DataFrame, base_year: int, to_years: Sequence[int]) -> pd.DataFrame:
    """Clients per segment in `to_years` if the base year's age- and sex-specific usage rates hold:
    sum over bands of rate x residents of the band in the target year (persons, unrounded).

    Clients whose age or sex is unknown or outside the bands are added proportionally.
    Returns rows: segment, year, clients, kind ('observed' for every year of the membership,
    'projected' for `to_years`), base_year.
    """
    rates = usage_rates(m, population, base_year)
    rows = []
    by_year = {}
    for year in to_years:
        part = population[population["year"].to_numpy() == year]
        if not len(part):
            raise UserError(t(f"Väestöennustetta vuodelle {year} ei ole.", f"No population forecast for {year}."))
        by_year[int(year)] = part
    for i, segment in enumerate(m.segments):
        for year in m.years:
            rows.append({"segment": segment.name, "year": year, "clients": float(m.masks[year][i].sum()),
                         "kind": "observed", "base_year": base_year})
        bands = rates[segment.name]
        lo, hi = bands["age_from"].to_numpy(), bands["age_to"].to_numpy()
        b_sex, rate = bands["sex"].to_numpy(dtype=object), bands["rate"].to_numpy()
        for year, part in by_year.items():
            if segment.base.municipalities:
                part = part[part["municipality"].astype(str).isin(segment.base.municipalities).to_numpy()]
            total = float((rate * _residents_in_bands(_band_arrays(part), lo, hi, b_sex)).sum())
            rows.append({"segment": segment.name, "year": year, "clients": total * bands.attrs["scale"],
                         "kind": "projected", "base_year": base_year})
    return pd.DataFrame(rows)
