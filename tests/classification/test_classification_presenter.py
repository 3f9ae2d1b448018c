"""The classification page's presenter without Qt: load, edit, preview, undo / redo, save; the saved
marker; edits that follow a service's code. The same worked example as the page's GUI tests."""

from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.core.progress import Progress
from desktop.presenters.classification import ClassificationPresenter, rule_from_combination
from desktop.services.classification import classified_events, load_versions

from .helpers import store_with_events
from .test_worked_example import NEUVOLA, ROWS


@pytest.fixture
def loaded(tmp_path):
    store = store_with_events(tmp_path / "p.sote", ROWS)
    p = ClassificationPresenter()
    p.set_store(store)
    assert p.loaded(p.load_job()(Progress()))  # the page runs this job in the background
    yield p, store
    store.close()


def neuvola_taken(p: ClassificationPresenter) -> int:
    p.current_service = "NEUVOLA"
    (kind, i, _rule), *_ = p.rule_rows()
    assert kind == "alloc"
    return p.rule_taken(i)[0]


def test_load_gives_the_saved_version_and_its_preview(loaded):
    p, store = loaded
    assert p.classification.to_dict() == load_versions(store)[-1].to_dict()
    assert p.undo_stack.is_clean() and p.preview is not None
    assert p.preview.coverage["events"] == 12 and p.preview.coverage["events_classified"] == 11
    assert neuvola_taken(p) == 8  # hand-counted in test_worked_example


def test_an_edit_changes_the_preview_and_undo_redo_restore_it(loaded):
    p, store = loaded
    edits = []
    p.on_edit.append(lambda: edits.append(p.recompute()))  # what the view does after every edit
    p.current_service = "NEUVOLA"
    p.current_rule = ("alloc", p.rule_rows()[0][2].id)
    rule = p.find_rule()
    conditions = [c for c in rule.conditions if c.field != "service_form"]
    from desktop.core.rules import Condition

    p.set_conditions([*conditions, Condition("service_form", "in", ("T22",))])  # clinic T21 no longer taken
    assert len(edits) == 1 and not p.undo_stack.is_clean()
    assert neuvola_taken(p) == 5
    p.undo()
    assert neuvola_taken(p) == 8 and p.undo_stack.is_clean()
    p.redo()
    assert neuvola_taken(p) == 5
    assert (classified_events(store)["service"] == NEUVOLA).sum() == 8  # only a save reaches the store
    p.save()
    assert p.undo_stack.is_clean() and (classified_events(store)["service"] == NEUVOLA).sum() == 5


def test_a_new_edit_after_undoing_the_saved_one_stays_unsaved(loaded):
    p, store = loaded
    p.new_version(2026)
    p.save()
    p.undo()
    assert not p.undo_stack.is_clean()
    p.new_version(2027)  # replaces the saved step: the saved state cannot be reached any more
    assert not p.undo_stack.is_clean()
    p.undo()  # back to 2023, which is saved too, but not the state the store's newest version shows
    assert p.classification.valid_from == 2023 and not p.undo_stack.is_clean()
    assert [v.valid_from for v in load_versions(store)] == [2023, 2026]


def test_a_new_code_follows_into_the_rules(loaded):
    p, _store = loaded
    p.current_service = "NEUVOLA"
    rules_before = len(p.classification.rules_of("NEUVOLA"))
    p.set_service_field("code", "NEUVOLA-2")
    assert p.current_service == "NEUVOLA-2" and p.classification.service("NEUVOLA") is None
    assert len(p.classification.rules_of("NEUVOLA-2")) == rules_before
    p.undo()
    assert p.classification.service("NEUVOLA") is not None and p.classification.rules_of("NEUVOLA-2") == []


def test_rules_are_added_moved_and_deleted_as_one_undo_step_each(loaded):
    p, _store = loaded
    p.current_service = "VO-LÄÄK"
    top = p.preview.top.to_dict("records")
    assert [r["service_code"] for r in top] == ["TUNTEMATON"]
    p.add_allocation_rule(rule_from_combination(top[0]))
    p.recompute()
    assert p.preview.coverage["events_classified"] == 12 and len(p.preview.top) == 0
    added = p.current_rule
    p.move_rule(-1)
    ids = [r.id for r in p.classification.rules_of("VO-LÄÄK")]
    assert ids.index(added[1]) == len(ids) - 2
    p.delete_rule()
    assert added[1] not in [r.id for r in p.classification.rules]
    for _ in range(3):
        p.undo()
    p.recompute()
    assert p.undo_stack.is_clean() and p.preview.coverage["events_classified"] == 11


def test_saving_a_broken_working_copy_says_why_and_keeps_it(loaded):
    p, store = loaded
    p.current_service = "NEUVOLA"
    p.add_allocation_rule()
    p.set_service_field("code", "")  # a service without a code cannot be saved
    with pytest.raises(UserError):
        p.save()
    assert not p.undo_stack.is_clean() and [v.valid_from for v in load_versions(store)] == [2023]


def test_small_groups_are_hidden_in_the_presenters_figures(loaded):
    """The worked example as it is (one person each, min group 5): the figures the view shows come from
    the presenter already suppressed, after the load and after an edit's recompute (the view's GUI test
    test_a_small_group_is_hidden_with_its_complement reads the same through the widgets)."""
    p, _store = loaded
    for _ in range(2):
        cov = p.shown_coverage()
        assert cov["events"] == 12 and cov["events_classified"] is None and cov["event_share"] is None
        (combo,) = p.unclassified_records()
        assert combo["service_code"] == "TUNTEMATON" and combo["persons"] == "<5" and combo["euros"] is None
        p.current_service = "VO-LÄÄK"  # one person
        (_kind, i, _rule), *_ = p.rule_rows()
        figures = p.rule_figures(i, p.persons_for([i]))
        assert (figures["taken"], figures["persons"], figures["euros"]) == (None, "<5", None)
        p.current_service = "NEUVOLA"
        split = p.level_split()
        assert any(v["events"] is None for v in split.values())
        p.push("note", lambda c: setattr(c.rules[0], "note", "x"))  # an edit: figures computed again
        p.recompute()
        assert not p.undo_stack.is_clean()
