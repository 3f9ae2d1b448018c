"""Service-network actions shared by the CLI and the Palveluverkko page: reach goals (with the
Keski-Suomi defaults of seed 002), the reach computation context, scenarios, road networks and the
optimal-sites search. Each function opens its own short transaction."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import delete, select

from desktop.analysis.reach import ReachGoal, sites_frame
from desktop.analysis.reach_context import GoalResult, ReachContext
from desktop.analysis.reach_estimate import StraightLineParams
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import NullProgress, Progress
from desktop.services import edit_versions
from desktop.store import Store
from desktop.store.db import now_iso
from desktop.store.rows.imports import MunicipalityRow, SiteRow
from desktop.store.rows.network import ReachGoalRow, ReachScenarioRow, RoadNetworkRow

TRAVEL_SETTING = "network.travel"

# Keski-Suomi organiser's preliminary service-network policy (seed 002, "Järjestäjän alustavat
# palveluverkkolinjaukset"). An S-size goal counts every sote centre of size S or larger: an M or L
# centre offers at least what an S centre does. Day-centre clients are not in the grid, so that goal
# uses the whole population until a client column is imported.
DEFAULT_GOALS: tuple[ReachGoal, ...] = (
    ReachGoal("S-koon sote-keskus 30 min", ("sote-keskus",), 30, 95, ("S", "M", "L")),
    ReachGoal("Hammashoitola 30 min", ("hammashoitola",), 30, 95),
    ReachGoal("M-koon sote-keskus 60 min", ("sote-keskus",), 60, 95, ("M", "L")),
    ReachGoal("Vuodeosasto 60 min", ("vuodeosasto",), 60, 95),
    ReachGoal("Päivätoimintakeskus 60 min", ("päivätoimintakeskus",), 60, 95),
    ReachGoal("Ikäihmisten asumisyksikkö 30 min (65+)", ("ikäihmisten asumisyksikkö",), 30, 95,
              population_column="pop_65plus"),
)

TRAVEL_FI = {"matrix": "matka-aikamatriisi", "road": "tieverkko", "straight-line": "linnuntie-arvio"}
TRAVEL_EN = {"matrix": "travel-time matrix", "road": "road network", "straight-line": "straight-line estimate"}
CANDIDATES_CENTRES = ("kuntakeskukset", "centres")
CANDIDATES_CELLS = ("ruudut", "cells")


# ------------------------------------------------------------------------- goals
def _goal_of(row) -> ReachGoal:
    return ReachGoal(
        name=row.name, site_types=tuple(json.loads(row.site_types_json)), minutes=float(row.minutes),
        target_pct=float(row.target_pct), sizes=tuple(json.loads(row.sizes_json or "[]")),
        population_column=row.population_column or "population", mode=row.mode or "car", id=row.id,
    )


def _row_values(goal: ReachGoal, position: int) -> dict:
    return {
        "name": goal.name, "site_types_json": json.dumps(list(goal.site_types), ensure_ascii=False),
        "sizes_json": json.dumps(list(goal.sizes), ensure_ascii=False), "population_column": goal.population_column,
        "minutes": float(goal.minutes), "target_pct": float(goal.target_pct), "mode": goal.mode,
        "position": position,
    }


def validate_goal(goal: ReachGoal) -> None:
    problems = []
    if not goal.name.strip():
        problems.append(t("Tavoitteella on oltava nimi.", "A goal needs a name."))
    if not goal.site_types:
        problems.append(t("Valitse vähintään yksi toimipistetyyppi.", "Choose at least one site type."))
    if not goal.minutes > 0:
        problems.append(t("Aikarajan on oltava positiivinen (minuutteja).", "The threshold must be positive (minutes)."))
    if not 0 < goal.target_pct <= 100:
        problems.append(t("Tavoiteosuuden on oltava välillä 0-100 %.", "The target share must be within 0-100 %."))
    if problems:
        raise UserError(t(f"Tavoite '{goal.name}' ei kelpaa.", f"Goal '{goal.name}' is not valid."), problems)


def install_defaults(store: Store) -> None:
    """Load the Keski-Suomi reach goals into a new store (nothing when goals exist)."""
    with store.transaction() as conn:
        if conn.execute(select(ReachGoalRow.id).limit(1)).first() is not None:
            return
        edit_versions.claim(conn, store, "goals")
        for i, goal in enumerate(DEFAULT_GOALS):
            conn.execute(ReachGoalRow.__table__.insert().values(**_row_values(goal, i)))


def list_goals(store: Store) -> list[ReachGoal]:
    with store.read() as conn:
        rows = conn.execute(select(ReachGoalRow.__table__).order_by(ReachGoalRow.position, ReachGoalRow.id)).all()
    return [_goal_of(r) for r in rows]


def goal_by_name(store: Store, name: str) -> ReachGoal:
    goals = list_goals(store)
    for goal in goals:
        if goal.name == name:
            return goal
    for goal in goals:
        if goal.name.lower() == name.lower():
            return goal
    raise UserError(t(f"Tavoitetta '{name}' ei ole. Tavoitteet: {', '.join(g.name for g in goals) or '-'}.",
                      f"No goal '{name}'. Goals: {', '.join(g.name for g in goals) or '-'}."))


def replace_goals(store: Store, goals: list[ReachGoal]) -> list[ReachGoal]:
    """Save the whole goal table (the editor's state, also its undo step) in one transaction."""
    names = [g.name.strip() for g in goals]
    for goal in goals:
        validate_goal(goal)
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UserError(t(f"Tavoitteiden nimet toistuvat: {', '.join(duplicates)}.",
                          f"Goal names repeat: {', '.join(duplicates)}."))
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "goals")  # refused over a colleague's newer save
        conn.execute(delete(ReachGoalRow))
        for i, goal in enumerate(goals):
            values = _row_values(replace(goal, name=goal.name.strip()), i)
            if goal.id is not None:
                values["id"] = goal.id
            conn.execute(ReachGoalRow.__table__.insert().values(**values))
    return list_goals(store)


