"""The measures page's presenter without Qt: the same store and figures as tests/ui/test_measures_page.py,
read from the presenter's tree, details and heat map instead of the page's cells."""

from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.core.measures import Month
from desktop.presenters.measures import MeasuresPresenter, build_tree, figure_text
from desktop.services import measures as svc
from desktop.services.measures import indicators
from desktop.store import Store, open_store
from tests.measures.tracker_fixtures import write_small_tracker


@pytest.fixture
def store_path(tmp_path):
    return write_small_tracker(tmp_path / "m.sote")


@pytest.fixture
def presenter(store_path):
    store = open_store(store_path)
    presenter = MeasuresPresenter()
    presenter.set_store(store)
    presenter.undo_stack.listeners.append(presenter.load)  # as the page does: read again after each edit
    presenter.load()
    yield presenter
    presenter.set_store(None)
    store.close()


def _measure(presenter, name):
    return next(m for m in presenter.tracker.measures if m.name == name)


def _stored(presenter):
    return svc.load_tracker(presenter.store)


def test_tree_is_goal_area_measures_with_the_months(presenter):
    (goal,) = build_tree(presenter.tracker)
    assert goal.kind == "goal" and presenter.tracker.goal(goal.goal_id).name == "Saatavuus"
    (area,) = goal.children
    assert presenter.tracker.area(area.area_id).name == "Vastaanotto" and area.parent is goal
    assert [presenter.tracker.measure(m.measure_id).name for m in area.children] == ["Etävastaanotot", "Omaolo"]
    assert [m.row for m in area.children] == [0, 1]
    assert presenter.tracker.all_months()[0].label() == "huhti 2021"


def test_rate_then_undo_and_redo(presenter):
    mid = _measure(presenter, "Etävastaanotot").id
    october = Month(2021, 10)
    assert not presenter.rate(mid, october, 3)  # the same rating: nothing to do, nothing to undo
    assert not presenter.undo_stack.can_undo()
    assert presenter.rate(mid, october, 5)
    assert _stored(presenter).rating(mid, october) == 5 and presenter.tracker.rating(mid, october) == 5
    assert presenter.undo() is not None
    assert _stored(presenter).rating(mid, october) == 3 and presenter.tracker.rating(mid, october) == 3
    assert presenter.redo()
    assert _stored(presenter).rating(mid, october) == 5
    assert presenter.rate(mid, october, None)
    assert _stored(presenter).rating(mid, october) is None


def test_edit_name_and_undo_then_responsible(presenter):
    mid = _measure(presenter, "Omaolo").id
    assert presenter.edit_field("measure", mid, "name", "Omaolo koko maakuntaan")
    assert _stored(presenter).measure(mid).name == "Omaolo koko maakuntaan"
    presenter.undo()
    assert _stored(presenter).measure(mid).name == "Omaolo"
    assert not presenter.edit_field("measure", mid, "responsible", "")  # unchanged
    assert presenter.edit_field("measure", mid, "responsible", "Liisa Laine")
    assert _stored(presenter).measure(mid).responsible == "Liisa Laine"


def test_add_measure_and_month_then_details(presenter):
    goal_id = presenter.tracker.goals[0].id
    key = presenter.add_measure(goal_id, "Lasten, nuorten ja perheiden palvelut", "Perhekeskus")
    tracker = _stored(presenter)
    assert [a.name for a in tracker.areas] == ["Vastaanotto", "Lasten, nuorten ja perheiden palvelut"]
    new = _measure(presenter, "Perhekeskus")
    assert key == ("measure", goal_id, new.area_id, new.id)
    details = presenter.details(new.id)
    assert (details.title, details.history) == ("Perhekeskus", "Ei arvioita vielä.")
    months = len(presenter.tracker.all_months())
    assert presenter.add_month()
    assert len(presenter.tracker.all_months()) == months + 1
    assert presenter.tracker.all_months()[-1].label() == "marras 2021"
    presenter.undo()
    presenter.undo()
    assert len(_stored(presenter).measures) == 2


def test_details_show_history_and_rating_per_year(presenter):
    details = presenter.details(_measure(presenter, "Etävastaanotot").id)
    assert details.history == "Arviohistoria: huhti 2021: 1 ei aloitettu, loka 2021: 3 kuvattu (toimintamalli)"
    assert details.years == [2021]
    assert details.headers == ["Arvio\n(vuoden viimeisin)"]  # no linked figures yet: the rating only
    assert details.columns == [["3 kuvattu (toimintamalli)"]]
    assert details.note == "Ei linkitettyjä mittareita. Linkitä mittari nähdäksesi, liikkuvatko luvut."


