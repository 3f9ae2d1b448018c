"""Excel import/export laid out like the seed's tables; validation names the cell; a bad file changes nothing."""

import pytest
from openpyxl import Workbook, load_workbook

from desktop.core.errors import UserError
from desktop.core.measures import Month
from desktop.importers.measures_xlsx import read_tracker_xlsx
from desktop.services import measures as svc
from desktop.store import Store

from .helpers import small_tracker


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "m.sote")
    yield s
    s.close()


def _comparable(tracker):
    """A tracker by names (ids differ between stores)."""
    out = {}
    for m in tracker.measures:
        key = (tracker.goal(m.goal_id).name, tracker.area(m.area_id).name, m.name)
        out[key] = (m.responsible, m.notes, tuple(m.indicators), tuple(tracker.history(m.id)))
    return out, tracker.all_months()


def _sheet(path, rows, title="Arviot"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_round_trip_keeps_everything(store, tmp_path):
    ids = small_tracker(store)
    svc.EditField(store, "measure", ids["m2"], "notes", "Rivi 1\nRivi 2").do()
    svc.SetIndicators(store, ids["m1"], ["clients_per_1000:Äitiys- ja lastenneuvolapalvelut", "green_share_eur:Lapset"]).do()
    svc.AddMonth(store, Month(2022, 10)).do()  # followed but empty
    path = svc.export_measures_xlsx(store, tmp_path / "t.xlsx")
    other = Store.create(tmp_path / "other.sote")
    try:
        result = svc.import_measures_xlsx(other, path)
        assert result.measures_added == 3 and result.ratings_set == 5
        assert _comparable(svc.load_tracker(other)) == _comparable(svc.load_tracker(store))
        # and exporting the copy gives the same cells
        path2 = svc.export_measures_xlsx(other, tmp_path / "t2.xlsx")
    finally:
        other.close()
    a, b = load_workbook(path), load_workbook(path2)
    for name in ("Arviot", "Toimenpiteet", "Asteikko"):
        assert [list(r) for r in a[name].iter_rows(values_only=True)] == [list(r) for r in b[name].iter_rows(values_only=True)]


def test_layout_is_measure_rows_and_month_columns(store, tmp_path):
    small_tracker(store)
    path = svc.export_measures_xlsx(store, tmp_path / "t.xlsx")
    ws = load_workbook(path)["Arviot"]
    assert [c.value for c in ws[1]][:3] == ["Hyötytavoite", "Kärki", "Kehittämistoimenpide"]
    assert [c.value for c in ws[1]][3:] == [2021, 2021, 2022]
    assert [c.value for c in ws[2]][3:] == [4, 10, 4]
    assert [c.value for c in ws[3]] == ["Saatavuus", "Vastaanotto", "Etävastaanotot", 1, 3, 5]
    assert ws["D3"].fill.fgColor.rgb == "FFFFFFCC"  # rating 1's colour
    assert ws.data_validations.dataValidation[0].formula1 == "1"


def test_rating_out_of_range_names_the_cell_and_changes_nothing(store, tmp_path):
    ids = small_tracker(store)
    before = svc.load_tracker(store)
    rows = [["Hyötytavoite", "Kärki", "Kehittämistoimenpide", 2021, None],
            [None, None, None, 4, 10],
            ["Saatavuus", "Vastaanotto", "Etävastaanotot", 2, 2],
            [None, None, "Omaolo", 2, 3],
            [None, None, "Uusi toimenpide", 1, None],
            [None, None, "Toinen uusi", None, 1],
            [None, None, "Kolmas", 7, "kaksi"]]
    path = _sheet(tmp_path / "bad.xlsx", rows)
    with pytest.raises(UserError) as err:
        svc.import_measures_xlsx(store, path)
    assert err.value.problems == [
        "Taulukko 'Arviot', solu D7: arvo 7 ei ole välillä 1-5.",
        "Taulukko 'Arviot', solu E7: 'kaksi' ei ole arvio 1-5 (kokonaisluku).",
    ]
    assert "2 virhettä; mitään ei tuotu" in str(err.value)
    assert svc.load_tracker(store) == before
    assert ids  # the store still has its three measures
    assert len(before.measures) == 3


def test_header_and_structure_errors(tmp_path):
    with pytest.raises(UserError, match="ei ole taulukkoa 'Arviot'"):
        read_tracker_xlsx(_sheet(tmp_path / "a.xlsx", [["x"]], title="Muu"))
    with pytest.raises(UserError, match="otsikkoa 'Kehittämistoimenpide'"):
        read_tracker_xlsx(_sheet(tmp_path / "b.xlsx", [["Hyötytavoite", "Kärki", "Nimi", 2020]]))
    bad_month = [["Hyötytavoite", "Kärki", "Kehittämistoimenpide", 2020], [None, None, None, 13], ["G", "A", "M", 1]]
    with pytest.raises(UserError) as err:
        read_tracker_xlsx(_sheet(tmp_path / "c.xlsx", bad_month))
    assert err.value.problems == ["Taulukko 'Arviot', solu D2: '13' ei ole kuukauden numero 1-12."]
    no_name = [["Hyötytavoite", "Kärki", "Kehittämistoimenpide", 2020], [None, None, None, 10], ["G", "A", None, 3]]
    with pytest.raises(UserError) as err:
        read_tracker_xlsx(_sheet(tmp_path / "d.xlsx", no_name))
    assert err.value.problems == ["Taulukko 'Arviot', solu C3: rivillä on arvioita mutta ei toimenpiteen nimeä."]
    dup = [["Hyötytavoite", "Kärki", "Kehittämistoimenpide", 2020], [None, None, None, 10],
           ["G", "A", "M", 3], ["G", "A", " m ", 2]]
    with pytest.raises(UserError) as err:
        read_tracker_xlsx(_sheet(tmp_path / "e.xlsx", dup))
    assert err.value.problems[0].startswith("Taulukko 'Arviot', solu C4: toimenpide 'm' on jo aiemmalla rivillä")
    (tmp_path / "f.xlsx").write_text("not a zip")
    with pytest.raises(UserError, match="ei ole Excel-tiedosto"):
        read_tracker_xlsx(tmp_path / "f.xlsx")


def test_seed_style_sheet_inherits_years_and_groups(tmp_path):
    rows = [["Kehittämistoimenpiteiden oma-arviointi"],
            ["Hyötytavoite", "Kärki", "Kehittämistoimenpide", 2020, None, None],
            [None, None, None, 10, 11, 12],
            ["Kustannusten nousun hillitseminen", "Palveluketjujen yhtenäistäminen", "Lähetteiden määrä vähenee", 1, None, "2 suunnitellaan"],
            [None, None, "Vastuunjako on määritelty", 1.0, "", None],
            [None, "Lasten, nuorten ja perheiden palvelut", "Lastensuojelun kulukehitys", "1", None, None],
            [None, None, None, None, None, None]]
    records, months = read_tracker_xlsx(_sheet(tmp_path / "seed.xlsx", rows))
    assert months == [Month(2020, 10), Month(2020, 11), Month(2020, 12)]
    assert [(r.goal[:10], r.area[:10], r.name[:10]) for r in records] == [
        ("Kustannust", "Palveluket", "Lähetteide"), ("Kustannust", "Palveluket", "Vastuunjak"),
        ("Kustannust", "Lasten, nu", "Lastensuoj")]
    assert records[0].ratings == {Month(2020, 10): 1, Month(2020, 11): None, Month(2020, 12): 2}
    assert records[1].ratings[Month(2020, 10)] == 1 and records[2].ratings[Month(2020, 10)] == 1
    assert records[0].responsible is None  # no details sheet: left unchanged on import


def test_single_header_row_and_empty_cell_removes_rating(store, tmp_path):
    ids = small_tracker(store)
    rows = [["Hyötytavoite", "Kärki", "Kehittämistoimenpide", "2021-04", "2021-10"],
            ["Saatavuus", "Vastaanotto", "Etävastaanotot", 2, None]]
    result = svc.import_measures_xlsx(store, _sheet(tmp_path / "one.xlsx", rows))
    tr = svc.load_tracker(store)
    assert tr.rating(ids["m1"], Month(2021, 4)) == 2
    assert tr.rating(ids["m1"], Month(2021, 10)) is None
    assert tr.rating(ids["m1"], Month(2022, 4)) == 5  # months not in the file stay
    assert (result.measures_added, result.measures_updated, result.ratings_set, result.ratings_removed) == (0, 1, 1, 1)
    assert tr.rating(ids["m2"], Month(2021, 4)) == 2  # measures not in the file stay


def test_import_is_one_undoable_step(store, tmp_path):
    small_tracker(store)
    before = svc.load_tracker(store)
    rows = [["Hyötytavoite", "Kärki", "Kehittämistoimenpide", "2021-04"], ["Uusi tavoite", "Uusi kärki", "Uusi", 4]]
    records, months = read_tracker_xlsx(_sheet(tmp_path / "u.xlsx", rows))
    cmd = svc.ImportRecords(store, records, months, "u.xlsx")
    cmd.do()
    assert len(svc.load_tracker(store).measures) == 4
    cmd.undo()
    assert svc.load_tracker(store) == before