# ------------------------------------------------------------------------- data
def load_sites(store: Store) -> pd.DataFrame:
    with store.read() as conn:
        rows = conn.execute(
            select(SiteRow.site_id, SiteRow.name, SiteRow.type, SiteRow.size, SiteRow.x, SiteRow.y,
                   SiteRow.municipality).order_by(SiteRow.id)
        ).all()
    return sites_frame([dict(r._mapping) for r in rows]) if rows else sites_frame([])


def municipal_centres(store: Store) -> pd.DataFrame:
    """Municipalities with their centre coordinates (code, name, centre_name, x, y, population)."""
    with store.read() as conn:
        rows = conn.execute(
            select(MunicipalityRow.code, MunicipalityRow.name, MunicipalityRow.centre_name, MunicipalityRow.x,
                   MunicipalityRow.y, MunicipalityRow.population).order_by(MunicipalityRow.code)
        ).all()
    return pd.DataFrame([dict(r._mapping) for r in rows],
                        columns=["code", "name", "centre_name", "x", "y", "population"])


def travel_settings(store: Store) -> dict:
    """{'straight_line': {...}, 'max_snap_m': m, 'access_speed_kmh': v} with defaults filled in."""
    saved = store.setting(TRAVEL_SETTING, {}) or {}
    return {
        "straight_line": StraightLineParams.from_dict(saved.get("straight_line")).to_dict(),
        "max_snap_m": float(saved.get("max_snap_m", 2000.0)),
        "access_speed_kmh": saved.get("access_speed_kmh", 30.0),
    }


def set_travel_settings(store: Store, settings: dict) -> None:
    store.set_setting(TRAVEL_SETTING, settings)


def travel_modes(store: Store) -> list[str]:
    if store.row_count("travel_times") == 0:
        return []
    modes = store.load("travel_times", ("mode",))["mode"]
    return sorted(str(m) for m in pd.unique(modes.dropna()))


