"""The classification's figures (`classification check`, the editor's preview) give no hidden group back
by subtraction: a hand-built store where one service (FYSIO) is used by two persons, one unclassified
combination (OUTO) by one person and NEUVOLA's yellow level by two. Primary suppression alone ("<5"
only) gives their euros back as total − shown; with complementary suppression no single subtraction does."""

from __future__ import annotations

import json

import pytest

from desktop.analysis import privacy
from desktop.cli import main
from desktop.store import open_store
from tests.classification.helpers import event, store_with_events
from tests.privacy.test_differencing import leaks

MEASURES = ("events", "euros", "persons")


def _rows() -> list[dict]:
    rows = []
    for i in range(10):  # VO-LÄÄK: 10 persons
        rows.append(event(person_id=f"l{i}", service_form="T11", professional_group="lääkäri", cost_eur=100.0 + i))
    for i in range(8):  # VO-HOIT: 8 persons
        rows.append(event(person_id=f"h{i}", service_form="T11", professional_group="sairaanhoitaja", cost_eur=60.5 + i))
    rows.append(event(person_id="f0", service_form="T60", cost_eur=333.33))  # FYSIO: 2 persons
    rows.append(event(person_id="f1", service_form="T60", cost_eur=111.11))
    rows.append(event(person_id="f1", service_form="T60", cost_eur=22.22))
    for i in range(5):  # MT-AVO: 5 persons (the smallest shown service: the complement of FYSIO)
        rows.append(event(person_id=f"m{i}", service_form="T40", cost_eur=120.0 + 3 * i))
    for i in range(6):  # NEUVOLA green: 6 persons; yellow (sickness care, SH): 2 persons
        rows.append(event(person_id=f"n{i}", service_form="T22", professional_group="terveydenhoitaja",
                          visit_nature="TH", cost_eur=64.5 + i))
    rows.append(event(person_id="y0", service_form="T22", professional_group="terveydenhoitaja", visit_nature="SH",
                      cost_eur=71.71))
    rows.append(event(person_id="y1", service_form="T22", professional_group="terveydenhoitaja", visit_nature="SH",
                      cost_eur=17.17))
    rows.append(event(person_id="o0", service_form="T98", service_code="OUTO", cost_eur=250.0))  # one person
    for i in range(6):  # another unclassified combination: 6 persons
        rows.append(event(person_id=f"u{i}", service_form="T99", service_code="MUU", cost_eur=40.0 + i))
    return rows


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("classdiff") / "luokitus.sote"
    store_with_events(path, _rows()).close()
    return str(path)


def truth(store_path: str):
    """The exact figures: per rule (events, euros, persons taken), coverage, every unclassified combination."""
    from desktop.analysis.classification import Classifier
    from desktop.analysis.classify_report import coverage, rule_persons, rule_stats, unclassified_combinations
    from desktop.services.classification import load_classification

    with open_store(store_path, readonly=True) as s:
        classification = load_classification(s, None)
        events = s.load("events")
    clf = Classifier(events)
    arrays = clf.classify(classification)
    stats = rule_stats(clf, arrays.combos, classification)
    persons = rule_persons(events, arrays, list(range(len(classification.rules))))
    rules = [{"events": int(stats.taken[i]), "euros": round(float(stats.euros[i]), 2), "persons": persons[i]}
             for i in range(len(classification.rules))]
    cov = coverage(events, arrays)
    combos = unclassified_combinations(events, arrays, top=1000).to_dict("records")
    return classification, events, clf, arrays, rules, cov, combos


def check_lines(rules_true, rules_shown, cov_true, cov_shown, combos_true, combos_shown):
    """The margins of the check's figures: the rules' taken events and euros with the classified events; the
    unclassified combinations with all − classified (every combination is listed)."""
    def shown_rule(r):
        return {"events": r["taken"], "euros": r["euros"], "persons": r["persons"]}

    lines = [("rules", [(t, shown_rule(s)) for t, s in zip(rules_true, rules_shown, strict=True)],
              ({"events": cov_true["events_classified"], "euros": cov_true["euros_classified"]},
               {"events": cov_shown["events_classified"], "euros": cov_shown["euros_classified"]}))]
    unclassified_true = {"events": cov_true["events"] - cov_true["events_classified"],
                         "euros": round(cov_true["euros"] - cov_true["euros_classified"], 2)}
    unclassified_shown = {k: (None if cov_shown[k] is None or cov_shown[f"{k}_classified"] is None
                              else round(cov_shown[k] - cov_shown[f"{k}_classified"], 2)) for k in ("events", "euros")}
    lines.append(("unclassified", list(zip(combos_true, combos_shown, strict=True)),
                  (unclassified_true, unclassified_shown)))
    return lines


