"""Under a filter, allocated resource figures (ledger euros, FTEs) are the selected events' euros times a
public ratio (each service's books over its euros, from the unfiltered figures). A total of them shown
beside the hidden cells is then a second sum over those cells beside the euros' one, and two hidden
cells with different ratios are solved from the two sums. Each test plays that attack on a small real
store: a control with the total shown (as before the fix) recovers the hidden figure exactly, the real
output does not."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from desktop.cli import main
from desktop.store import open_store
from tests.resources.helpers import write_resource_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return str(write_resource_store(tmp_path_factory.mktemp("ledgershare") / "alue.sote"))


def run_json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def solve_two(ratios, euros_sum, resource_sum):
    """The two hidden cells' euros from their euros' sum and their resource figures' sum
    (resource = euros / ratio, ratio = the cell's euros per resource unit, public)."""
    a = np.array([[1.0, 1.0], [1.0 / ratios[0], 1.0 / ratios[1]]])
    return np.linalg.solve(a, np.array([euros_sum, resource_sum]))


def test_filtered_reconciliation_total_ledger_does_not_solve_the_hidden_classes(store, capsys):
    from desktop.services.resources import reconciliation

    whole = {r["aura_code"]: r for r in run_json(capsys, "report", store, "reconciliation", "--json")["rows"]}
    doc = run_json(capsys, "report", store, "reconciliation", "--filter", "municipality=179", "--json")
    hidden = [r for r in doc["rows"] if r["event_eur"] is None]
    shown = [r for r in doc["rows"] if r["event_eur"] is not None]
    assert len(hidden) == 2 and "2235" in {r["aura_code"] for r in hidden}  # home care: 4 clients in 179
    ratios = [whole[r["aura_code"]]["event_eur"] / whole[r["aura_code"]]["ledger_eur"] for r in hidden]
    assert ratios[0] != pytest.approx(ratios[1])  # the attack needs two different public ratios
    total = doc["totals"][0]
    euros_sum = total["event_eur"] - sum(r["event_eur"] for r in shown)

    # the control: the year's exact ledger total shown (as before the fix) solves both hidden classes
    with open_store(store, readonly=True) as s:
        from desktop.services.resources import filtered_reconciliation
        from desktop.services.traffic_lights import TrafficLightData

        exact, _shown = filtered_reconciliation(TrafficLightData(s), [2024], {"municipality": ("179",)})
        assert len(reconciliation(s))  # the books are there
    ledger_total = float(exact["ledger_eur"].sum())
    exact_ledger = exact.set_index("aura_code")["ledger_eur"]  # the shown classes' parts, as before the fix
    solved = solve_two(ratios, euros_sum, ledger_total - sum(float(exact_ledger[r["aura_code"]]) for r in shown))
    truth = exact.set_index("aura_code").loc[[r["aura_code"] for r in hidden], "event_eur"].to_numpy()
    assert solved == pytest.approx(truth) and 320.0 in [round(v, 2) for v in solved]  # home care's 320 € back

    # the real output: the ledger total (and the coverage and difference it gives) hidden with the classes
    assert total["ledger_eur"] is None and total["coverage_pct"] is None and total["difference_eur"] is None
    assert total["event_eur"] == pytest.approx(float(exact["event_eur"].sum()))  # the event total stays shown
    assert main(["report", store, "reconciliation", "--filter", "municipality=179"]) == 0
    text = capsys.readouterr().out
    assert "2024 yhteensä: kirjanpito –" in text
    # unfiltered the ledger is the books': the total stays
    assert run_json(capsys, "report", store, "reconciliation", "--json")["totals"][0]["ledger_eur"] is not None


def test_the_workshop_sentence_keeps_the_filtered_ledger_total_hidden(store):
    from desktop.reports.resources import reconciliation_page
    from desktop.services.traffic_lights import TrafficLightData

    with open_store(store, readonly=True) as s:
        data = TrafficLightData(s)
        page = reconciliation_page(data, [2024], {"municipality": ("179",)})
        whole = reconciliation_page(data, [2024])
    assert "Kirjanpidon osuuksien summaa ei näytetä" in page.text and "2\u00a0360" not in page.text  # 400 + 960 + 1 000
    assert "Tapahtumatieto selittää" in whole.text and "Kirjanpidon osuuksien" not in whole.text


def test_filtered_traffic_light_level_totals_do_not_solve_the_hidden_services(store, capsys, tmp_path):
    """`report traffic-light --by service --filter municipality=179`: home care (4 clients in 179) and its
    complement, the doctors' visits, are hidden; the yellow level total shows their euros' sum. Its ledger
    euros, as shown before the fix, were a second sum weighted by the services' public books/euros ratios
    (home care 500 € / 400 €, doctors 600 € / 300 € unfiltered) and gave home care's 320 € back."""
    from desktop.services.traffic_lights import TrafficLightData

    whole = {r["service"]: r for r in run_json(capsys, "report", store, "traffic-light", "--by", "service",
                                               "--json")["rows"]}
    doc = run_json(capsys, "report", store, "traffic-light", "--by", "service", "--filter", "municipality=179",
                   "--json")
    rows = {r["service"]: r for r in doc["rows"]}
    hidden = [s for s, r in rows.items() if r["level"] == "yellow" and r["cost_eur"] is None]
    assert sorted(hidden) == ["Kotihoito", "Lääkärin vastaanotto"] and rows["Kotihoito"]["clients"] == "<5"
    ratios = [whole[s]["cost_eur"] / whole[s]["ledger_eur"] for s in hidden]  # public: 0.8 and 0.5
    yellow = next(r for r in doc["totals"]["levels"] if r["level"] == "yellow")
    shown_eur = sum(r["cost_eur"] for r in doc["rows"] if r["level"] == "yellow" and r["cost_eur"] is not None)
    shown_ledger = sum(r["ledger_eur"] for r in doc["rows"] if r["level"] == "yellow" and r["ledger_eur"] is not None)

    with open_store(store, readonly=True) as s:
        result = TrafficLightData(s).table(("service",), None, {"municipality": ("179",)})
    exact = result.level_totals.set_index("level").loc["yellow"]
    truth = result.rows.set_index("service").loc[hidden, "cost_eur"].to_numpy()
    # the control: the level total's exact ledger euros (shown before the fix) solve both hidden services
    solved = solve_two(ratios, yellow["cost_eur"] - shown_eur, float(exact["ledger_eur"]) - shown_ledger)
    assert solved == pytest.approx(truth) and solved[0] == pytest.approx(320.0)

    # the real output: the level totals and the grand total that sum the hidden rows show no resource figures
    assert yellow["cost_eur"] == pytest.approx(float(exact["cost_eur"]))  # the euros stay shown
    for level in [*doc["totals"]["levels"], doc["totals"]]:
        if level is doc["totals"] or level["clients"]:
            assert all(level[m] is None for m in ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact"))
    # the XLSX's "Yhteensä" sheet (the same level totals) likewise
    out = tmp_path / "liikennevalot.xlsx"
    assert main(["report", store, "traffic-light", "--by", "service", "--filter", "municipality=179",
                 "--xlsx", str(out)]) == 0
    capsys.readouterr()
    import pandas as pd

    sheet = pd.read_excel(out, sheet_name="Yhteensä", engine="openpyxl")
    yellow_row = sheet[sheet.iloc[:, 0].astype(str).str.contains("yellow|Keltainen|keltainen")]
    assert len(yellow_row) == 1 and yellow_row["Kirjanpidon eurot"].isna().all()
    # unfiltered, a level total is its services' whole books: shown
    levels = run_json(capsys, "report", store, "traffic-light", "--by", "service", "--json")["totals"]["levels"]
    assert next(r for r in levels if r["level"] == "yellow")["ledger_eur"] == pytest.approx(1100.0)


@pytest.fixture(scope="module")
def years_store(tmp_path_factory):
    from tests.resources.helpers import write_years_store

    return str(write_years_store(tmp_path_factory.mktemp("ledgeryears") / "alue.sote"))


@pytest.mark.parametrize("filters", [{}, {"sex": ("2",)}])
@pytest.mark.parametrize("measure", ["ledger_eur", "fte"])
def test_the_central_chart_hides_a_group_resource_total_that_sums_a_hidden_cell(years_store, filters, measure):
    """A group's (segment's) cells lie in services of different levels, each with its own books/euros
    ratio: its FTE or ledger total beside its euros' total would be a second sum over its hidden cells
    (of this cut, or of the cut by segment and service).
    So the bar of a group with a hidden cell shows neither that total nor the shares (which with the
    shown cells would give it back); the other groups' totals stay exact."""
    from matplotlib.figure import Figure

    from desktop.analysis import privacy
    from desktop.reports.traffic_light import central_page, central_table
    from desktop.services.traffic_lights import TrafficLightData, resource_hidden, suppression

    with open_store(years_store, readonly=True) as s:
        data = TrafficLightData(s)
        result = data.table(("segment",), [2024], filters)
        shares, _small, totals = central_table(result, measure, "segment")
        page = central_page(data, [2024], filters, measure, "segment", result=result)
    groups = result.group_totals.reset_index(drop=True)
    with_hidden = set(result.rows.loc[suppression(result).rows.hidden, "segment"].astype(str))
    # and the groups holding a hidden (segment x service) cell: their totals would solve those cells
    with_hidden |= set(result.service_cells_hidden["segment"])
    assert with_hidden and set(groups.loc[resource_hidden(result).groups, "segment"].astype(str)) == with_hidden
    assert set(groups["segment"].astype(str)) - with_hidden  # some groups stay shown
    for rec in groups.to_dict("records"):
        group = str(rec["segment"])
        bar = shares[shares["segment"].astype(str) == group].iloc[0]
        if group in with_hidden:
            assert privacy.is_hidden_mark(totals[group])
            assert all(bar[f"share_{lv}"] == 0.0 for lv in ("green", "yellow", "red", "unclassified"))
        else:
            assert totals[group] == pytest.approx(rec[measure])
    fig = Figure()
    page.draw(fig)
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    from desktop.charts.traffic_lights import measure_text

    for rec in groups.to_dict("records"):
        if str(rec["segment"]) in with_hidden and rec[measure] > 0:
            assert measure_text(rec[measure], measure) not in texts


@pytest.fixture(scope="module")
def home_care_staff(tmp_path_factory):
    """The small store with the home-care centre's practical nurses (10 FTE) allocated to home care."""
    import shutil

    from desktop.core.resource_rules import ResourceRule, ServiceShare
    from desktop.services.classification import load_versions, save_classification

    path = tmp_path_factory.mktemp("homecare") / "alue.sote"
    shutil.copy(write_resource_store(path.parent / "pohja.sote"), path)
    with open_store(str(path)) as s:
        version = load_versions(s)[-1]
        version.resource_rules = [*version.resource_rules,
                                  ResourceRule("cost_centre", "KP-KH", [ServiceShare("KOTIHOITO", 1.0)])]
        save_classification(s, version)
    return str(path)


def test_the_filtered_personnel_tab_does_not_give_a_hidden_service_back(home_care_staff, capsys):
    """The traffic-light page's personnel tab ("Htv tasoittain") under municipality 179: the yellow
    services' FTEs are their selected euros times public FTE/euro ratios (home care 10 FTE / 400 €, doctors'
    visits 4 FTE / 300 € unfiltered); with the yellow level's euros (shown) they solved home care's 320 €."""
    from desktop.core.errors import UserError
    from desktop.presenters.traffic_light_charts import staff_page
    from desktop.reports.resources import staff_level_page
    from desktop.services.resources import staff_tables
    from desktop.services.traffic_lights import TrafficLightData

    whole = {r["service"]: r for r in run_json(capsys, "report", home_care_staff, "traffic-light", "--by", "service",
                                               "--json")["rows"]}
    assert whole["Kotihoito"]["fte"] == pytest.approx(10.0)
    doc = run_json(capsys, "report", home_care_staff, "traffic-light", "--by", "service", "--filter",
                   "municipality=179", "--json")
    hidden = sorted(r["service"] for r in doc["rows"] if r["level"] == "yellow" and r["cost_eur"] is None)
    assert hidden == ["Kotihoito", "Lääkärin vastaanotto"]
    yellow_eur = next(r for r in doc["totals"]["levels"] if r["level"] == "yellow")["cost_eur"]
    filters = {"municipality": ("179",)}
    with open_store(home_care_staff, readonly=True) as s:
        data = TrafficLightData(s)
        held = data.for_years([2024])
        levels = staff_tables(s, held.events, [2024], filters, held.membership)["levels"]
        # the control: the tab's yellow FTEs as drawn before the fix solve both hidden services
        ratios = [whole[h]["cost_eur"] / whole[h]["fte"] for h in hidden]
        solved = solve_two(ratios, yellow_eur, float(levels["yellow"].sum()))
        assert solved[0] == pytest.approx(320.0) and solved[1] == pytest.approx(300.0)
        # the real tab and page: refused in Finnish, saying why
        with pytest.raises(UserError, match="alle 5 asiakasta"):
            staff_level_page(data, [2024], filters)
        with pytest.raises(UserError, match="htv:istä voisi laskea piilotetut eurot"):
            staff_page(data, [2024], filters)
        # without filters the page shows the books' FTEs (no person's euros in them)
        page = staff_level_page(data, [2024])
    assert page is not None and "19,0 henkilötyövuodesta"  # 3 + 2 + 4 + 10 in page.text


def test_a_segment_with_a_hidden_cell_shows_no_resource_totals(years_store, capsys):
    """`segments --json` and the Segmentit page: "Lapset ja nuoret" 2024 has a green cell of fewer than 5
    clients and a red complement on the traffic lights (one service each: neuvola, round-the-clock
    housing). Its FTEs (as computed and shown before the fix) minus its shown yellow cell's, with its euros
    minus the yellow cell's and the two services' public FTE/euro ratios, gave the green cell's euros.
    (This store's ratios differ only in the fourth digit, so the control takes the unrounded FTEs; with
    a county's services, whose ratios differ many-fold, the shown one-decimal figure is enough.)"""
    from desktop.services.segments import shown_segment_sizes
    from desktop.services.traffic_lights import TrafficLightData, result_json

    services = {r["service"]: r for r in run_json(capsys, "report", years_store, "traffic-light", "--by", "service",
                                                  "--year", "2024", "--json")["rows"]}
    doc = run_json(capsys, "segments", years_store, "--json")
    assert doc["year"] == 2024
    segment = next(r for r in doc["segments"] if r["name"] == "Lapset ja nuoret")
    with open_store(years_store, readonly=True) as s:
        data = TrafficLightData(s, years=[2024])
        result = data.table(("segment",), [2024], {})
        cells = {r["level"]: r for r in result_json(result)["rows"] if r["segment"] == "Lapset ja nuoret"}
        from desktop.analysis.segments import segment_sizes

        exact = segment_sizes(data.membership).set_index(["segment", "year"]).loc[("Lapset ja nuoret", 2024)]
        shown = shown_segment_sizes(data.membership, segment_sizes(data.membership), 2024, data.min_group)
    assert cells["green"]["clients"] == "<5" and cells["red"]["clients"] == ".."
    level_of = {"green": next(r for r in services.values() if r["level"] == "green"),
                "red": next(r for r in services.values() if r["level"] == "red")}
    whole = data.table(("service",), [2024], {}).rows.set_index("level")
    assert all(whole.loc[lv, "cost_eur"] == pytest.approx(level_of[lv]["cost_eur"]) for lv in ("green", "red"))
    ratios = [float(whole.loc[lv, "cost_eur"] / whole.loc[lv, "fte"]) for lv in ("green", "red")]  # public
    truth = result.rows.set_index(["segment", "level"]).loc[[("Lapset ja nuoret", "green"), ("Lapset ja nuoret", "red")],
                                                            "cost_eur"].to_numpy()
    yellow = result.rows.set_index(["segment", "level"]).loc[("Lapset ja nuoret", "yellow")]
    # the control: the segment's FTEs and its yellow cell's (both shown before the fix) solve the <5 cell
    solved = solve_two(ratios, segment["cost_eur"] - cells["yellow"]["cost_eur"],
                       float(exact["fte"]) - float(yellow["fte"]))
    assert solved == pytest.approx(truth, abs=0.01)
    # the real outputs: the segment's euros and persons stay, its resource figures do not
    assert segment["persons"] == 23 and segment["cost_eur"] == pytest.approx(float(exact["cost_eur"]), abs=0.01)
    assert all(segment[c] is None for c in ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact"))
    # (the yellow cell's own FTEs are hidden now too: a yellow service cell of the segment is hidden)
    assert cells["yellow"]["cost_eur"] is not None and cells["yellow"]["fte"] is None
    row = shown[shown["segment"] == "Lapset ja nuoret"].iloc[0]
    assert row["ledger_eur"] is None and row["fte"] is None and row["persons"] == 23
    # a segment whose cells are all shown keeps them, exact
    full = next(r for r in doc["segments"] if r["name"] == "Laajempi tarve")
    assert all(c["cost_eur"] is not None for c in result_json(result)["rows"] if c["segment"] == "Laajempi tarve")
    sizes = segment_sizes(data.membership).set_index(["segment", "year"]).loc[("Laajempi tarve", 2024)]
    assert full["ledger_eur"] == pytest.approx(float(sizes["ledger_eur"]), abs=0.005)


def test_a_row_holding_a_hidden_service_cell_shows_no_resource_figures(years_store, capsys):
    """Across cuts: `--by segment,service` hides two yellow service cells of "Iäkkäät" (a complement
    pair); the `--by segment` row (Iäkkäät, yellow) is their total "shown elsewhere". Its euros minus the
    shown cells give the pair's sum; its FTEs (shown before the fix) minus the shown cells' gave a second,
    differently weighted sum, and the two solved both cells. Now that row shows no FTEs or ledger euros,
    in the JSON and in the CSV."""
    import pandas as pd

    from desktop.services.traffic_lights import TrafficLightData

    services = {r["service"]: r for r in run_json(capsys, "report", years_store, "traffic-light", "--by", "service",
                                                  "--year", "2024", "--json")["rows"]}
    fine = run_json(capsys, "report", years_store, "traffic-light", "--by", "segment,service", "--year", "2024",
                    "--json")["rows"]
    coarse = run_json(capsys, "report", years_store, "traffic-light", "--by", "segment", "--year", "2024",
                      "--json")["rows"]
    line = [r for r in fine if r["segment"] == "Iäkkäät" and r["level"] == "yellow"]
    hidden = [r["service"] for r in line if r["cost_eur"] is None]
    assert len(hidden) == 2 and all(r["clients"] == ".." for r in line if r["cost_eur"] is None)
    row = next(r for r in coarse if r["segment"] == "Iäkkäät" and r["level"] == "yellow")
    assert row["cost_eur"] is not None  # the row's euros stay shown
    euros_sum = row["cost_eur"] - sum(r["cost_eur"] for r in line if r["cost_eur"] is not None)
    with open_store(years_store, readonly=True) as s:
        data = TrafficLightData(s, years=[2024])
        exact_row = data.table(("segment",), [2024], {}).rows.set_index(["segment", "level"]).loc[("Iäkkäät", "yellow")]
        exact_fine = data.table(("segment", "service"), [2024], {}).rows.set_index(["segment", "service", "level"])
    truth = [float(exact_fine.loc[("Iäkkäät", h, "yellow"), "cost_eur"]) for h in hidden]
    ratios = [services[h]["cost_eur"] / services[h]["fte"] for h in hidden]
    # the control: the row's exact FTEs minus the shown cells' (both shown before the fix)
    shown_fte = sum(float(exact_fine.loc[("Iäkkäät", r["service"], "yellow"), "fte"]) for r in line
                    if r["cost_eur"] is not None)
    solved = solve_two(ratios, euros_sum, float(exact_row["fte"]) - shown_fte)
    assert solved == pytest.approx(truth, abs=0.01)
    # the real output
    assert all(row[c] is None for c in ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact"))
    out = str(Path(years_store).parent / "segmentit.csv")
    assert main(["report", years_store, "traffic-light", "--by", "segment", "--year", "2024", "--csv", out]) == 0
    capsys.readouterr()
    table = pd.read_csv(out, sep=";", encoding="utf-8-sig", dtype=str)
    at = table[(table.iloc[:, 0] == "Iäkkäät") & table.iloc[:, 1].str.contains("eltai|yellow")]
    assert len(at) == 1 and at["Henkilötyövuodet (htv)"].isna().all() and at["Kirjanpidon eurot"].isna().all()


@pytest.mark.parametrize("by", ["segment", "municipality", "age_band", "structure", "service", "segment,municipality"])
@pytest.mark.parametrize("filters", [[], ["sex=2"], ["municipality=179"]])
def test_every_shown_resource_figure_sums_only_shown_service_cells(years_store, capsys, by, filters):
    """The invariant behind the fixes, over cuts and filters of `report traffic-light --json`: a row shows
    FTEs or ledger euros only when its euros are shown and none of its service cells (the same cut by
    service, same filters) is hidden; filtered, a level total or the grand total only when no row or service
    cell of it is hidden; unfiltered they are whole services' books and always shown."""
    argv = ["report", years_store, "traffic-light", "--year", "2024", "--json"]
    for f in filters:
        argv += ["--filter", f]
    doc = run_json(capsys, *argv, "--by", by)
    dims = by.split(",")
    fine = run_json(capsys, *argv, "--by", by if "service" in dims else f"{by},service")
    hidden_cells = {tuple(str(r[d]) for d in [*dims, "level"]) for r in fine["rows"] if r["cost_eur"] is None}
    resources = ("fte", "ledger_eur", "contacts_per_fte", "eur_per_contact")
    shown_rows = 0
    for r in doc["rows"]:
        key = tuple(str(r[d]) for d in [*dims, "level"])
        if r["ledger_eur"] is not None:
            assert r["cost_eur"] is not None and key not in hidden_cells, key
            shown_rows += 1
        if r["cost_eur"] is None or key in hidden_cells:
            assert all(r[c] is None for c in resources), key
    assert shown_rows > 0 or (filters and by == "age_band")  # filtered age bands: every row holds a small cell
    levels = doc["totals"]["levels"]
    for lv in levels:
        touched = any(k[-1] == lv["level"] for k in hidden_cells) or any(
            r["cost_eur"] is None and r["level"] == lv["level"] for r in doc["rows"])
        if filters and touched:
            assert all(lv[c] is None for c in resources), lv["level"]
        elif lv["clients"] and not privacy_hidden(lv["clients"]):
            assert lv["ledger_eur"] is not None, lv["level"]
    if filters and (hidden_cells or any(r["cost_eur"] is None for r in doc["rows"])):
        assert all(doc["totals"][c] is None for c in resources)
    if not filters:
        assert doc["totals"]["ledger_eur"] is not None  # the books


def privacy_hidden(value) -> bool:
    from desktop.analysis import privacy

    return privacy.is_hidden_mark(value)


@pytest.mark.parametrize("filters", [{}, {"age_band": ("0-6",)}])
def test_the_pareto_of_ftes_shows_no_service_total_over_a_hidden_cell(years_store, filters):
    """The Pareto by FTEs (traffic-light page, workshop PDF): a service whose total sums a hidden cell (of
    any year in a range) shows no FTEs, no share and no cumulative share from it on."""
    from desktop.reports.traffic_light import pareto_page
    from desktop.services.traffic_lights import TrafficLightData, resource_hidden

    years = [2021, 2022, 2023, 2024]
    with open_store(years_store, readonly=True) as s:
        data = TrafficLightData(s)
        result = data.table(("service",), years, filters)
        page = pareto_page(data, years, filters, "fte")
    groups = result.group_totals.reset_index(drop=True)
    hidden = set(groups.loc[resource_hidden(result).groups, "service"].astype(str))
    assert bool(hidden) == bool(filters)  # small children's groups in two services
    table = page.table.set_index("service")
    for service in table.index:
        if str(service) in hidden:
            assert table.loc[service, "fte"] is None and table.loc[service, "share"] is None
        else:
            exact = float(groups.set_index("service").loc[service, "fte"])
            assert table.loc[service, "fte"] == pytest.approx(exact)


def test_the_shift_of_ftes_shows_no_share_of_a_group_over_a_hidden_cell(years_store):
    """The year-over-year shift by FTEs: a segment whose FTE total sums a hidden cell shows no level share
    (a shown level's FTEs over its share would give the total back); the others' shares stay exact."""
    from desktop.reports.traffic_light import shift_page
    from desktop.services.traffic_lights import TrafficLightData, resource_hidden

    with open_store(years_store, readonly=True) as s:
        data = TrafficLightData(s)
        page = shift_page(data, 2023, 2024, {}, "fte")
        result = data.table(("segment",), [2024], {})
    hidden = set(result.group_totals.loc[resource_hidden(result).groups, "segment"].astype(str))
    assert hidden
    table = page.table.set_index("segment")
    for segment in table.index:
        values = table.loc[segment, [f"share_{lv}_2024" for lv in ("green", "yellow", "red")]].astype(float)
        if str(segment) in hidden:
            assert values.isna().all(), segment
        else:
            rows = result.rows[result.rows["segment"].astype(str) == str(segment)]
            share = float(rows.loc[rows["level"] == "green", "fte"].sum()) / float(rows["fte"].sum())
            assert values["share_green_2024"] == pytest.approx(share), segment