def build_context(store: Store, travel: str = "auto", straight_line: StraightLineParams | None = None,
                  road_network=None) -> ReachContext:
    """A reach context over the store's grid, sites, travel-time matrix and road network (the stored
    one, or `road_network` when given, e.g. read from a file for one run)."""
    grid = store.load("grid")
    settings = travel_settings(store)
    params = straight_line or StraightLineParams.from_dict(settings["straight_line"])
    has_matrix = store.row_count("travel_times") > 0

    def matrix_rows(mode: str):
        if not has_matrix:
            return None
        tt = store.load("travel_times")
        modes = tt["mode"] if "mode" in tt.columns else None
        if modes is not None and modes.notna().any():
            mask = (modes == mode).to_numpy()
            if not mask.any():
                return None
            tt = tt[mask]
        return tt["origin"], tt["destination"], tt["minutes"].to_numpy(np.float64)

    road = None
    if travel in ("auto", "road"):
        network = road_network if road_network is not None else load_road_network(store)
        if network is not None and len(grid):
            from desktop.analysis.road_network import RoadTravel

            road = RoadTravel(network, grid["x"].to_numpy(float), grid["y"].to_numpy(float),
                              settings["max_snap_m"], settings["access_speed_kmh"])
    names = {str(code): name for code, name in municipal_centres(store)[["code", "name"]].itertuples(index=False)}
    return ReachContext(grid, load_sites(store), matrix_rows, road, travel, params, names)


def _num(value: float) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() else round(value, 3)


def result_json(result: GoalResult) -> dict:
    """The `reach --json` shape of one goal's result."""
    goal, cov = result.goal, result.coverage
    return {
        "goal": goal.name,
        "site_types": list(goal.site_types),
        "sizes": list(goal.sizes),
        "population_column": goal.population_column,
        "mode": goal.mode,
        "minutes": _num(goal.minutes),
        "population": _num(cov.population),
        "covered": _num(cov.covered),
        "no_route": _num(cov.no_route),
        "no_route_cells": cov.no_route_cells,
        "share_pct": round(cov.share_pct, 3),
        "target_pct": _num(goal.target_pct),
        "met": bool(result.met),
        "travel": result.travel,
        "estimate": bool(result.estimate),
        "estimated_sites": list(result.nearest.estimated_sites),
        **({"snap": {k: (_num(v) if isinstance(v, float) else v) for k, v in result.snap.items()}}
           if result.snap is not None else {}),
        "by_municipality": [
            {"municipality": r.municipality, "name": r.name, "population": _num(r.population),
             "covered": _num(r.covered), "no_route": _num(r.no_route), "share_pct": round(float(r.share_pct), 3)}
            for r in result.by_municipality.itertuples(index=False)
        ],
    }


def centre_requirements(store: Store, sites: pd.DataFrame | None = None) -> pd.DataFrame:
    """The seed-002 rules for municipal centres: a centre under 5,000 residents needs at least an
    S-size sote centre and dental unit, over 5,000 an M-size one; every centre a day centre.
    Sites count for the municipality they are in. Columns: code, name, population, required_size,
    sote_ok, dental_ok, day_centre_ok."""
    sites = load_sites(store) if sites is None else sites
    centres = municipal_centres(store)
    def has(here: pd.DataFrame, kind: str, sizes: set[str] | None) -> bool:
        of_kind = here[here["type"] == kind]
        return bool(len(of_kind) and (sizes is None or of_kind["size"].isin(sizes).any()))

    rows = []
    for c in centres.itertuples(index=False):
        here = sites[sites["municipality"].astype(str) == str(c.code)]
        big = (c.population or 0) > 5000
        sizes = {"M", "L"} if big else {"S", "M", "L"}
        rows.append({"code": c.code, "name": c.name, "population": c.population,
                     "required_size": "M" if big else "S", "sote_ok": has(here, "sote-keskus", sizes),
                     "dental_ok": has(here, "hammashoitola", sizes),
                     "day_centre_ok": has(here, "päivätoimintakeskus", None)})
    return pd.DataFrame(rows, columns=["code", "name", "population", "required_size", "sote_ok", "dental_ok",
                                       "day_centre_ok"])


