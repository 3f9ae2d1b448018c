"""The service classification of a store: defaults, versions, saving, and the classified events.

Contract used by the traffic-light and segment features:
`classified_events(store, year=None) -> pandas.DataFrame` (see its docstring).

Saving is explicit: the editor keeps its edits in memory until `save_classification`; only saved
versions affect `classified_events`.
"""

from __future__ import annotations

import json
import weakref
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import delete, insert, select

from desktop.analysis import privacy
from desktop.analysis.classification import Classifier, ComboResult, classifier_for, evaluate
from desktop.analysis.classify_combos import take_rows
from desktop.core.datasets import LEVELS, LIFE_STAGES, years_of
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import number
from desktop.core.resource_rules import ResourceRule, ServiceShare
from desktop.core.rules import (
    AllocationRule,
    AuraClass,
    Classification,
    Condition,
    LevelRule,
    Service,
    version_for_year,
)
from desktop.paths import resources_dir
from desktop.services import edit_versions
from desktop.store import Store
from desktop.store.db import now_iso
from desktop.store.rows.classification import (
    AllocationRuleRow,
    AuraClassRow,
    ClassificationVersionRow,
    LevelRuleRow,
    ResourceRuleRow,
    ServiceRow,
)

DEFAULT_FILE = "default_classification.json"
STRUCTURE_CATEGORIES = ("avo", "asumis", "laitos")
LEVEL_CATEGORIES = (*LEVELS, "unclassified")

YEAR_FRAMES_KEPT = 3  # one-year frames cached besides the full frame
_revision = 0  # bumped by every save, so caches never outlive an edit
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# ------------------------------------------------------------------------ defaults
def default_classification() -> Classification:
    """The shipped default classification (resources/classification/default_classification.json)."""
    path = resources_dir() / "classification" / DEFAULT_FILE
    return Classification.from_dict(json.loads(path.read_text(encoding="utf-8")))


def install_defaults(store: Store) -> None:
    """Load the default classification into a new store (called by new_project.create_project)."""
    if load_versions(store):
        return
    save_classification(store, default_classification())


# ------------------------------------------------------------------------ reading
def load_versions(store: Store) -> list[Classification]:
    """Every saved version, oldest `valid_from` first."""
    out = []
    with store.read() as conn:
        version_rows = conn.execute(
            select(ClassificationVersionRow.__table__).order_by(ClassificationVersionRow.valid_from)).all()
        for row in version_rows:
            vid = row.id
            aura = [AuraClass(r.code, r.name, r.group_name, r.description) for r in conn.execute(
                select(AuraClassRow.__table__).where(AuraClassRow.version_id == vid).order_by(AuraClassRow.position))]
            services = [Service(code=r.code, name=r.name, aura=r.aura_code, structure=r.structure, level=r.level,
                                allocation=r.allocation, law=r.law, description=r.description)
                        for r in conn.execute(select(ServiceRow.__table__).where(ServiceRow.version_id == vid)
                                              .order_by(ServiceRow.position))]
            by_code = {s.code: s for s in services}
            for r in conn.execute(select(LevelRuleRow.__table__).where(LevelRuleRow.version_id == vid)
                                  .order_by(LevelRuleRow.position)):
                svc = by_code.get(r.service_code)
                if svc is not None:
                    svc.level_rules.append(LevelRule(r.level, _conditions(r.conditions_json), r.note, r.rule_key))
            rules = [AllocationRule(r.service_code, _conditions(r.conditions_json), r.note, bool(r.enabled), r.rule_key)
                     for r in conn.execute(select(AllocationRuleRow.__table__)
                                           .where(AllocationRuleRow.version_id == vid)
                                           .order_by(AllocationRuleRow.position))]
            resource = _resource_rules(conn, vid)
            out.append(Classification(valid_from=row.valid_from, name=row.name, note=row.note,
                                      aura_classes=aura, services=services, rules=rules, resource_rules=resource))
    return out


def _resource_rules(conn, vid: int) -> list[ResourceRule]:
    """The personnel and ledger rules of a version (none in a read-only store from before they existed)."""
    if not conn.dialect.has_table(conn, ResourceRuleRow.__tablename__):
        return []
    table = ResourceRuleRow.__table__
    return [ResourceRule(r.basis, r.key, [ServiceShare.from_dict(s) for s in json.loads(r.shares_json or "[]")],
                         tuple(json.loads(r.groups_json or "[]")), r.note, bool(r.enabled), r.rule_key)
            for r in conn.execute(select(table).where(table.c.version_id == vid).order_by(table.c.position))]