def test_check_gives_no_small_group_back_and_primary_suppression_alone_does(store, capsys):
    assert main(["classification", "check", store, "--json", "--top", "1000"]) == 0
    doc = json.loads(capsys.readouterr().out)
    classification, _events, _clf, _arrays, rules_true, cov_true, combos_true = truth(store)
    fysio = next(i for i, r in enumerate(classification.rules) if r.service == "FYSIO")
    assert rules_true[fysio] == {"events": 3, "euros": 466.66, "persons": 2}
    assert doc["rules"][fysio]["persons"] == "<5" and doc["rules"][fysio]["euros"] is None
    assert doc["rules"][fysio]["matched"] is None
    outo = next(r for r in doc["unclassified"] if r["service_code"] == "OUTO")
    assert outo["persons"] == "<5" and outo["euros"] is None and outo["events"] is None
    assert sum(r["persons"] == privacy.SECONDARY for r in doc["rules"]) >= 1  # a complement among the rules
    assert sum(r["persons"] == privacy.SECONDARY for r in doc["unclassified"]) == 1
    assert doc["coverage"]["euros"] == pytest.approx(cov_true["euros"])  # the coverage itself stays shown
    assert doc["coverage"]["euros_classified"] == pytest.approx(cov_true["euros_classified"])
    assert [r["euros"] for r in doc["unclassified"] if r["euros"] is not None] == []  # both: small, complement

    lines = check_lines(rules_true, doc["rules"], cov_true, doc["coverage"], combos_true, doc["unclassified"])
    assert leaks(lines, MEASURES) == []

    # the control: the same figures with primary suppression only (the check before this change)
    n = 5
    primary_rules = [privacy.suppress_record({"taken": r["events"], "euros": r["euros"], "persons": r["persons"]},
                                             ("persons",), ("taken", "euros"), n=n) for r in rules_true]
    primary_combos = [privacy.suppress_record(c, ("persons",), ("events", "euros"), n=n) for c in combos_true]
    found = leaks(check_lines(rules_true, primary_rules, cov_true, cov_true, combos_true, primary_combos), MEASURES)
    assert "rules: hidden euros 466.66 = total 3144.54 - shown 2677.88" in found, found
    assert "unclassified: hidden euros 250.0 = total 505.0 - shown 255.0" in found, found


def test_the_text_output_shows_what_the_json_shows(store, capsys):
    assert main(["classification", "check", store, "--top", "1000"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "service_code=OUTO" in x)
    assert "<5" in line and "250" not in line
    assert "466" not in out


@pytest.mark.parametrize("exact", [True, False])
def test_the_editors_preview_hides_a_small_level_and_its_complement(store, exact):
    """The preview the classification editor shows: per-rule figures, the selected service's level split
    (NEUVOLA: green 6 persons, yellow 2) and the coverage, with complementary suppression (`exact`: every
    group's persons counted, as the check does, or only those of small groups, as the editor does)."""
    from desktop.analysis.classify_disclosure import shown_classification
    from desktop.analysis.classify_report import level_split

    classification, events, clf, arrays, rules_true, cov_true, combos_true = truth(store)
    shown = shown_classification(events, arrays, classification, 5, clf, exact=exact)
    exact_rules = shown_classification(events, arrays, classification, 5, clf).supp.rules
    assert (shown.supp.rules.primary == exact_rules.primary).all()  # the same small groups either way
    rule_lines = [("rules", [(t, shown.rule_record(i, {"events": t["events"], "euros": t["euros"]}))
                             for i, t in enumerate(rules_true)],
                   ({"events": cov_true["events_classified"], "euros": cov_true["euros_classified"]},) * 2)]
    assert leaks(rule_lines, ("events", "euros")) == []
    si = classification.service_index()["NEUVOLA"]
    split = level_split(events, arrays, si, clf.costs())
    assert split["yellow"] == {"events": 2, "euros": pytest.approx(88.88)}
    shown_split = shown.level_split(si, split)
    assert shown_split["yellow"]["euros"] is None and shown_split["green"]["euros"] is None
    neuvola = next(i for i, r in enumerate(classification.rules) if r.service == "NEUVOLA")
    rule = shown.rule_record(neuvola, {"taken": rules_true[neuvola]["events"], "euros": rules_true[neuvola]["euros"]})
    assert rule["euros"] == pytest.approx(sum(v["euros"] for v in split.values()))  # the service's total is shown
    levels_true = [{"events": v["events"], "euros": round(v["euros"], 2)} for v in split.values()]
    line = [("NEUVOLA levels", list(zip(levels_true, shown_split.values(), strict=True)),
             ({"events": rule["taken"], "euros": rule["euros"]}, {"events": rule["taken"], "euros": rule["euros"]}))]
    assert leaks(line, ("events", "euros")) == []
    primary = [dict(v) for v in levels_true]
    primary[1] = {"events": None, "euros": None}  # "<5" alone
    assert leaks([(line[0][0], list(zip(levels_true, primary, strict=True)), line[0][2])], ("euros",)) == [
        "NEUVOLA levels: hidden euros 88.88 = total 490.88 - shown 402.0"]
    # the level rule that sets yellow (2 persons) is hidden with it
    assert shown.level_rule_hidden(si, 0)
