"""Checking a classification against the events: coverage, the largest unclassified combinations,
conflicts and per-rule figures (as may be shown)."""

from __future__ import annotations

from desktop.analysis import privacy
from desktop.analysis.classification import Classifier
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.services.classification.events import event_years
from desktop.services.classification.versions import load_classification
from desktop.store import Store


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
