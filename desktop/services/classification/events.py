"""The classified events of a store: each event with the service, AURA class, structure, level and
life stage of the saved classification version valid in its year (cached per store)."""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd

from desktop.analysis.classification import Classifier, ComboResult, classifier_for, evaluate
from desktop.analysis.classify_combos import take_rows
from desktop.core.datasets import LEVELS, LIFE_STAGES, years_of
from desktop.core.rules import Classification, version_for_year
from desktop.services.classification.versions import classification_revision, load_versions
from desktop.store import Store

STRUCTURE_CATEGORIES = ("avo", "asumis", "laitos")
LEVEL_CATEGORIES = (*LEVELS, "unclassified")

YEAR_FRAMES_KEPT = 3  # one-year frames cached besides the full frame
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# ------------------------------------------------------------------------ classified events
def event_years(events: pd.DataFrame) -> np.ndarray:
    """Calendar year of each event (int16)."""
    if "date" not in events.columns or len(events) == 0:
        return np.zeros(len(events), dtype=np.int16)
    days = events["date"].to_numpy()
    first, last = int(days.min()), int(days.max())
    if last - first > 200_000:  # implausible span: convert each date
        return years_of(days).astype(np.int16)
    table = years_of(np.arange(first, last + 1)).astype(np.int16)  # one entry per calendar day
    return table[days - first]


def classify_by_version(store: Store, events: pd.DataFrame, versions: list[Classification],
                        years: np.ndarray) -> tuple[Classifier, object, list[ComboResult]]:
    """Classify `events` with the version valid in each event's year; per-combination results."""
    clf = classifier_for(events)
    if not len(years):
        row_version = np.zeros(0, dtype=np.int8)
    else:
        y0 = int(years.min())
        table = np.array([version_for_year(versions, y) for y in range(y0, int(years.max()) + 1)], dtype=np.int8)
        row_version = table[years - y0]
    key = (tuple(v.valid_from for v in versions), id(years))
    combos = clf.combos_for(versions, group=row_version, group_key=key)
    results = [evaluate(clf, combos, v, active=(combos.group == i) if len(versions) > 1 else None)
               for i, v in enumerate(versions)]
    return clf, combos, results


def classified_events(store: Store, year: int | None = None, years=None) -> pd.DataFrame:
    """The events of the store, each with its service, AURA class, structure, level and life stage.

    Returns `store.load('events')` (all its columns, same row order; only `year`'s events, or only
    the events of `years`, when given, index reset) plus:

    - `year` int16: calendar year of the event date;
    - `service` Categorical of service names, NaN when no allocation rule took the event;
    - `aura` Categorical of AURA class names of the service (NaN when unclassified);
    - `structure` Categorical 'avo' | 'asumis' | 'laitos' (NaN when unclassified);
    - `level` Categorical 'green' | 'yellow' | 'red' | 'unclassified';
    - `life_stage` Categorical 'children' (0-17) | 'working_age' (18-64) | 'elderly' (65+): by the
      age at the event, or the one group a service allocates wholly to; NaN when the age is unknown
      (and the service does not fix the group).

    Each event uses the saved classification version valid in its year. Some years' events are
    read and classified alone (their chunks only) unless every year is classified already. The
    result is cached per store until the events or the classification tables are written
    (`store.version(...)`: a rating edit or a setting keeps it) or a classification is saved;
    treat it as read-only.
    """
    frames = _entry(store)["frames"]
    if year is not None:
        years = (int(year),)
    wanted = None if years is None else tuple(sorted({int(y) for y in years}))
    if wanted in frames:
        return frames[wanted]
    full = frames.get(None)
    if full is None and wanted is None:
        full = _classified_frame(store)
        frames[None] = full
    if wanted is None:
        return full
    if full is not None:
        frame = full[np.isin(full["year"].to_numpy(), wanted)].reset_index(drop=True)
    else:
        frame = _classified_frame(store, wanted)
    kept = [y for y in frames if y is not None]
    if len(kept) >= YEAR_FRAMES_KEPT:  # each is a copy of its rows: keep memory bounded
        del frames[kept[0]]
    frames[wanted] = frame
    return frame


