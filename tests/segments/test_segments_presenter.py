"""The segments page's presenter without Qt: the background load, edits with undo / redo as commands,
the live count, the need thresholds, the condition builder, the views' tables and saving; the saved
marker. The same store as the page's GUI tests (tests/segments/test_segments_page.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from event_frames import demo_like_records, single_year_population, write_store
from matplotlib.figure import Figure

from desktop.analysis.privacy import shown_count
from desktop.analysis.segments import membership
from desktop.core.errors import UserError
from desktop.core.numbers import fi_number
from desktop.core.progress import Progress
from desktop.core.segments import Age, AllOf, AnyOf, Not, Reasons, Sex, Uses, default_segments
from desktop.presenters.segment_edits import builder_condition, joined, rule_from_json
from desktop.presenters.segment_figures import VIEWS
from desktop.presenters.segment_rules import add_to, leaf_condition, node_at, remove_at
from desktop.presenters.segments import SegmentsPresenter
from desktop.services import segments as svc

RECORDS = demo_like_records(90)


@pytest.fixture
def store(tmp_path):
    from desktop.store import open_store

    st = open_store(write_store(tmp_path / "alue.sote", RECORDS, single_year_population()))
    yield st
    st.close()


@pytest.fixture
def loaded(store):
    p = SegmentsPresenter()
    p.store = store
    p.loaded(p.load_job()(Progress()))  # the page runs this job in the background
    shown = []
    p.on_segments.append(shown.append)  # the view shows the list with this row selected
    return p, shown


def count_of(p: SegmentsPresenter, segment, year: int = 2024) -> str:
    persons = int(membership(p.events, [segment], [year], p.thresholds).persons(year)[0])
    return f"{fi_number(shown_count(persons))} ({year})"


def test_without_a_store_there_is_nothing_to_load():
    p = SegmentsPresenter()
    p.segments = list(default_segments())
    assert p.load_job() is None and p.segments == [] and p.count_text(0, 2024) == "–"


def test_load_gives_the_saved_rules_and_every_years_membership(loaded, store):
    p, _shown = loaded
    assert [s.name for s in p.segments] == [s.name for s in default_segments()]
    assert p.undo_stack.is_clean() and not p.undo_stack.can_undo()
    persons_2024 = len({r["person_id"] for r in RECORDS if r["date"] >= 19723})
    assert p.membership.total_persons(2024) == persons_2024
    assert p.covers(2023) and p.covers(2024) and not p.covers(2022)
    expected = membership(p.events, p.segments, None, p.thresholds)
    assert np.array_equal(p.membership.masks[2023], expected.masks[2023])
    assert p.count_text(0, 2024) == count_of(p, p.segments[0])
    assert p.count_text(len(p.segments), 2024) == "–"  # no such row


def test_an_edit_is_counted_alone_then_recomputed_and_undo_redo_restore_it(loaded, store):
    p, shown = loaded
    before = p.count_text(0, 2024)
    p.edit_segment(0, replace(p.segments[0], condition=Age(0, 64)), current=2)
    assert p.segments[0].condition == Age(0, 64) and shown == [0]  # the edited row is shown
    assert p.membership is None  # stale: the live count counts the edited segment alone
    assert p.count_text(0, 2024) == count_of(p, p.segments[0]) != before
    p.recompute(2024)
    assert p.membership.segments[0].condition == Age(0, 64)
    assert p.count_text(0, 2024) == count_of(p, p.segments[0])
    p.undo()
    assert p.segments[0].condition == Age(0, 17) and shown == [0, 2]  # back to the row shown before
    p.recompute(2024)
    assert p.count_text(0, 2024) == before
    p.redo()
    assert p.segments[0].condition == Age(0, 64) and shown == [0, 2, 0]
    assert svc.load_segments(store)[0].condition == Age(0, 17)  # only a save reaches the store


def test_a_taken_name_is_refused_and_nothing_is_pushed(loaded):
    p, shown = loaded
    with pytest.raises(UserError, match="Nimi on jo käytössä: Työikäiset"):
        p.edit_segment(0, replace(p.segments[0], name="Työikäiset"), current=0)
    assert not p.undo_stack.can_undo() and shown == []


def test_add_renames_a_taken_name_and_remove_selects_the_row_before(loaded):
    p, shown = loaded
    n = len(p.segments)
    p.add_segment(replace(p.segments[1]), current=1)
    assert p.segments[-1].name == f"{p.segments[1].name} 2" and shown == [n]
    assert p.free_name(p.segments[1].name) == f"{p.segments[1].name} 3"
    removed = p.segments[3].name
    p.remove_segment(3)
    assert removed not in [s.name for s in p.segments] and shown == [n, 2]
    p.remove_segment(len(p.segments))  # no such row: nothing
    assert len(p.undo_stack.done) == 2
    p.undo()
    assert p.segments[3].name == removed and shown[-1] == 3


def test_thresholds_edit_with_undo_and_bad_values(loaded):
    p, _shown = loaded
    told = []
    p.on_thresholds.append(lambda: told.append(p.thresholds.wider_eur))
    old = p.thresholds
    p.set_thresholds({**old.__dict__, "wider_eur": 1500})
    assert p.thresholds.wider_eur == 1500 and told == [1500]
    p.set_thresholds({**old.__dict__, "wider_eur": 1500})  # no change: no edit
    assert len(p.undo_stack.done) == 1
    with pytest.raises(UserError):
        p.set_thresholds({**old.__dict__, "wider_eur": old.high_eur + 1})  # above the high need's threshold
    p.undo()
    assert p.thresholds == old and told == [1500, old.wider_eur]


def test_the_condition_builder_and_the_json_rule():
    assert builder_condition("sex", " 2 ", None, None, "service", False) == Sex("2")
    assert builder_condition("reasons", "F10-F19", 2, None, "service", True) == Not(Reasons(("F10-F19",), 2))
    assert builder_condition("uses", "red", None, None, "level", False) == Uses("level", ("red",), 1)
    assert builder_condition("age_end", "", 18, 24, "service", False) == Age(18, 24)
    with pytest.raises(UserError, match="ukupuoli"):
        builder_condition("sex", "3", None, None, "service", False)
    assert joined(Age(0, 17), Sex("2"), "all") == AllOf((Age(0, 17), Sex("2")))
    assert joined(AllOf((Age(0, 17),)), Sex("2"), "all") == AllOf((Age(0, 17), Sex("2")))
    assert joined(AllOf((Age(0, 17),)), Sex("2"), "any") == AnyOf((AllOf((Age(0, 17),)), Sex("2")))
    assert rule_from_json('{"type": "age", "min": 0, "max": 64, "at": "year_end"}') == Age(0, 64)
    with pytest.raises(UserError, match="Ehto ei ole kelvollista JSONia: "):
        rule_from_json('{"type": "age",')
    with pytest.raises(UserError, match="väärin päin"):
        rule_from_json('{"type": "age", "min": 30, "max": 10}')


def test_every_view_draws_its_figure_and_gives_its_table(loaded):
    p, _shown = loaded
    m = p.membership
    for key in VIEWS:
        figure = Figure()
        table = p.draw_view(key, figure, 2024)
        assert figure.axes and table is not None and len(table), key
    sizes = p.draw_view("sizes", Figure(), 2024)
    expected = svc.shown_segment_sizes(m, p.segment_sizes(m, p.known_population()), 2024, 5)
    pd.testing.assert_frame_equal(sizes, expected[svc.size_columns(expected)])
    assert p.segment_sizes(m, p.known_population()) is p.segment_sizes(m, p.known_population())  # computed once
    overlaps = p.draw_view("overlaps", Figure(), 2023)
    pd.testing.assert_frame_equal(overlaps, svc.shown_overlaps(m, 2023, 5))  # small groups and complements hidden
    assert overlaps[m.names].to_numpy().tolist() != m.overlaps(2023).tolist()
    empty = Figure()
    empty.add_subplot()
    p.membership = None
    assert p.draw_view("sizes", empty, 2024) is None and not empty.axes  # cleared


def test_the_projection_needs_a_forecast(loaded):
    p, _shown = loaded
    table = p.draw_view("projection", Figure(), 2024)
    assert list(table.columns) == ["segment", "year", "persons", "kind"]
    assert set(table["year"]) >= {2024, 2030}
    p.population = p.population[p.population["year"] != 2024]  # no population of the base year
    figure = Figure()
    assert p.draw_view("projection", figure, 2024) is None
    assert [t.get_text() for t in figure.texts] == ["Ennusteeseen tarvitaan perusvuoden väestö ja väestöennuste."]


def test_save_writes_the_working_copy_and_a_new_edit_after_undoing_the_saved_one_stays_unsaved(loaded, store):
    p, _shown = loaded
    p.remove_segment(3)
    p.set_thresholds({**p.thresholds.__dict__, "wider_eur": 1500})
    p.save()
    assert p.undo_stack.is_clean()
    assert [s.name for s in svc.load_segments(store)] == [s.name for s in p.segments]
    assert svc.need_thresholds(store).wider_eur == 1500
    p.undo()
    assert not p.undo_stack.is_clean()
    p.edit_segment(0, replace(p.segments[0], name="Lapset"), current=0)  # replaces the saved step
    assert not p.undo_stack.is_clean()


def test_the_rule_trees_edits_and_its_form_without_qt():
    rule, path = add_to(Age(0, 17), (), AnyOf(()))  # a leaf root becomes "kaikki seuraavat"
    assert rule == AllOf((Age(0, 17), AnyOf(()))) and path == (1,)
    rule, path = add_to(rule, (1,), Sex("1"))
    assert rule == AllOf((Age(0, 17), AnyOf((Sex("1"),)))) and node_at(rule, path) == Sex("1")
    assert remove_at(rule, (1, 0)) == (AllOf((Age(0, 17), AnyOf(()))), (1,))
    form = {"values_text": "F20-F29, F30 ", "low": 18, "high": None, "at": "event", "sex": "2", "column": "aura",
            "min_events": 3, "need": "high"}
    assert leaf_condition(Age(0, 17), **form) == Age(18, None, "event")
    assert leaf_condition(Reasons(("F20-F99",)), **form) == Reasons(("F20-F29", "F30"), 3)
    assert leaf_condition(Uses("service", (), 1), **form) == Uses("aura", ("F20-F29", "F30"), 3)
    assert leaf_condition(Sex("1"), **form) == Sex("2")
    assert leaf_condition(rule, **form) is rule  # a group is no leaf
    with pytest.raises(UserError):
        leaf_condition(Age(0, 17), **{**form, "low": 30, "high": 10})
