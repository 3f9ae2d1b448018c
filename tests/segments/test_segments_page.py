"""The Segmentit page with pytest-qt: list and views on open, undoable edits with a live count,
need thresholds, saving."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from event_frames import demo_like_records, single_year_population, write_store

pytest.importorskip("desktop.services.classification")

from desktop.core.segments import Age, default_segments  # noqa: E402
from desktop.store import open_store  # noqa: E402
from desktop.ui.pages.segments_page import SegmentsPage  # noqa: E402

RECORDS = demo_like_records(90)
#: generous: a shared 2-core machine may be busy
LOAD_TIMEOUT_MS = 20_000


@pytest.fixture
def store(tmp_path):
    st = open_store(write_store(tmp_path / "alue.sote", RECORDS, single_year_population()))
    yield st
    st.close()


@pytest.fixture
def page(qtbot, store):
    p = SegmentsPage()
    qtbot.addWidget(p)
    p.resize(1200, 800)
    with qtbot.waitSignal(p.loaded, timeout=LOAD_TIMEOUT_MS):  # the store is read in the background
        p.set_store(store)
    yield p
    p.set_store(None)


def texts(canvas) -> list[str]:
    canvas.draw()
    return [t.get_text() for t in canvas.figure.findobj(match=lambda a: hasattr(a, "get_text")) if t.get_text()]


def test_opens_with_the_default_segments_and_every_view(page):
    assert [page.list.item(i).text() for i in range(page.list.count())] == [s.name for s in default_segments()]
    assert page.year() == 2024
    persons_2024 = len({r["person_id"] for r in RECORDS if r["date"] >= 19723})
    assert page.membership.total_persons(2024) == persons_2024
    for i, key in enumerate(page.VIEWS):
        page.tabs.setCurrentIndex(i)
        assert texts(page.canvases[key]), key
        assert page.model.rowCount() > 0, key
    assert any("Yhteensä" in t for t in texts(page.canvases["upset"]))


def test_edit_undo_redo_and_live_count(page, qtbot):
    page.list.setCurrentRow(0)  # Lapset ja nuoret, 0-17
    before = page.count_label.text()
    page.rule_edit.setPlainText(json.dumps({"type": "age", "min": 0, "max": 64, "at": "year_end"}))
    page.apply_rule.click()
    assert page.segments[0].condition == Age(0, 64)
    expected = page.membership.persons(2024)[0]
    assert page.count_label.text().startswith(str(expected) if expected >= 5 else "<5")
    assert page.count_label.text() != before
    assert page.undo_button.isEnabled()
    page.undo()
    assert page.segments[0].condition == Age(0, 17) and page.count_label.text() == before
    page.redo()
    assert page.segments[0].condition == Age(0, 64)
    page.rule_edit.setPlainText('{"type": "age", "min": 30, "max": 10}')
    page.apply_rule.click()
    assert "väärin päin" in page.message.text() and page.segments[0].condition == Age(0, 64)


def test_add_youth_alternative_remove_and_save(page, store):
    youth = [a for a in page.add_button.menu().actions() if a.text().startswith("Nuoret 18-24")][0]
    youth.trigger()
    assert page.segments[-1].name.startswith("Nuoret 18-24")
    assert page.membership.masks[2024].shape[0] == len(default_segments()) + 1
    page.list.setCurrentRow(3)  # Vammaiset
    page.remove_selected()
    assert "Vammaiset" not in [s.name for s in page.segments]
    page.need_spins["wider_eur"].setValue(1500)
    page._thresholds_edited()
    assert page.thresholds.wider_eur == 1500
    page.save()
    from desktop.services.segments import load_segments, need_thresholds

    assert [s.name for s in load_segments(store)] == [s.name for s in page.segments]
    assert need_thresholds(store).wider_eur == 1500
    page.undo()  # the threshold edit
    assert page.thresholds.wider_eur != 1500


def test_screenshot(page, tmp_path):
    shot = tmp_path / "segmentit.png"
    assert page.grab().save(str(shot))
    assert shot.stat().st_size > 10_000


def test_condition_builder_joins_with_and_or_not(page):
    from desktop.core.segments import AllOf, AnyOf, Not, Reasons, Sex, Uses

    page.list.setCurrentRow(4)  # Mielenterveysasiakkaat: any of (reasons, uses aura)
    original = page.segments[4].condition
    page.builder_type.setCurrentIndex(page.builder_type.findData("sex"))
    page.builder_values.setText("2")
    page.join_condition("all")
    assert page.segments[4].condition == AllOf((original, Sex("2")))
    page.builder_type.setCurrentIndex(page.builder_type.findData("reasons"))
    page.builder_values.setText("F10-F19")
    page.builder_low.setValue(2)
    page.builder_not.setChecked(True)
    page.join_condition("all")
    assert page.segments[4].condition == AllOf((original, Sex("2"), Not(Reasons(("F10-F19",), 2))))
    page.builder_not.setChecked(False)
    page.builder_type.setCurrentIndex(page.builder_type.findData("uses"))
    page.builder_field.setCurrentIndex(page.builder_field.findData("level"))
    page.builder_values.setText("red")
    page.builder_low.setValue(-1)
    page.join_condition("any")
    cond = page.segments[4].condition
    assert isinstance(cond, AnyOf) and cond.items[-1] == Uses("level", ("red",), 1)
    assert json.loads(page.rule_edit.toPlainText())["type"] == "any"
    page.builder_type.setCurrentIndex(page.builder_type.findData("sex"))
    page.builder_values.setText("3")
    page.join_condition("all")
    assert "sukupuoli" in page.message.text().lower()
    for _ in range(3):
        page.undo()
    assert page.segments[4].condition == original


def test_rule_tree_builds_a_rule_with_live_count_and_undo(page, qtbot):
    from PySide6.QtCore import Qt

    from desktop.analysis.privacy import shown_count
    from desktop.analysis.segments import membership
    from desktop.core.numbers import fi_number
    from desktop.core.segments import AllOf, AnyOf, Not, Sex

    def label_for(condition) -> str:
        persons = int(membership(page.events, [replace(page.segments[0], condition=condition)], [2024],
                                 page.thresholds).persons(2024)[0])
        return f"{fi_number(shown_count(persons))} (2024)"

    with qtbot.waitExposed(page):
        page.show()
    page.list.setCurrentRow(0)  # Lapset ja nuoret: Age(0, 17)
    tree = page.rule_tree
    assert tree.item_texts() == ["Ikä vuoden lopussa 0–17"]
    before = page.count_label.text()
    assert before == label_for(Age(0, 17))
    tree.add_group("any")  # a leaf root becomes "kaikki seuraavat" (0-17, jokin seuraavista)
    assert page.segments[0].condition == AllOf((Age(0, 17), AnyOf(())))
    assert tree.selected_path() == (1,)
    tree.leaf_type.setCurrentIndex(tree.leaf_type.findData("age"))
    tree.add_button.click()  # into the selected "jokin seuraavista"
    assert tree.selected_path() == (1, 0)
    tree.age_low.setValue(18)
    tree.age_high.setValue(24)
    tree.apply_form()
    tree.select((1,))
    tree.leaf_type.setCurrentIndex(tree.leaf_type.findData("sex"))
    tree.add_button.click()
    tree.sex.setCurrentIndex(tree.sex.findData("1"))
    tree.apply_form()
    tree.select((0,))
    tree.wrap_in_not()
    expected = AllOf((Not(Age(0, 17)), AnyOf((Age(18, 24), Sex("1")))))
    assert page.segments[0].condition == expected
    assert json.loads(page.rule_edit.toPlainText()) == expected.to_dict()
    assert tree.item_texts() == ["kaikki seuraavat", "  ei", "    Ikä vuoden lopussa 0–17", "  jokin seuraavista",
                                 "    Ikä vuoden lopussa 18–24", "    Sukupuoli: mies"]
    after = page.count_label.text()
    assert after == label_for(expected) and after != before
    assert not page.json_box.isVisible()
    page.show_json.setChecked(True)
    assert page.json_box.isVisible()

    tree.tree.setFocus()
    qtbot.keyClick(tree.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the "ei"
    previous = AllOf((Age(0, 17), AnyOf((Age(18, 24), Sex("1")))))
    assert page.segments[0].condition == previous
    assert page.count_label.text() == label_for(previous)
    assert tree.rule == previous
    qtbot.keyClick(tree.tree, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # redo
    assert page.segments[0].condition == expected and page.count_label.text() == after
    for _ in range(6):  # group, age leaf, 18-24, sex leaf, mies, "ei"
        page.undo()
    assert page.segments[0].condition == Age(0, 17) and page.count_label.text() == before
    assert tree.item_texts() == ["Ikä vuoden lopussa 0–17"] and not page.undo_stack.can_undo()
