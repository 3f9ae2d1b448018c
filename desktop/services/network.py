"""Service-network actions shared by the CLI and the Palveluverkko page: reach goals (with the
Keski-Suomi defaults of seed 002), the reach computation context, scenarios, road networks and the
optimal-sites search. Each function opens its own short transaction."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from sqlalchemy import delete, select

from desktop.analysis.reach import ReachGoal, sites_frame
from desktop.analysis.reach_estimate import StraightLineParams
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import NullProgress, Progress
from desktop.services import edit_versions
from desktop.store import Store
from desktop.store.db import now_iso
from desktop.store.tables.imports import municipality, site
from desktop.store.tables.network import reach_goal, reach_scenario, road_network

if TYPE_CHECKING:  # the reach computation (HiGHS, SciPy) is imported when a context is built, not by a new project
    from desktop.analysis.reach_context import GoalResult, ReachContext

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
        if conn.execute(select(reach_goal.c.id).limit(1)).first() is not None:
            return
        edit_versions.claim(conn, store, "goals")
        for i, goal in enumerate(DEFAULT_GOALS):
            conn.execute(reach_goal.insert().values(**_row_values(goal, i)))


def list_goals(store: Store) -> list[ReachGoal]:
    with store.read() as conn:
        rows = conn.execute(select(reach_goal).order_by(reach_goal.c.position, reach_goal.c.id)).all()
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
        conn.execute(delete(reach_goal))
        for i, goal in enumerate(goals):
            values = _row_values(replace(goal, name=goal.name.strip()), i)
            if goal.id is not None:
                values["id"] = goal.id
            conn.execute(reach_goal.insert().values(**values))
    return list_goals(store)


# ------------------------------------------------------------------------- data
def load_sites(store: Store) -> pd.DataFrame:
    with store.read() as conn:
        rows = conn.execute(
            select(site.c.site_id, site.c.name, site.c.type, site.c.size, site.c.x, site.c.y,
                   site.c.municipality, site.c.capacity).order_by(site.c.id)
        ).all()
    return sites_frame([dict(r._mapping) for r in rows]) if rows else sites_frame([])


def municipal_centres(store: Store) -> pd.DataFrame:
    """Municipalities with their centre coordinates (code, name, centre_name, x, y, population)."""
    with store.read() as conn:
        rows = conn.execute(
            select(municipality.c.code, municipality.c.name, municipality.c.centre_name, municipality.c.x,
                   municipality.c.y, municipality.c.population).order_by(municipality.c.code)
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
    from desktop.analysis.reach_context import ReachContext

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
            if not mask.all():  # one mode only (the usual matrix): no copy of its million rows
                tt = tt[mask]
        return tt["origin"], tt["destination"], tt["minutes"].to_numpy()  # float32 as stored

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


def below_target_json(result: GoalResult) -> list[dict]:
    """The municipalities under the goal's target: [{"municipality", "name", "share_pct"}], lowest first."""
    below = result.below_target()
    return [{"municipality": str(m), "name": str(n), "share_pct": round(float(s), 3)}
            for m, n, s in zip(below["municipality"].tolist(), below["name"].tolist(), below["share_pct"].tolist(),
                               strict=True)]


def sites_json(result: GoalResult) -> list[dict]:
    """Per qualifying site: persons nearest to it (covered), within the threshold, only it covers."""
    frame = result.site_catchments()
    columns = [frame[c].tolist() for c in ("site_id", "name", "population_nearest", "population_within",
                                           "population_only")]
    return [{"site_id": str(i), "name": str(n), "population_nearest": _num(near), "population_within": _num(within),
             "population_only": _num(only)} for i, n, near, within, only in zip(*columns, strict=True)]