def load_classification(store: Store, year: int | None = None) -> Classification | None:
    """The version valid in `year` (the newest when None); None if the store has none."""
    versions = load_versions(store)
    if not versions:
        return None
    if year is None:
        return versions[-1]
    return versions[version_for_year(versions, year)]


def _conditions(raw: str) -> list[Condition]:
    return [Condition.from_dict(c) for c in json.loads(raw or "[]")]


# ------------------------------------------------------------------------ writing
def save_classification(store: Store, classification: Classification, replaces: int | None = None) -> None:
    """Write a version (validated) in one transaction.

    A saved version with the same `valid_from` is replaced; `replaces` names another saved
    version's valid_from that this one replaces (when the editor changed the year).
    """
    global _revision
    classification.validate()
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "classification")  # refused over a colleague's newer save
        for year in {classification.valid_from, replaces} - {None}:
            conn.execute(delete(ClassificationVersionRow).where(ClassificationVersionRow.valid_from == year))
        _delete_orphans(conn)
        vid = conn.execute(insert(ClassificationVersionRow).values(
            valid_from=classification.valid_from, name=classification.name, note=classification.note,
            updated_at=now_iso())).inserted_primary_key[0]
        if classification.aura_classes:
            conn.execute(insert(AuraClassRow), [
                {"version_id": vid, "position": i, "code": a.code, "name": a.name, "group_name": a.group,
                 "description": a.description} for i, a in enumerate(classification.aura_classes)])
        if classification.services:
            conn.execute(insert(ServiceRow), [
                {"version_id": vid, "position": i, "code": s.code, "name": s.name, "aura_code": s.aura,
                 "structure": s.structure, "level": s.level, "allocation": s.allocation, "law": s.law,
                 "description": s.description} for i, s in enumerate(classification.services)])
        level_rows = [{"version_id": vid, "service_code": s.code, "position": i, "rule_key": lr.id, "level": lr.level,
                       "note": lr.note, "conditions_json": _conditions_json(lr.conditions)}
                      for s in classification.services for i, lr in enumerate(s.level_rules)]
        if level_rows:
            conn.execute(insert(LevelRuleRow), level_rows)
        if classification.rules:
            conn.execute(insert(AllocationRuleRow), [
                {"version_id": vid, "position": i, "rule_key": r.id, "service_code": r.service, "enabled": r.enabled,
                 "note": r.note, "conditions_json": _conditions_json(r.conditions)}
                for i, r in enumerate(classification.rules)])
        if classification.resource_rules:
            conn.execute(insert(ResourceRuleRow), [
                {"version_id": vid, "position": i, "rule_key": r.id, "basis": r.basis, "key": r.key,
                 "groups_json": json.dumps(list(r.groups), ensure_ascii=False),
                 "shares_json": json.dumps([x.to_dict() for x in r.shares], ensure_ascii=False),
                 "enabled": r.enabled, "note": r.note}
                for i, r in enumerate(classification.resource_rules)])
    _revision += 1


def delete_version(store: Store, valid_from: int) -> None:
    global _revision
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "classification")
        conn.execute(delete(ClassificationVersionRow).where(ClassificationVersionRow.valid_from == valid_from))
        _delete_orphans(conn)
    _revision += 1


def _delete_orphans(conn) -> None:
    """Child rows of deleted versions (SQLite enforces ON DELETE CASCADE only with foreign keys on)."""
    alive = select(ClassificationVersionRow.id)
    for table in (AuraClassRow, ServiceRow, AllocationRuleRow, LevelRuleRow, ResourceRuleRow):
        conn.execute(delete(table).where(table.version_id.not_in(alive)))


