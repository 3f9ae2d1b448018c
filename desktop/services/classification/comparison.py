"""Comparing two saved classification versions: what changed and the effect on the same events."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis import privacy
from desktop.analysis.classification import Classifier
from desktop.core.datasets import LEVELS
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import number
from desktop.services.classification.events import event_years
from desktop.services.classification.versions import load_versions
from desktop.store import Store


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
