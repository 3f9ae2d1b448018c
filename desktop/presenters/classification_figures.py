"""The classification's figures on the events, beside the rules (Qt-free; the presenter's preview
part): the preview of the working copy, each rule's persons, each level rule's events and euros,
the conflicts flagged per rule, a service's green / yellow / red split and the values a condition
can pick from."""

from __future__ import annotations

import time
from dataclasses import dataclass

from desktop.analysis import privacy
from desktop.analysis.privacy import MIN_GROUP
from desktop.core.rules import Classification

COVERAGE_TOP = 15


@dataclass
class Preview:
    """The figures of one classification on the events: per-event arrays, per-rule statistics,
    conflicts, coverage (events, euros) and the largest unclassified combinations; `seconds` it took;
    `shown`: what of them may be shown (desktop.analysis.classify_disclosure.ShownClassification)."""

    arrays: object
    stats: object
    conflicts: list
    coverage: dict
    top: object
    seconds: float
    shown: object = None


def compute_preview(classifier, events, classification: Classification, min_group: int = MIN_GROUP) -> Preview:
    """Classify `events` with `classification` (on the GUI thread after an edit, in the background
    on the first load). Groups of fewer than `min_group` persons, and the figures that would give
    them back, are hidden (classify_disclosure)."""
    from desktop.analysis.classify_disclosure import shown_classification
    from desktop.analysis.classify_report import conflicts, coverage, rule_stats, unclassified_combinations

    started = time.perf_counter()
    arrays = classifier.classify(classification)
    stats = rule_stats(classifier, arrays.combos, classification)
    costs = classifier.costs()
    cov = coverage(events, arrays, costs)
    top = unclassified_combinations(events, arrays, top=COVERAGE_TOP, costs=costs)
    shown = shown_classification(events, arrays, classification, min_group, classifier, top, exact=False)
    conflict_list = conflicts(classifier, arrays.combos, classification, arrays.per_combo, stats,
                              hidden_matched=shown.matched_hidden)
    return Preview(arrays, stats, conflict_list, cov, top, time.perf_counter() - started, shown)


class ClassificationFigures:
    """The preview part of ClassificationPresenter (uses its working copy, selection and events)."""

    def recompute(self) -> Preview | None:
        """Classify the events with the working copy (None when there is nothing to classify)."""
        if self.classification is None or self.classifier is None:
            self.preview = None
        else:
            self.preview = compute_preview(self.classifier, self.events, self.classification, self.min_group())
        self.stale = False
        return self.preview

    def min_group(self) -> int:
        """The project's smallest group of persons shown as a figure."""
        return privacy.min_group(self.store) if self.store is not None else MIN_GROUP

    @property
    def shown(self):
        """What of the preview's figures may be shown (ShownClassification; None without a preview)."""
        return self.preview.shown if self.preview is not None else None

    def rule_rows(self) -> list[tuple[str, int, object]]:
        """('alloc', global index, rule) for the service's allocation rules, then ('level', i, rule)."""
        svc = self.service()
        if svc is None:
            return []
        rows = [("alloc", i, r) for i, r in enumerate(self.classification.rules) if r.service == svc.code]
        rows += [("level", i, r) for i, r in enumerate(svc.level_rules)]
        return rows

    def rule_taken(self, i: int) -> tuple[int, float]:
        """Events and euros the allocation rule `i` takes in the preview (0 without one)."""
        stats = self.preview.stats if self.preview is not None else None
        if stats is None or i >= len(stats.taken):
            return 0, 0.0
        return int(stats.taken[i]), float(stats.euros[i])

    def rule_figures(self, i: int, persons: dict[int, int]) -> dict:
        """The allocation rule `i`'s taken events, persons and euros as they may be shown: a small
        group's persons "<N", its complement's "..", their events and euros None ("" persons: not
        counted, as while an edit's figures are being recomputed)."""
        taken, euros = self.rule_taken(i)
        figures = {"taken": taken, "persons": persons.get(i, ""), "euros": euros}
        shown = self.shown
        if shown is not None and i < len(shown.supp.rule_persons):  # small groups, complements
            figures = shown.rule_record(i, figures)
        return figures

    def level_rule_mark(self, li: int) -> str | None:
        """"<N" or ".." when the selected service's level rule `li` takes a hidden group, else None."""
        svc, shown = self.service(), self.shown
        if shown is None or svc is None:
            return None
        return shown.level_rule_mark(self.classification.service_index().get(svc.code, -1), li)

    def shown_coverage(self) -> dict | None:
        """The preview's coverage with persons; a small group and the figures that give it back None."""
        if self.preview is None:
            return None
        cov = self.preview.coverage
        return self.shown.coverage_record(cov) if self.shown is not None else cov

    def unclassified_records(self) -> list[dict]:
        """The largest unclassified combinations as records; a hidden one's persons "<N" or "..",
        its events and euros None."""
        if self.preview is None:
            return []
        top = self.preview.top
        return self.shown.combination_records(top) if self.shown is not None else top.to_dict("records")

    def persons_for(self, rules: list[int]) -> dict[int, int]:
        from desktop.analysis.classify_report import rule_persons

        arrays = self.preview.arrays if self.preview is not None else None
        if arrays is None or not rules or len(arrays.rule) != len(self.events):
            return {}
        return rule_persons(self.events, arrays, rules)

    def level_rule_counts(self) -> dict[int, tuple[int, float]]:
        svc = self.service()
        if self.preview is None or svc is None or not svc.level_rules:
            return {}
        si = self.classification.service_index().get(svc.code, -1)
        res, combos = self.preview.arrays.per_combo, self.preview.arrays.combos
        mine = res.service == si
        euros = self.classifier.combo_sums(combos)
        out = {}
        for li in range(len(svc.level_rules)):
            sel = mine & (res.level_rule == li)
            out[li] = (int(combos.rows[sel].sum()), float(euros[sel].sum()))
        return out

    def flags(self) -> dict[tuple[str, int], str]:
        """The conflict message of each flagged rule: ('alloc', i) or ('level', i) of the selected service."""
        out: dict[tuple[str, int], str] = {}
        svc = self.service()
        for conflict in self.preview.conflicts if self.preview is not None else []:
            if conflict.kind.startswith("level_"):
                if svc is not None and conflict.service == svc.code:
                    out[("level", conflict.rule)] = conflict.message
            else:
                out[("alloc", conflict.rule)] = conflict.message
        return out

    def level_split(self) -> dict | None:
        """The selected service's events and euros over green / yellow / red (None without figures);
        a level of fewer than N persons and its complement with events and euros None."""
        from desktop.analysis.classify_report import level_split

        svc = self.service()
        arrays = self.preview.arrays if self.preview is not None else None
        if svc is None or arrays is None or self.events is None or len(arrays.service) != len(self.events):
            return None
        si = self.classification.service_index().get(svc.code, -1)
        split = level_split(self.events, arrays, si, self.classifier.costs())
        return self.shown.level_split(si, split) if self.shown is not None else split

    def values_for(self, field: str) -> list[str]:
        """The values of an events field a condition can pick from (at most 5,000)."""
        if self.classifier is None:
            return []
        values = self.classifier.field(field).categories
        if field == "reasons":
            values = sorted({tk for v in values for tk in v.split()})
        return sorted(values)[:5000]
