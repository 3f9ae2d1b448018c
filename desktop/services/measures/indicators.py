"""Figures a development measure can be linked to, found by the *provider name* stored with the link.

A provider is `compute(store, year) -> float | None`. Fixed figures are registered with
`register_indicator("name", fn, label_fi, label_en, unit)`; a family of figures with
`register_indicator_family("prefix", compute, list_params, label_fi, label_en, unit)`, where
`compute(store, year, param)` gives the figure, `list_params(store)` the (param, label) pairs a planner
can pick from, and the provider name is "prefix:param". The app's own figures are listed in
desktop.services.measures.linked_figures. A compute function may raise `IndicatorUnavailable("why")`;
the figure is then shown as not available with that reason.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select

from desktop.core.lang import t
from desktop.services.project_info import event_years
from desktop.store import Store
from desktop.store.tables.imports import population
from desktop.store.versions import EDITS_OF_MEASURES

log = logging.getLogger(__name__)
#: store -> (the store's version outside the measures tracker, {(name, years): IndicatorValues})
_VALUES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class IndicatorUnavailable(Exception):
    """A figure cannot be computed from this store; the message (Finnish/English via t) says why."""


IndicatorFn = Callable[[Store, int], "float | None"]


@dataclass(frozen=True)
class IndicatorProvider:
    """One linkable figure: its stored name, labels, unit and `compute(store, year)`."""

    name: str  # stored with the link: 'fixed_name' or 'prefix:param'
    label_fi: str
    label_en: str
    unit: str  # '%', '/1 000 as.', '€' ...
    compute: IndicatorFn

    @property
    def label(self) -> str:
        return t(self.label_fi, self.label_en)


@dataclass(frozen=True)
class IndicatorFamily:
    """Figures named 'prefix:param', one per parameter a planner can pick (a service, a reach goal)."""

    prefix: str
    compute: Callable[[Store, int, str], float | None]
    list_params: Callable[[Store], Iterable[tuple[str, str]]]  # (param, label of the param)
    label_fi: str  # with {param}
    label_en: str
    unit: str

    def provider(self, param: str, param_label: str | None = None) -> IndicatorProvider:
        shown = param_label or param
        return IndicatorProvider(
            f"{self.prefix}:{param}", self.label_fi.format(param=shown), self.label_en.format(param=shown), self.unit,
            lambda store, year: self.compute(store, year, param),
        )


_PROVIDERS: dict[str, IndicatorProvider] = {}
_FAMILIES: dict[str, IndicatorFamily] = {}


def register_indicator(name: str, fn: IndicatorFn, label_fi: str, label_en: str, unit: str = "") -> None:
    """Register a figure `fn(store, year) -> float | None` under a fixed provider name."""
    _PROVIDERS[name] = IndicatorProvider(name, label_fi, label_en, unit, fn)


def register_indicator_family(
    prefix: str,
    compute: Callable[[Store, int, str], float | None],
    list_params: Callable[[Store], Iterable[tuple[str, str]]],
    label_fi: str,
    label_en: str,
    unit: str = "",
) -> None:
    """Register figures named 'prefix:param' (e.g. one per segment); labels may use {param}."""
    _FAMILIES[prefix] = IndicatorFamily(prefix, compute, list_params, label_fi, label_en, unit)


def _families() -> dict[str, IndicatorFamily]:
    """The app's own figure families, then any registered later (a later one wins a shared prefix)."""
    # Imported here: the figures import the classification and network services, which the tracker's
    # reading and editing do not need.
    from desktop.services.measures.linked_figures import APP_FAMILIES

    return {**{f.prefix: f for f in APP_FAMILIES}, **_FAMILIES}


def indicator_provider(name: str) -> IndicatorProvider | None:
    """The provider stored under `name`, or None if no feature offers it in this app."""
    if name in _PROVIDERS:
        return _PROVIDERS[name]
    prefix, sep, param = name.partition(":")
    families = _families()
    if sep and prefix in families:
        return families[prefix].provider(param)
    return None


def available_indicators(store: Store) -> list[IndicatorProvider]:
    """Every figure a planner can link in this store, fixed ones first, then each family's params."""
    out = list(_PROVIDERS.values())
    for family in _families().values():
        try:
            params = list(family.list_params(store))
        except IndicatorUnavailable:
            continue
        except Exception as exc:  # noqa: BLE001
            log.warning("listing indicators %s failed: %s", family.prefix, exc)
            continue
        out.extend(family.provider(p, label) for p, label in params)
    return out


@dataclass
class IndicatorValues:
    """A linked figure for some years; `note` says why values are missing."""

    name: str
    label: str
    unit: str
    values: dict[int, float | None]
    note: str = ""

    def as_dict(self) -> dict:
        return {"name": self.name, "label": self.label, "unit": self.unit,
                "values": {str(y): v for y, v in self.values.items()}, "note": self.note}


def indicator_values(store: Store, name: str, years: Iterable[int]) -> IndicatorValues:
    """The figure `name` for each year; a missing provider or an unavailable figure gives None with a note.
    Cached until a table outside the measures tracker is written: an edit of the tracker (a rating,
    a name, a link) recomputes nothing."""
    years = list(years)
    provider = indicator_provider(name)
    version = store.version_except(*EDITS_OF_MEASURES)
    entry = _VALUES.get(store)
    if entry is None or entry[0] != version:
        entry = (version, {})
        _VALUES[store] = entry
    key = (name, tuple(years))
    found = entry[1].get(key)
    if found is None:
        found = _computed_values(store, name, years, provider)
        if store.version_except(*EDITS_OF_MEASURES) == version:  # not kept when the store was written meanwhile
            entry[1][key] = found
    return found


def _computed_values(store: Store, name: str, years: list[int], provider: IndicatorProvider | None) -> IndicatorValues:
    if provider is None:
        return IndicatorValues(name, name, "", {y: None for y in years},
                               t("ei saatavilla tässä sovelluksessa", "not available in this app"))
    values: dict[int, float | None] = {}
    note = ""
    for year in years:
        try:
            v = provider.compute(store, year)
            values[year] = None if v is None or not np.isfinite(v) else float(v)
        except IndicatorUnavailable as exc:
            values[year], note = None, str(exc)
        except Exception as exc:  # noqa: BLE001 - a failing figure is shown as such, not a crash
            log.warning("indicator %s failed for %s: %s", name, year, exc)
            values[year], note = None, t(f"laskenta epäonnistui: {exc}", f"computation failed: {exc}")
    return IndicatorValues(name, provider.label, provider.unit, values, note)


def indicator_years(store: Store) -> list[int]:
    """Years the linked figures are shown for: the years of the events, else of the population."""
    years = event_years(store)
    if not years:
        with store.read() as conn:
            years = [int(y) for y in conn.execute(select(population.c.year).distinct().order_by(population.c.year)).scalars()]
    return years