def _entry(store: Store) -> dict:
    key = (store.version("events", "classification"), classification_revision())
    entry = _CACHE.get(store)
    if entry is None or entry["key"] != key:
        entry = {"key": key, "frames": {}, "versions": None}
        _CACHE[store] = entry
    return entry


def saved_versions(store: Store) -> list[Classification]:
    """The saved classification versions (`load_versions`), read once while the store's classification and
    events are unchanged: the classified events and the allocation of one report share them (each read
    is seven queries). Treat them as read-only (an editor reads its own with `load_versions`)."""
    entry = _entry(store)
    if entry["versions"] is None:
        entry["versions"] = load_versions(store)
    return entry["versions"]


def _classified_frame(store: Store, wanted: tuple[int, ...] | None = None) -> pd.DataFrame:
    events = store.load("events", years=wanted)
    years = event_years(events)
    if wanted is not None and len(years) and not np.isin(years, wanted).all():  # events without dates
        keep = np.isin(years, wanted)
        events, years = events[keep].reset_index(drop=True), years[keep]
    versions = saved_versions(store)
    n = len(events)
    if not versions or n == 0:
        service = np.full(n, -1, np.int16)
        names: list[str] = []
        aura_idx = structure_idx = np.full(n, -1, np.int16)
        aura_names: list[str] = []
        level = np.full(n, 3, np.int8)
        ages = events["age"].to_numpy() if "age" in events.columns else np.full(n, -1)
        life = np.where(ages < 0, -1, np.where(ages < 18, 0, np.where(ages < 65, 1, 2))).astype(np.int8)
    else:
        _clf, combos, results = classify_by_version(store, events, versions, years)
        names = list(dict.fromkeys(s.name for v in versions for s in v.services))
        aura_names = list(dict.fromkeys(a.name for v in versions for a in v.aura_classes))
        name_pos = {nm: i for i, nm in enumerate(names)}
        aura_pos = {nm: i for i, nm in enumerate(aura_names)}
        m = combos.n
        c_service = np.full(m, -1, np.int16)
        c_aura = np.full(m, -1, np.int16)
        c_struct = np.full(m, -1, np.int8)
        c_level = np.full(m, 3, np.int8)
        c_life = np.full(m, -1, np.int8)
        for i, (version, res) in enumerate(zip(versions, results, strict=True)):
            mask = combos.group == i if len(versions) > 1 else np.ones(m, bool)
            aura_by_code = {a.code: a.name for a in version.aura_classes}
            to_name = np.array([name_pos[s.name] for s in version.services] + [-1], np.int16)
            to_aura = np.array([aura_pos.get(aura_by_code.get(s.aura, ""), -1) for s in version.services] + [-1],
                               np.int16)
            to_struct = np.array([STRUCTURE_CATEGORIES.index(s.structure) for s in version.services] + [-1], np.int8)
            svc = res.service[mask]
            c_service[mask] = to_name[svc]
            c_aura[mask] = to_aura[svc]
            c_struct[mask] = to_struct[svc]
            c_level[mask] = np.where(res.level[mask] < 0, 3, res.level[mask])
            c_life[mask] = res.life_stage[mask]
        inv = combos.inverse
        service, aura_idx, structure_idx = take_rows(c_service, inv), take_rows(c_aura, inv), take_rows(c_struct, inv)
        level, life = take_rows(c_level, inv), take_rows(c_life, inv)
    out = events.copy(deep=False)
    out["year"] = years
    out["service"] = _categorical(service, names)
    out["aura"] = _categorical(aura_idx, aura_names)
    out["structure"] = _categorical(structure_idx, STRUCTURE_CATEGORIES)
    out["level"] = _categorical(level, LEVEL_CATEGORIES)
    out["life_stage"] = _categorical(life, LIFE_STAGES)
    return out


def _categorical(codes: np.ndarray, categories) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(categories), dtype=object), validate=False)