def _conditions_json(conditions: list[Condition]) -> str:
    return json.dumps([c.to_dict() for c in conditions], ensure_ascii=False)


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
    result is cached per store until the store changes (`store.data_version`) or a classification
    is saved; treat it as read-only.
    """
    key = (store.data_version, _revision)
    entry = _CACHE.get(store)
    if entry is None or entry["key"] != key:
        entry = {"key": key, "frames": {}}
        _CACHE[store] = entry
    frames = entry["frames"]
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


def _classified_frame(store: Store, wanted: tuple[int, ...] | None = None) -> pd.DataFrame:
    events = store.load("events", years=wanted)
    years = event_years(events)
    if wanted is not None and len(years) and not np.isin(years, wanted).all():  # events without dates
        keep = np.isin(years, wanted)
        events, years = events[keep].reset_index(drop=True), years[keep]
    versions = load_versions(store)
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


def classification_revision() -> int:
    """A number that changes whenever a classification is saved (for callers' own caches)."""
    return _revision


def default_file_path() -> Path:
    return resources_dir() / "classification" / DEFAULT_FILE


# ------------------------------------------------------------------------ files
def export_classification(store: Store, path: str | Path, year: int | None = None) -> Classification:
    """Write the version valid in `year` (newest when None) to a .xlsx or .json file."""
    from desktop.analysis.classify_io import write_classification_file

    classification = load_classification(store, year)
    if classification is None:
        raise UserError(t("Projektissa ei ole palveluluokitusta.", "The project has no classification."))
    write_classification_file(classification, path)
    edit_versions.stamp_file(path, store, "classification")  # importing it back checks nobody saved since
    return classification


def import_classification(store: Store, path: str | Path, valid_from: int | None = None) -> Classification:
    """Read a .xlsx/.json classification (validated first: a bad file changes nothing) and save
    it as the version valid from `valid_from` (default: the year in the file), replacing a
    saved version with the same year."""
    from desktop.analysis.classify_io import read_classification_file

    classification = read_classification_file(path)
    if valid_from is not None:
        classification.valid_from = int(valid_from)
    with edit_versions.based_on(store, "classification", edit_versions.file_base(path, store, "classification")):
        save_classification(store, classification)  # refused when a colleague saved after the export
    return classification


# ------------------------------------------------------------------------ check
def check_classification(store: Store, year: int | None = None, top: int = 20) -> dict:
    """Coverage (events and euros classified), the largest unclassified combinations and the
    conflicts of the version valid in `year` (default: the newest version, on all events).

    Returns a JSON-ready dict: version, year, coverage{events, events_classified, event_share,
    euros, euros_classified, euro_share}, unclassified[ {fields..., events, persons, euros} ],
    conflicts[ {kind, rule, service, by, message} ], rules[ {rule, service, matched, taken, euros} ].
    """
    from desktop.analysis.classify_disclosure import shown_classification
    from desktop.analysis.classify_report import conflicts, coverage, rule_stats, unclassified_combinations

    classification = load_classification(store, year)
    if classification is None:
        raise UserError(t("Projektissa ei ole palveluluokitusta.", "The project has no classification."))
    events = store.load("events")
    if year is not None:
        events = events[event_years(events) == year].reset_index(drop=True)
    clf = Classifier(events)
    arrays = clf.classify(classification)
    combos, result = arrays.combos, arrays.per_combo
    unclassified = unclassified_combinations(events, arrays, top=top)
    shown = shown_classification(events, arrays, classification, privacy.min_group(store), clf, unclassified)
    stats = rule_stats(clf, combos, classification)
    found = conflicts(clf, combos, classification, result, stats, hidden_matched=shown.matched_hidden)
    return {
        "version": classification.valid_from,
        "name": classification.name,
        "year": year,
        "coverage": shown.coverage_record(coverage(events, arrays)),
        "unclassified": shown.combination_records(unclassified),
        "conflicts": [c.to_dict() for c in found],
        "rules": [shown.rule_record(i, {"rule": i + 1, "service": r.service, "matched": int(stats.matched[i]),
                                        "taken": int(stats.taken[i]), "euros": round(float(stats.euros[i]), 2)})
                  for i, r in enumerate(classification.rules)],
    }


# ------------------------------------------------------------------------ comparing versions
def compare_versions(store: Store, old_year: int, new_year: int, year: int | None = None) -> dict:
    """Compare two saved versions (by valid_from): what changed, and the effect on the same events
    (those of `year`, default all): events and euros per level under each version, and how many
    events change service or level. JSON-ready."""
    from desktop.core.rules import compare_classifications

    versions = {v.valid_from: v for v in load_versions(store)}
    missing = [y for y in (old_year, new_year) if y not in versions]
    if missing:
        raise UserError(t(f"Luokitusversiota {missing[0]} ei ole. Versiot: {', '.join(map(str, versions))}.",
                          f"No classification version {missing[0]}. Versions: {', '.join(map(str, versions))}."))
    old, new = versions[old_year], versions[new_year]
    out = compare_classifications(old, new)
    events = store.load("events")
    if year is not None:
        events = events[event_years(events) == year].reset_index(drop=True)
    clf = Classifier(events)
    a, b = clf.classify(old), clf.classify(new)
    costs = clf.costs()
    name_a = np.array([s.name for s in old.services] + [""], dtype=object)[a.service]
    name_b = np.array([s.name for s in new.services] + [""], dtype=object)[b.service]

    n = privacy.min_group(store)
    person = events["person_id"] if "person_id" in events.columns else pd.Series(np.zeros(len(events)))
    everyone = int(person[person.notna()].nunique()) if len(events) else 0
    mark = {True: privacy.small_label(n), False: privacy.SECONDARY}

    def levels(arrays) -> dict:
        """Events, euros and persons per level (green, yellow, red, unclassified): a level of fewer than
        N persons and its complement (the levels add up to all events) hidden."""
        from desktop.analysis.disclosure import suppress

        out, counts = {}, []
        for i, name in enumerate((*LEVELS, "unclassified")):
            mask = arrays.level == (i if i < len(LEVELS) else -1)
            counts.append(int(person[mask].nunique()))
            out[name] = {"events": int(mask.sum()), "euros": round(float(costs[mask].sum()), 2), "persons": counts[-1]}
        supp = suppress(np.array([*counts, everyone], dtype=float), [np.arange(len(counts) + 1)], n,
                        np.arange(len(counts) + 1) == len(counts))
        for i, name in enumerate(out):
            if supp.hidden[i]:
                out[name] = {"events": None, "euros": None, "persons": mark[bool(supp.primary[i])]}
        return out

    def changed(mask: np.ndarray) -> int | None:
        """Events that change, unless fewer than N persons have them (then None)."""
        return None if privacy.is_small(int(person[mask].nunique()), n) else int(mask.sum())

    out["effect"] = {
        "events": None if privacy.is_small(everyone, n) else len(events),
        "levels_before": levels(a),
        "levels_after": levels(b),
        "service_changed": changed(name_a != name_b),
        "level_changed": changed(a.level != b.level),
    }
    return out


def comparison_lines(report: dict) -> list[str]:
    """`compare_versions` as readable lines (CLI and the editor's comparison window)."""

    def n(value: float) -> str:
        return number(value)

    lines = [t(f"Versio {report['from']} -> versio {report['to']}", f"Version {report['from']} -> version {report['to']}")]
    for key, fi, en in (("services_added", "Uudet palvelut", "Services added"),
                        ("services_removed", "Poistetut palvelut", "Services removed"),
                        ("aura_added", "Uudet AURA-luokat", "AURA classes added"),
                        ("aura_removed", "Poistetut AURA-luokat", "AURA classes removed")):
        if report[key]:
            lines.append(f"  {t(fi, en)}: {', '.join(report[key])}")
    for change in report["services_changed"]:
        lines.append(f"  {t('Muutettu palvelu', 'Changed service')} {change['service']}: {', '.join(change['changes'])}")
    for key, fi, en in (("rules_added", "Uusi sääntö", "Rule added"), ("rules_removed", "Poistettu sääntö", "Rule removed")):
        for r in report[key]:
            lines.append(f"  {t(fi, en)} {r['rule']} ({r['service']}): {r['text']}")
    for r in report["rules_changed"]:
        lines.append(f"  {t('Muutettu sääntö', 'Changed rule')} {r['rule']} ({r['service']}): {r['before']}  ->  {r['after']}")
    if report["rules_moved"]:
        lines.append("  " + t("Sääntöjen järjestys on muuttunut.", "The order of the rules changed."))
    if report.get("resource_rules_changed"):
        n_changed = report["resource_rules_changed"]
        lines.append("  " + t(f"Henkilöstö- ja taloussääntöjä lisätty, poistettu tai muutettu: {n_changed}.",
                              f"Personnel and finance rules added, removed or changed: {n_changed}."))
    if report["identical"]:
        lines.append("  " + t("Versioiden säännöt ovat samat.", "The versions have the same rules."))
    effect = report["effect"]
    lines.append(t("Vaikutus samoihin tapahtumiin", "Effect on the same events") + f" ({n(effect['events'])}):")
    words = {"green": t("vihreä", "green"), "yellow": t("keltainen", "yellow"), "red": t("punainen", "red"),
             "unclassified": t("luokittelematon", "unclassified")}
    for level, word in words.items():
        before, after = effect["levels_before"][level], effect["levels_after"][level]
        lines.append(f"  {word:<16} {n(before['events']):>11} -> {n(after['events']):>11} "
                     f"{t('tapahtumaa', 'events')}, {n(before['euros'])} -> {n(after['euros'])} €")
    lines.append(t(f"  Palvelu vaihtuu {n(effect['service_changed'])} ja taso {n(effect['level_changed'])} tapahtumalla.",
                   f"  Service changes for {n(effect['service_changed'])} and level for {n(effect['level_changed'])} "
                   "events."))
    return lines