# ------------------------------------------------------------------------- scenarios
def save_scenario(store: Store, name: str, closed: list[str], added: list[dict], note: str = "") -> None:
    """Save (or overwrite) a named what-if scenario."""
    name = name.strip()
    if not name:
        raise UserError(t("Skenaariolla on oltava nimi.", "A scenario needs a name."))
    added = [{k: (float(v) if k in ("x", "y") else str(v)) for k, v in a.items() if k in
              ("site_id", "name", "type", "size", "x", "y", "municipality")} for a in added]
    with store.transaction() as conn:
        conn.execute(delete(ReachScenarioRow).where(ReachScenarioRow.name == name))
        conn.execute(ReachScenarioRow.__table__.insert().values(
            name=name, created_at=now_iso(), closed_json=json.dumps(sorted(map(str, closed)), ensure_ascii=False),
            added_json=json.dumps(added, ensure_ascii=False), note=note))


def list_scenarios(store: Store) -> list[dict]:
    with store.read() as conn:
        rows = conn.execute(select(ReachScenarioRow.__table__).order_by(ReachScenarioRow.name)).all()
    return [{"name": r.name, "created_at": r.created_at, "closed": json.loads(r.closed_json),
             "added": json.loads(r.added_json), "note": r.note} for r in rows]


def delete_scenario(store: Store, name: str) -> None:
    with store.transaction() as conn:
        conn.execute(delete(ReachScenarioRow).where(ReachScenarioRow.name == name))


def compare_scenarios(store: Store, context: ReachContext | None = None) -> pd.DataFrame:
    """Share (%) of every goal under the current network and under each saved scenario."""
    context = context or build_context(store)
    goals = list_goals(store)
    columns = {"": {}}
    for s in list_scenarios(store):
        columns[s["name"]] = s
    table = {"goal": [g.name for g in goals]}
    for label, scenario in columns.items():
        values = []
        for goal in goals:
            try:
                r = context.evaluate(goal, scenario.get("closed", ()), scenario.get("added"))
                values.append(r.coverage.share_pct)
            except UserError:
                values.append(np.nan)
        table[label or t("nykyinen", "current")] = values
    return pd.DataFrame(table)


# ------------------------------------------------------------------------- road networks
def save_road_network(store: Store, network, name: str, file_name: str = "", mode: str = "car",
                      report: dict | None = None) -> int:
    """Store a road network (replacing an earlier one of the same mode)."""
    with store.transaction() as conn:
        conn.execute(delete(RoadNetworkRow).where(RoadNetworkRow.mode == mode))
        result = conn.execute(RoadNetworkRow.__table__.insert().values(
            name=name, file_name=file_name, created_at=now_iso(), mode=mode, node_count=network.n_nodes,
            edge_count=network.n_edges, report_json=json.dumps(report or {}, ensure_ascii=False),
            data=network.to_bytes()))
    return int(result.inserted_primary_key[0])


def load_road_network(store: Store, mode: str | None = None):
    from desktop.analysis.road_network import RoadNetwork

    with store.read() as conn:
        query = select(RoadNetworkRow.data).order_by(RoadNetworkRow.id.desc()).limit(1)
        if mode is not None:
            query = query.where(RoadNetworkRow.mode == mode)
        data = conn.execute(query).scalar_one_or_none()
    return None if data is None else RoadNetwork.from_bytes(data)


def import_road_network(store: Store, path: str | Path, layer: str | None = None, mode: str = "car",
                        class_speeds: dict | None = None, progress: Progress | None = None) -> dict:
    """Read a GeoPackage line layer (or an .osm.pbf when osmium is installed) into the store."""
    from desktop.analysis.road_gpkg import read_road_network

    network, report = read_road_network(path, layer=layer, mode=mode, class_speeds=class_speeds,
                                         progress=progress or NullProgress())
    save_road_network(store, network, Path(path).stem, Path(path).name, mode, report)
    return report