def capacity_json(result: GoalResult) -> dict:
    """With capacities: persons assigned per site ({site_id: persons}) and how the optimum was proven."""
    if result.capacity is None:
        return {}
    a = result.capacity
    ids = result.sites["site_id"].astype(str).tolist()
    caps = result.sites["capacity"].to_numpy(float)
    return {
        "assigned": {sid: _num(v) for sid, v in zip(ids, a.assigned, strict=True)},
        "capacities": {sid: (_num(c) if np.isfinite(c) else None) for sid, c in zip(ids, caps, strict=True)},
        "covered_without_capacities": _num(result.uncapacitated.covered),
        "share_pct_without_capacities": round(result.uncapacitated.share_pct, 3),
        "capacity_optimal": bool(a.optimal),
        "capacity_status": a.status,
    }


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
            {"municipality": m, "name": n, "population": _num(p), "covered": _num(c), "no_route": _num(r),
             "share_pct": round(float(s), 3)}
            for m, n, p, c, r, s in zip(*(result.by_municipality[k].tolist() for k in (
                "municipality", "name", "population", "covered", "no_route", "share_pct")), strict=True)
        ],
        "below_target": below_target_json(result),
        "sites": sites_json(result),
        **capacity_json(result),
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
    added = [{k: (float(v) if k in ("x", "y", "capacity") else str(v)) for k, v in a.items() if k in
              ("site_id", "name", "type", "size", "x", "y", "municipality", "capacity")
              and not (k == "capacity" and (v is None or v != v))} for a in added]
    with store.transaction() as conn:
        conn.execute(delete(reach_scenario).where(reach_scenario.c.name == name))
        conn.execute(reach_scenario.insert().values(
            name=name, created_at=now_iso(), closed_json=json.dumps(sorted(map(str, closed)), ensure_ascii=False),
            added_json=json.dumps(added, ensure_ascii=False), note=note))


def list_scenarios(store: Store) -> list[dict]:
    with store.read() as conn:
        rows = conn.execute(select(reach_scenario).order_by(reach_scenario.c.name)).all()
    return [{"name": r.name, "created_at": r.created_at, "closed": json.loads(r.closed_json),
             "added": json.loads(r.added_json), "note": r.note} for r in rows]


def delete_scenario(store: Store, name: str) -> None:
    with store.transaction() as conn:
        conn.execute(delete(reach_scenario).where(reach_scenario.c.name == name))


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
        conn.execute(delete(road_network).where(road_network.c.mode == mode))
        result = conn.execute(road_network.insert().values(
            name=name, file_name=file_name, created_at=now_iso(), mode=mode, node_count=network.n_nodes,
            edge_count=network.n_edges, report_json=json.dumps(report or {}, ensure_ascii=False),
            data=network.to_bytes()))
    return int(result.inserted_primary_key[0])


def load_road_network(store: Store, mode: str | None = None):
    with store.read() as conn:
        query = select(road_network.c.data).order_by(road_network.c.id.desc()).limit(1)
        if mode is not None:
            query = query.where(road_network.c.mode == mode)
        data = conn.execute(query).scalar_one_or_none()
    if data is None:  # no network: SciPy (0.2 s to load) is not needed
        return None
    from desktop.analysis.road_network import RoadNetwork

    return RoadNetwork.from_bytes(data)


def import_road_network(store: Store, path: str | Path, layer: str | None = None, mode: str = "car",
                        class_speeds: dict | None = None, progress: Progress | None = None) -> dict:
    """Read a GeoPackage line layer (or an .osm.pbf when osmium is installed) into the store."""
    from desktop.analysis.road_gpkg import read_road_network

    network, report = read_road_network(path, layer=layer, mode=mode, class_speeds=class_speeds,
                                         progress=progress or NullProgress())
    save_road_network(store, network, Path(path).stem, Path(path).name, mode, report)
    return report


# ------------------------------------------------------------------------- workshop report, indicators
def travel_name(travel: str, estimate: bool = False) -> str:
    """'road' -> 'tieverkko' / 'road network', '(osin arvio)' / '(partly estimated)' added when some
    times are straight-line estimates."""
    name = t(TRAVEL_FI.get(travel, travel), TRAVEL_EN.get(travel, travel))
    return name + (t(" (osin arvio)", " (partly estimated)") if estimate and travel != "straight-line" else "")
