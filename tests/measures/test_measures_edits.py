"""Edits as commands: every one undoes and redoes exactly."""

import pytest

from desktop.core.command import UndoStack
from desktop.core.errors import UserError
from desktop.core.measures import Month
from desktop.services import measures as svc
from desktop.store import Store

from .helpers import small_tracker


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "m.sote")
    yield s
    s.close()


def test_rating_history_and_undo(store):
    ids = small_tracker(store)
    tr = svc.load_tracker(store)
    assert tr.history(ids["m1"]) == [(Month(2021, 4), 1), (Month(2021, 10), 3), (Month(2022, 4), 5)]
    stack = UndoStack()
    stack.push(svc.SetRating(store, ids["m1"], Month(2021, 10), 4))
    assert svc.load_tracker(store).rating(ids["m1"], Month(2021, 10)) == 4
    stack.push(svc.SetRating(store, ids["m2"], Month(2022, 10), 5))  # a new month becomes a column
    assert Month(2022, 10) in svc.load_tracker(store).months
    stack.undo()
    assert Month(2022, 10) not in svc.load_tracker(store).all_months()
    stack.undo()
    assert svc.load_tracker(store).rating(ids["m1"], Month(2021, 10)) == 3
    stack.redo()
    assert svc.load_tracker(store).rating(ids["m1"], Month(2021, 10)) == 4
    stack.push(svc.SetRating(store, ids["m1"], Month(2021, 10), None))
    assert svc.load_tracker(store).rating(ids["m1"], Month(2021, 10)) is None
    with pytest.raises(UserError):
        svc.SetRating(store, ids["m1"], Month(2021, 10), 6)


def test_edit_fields_merge_into_one_undo_step(store):
    ids = small_tracker(store)
    stack = UndoStack()
    stack.push(svc.EditField(store, "measure", ids["m1"], "name", "Etävastaanotot lisääntyvät"))
    stack.push(svc.EditField(store, "measure", ids["m1"], "name", "Etävastaanotot lisääntyvät 2021"))
    assert svc.load_tracker(store).measure(ids["m1"]).name == "Etävastaanotot lisääntyvät 2021"
    assert len(stack.done) == 1
    stack.undo()
    assert svc.load_tracker(store).measure(ids["m1"]).name == "Etävastaanotot"
    with pytest.raises(UserError):
        svc.EditField(store, "goal", ids["g1"], "name", "   ")
    stack.push(svc.EditField(store, "area", ids["a1"], "name", "Vastaanottopalvelut"))
    assert svc.load_tracker(store).area(ids["a1"]).name == "Vastaanottopalvelut"


def test_add_measure_with_new_area_undoes_both(store):
    ids = small_tracker(store)
    stack = UndoStack()
    cmd = svc.AddMeasure(store, ids["g2"], "Lasten ja perheiden palvelut", "Perhekeskus")
    stack.push(cmd)
    tr = svc.load_tracker(store)
    assert tr.area(cmd.area_id).name == "Lasten ja perheiden palvelut"
    assert [m.name for m in tr.measures_of(ids["g2"], cmd.area_id)] == ["Perhekeskus"]
    stack.undo()
    tr = svc.load_tracker(store)
    assert len(tr.areas) == 2 and len(tr.measures) == 3
    stack.redo()
    assert svc.load_tracker(store).measure(cmd.id).area_id == cmd.area_id


def test_delete_goal_and_undo_restores_ratings_and_links(store):
    ids = small_tracker(store)
    svc.SetIndicators(store, ids["m1"], ["clients_per_1000:Neuvola"]).do()
    before = svc.load_tracker(store)
    stack = UndoStack()
    stack.push(svc.DeleteGoal(store, ids["g1"]))
    tr = svc.load_tracker(store)
    assert [m.id for m in tr.measures] == [ids["m3"]]
    assert all(mid == ids["m3"] for (mid, _mo) in tr.ratings)
    stack.undo()
    after = svc.load_tracker(store)
    assert after == before
    stack.push(svc.DeleteMeasure(store, ids["m3"]))
    assert ids["m3"] not in [m.id for m in svc.load_tracker(store).measures]
    stack.undo()
    assert svc.load_tracker(store) == before
    stack.push(svc.DeleteArea(store, ids["a1"]))
    assert len(svc.load_tracker(store).measures) == 1
    stack.undo()
    assert svc.load_tracker(store) == before


def test_months_add_and_remove(store):
    ids = small_tracker(store)
    stack = UndoStack()
    stack.push(svc.AddMonth(store))
    assert svc.load_tracker(store).all_months()[-1] == Month(2022, 5)
    stack.push(svc.RemoveMonth(store, Month(2021, 10)))
    tr = svc.load_tracker(store)
    assert Month(2021, 10) not in tr.all_months() and tr.rating(ids["m3"], Month(2021, 10)) is None
    stack.undo()
    assert svc.load_tracker(store).rating(ids["m3"], Month(2021, 10)) == 4


def test_indicator_links_keep_order_and_undo(store):
    ids = small_tracker(store)
    stack = UndoStack()
    stack.push(svc.SetIndicators(store, ids["m2"], ["b", "a", "b"]))
    assert svc.load_tracker(store).measure(ids["m2"]).indicators == ["b", "a"]
    stack.undo()
    assert svc.load_tracker(store).measure(ids["m2"]).indicators == []


def test_move_measure_to_another_goal_and_new_area(store):
    ids = small_tracker(store)
    before = svc.load_tracker(store)
    stack = UndoStack()
    cmd = svc.MoveMeasure(store, ids["m2"], ids["g2"], "Digipalvelut")
    stack.push(cmd)
    tr = svc.load_tracker(store)
    moved = tr.measure(ids["m2"])
    assert (moved.goal_id, tr.area(moved.area_id).name) == (ids["g2"], "Digipalvelut")
    assert tr.history(ids["m2"]) == before.history(ids["m2"])  # ratings travel with the measure
    stack.undo()
    assert svc.load_tracker(store) == before
    stack.redo()
    stack.push(svc.MoveMeasure(store, ids["m1"], ids["g2"], ids["a2"]))
    assert [m.name for m in svc.load_tracker(store).measures_of(ids["g2"], ids["a2"])] == ["Diabetes", "Etävastaanotot"]