# ------------------------------------------------------------------------- optimal sites
def candidate_sites(store: Store, context: ReachContext, candidates: str) -> pd.DataFrame:
    """Candidate locations: a site type, the municipal centres, or the populated grid cells."""
    key = candidates.strip()
    if key.lower() in CANDIDATES_CENTRES:
        centres = municipal_centres(store).dropna(subset=["x", "y"])
        frame = pd.DataFrame({"site_id": "kk-" + centres["code"].astype(str),
                              "name": centres["centre_name"].fillna(centres["name"]).astype(str),
                              "type": "kuntakeskus", "size": "", "x": centres["x"], "y": centres["y"],
                              "municipality": centres["code"].astype(str)})
    elif key.lower() in CANDIDATES_CELLS:
        grid = context.grid
        populated = context.weights("population") > 0
        frame = pd.DataFrame({"site_id": grid["cell_id"].astype(str)[populated], "name": grid["cell_id"].astype(str)[populated],
                              "type": "ruutu", "size": "", "x": grid["x"][populated], "y": grid["y"][populated],
                              "municipality": context.municipality[populated]})
    else:
        frame = context.sites[context.sites["type"] == key]
    frame = sites_frame(frame)
    if frame.empty:
        raise UserError(t(f"Ehdokaspaikkoja '{candidates}' ei löytynyt. Anna toimipistetyyppi (esim. ehdokas), "
                          "'kuntakeskukset' tai 'ruudut'.",
                          f"No candidate locations '{candidates}'. Give a site type (e.g. ehdokas), "
                          "'kuntakeskukset' or 'ruudut'."))
    return frame


def optimize_sites(store: Store, candidates: str, minutes: float, target_pct: float | None = None,
                   max_sites: int | None = None, keep: list[str] | None = None, population_column: str = "population",
                   mode: str = "car", time_limit: float = 60.0, travel: str = "auto",
                   context: ReachContext | None = None) -> dict:
    """Optimal new sites (see desktop.analysis.site_optimizer). Returns the `optimize --json` dict."""
    from desktop.analysis.site_optimizer import CoveringProblem, max_covering, min_sites_for_target

    if (target_pct is None) == (max_sites is None):
        raise UserError(t("Anna joko tavoiteosuus (--target) tai uusien paikkojen määrä (--max-sites).",
                          "Give either a target share (--target) or a number of new sites (--max-sites)."))
    if not minutes > 0:
        raise UserError(t("Aikarajan on oltava positiivinen.", "The threshold must be positive."))
    context = context or build_context(store, travel)
    weights = context.weights(population_column)
    cands = candidate_sites(store, context, candidates)
    model = context.model(mode)
    kept_goal = ReachGoal("keep", tuple(keep or ()), minutes, 100.0, population_column=population_column, mode=mode)
    kept = context.sites[kept_goal.qualifying(context.sites)] if keep else context.sites.iloc[0:0]
    existing = model.nearest(kept.reset_index(drop=True))
    already = ~np.isnan(existing.minutes) & (existing.minutes <= minutes)
    problem = CoveringProblem(weights, already, model.cells_within(cands, minutes))
    if max_sites is not None:
        choice = max_covering(problem, int(max_sites), time_limit)
    else:
        choice = min_sites_for_target(problem, float(target_pct), time_limit)
    estimated = model.estimate or not bool(model.known(cands).all()) or bool(existing.estimated_sites)
    return {
        "chosen": [str(cands["site_id"].iloc[j]) for j in choice.chosen],
        "chosen_names": [str(cands["name"].iloc[j]) for j in choice.chosen],
        "population": _num(choice.population),
        "covered": _num(choice.covered),
        "covered_by_kept": _num(problem.base),
        "share_pct": round(choice.share_pct, 3),
        "optimal": bool(choice.optimal),
        **{k: bool(v) for k, v in choice.extra.items()},
        "status": choice.status,
        "seconds": round(choice.seconds, 3),
        "candidates": int(len(cands)),
        "minutes": _num(minutes),
        "travel": model.kind,
        "estimate": bool(estimated),
    }


