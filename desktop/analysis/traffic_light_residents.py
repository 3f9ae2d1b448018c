"""The residents behind €/resident: the population split by year for quick look-ups, and the
population bases a traffic-light selection (its filters) and each of its rows (municipality, sex, age
band, life-cycle group, segment) stand for."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from desktop.analysis.segments import Membership
from desktop.analysis.traffic_light_cuts import _AGE_BAND_BY_LABEL, LIFE_STAGE_AGES, UNKNOWN
from desktop.core.segments import PopulationBase, Segment


class PopulationIndex:
    """The population split by year as numpy arrays, for many quick `residents` look-ups.

    `read_years`: when given, `population` holds only some years (e.g. those of a report) and
    `read_years(years)` gives the rows of other years when they are first asked for (read once)."""

    def __init__(self, population: pd.DataFrame | None,
                 read_years: Callable[[list[int]], pd.DataFrame] | None = None):
        self.by_year: dict[int, tuple] = {}
        self._memo: dict = {}
        self._read_years = read_years
        self._asked: set[int] = set()  # the years read_years was asked for
        self._add(population)

    def _add(self, population: pd.DataFrame | None) -> None:
        if population is None or len(population) == 0:
            return
        for year, part in population.groupby("year"):
            self.by_year[int(year)] = (
                part["municipality"].astype(str).to_numpy(),
                part["age_from"].to_numpy(dtype=np.int64),
                part["age_to"].to_numpy(dtype=np.int64),
                part["sex"].fillna("").astype(str).to_numpy(),
                part["count"].to_numpy(dtype=float),
            )

    def __bool__(self) -> bool:
        return bool(self.by_year) or self._read_years is not None

    def _read(self, years: Sequence[int]) -> None:
        """Read the years not held yet (with `read_years`)."""
        missing = sorted({int(y) for y in years} - set(self.by_year) - self._asked)
        if missing and self._read_years is not None:
            self._asked.update(missing)
            self._add(self._read_years(missing))

    def residents(self, years: Sequence[int], base: PopulationBase) -> float:
        """Residents summed over `years` (resident-years) in the base; NaN if a year has no population."""
        key = (tuple(years), base)
        if key in self._memo:
            return self._memo[key]
        self._read(years)
        total = 0.0
        for year in years:
            arrays = self.by_year.get(int(year))
            if arrays is None:
                total = float("nan")
                break
            munis, a_from, a_to, sex, count = arrays
            if base.sex == "-" or base.age_from > base.age_to:
                continue
            overlap = np.clip(np.minimum(a_to, base.age_to) - np.maximum(a_from, base.age_from) + 1, 0, None)
            weight = overlap / np.maximum(a_to - a_from + 1, 1)
            if base.sex:
                weight = weight * np.where(sex == base.sex, 1.0, np.where(sex == "", 0.5, 0.0))
            if base.municipalities:
                weight = weight * np.isin(munis, list(base.municipalities))
            total += float((count * weight).sum())
        self._memo[key] = total
        return total


def _age_runs(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Age spans joined where they meet or overlap: [(0, 6), (7, 12), (65, 74)] -> [(0, 12), (65, 74)]."""
    runs: list[list[int]] = []
    for lo, hi in sorted(spans):
        if runs and lo <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], hi)
        else:
            runs.append([lo, hi])
    return [(lo, hi) for lo, hi in runs]


def filter_bases(filters: Mapping[str, Sequence[str]], m: Membership | None) -> list[PopulationBase]:
    """The residents the filters select as bases that do not overlap (one per run of adjacent age
    groups): their residents add up to the selection's residents."""
    base = PopulationBase()
    runs: list[tuple[int, int]] | None = None
    for dim, values in filters.items():
        values = [str(v) for v in values]
        if dim == "municipality":
            base = base.narrowed(PopulationBase(municipalities=tuple(values)))
        elif dim == "sex" and len(values) == 1:
            base = base.narrowed(PopulationBase(sex=values[0]))
        elif dim in ("age_band", "life_stage"):
            spans = [(_AGE_BAND_BY_LABEL.get(v) if dim == "age_band" else LIFE_STAGE_AGES.get(v)) for v in values]
            spans = [s for s in spans if s]
            if spans:
                found = _age_runs(spans)
                if runs is None:
                    runs = found
                else:  # two age filters: the ages in both
                    runs = _age_runs([(max(a, c), min(b, d)) for a, b in runs for c, d in found if max(a, c) <= min(b, d)])
                    runs = runs or [(1, 0)]  # nobody
        elif dim == "segment" and m is not None and len(values) == 1 and values[0] in m.names:
            base = base.narrowed(m.segments[m.names.index(values[0])].base)
    if runs is None:
        return [base]
    return [base.narrowed(PopulationBase(lo, hi)) for lo, hi in runs]


def selection_residents(population: PopulationIndex, years: Sequence[int], bases: Sequence[PopulationBase],
                        narrowed_by: PopulationBase | None = None) -> float:
    """Residents (resident-years over `years`) of the selection's `bases` (see `filter_bases`), each
    narrowed by a row's own base."""
    total = 0.0
    for base in bases:
        total += population.residents(years, base.narrowed(narrowed_by) if narrowed_by is not None else base)
    return total


def _row_base(dim: str, label, segment: Segment | None) -> PopulationBase:
    if dim == "municipality" and label not in (UNKNOWN,):
        return PopulationBase(municipalities=(str(label),))
    if dim == "sex" and label in ("1", "2"):
        return PopulationBase(sex=str(label))
    if dim == "age_band" and label in _AGE_BAND_BY_LABEL:
        lo, hi = _AGE_BAND_BY_LABEL[label]
        return PopulationBase(lo, hi)
    if dim == "life_stage" and label in LIFE_STAGE_AGES:
        lo, hi = LIFE_STAGE_AGES[label]
        return PopulationBase(lo, hi)
    if dim == "segment" and segment is not None:
        return segment.base
    return PopulationBase()
