"""Suppression that holds: on every report type, every single-margin subtraction (a shown total minus
the shown cells of its row, column or the totals beside it) is tried, and no hidden figure may come
out exactly. The same subtraction on primary suppression alone ("<5" only) recovers hidden figures:
the attack is real."""

from __future__ import annotations

import json
import math

import pytest

from desktop.analysis import privacy
from desktop.cli import main
from desktop.store import open_store
from tests.segments.event_frames import demo_like_records, single_year_population, write_store

pytest.importorskip("desktop.services.classification")

ADDITIVE = ("contacts", "units", "cost_eur")
CUTS = ["segment", "municipality", "service", "structure", "sex", "age_band", "aura", "municipality,sex",
        "segment,structure"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    records = demo_like_records(n_persons=25)
    return str(write_store(tmp_path_factory.mktemp("diff") / "alue.sote", records, single_year_population()))


def _number(value) -> float | None:
    if value is None or isinstance(value, str):
        return None
    value = float(value)
    return None if math.isnan(value) else value


def leaks(lines, measures=(*ADDITIVE, "clients")) -> list[str]:
    """Every exact recovery by one subtraction. `lines`: (name, [(true, shown) per cell], (true, shown) of
    the total). A figure is tried on the lines whose cells truly add up to the total: distinct persons
    counted in several cells, or overlapping segments, do not subtract (a match there is chance)."""
    found = []
    for name, cells, (true_total, shown_total) in lines:
        for m in measures:
            truth = [_number(t.get(m)) or 0.0 for t, _s in cells]
            if abs(sum(truth) - (_number(true_total.get(m)) or 0.0)) > 1e-6:
                continue
            hidden = [(_number(t.get(m)) or 0.0) for t, s in cells if _number(s.get(m)) is None and t.get(m)]
            shown_sum = sum(_number(s.get(m)) for _t, s in cells if _number(s.get(m)) is not None)
            total = _number(shown_total.get(m))
            if total is None:
                if not hidden and (_number(true_total.get(m)) or 0.0) > 0 and privacy.is_hidden_mark(
                        shown_total.get("clients")):
                    found.append(f"{name}: hidden total {m} = sum of shown cells")
                continue
            for value in hidden:
                if abs(total - shown_sum - value) < 1e-6:
                    found.append(f"{name}: hidden {m} {value} = total {total} - shown {shown_sum}")
    return found


def traffic_light_lines(result, rows_shown, levels_shown, groups_shown, total_shown) -> list:
    """The margins of a traffic-light table: each level over the groups with the level total, each
    group over the levels with its group total, the level totals and the group totals with the grand total."""
    by = list(result.by)
    true_rows = result.rows.to_dict("records")
    lines = []
    level_true = {r["level"]: r for r in result.level_totals.to_dict("records")}
    level_shown = {r["level"]: r for r in levels_shown}
    for level in level_true:
        cells = [(t, s) for t, s in zip(true_rows, rows_shown, strict=True) if t["level"] == level]
        lines.append((f"level {level}", cells, (level_true[level], level_shown[level])))
    lines.append(("levels", [(level_true[lv], level_shown[lv]) for lv in level_true], (result.totals, total_shown)))
    if groups_shown is not None:
        key = lambda r: tuple(str(r[d]) for d in by)  # noqa: E731
        group_true = {key(r): r for r in result.group_totals.to_dict("records")}
        group_shown = {key(r): r for r in groups_shown}
        for g in group_true:
            cells = [(t, s) for t, s in zip(true_rows, rows_shown, strict=True) if key(t) == g]
            lines.append((f"group {g}", cells, (group_true[g], group_shown[g])))
        lines.append(("groups", [(group_true[g], group_shown[g]) for g in group_true], (result.totals, total_shown)))
    return lines


@pytest.mark.parametrize("by", CUTS)
@pytest.mark.parametrize("years", ["2024", "2023-2024"])
def test_no_traffic_light_table_gives_a_hidden_cell_by_subtraction(store, by, years, capsys):
    from desktop.services import traffic_lights as svc

    assert main(["report", store, "traffic-light", "--by", by, "--years", years, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    with open_store(store, readonly=True) as s:
        data = svc.TrafficLightData(s)
        result = data.table(svc.parse_by(by), svc.parse_years(None, years))
        groups = svc.group_totals_table(result).to_dict("records")
        table = svc.display_table(result).to_dict("records")
        level_table = svc.level_totals_table(result).to_dict("records")
    assert len(doc["rows"]) == len(result.rows)
    HIDDEN_SEEN.append(sum(privacy.is_hidden_mark(r["clients"]) for r in doc["rows"]))
    # the JSON (with the group totals the charts and the PDF write at each row end)
    assert leaks(traffic_light_lines(result, doc["rows"], doc["totals"]["levels"], groups, doc["totals"])) == []
    # the screen table, the CSV and the XLSX ("Liikennevalot" and "Yhteensä")
    assert leaks(traffic_light_lines(result, table, level_table, groups, doc["totals"])) == []

    # primary suppression alone: the same subtractions give hidden figures back
    primary_rows = privacy.suppress_table(result.rows).to_dict("records")
    primary_groups = privacy.suppress_table(result.group_totals).to_dict("records")
    primary_levels = privacy.suppress_table(result.level_totals).to_dict("records")
    PRIMARY_LEAKS.extend(leaks(traffic_light_lines(result, primary_rows, primary_levels, primary_groups, result.totals)))


HIDDEN_SEEN: list[int] = []
PRIMARY_LEAKS: list[str] = []


def test_the_cuts_above_had_small_groups_and_primary_suppression_alone_leaked():
    """The test means something: most cuts hid cells, and "<5" alone gave figures back."""
    assert len(HIDDEN_SEEN) == 2 * len(CUTS) and sum(h > 0 for h in HIDDEN_SEEN) >= len(CUTS)
    assert len(PRIMARY_LEAKS) >= 10, PRIMARY_LEAKS


def test_report_pages_tables_give_no_hidden_group_by_subtraction(store):
    """The PDF's (and the page's) structure, largest-services and municipality tables against the
    totals, for the whole county and for small filtered selections (where groups get small)."""
    from desktop.reports import traffic_light as pages
    from desktop.services import traffic_lights as svc

    checked = 0
    with open_store(store, readonly=True) as s:
        data = svc.TrafficLightData(s)
        for year in ([2024], [2023, 2024]):
            for filters in (None, {"municipality": ("216",)}, {"municipality": ("182",), "sex": ("2",)}):
                whole = data.table(("segment",), year, filters)
                total, shown_total = whole.totals, svc.result_json(whole)["totals"]
                for dim, page in (("structure", pages.structure_page(data, year, filters)),
                                  ("service", pages.pareto_page(data, year, filters, top=100))):
                    truth = data.table((dim,), year, filters).group_totals.set_index(dim)
                    shown = page.table.to_dict("records")
                    cells = [(truth.loc[r[dim]].to_dict(), r) for r in shown]
                    measures = [m for m in ("cost_eur", "contacts", "clients") if m in page.table.columns]
                    assert leaks([(dim, cells, (total, shown_total))], measures) == [], (dim, year, filters)
                    checked += sum(privacy.is_hidden_mark(r["clients"]) for r in shown)
                muni = pages.municipality_table(data, year, filters)
                truth = data.table(("municipality",), year, filters).group_totals.sort_values("municipality")
                cells = list(zip(truth.to_dict("records"), muni.to_dict("records"), strict=True))
                assert leaks([("municipality", cells, (total, shown_total))], ("clients",)) == []
    assert checked >= 4  # small groups were there to hide


def test_segment_tables_give_no_hidden_segment_by_subtraction(store, capsys):
    """Segment sizes against the distinct persons in all segments; the largest combinations against
    the total and against each segment's size."""
    from desktop.services.segments import segment_suppression, shown_intersections, store_membership

    assert main(["segments", store, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    with open_store(store, readonly=True) as s:
        m = store_membership(s)
        year = doc["year"]
        sizes = m.masks[year].sum(axis=1)
        total = {"persons": m.total_persons(year)}
        cells = [({"persons": int(n)}, {"persons": seg["persons"]}) for n, seg in zip(sizes, doc["segments"], strict=True)]
        assert leaks([("sizes", cells, (total, {"persons": doc["total_persons"]}))], ("persons",)) == [] or \
            abs(sum(sizes) - total["persons"]) > 0  # overlapping segments do not subtract at all
        inter = m.intersections(year)
        shown = shown_intersections(m, year, privacy.min_group(s)).to_dict("records")
        combo_cells = [({"persons": c}, r) for (_rows, c), r in zip(inter, shown, strict=True)]
        assert leaks([("combinations", combo_cells, (total, {"persons": doc["total_persons"]}))], ("persons",)) == []
        for i, seg in enumerate(doc["segments"]):
            holding = [cell for cell, (rows, _c) in zip(combo_cells, inter, strict=True) if i in rows]
            if len(holding) and sum(c[0]["persons"] for c in holding) == sizes[i]:
                assert leaks([(seg["name"], holding, ({"persons": int(sizes[i])}, {"persons": seg["persons"]}))],
                             ("persons",)) == []
        assert segment_suppression(m, year, privacy.min_group(s))[1].hidden.any() or not any(
            0 < c < 5 for _r, c in inter)


def test_the_smallest_group_is_a_project_setting(store, tmp_path, capsys):
    import shutil

    copy = tmp_path / "kopio.sote"
    shutil.copy(store, copy)
    assert main(["privacy", str(copy), "--min-group", "3"]) == 2
    assert "vähintään 5" in capsys.readouterr().err
    assert main(["privacy", str(copy), "--min-group", "10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["min_group"] == 10
    assert main(["report", str(copy), "traffic-light", "--by", "municipality", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert "<10" in {r["clients"] for r in rows}
    assert all(r["clients"] >= 10 for r in rows if isinstance(r["clients"], int))  # groups of 5-9 hidden too


# ------------------------------------------------------------------------------ personnel tables
def personnel_lines(true, shown) -> list:
    """The margins of a personnel table (desktop.analysis.staff_tables.PersonnelTable): one dimension, the
    groups with the total; two, each row's and column's cells with its total and either dimension's totals
    with the total."""
    by = true.by
    lines = []
    if len(by) == 1:
        cells = list(zip(true.rows.to_dict("records"), shown.rows.to_dict("records"), strict=True))
        return [(by[0], cells, (true.total, shown.total))]
    cells = list(zip(true.rows.to_dict("records"), shown.rows.to_dict("records"), strict=True))
    for d in by:
        other = next(o for o in by if o != d)
        margin = list(zip(true.margins[other].to_dict("records"), shown.margins[other].to_dict("records"), strict=True))
        for t_m, s_m in margin:
            lines.append((f"{other} {t_m[other]}", [c for c in cells if c[0][other] == t_m[other]], (t_m, s_m)))
        totals = list(zip(true.margins[d].to_dict("records"), shown.margins[d].to_dict("records"), strict=True))
        lines.append((f"{d} totals", totals, (true.total, shown.total)))
    return lines


def test_personnel_tables_give_no_hidden_wages_by_subtraction(tmp_path, capsys):
    """Every personnel table (by cost centre, professional group, service, and two-way) and the allocated
    personnel page's table: no single-margin subtraction gives one group's wages or head count; with a
    small group in each line primary suppression alone gives them back."""
    from desktop.analysis.staff_tables import personnel_table, shown_staff_groups
    from desktop.services.resources import load_staff
    from tests.privacy.test_personnel import STAFF
    from tests.resources.helpers import write_resource_store

    (tmp_path / "h.csv").write_text(STAFF, encoding="utf-8")
    path = tmp_path / "h.sote"
    assert main(["import", str(path), "staff", str(tmp_path / "h.csv")]) == 0
    measures = ("wages_eur", "employees")
    primary_leaks, hidden = [], 0
    with open_store(path, readonly=True) as s:
        staff = load_staff(s)
        staff = staff[staff["year"] == 2024]
        within = ("cost_centre", "professional_group")
        for by in (("professional_group",), ("cost_centre",), within):
            true = personnel_table(staff, by, 1, within)
            shown = personnel_table(staff, by, 5, within)
            assert leaks(personnel_lines(true, shown), measures) == [], by
            hidden += sum(privacy.is_hidden_mark(v) for v in shown.rows["employees"])
            alone = personnel_table(staff, by, 1, within)  # primary suppression alone, on the same lines
            alone.rows = privacy.suppress_table(true.rows, ("employees",), ("wages_eur", "wages_per_fte"))
            alone.margins = {d: privacy.suppress_table(m, ("employees",), ("wages_eur", "wages_per_fte"))
                             for d, m in true.margins.items()}
            primary_leaks += leaks(personnel_lines(true, alone), measures)
    assert hidden >= 5 and len(primary_leaks) >= 2, primary_leaks  # the attack is real

    # the personnel page (allocated personnel reaching events; groups with their total row)
    from desktop.reports.resources import staff_level_page
    from desktop.services.resources import allocated_by_name, store_allocation
    from desktop.services.traffic_lights import TrafficLightData

    resource_store = write_resource_store(tmp_path / "r.sote")
    with open_store(resource_store, readonly=True) as s:
        page = staff_level_page(TrafficLightData(s), [2024]).table
        services = allocated_by_name(s, store_allocation(s))
        services = services[services["service"].isin(set(TrafficLightData(s).events["service"].astype(str)))]
        true = shown_staff_groups(services, "professional_group", ("service", "professional_group"), 1, [2024])
    true_rows, shown_rows = true.to_dict("records"), page.to_dict("records")
    assert [r["professional_group"] for r in true_rows] == [r["professional_group"] for r in shown_rows]
    cells = list(zip(true_rows[:-1], shown_rows[:-1], strict=True))
    assert leaks([("page", cells, (true_rows[-1], shown_rows[-1]))], measures) == []
    assert sum(privacy.is_hidden_mark(r["employees"]) for r in shown_rows) == 2