# ------------------------------------------------------------------------- workshop report, indicators
def travel_name(travel: str, estimate: bool = False) -> str:
    """'road' -> 'tieverkko' / 'road network', '(osin arvio)' / '(partly estimated)' added when some
    times are straight-line estimates."""
    name = t(TRAVEL_FI.get(travel, travel), TRAVEL_EN.get(travel, travel))
    return name + (t(" (osin arvio)", " (partly estimated)") if estimate and travel != "straight-line" else "")


def goal_table(results: list) -> pd.DataFrame:
    """One row per goal result; the met / travel words in the current language (headers are added by
    the report)."""
    from desktop.charts.reach import verdict

    rows = []
    for r in results:
        rows.append({"goal": r.goal.name, "minutes": r.goal.minutes, "target_pct": r.goal.target_pct,
                     "share_pct": round(r.coverage.share_pct, 1), "met": verdict(r.met),
                     "not_covered": round(r.coverage.not_covered), "no_route": round(r.coverage.no_route),
                     "travel": travel_name(r.travel, r.estimate)})
    return pd.DataFrame(rows)


def municipalities_below_target(result) -> pd.DataFrame:
    """The municipalities where the goal of `result` (a GoalResult) is not met, weakest first: columns
    municipality (code), name, share_pct (coverage, %). Municipalities without target population are
    left out. A goal met for the whole county can still fail here."""
    muni = result.by_municipality
    below = muni[(muni["population"] > 0) & (muni["share_pct"] < float(result.goal.target_pct) - 1e-9)]
    return below.sort_values("share_pct")[["municipality", "name", "share_pct"]].reset_index(drop=True)


def shortfall_sentence(result, most: int = 6) -> str:
    """'Toteutuu koko alueella, mutta ei kunnissa Kannonkoski (6,4 %) ja …' or "" when every
    municipality meets the goal of `result`."""
    from desktop.core.numbers import percent_value

    below = municipalities_below_target(result)
    if below.empty:
        return ""
    names = [f"{r.name or r.municipality} ({percent_value(r.share_pct, 1)})" for r in below.head(most).itertuples()]
    more = len(below) - len(names)
    listed = ", ".join(names) + (t(f" ja {more} muuta", f" and {more} more") if more > 0 else "")
    goal = result.goal.name
    if result.met:
        return t(f"{goal}: toteutuu koko alueella, mutta ei kunnissa {listed}.",
                 f"{goal}: met for the whole county but not in {listed}.")
    return t(f"{goal}: jää tavoitteesta kunnissa {listed}.", f"{goal}: below the target in {listed}.")


