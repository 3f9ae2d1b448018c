"""The segment rule tree widget alone: tree helpers, Finnish descriptions, and edits emitted as whole
new rules (the widget never changes its rule itself; the owner calls set_rule back)."""

from __future__ import annotations

import pytest

from desktop.core.segments import Age, AllOf, AnyOf, Municipality, NeedLevel, Not, Reasons, Sex, Uses
from desktop.ui.widgets.segment_rule_tree import SegmentRuleTree, add_to, node_at, remove_at, replace_at

RULE = AnyOf((Reasons(("F20-F99",)), Not(Uses("service", ("Kotihoito",), 2)), AllOf((Age(18, 64), Sex("1")))))


def test_path_helpers():
    assert node_at(RULE, (1, 0)) == Uses("service", ("Kotihoito",), 2)
    assert replace_at(RULE, (2, 0), Age(0, 17)).items[2] == AllOf((Age(0, 17), Sex("1")))
    rule, path = remove_at(RULE, (1, 0))  # the only child of "ei": the "ei" goes too
    assert rule == AnyOf((Reasons(("F20-F99",)), AllOf((Age(18, 64), Sex("1"))))) and path == ()
    rule, path = add_to(RULE, (2, 1), NeedLevel("high"))  # a leaf selected: added to its group
    assert node_at(rule, path) == NeedLevel("high") and path == (2, 2)
    rule, path = add_to(Age(0, 17), (), Sex("2"))  # a leaf root becomes "kaikki seuraavat"
    assert rule == AllOf((Age(0, 17), Sex("2"))) and path == (1,)


@pytest.fixture
def tree(qtbot):
    w = SegmentRuleTree(values_for=lambda column: {"service": ["Kotihoito", "Kotiutus"]}.get(column, []))
    qtbot.addWidget(w)
    edits = []

    def owner(rule, path):  # what the page does: accept the edit and show it
        edits.append(rule)
        w.set_rule(rule, path)

    w.rule_edited.connect(owner)
    w.set_rule(RULE, ())
    return w, edits


def test_descriptions_in_finnish(tree):
    w, _ = tree
    assert w.item_texts() == [
        "jokin seuraavista",
        "  Käyntisyy F20-F99 vähintään 1 kertaa",
        "  ei",
        "    Käyttänyt palvelua 'Kotihoito' vähintään 2 kertaa",
        "  kaikki seuraavat",
        "    Ikä vuoden lopussa 18–64",
        "    Sukupuoli: mies",
    ]
    assert w.describe(Age(65, None)) == "Ikä vuoden lopussa vähintään 65"
    assert w.describe(Municipality(("179", "182"))) == "Kunta: 179, 182"


def test_form_edits_the_selected_leaf_and_buttons(tree):
    w, edits = tree
    w.select((1, 0))
    assert w.form_box.isVisibleTo(w) and w.values.text() == "Kotihoito"
    assert w.completion.stringList() == ["Kotihoito", "Kotiutus"]
    w.values.setText("Kotihoito, Kotiutus")
    w.min_events.setValue(3)
    w.apply_form()
    assert node_at(w.rule, (1, 0)) == Uses("service", ("Kotihoito", "Kotiutus"), 3)
    assert w.selected_path() == (1, 0)
    w.select((2,))
    assert not w.form_box.isVisibleTo(w)
    w.switch_group()
    assert isinstance(node_at(w.rule, (2,)), AnyOf)
    w.wrap_in_not()
    assert node_at(w.rule, (2,)) == Not(AnyOf((Age(18, 64), Sex("1"))))
    w.wrap_in_not()  # unwraps
    assert node_at(w.rule, (2,)) == AnyOf((Age(18, 64), Sex("1")))
    w.remove_selected()
    assert w.rule == AnyOf((Reasons(("F20-F99",)), Not(Uses("service", ("Kotihoito", "Kotiutus"), 3))))
    assert len(edits) == 5
    w.select((0,))
    w.values.setText("F10-F19")
    w.apply_form()
    assert w.rule.items[0] == Reasons(("F10-F19",))


def test_bad_age_range_is_reported_not_emitted(tree, qtbot):
    w, edits = tree
    w.select((2, 0))
    w.age_low.setValue(70)
    w.age_high.setValue(20)
    with qtbot.waitSignal(w.error) as blocker:
        w.apply_form()
    assert "väärin päin" in blocker.args[0] and edits == []