def test_read_only_store_is_not_writable(store_path):
    store = open_store(store_path, readonly=True)
    presenter = MeasuresPresenter()
    presenter.set_store(store)
    presenter.load()
    assert not presenter.writable and len(presenter.tracker.measures) == 2
    presenter.set_store(None)
    assert not presenter.writable and presenter.load().measures == []
    store.close()


def test_link_a_figure_and_see_it_per_year(presenter, monkeypatch):
    monkeypatch.setattr(indicators, "_PROVIDERS", {})
    svc.register_indicator("test_figure", lambda s, y: 2.5, "Testiluku", "Test figure")
    monkeypatch.setattr(svc, "indicator_years", lambda store: [2021])
    mid = _measure(presenter, "Etävastaanotot").id
    assert "Testiluku" in [p.label for p in presenter.linkable_indicators(mid)]
    assert presenter.link_indicator(mid, "test_figure")
    assert _stored(presenter).measure(mid).indicators == ["test_figure"]
    assert presenter.linkable_indicators(mid) == []
    details = presenter.details(mid)
    assert details.headers[1] == "Testiluku" and details.columns[1] == ["2,5"]
    assert presenter.unlink_indicator(mid, 0)
    assert _stored(presenter).measure(mid).indicators == []
    assert not presenter.unlink_indicator(mid, 0)  # nothing linked: nothing to remove
    presenter.undo()
    assert _stored(presenter).measure(mid).indicators == ["test_figure"]


def test_import_excel_is_undoable_and_a_bad_file_is_refused(presenter, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "arviot.xlsx"
    presenter.export_excel(str(path))
    wb = load_workbook(path)
    ws = wb["Arviot"]
    ws.append(["Saatavuus", "Vastaanotto", "Chat-palvelu", 2, None])
    wb.save(path)
    command = presenter.import_excel(str(path))
    assert command.result.measures_added == 1
    assert "Chat-palvelu" in [m.name for m in _stored(presenter).measures]
    presenter.undo()
    assert "Chat-palvelu" not in [m.name for m in _stored(presenter).measures]
    ws.cell(row=ws.max_row, column=4, value=8)
    wb.save(path)
    with pytest.raises(UserError, match="Taulukko 'Arviot', solu D5: arvo 8 ei ole välillä 1-5."):
        presenter.import_excel(str(path))
    assert len(_stored(presenter).measures) == 2 and presenter.undo_stack.done == []  # nothing pushed


def test_delete_goal_and_undo(presenter):
    (goal,) = build_tree(presenter.tracker)
    assert presenter.delete(goal)
    assert _stored(presenter).goals == [] and build_tree(presenter.tracker) == []
    presenter.undo()
    tracker = _stored(presenter)
    assert len(tracker.measures) == 2 and len(tracker.ratings) == 2


def test_move_measure(presenter):
    measure = _measure(presenter, "Omaolo")
    assert presenter.move_measure(measure.id, measure.goal_id, measure.area_id) is None  # already there
    key = presenter.move_measure(measure.id, measure.goal_id, "Sähköiset palvelut")
    tracker = _stored(presenter)
    assert tracker.area(tracker.measure(measure.id).area_id).name == "Sähköiset palvelut"
    assert key == ("measure", measure.goal_id, tracker.measure(measure.id).area_id, measure.id)
    presenter.undo()
    tracker = _stored(presenter)
    assert tracker.area(tracker.measure(measure.id).area_id).name == "Vastaanotto"


def test_heat_map_shows_one_goal_or_all(tmp_path):
    path = tmp_path / "two.sote"
    with Store.create(path) as s:
        first = svc.AddGoal(s, "Saatavuus")
        first.do()
        svc.AddMeasure(s, first.id, "Vastaanotto", "Etävastaanotot").do()
        second = svc.AddGoal(s, "Palveluketjut")
        second.do()
        svc.AddMeasure(s, second.id, "Diabetes", "Riskitesti").do()
    with open_store(path) as store:
        presenter = MeasuresPresenter()
        presenter.set_store(store)
        presenter.load()
        assert presenter.heatmap_choices() == [
            ("kaikki hyötytavoitteet", None), ("1. Saatavuus", first.id), ("2. Palveluketjut", second.id)]
        assert presenter.first_goal_id() == first.id
        shown, title, captions = presenter.heatmap_view(first.id)
        assert [m.name for m in shown.measures] == ["Etävastaanotot"]
        assert (title, captions) == ("Arviot kuukausittain: 1. Saatavuus", "area")
        shown, title, captions = presenter.heatmap_view(None)
        assert {m.name for m in shown.measures} == {"Etävastaanotot", "Riskitesti"} and title is None


def test_figures_in_the_finnish_number_format():
    assert figure_text(1234.56) == "1\xa0234,6" and figure_text(None) == "–"