def workshop_pages(store: Store, year: int | None = None) -> list:
    """The reach pages of the workshop report: goals against targets, the curves, the map of the
    weakest goal. Empty when the project has no grid (nothing to say)."""
    from desktop.analysis.reach import cumulative_curve
    from desktop.charts.network_map import MapLayers, draw_network_map
    from desktop.charts.numbers import number, short
    from desktop.charts.reach import CurveData, draw_goal_summary, draw_reach_curve
    from desktop.reports.pages import ReportPage

    if store.row_count("grid") == 0:
        return []
    context = build_context(store)
    results = []
    for goal in list_goals(store):
        try:
            results.append(context.evaluate(goal))
        except UserError:
            continue
    if not results:
        return []
    table = goal_table(results).rename(columns={
        "goal": t("Tavoite", "Goal"), "minutes": t("Aikaraja min", "Threshold min"),
        "target_pct": t("Tavoite %", "Target %"), "share_pct": t("Kattavuus %", "Coverage %"),
        "met": t("Tila", "Status"), "not_covered": t("Kattamatta hlö", "Not covered persons"),
        "no_route": t("Ei reittiä hlö", "No route persons"), "travel": t("Matka-ajat", "Travel times")})
    met = sum(r.met for r in results)
    everywhere = sum(r.met and municipalities_below_target(r).empty for r in results)
    table[t("Kunnat alle tavoitteen", "Municipalities below target")] = [len(municipalities_below_target(r))
                                                                          for r in results]
    weakest = min(results, key=lambda r: r.coverage.share_pct - r.goal.target_pct)
    share, target = number(weakest.coverage.share_pct, 1), short(weakest.goal.target_pct)
    text = t(f"{met} / {len(results)} saavutettavuustavoitteesta toteutuu koko alueella, {everywhere} / "
             f"{len(results)} jokaisessa kunnassa. Kauimpana tavoitteesta: "
             f"{weakest.goal.name} ({share} %, tavoite {target} %).",
             f"{met} / {len(results)} reach goals are met for the whole county, {everywhere} / {len(results)} in "
             f"every municipality. Furthest from its target: {weakest.goal.name} ({share} %, target {target} %).")
    shortfalls = [s for s in (shortfall_sentence(r, 3) for r in results if r.met) if s]
    if shortfalls:
        text += " " + " ".join(shortfalls[:3])
    if any(r.estimate for r in results):
        text += t(" Osa matka-ajoista on linnuntie-arvioita.", " Some travel times are straight-line estimates.")
    names = [r.goal.name for r in results]
    shares = [r.coverage.share_pct for r in results]
    targets = [r.goal.target_pct for r in results]
    curves = []
    for r in results:
        minutes, share = cumulative_curve(r.weights, r.nearest.minutes)
        curves.append(CurveData(r.goal.name, minutes, share, r.goal.minutes, r.goal.target_pct,
                                r.coverage.share_pct, r.estimate))
    centres = municipal_centres(store).rename(columns={"name": "muni"})
    centres["name"] = centres["centre_name"].fillna(centres["muni"])
    map_sites = weakest.sites.assign(state="active")
    layers = MapLayers(context.cell_x, context.cell_y, weakest.nearest.minutes, weakest.weights, weakest.goal.minutes,
                       map_sites, centres, weakest.goal.name, weakest.estimate)
    muni = weakest.by_municipality.rename(columns={
        "municipality": t("Kunta", "Municipality"), "name": t("Nimi", "Name"),
        "population": t("Kohdeväestö", "Target population"), "covered": t("Katettu", "Covered"),
        "no_route": t("Ei reittiä", "No route"), "share_pct": t("Kattavuus %", "Coverage %")}).round(1)
    return [
        ReportPage(t("Palveluverkon saavutettavuustavoitteet", "Reach goals of the service network"),
                   lambda fig: draw_goal_summary(fig, names, shares, targets), table, text),
        ReportPage(t("Saavutettavuus matka-ajan mukaan", "Reach by travel time"),
                   lambda fig: draw_reach_curve(fig, curves), None,
                   t("Osuus kohdeväestöstä, joka saavuttaa lähimmän toimipisteen kussakin ajassa; katkoviiva = "
                     "aikaraja, pisteviiva = tavoite.",
                     "Share of the target population that reaches the nearest site within each time; dashed line = "
                     "threshold, dotted line = target.")),
        ReportPage(t(f"Kartta: {weakest.goal.name}", f"Map: {weakest.goal.name}"),
                   lambda fig: draw_network_map(fig, layers), muni,
                   t("Ruudut matka-ajan mukaan lähimpään toimipisteeseen; ristit = asukkaita, joita ei kateta.",
                     "Cells by travel time to the nearest site; crosses = residents not covered.")),
    ]


def _reach_indicator(store: Store, _year: int, goal_name: str) -> float | None:
    try:
        return float(build_context(store).evaluate(goal_by_name(store, goal_name)).coverage.share_pct)
    except UserError:
        return None


def _register_indicators() -> None:
    """Offer each goal's coverage % to the development-measures tracker (when that feature is there)."""
    try:
        from desktop.services.measures import register_indicator_family
    except Exception:  # noqa: BLE001 - the measures feature is optional for the reach figures
        return
    register_indicator_family("reach", _reach_indicator, lambda store: [(g.name, g.name) for g in list_goals(store)],
                              "Saavutettavuus: {param}", "Reach: {param}", "%")


_register_indicators()
