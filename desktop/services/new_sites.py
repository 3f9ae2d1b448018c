"""Optimal new sites in the planners' words, shared by `sote-planner optimize` and the page's "Uudet
toimipisteet" tab: for a goal (or a site type and threshold), where to put how many new sites so that
the most residents reach one in time, or the fewest new sites that reach the target share.

Candidates are a site type of the project (e.g. planned locations), the municipal centres that do not
already have a qualifying site, or the populated grid cells that no kept site serves within the
threshold. The sites kept are the goal's qualifying sites (or the given types). With capacities, each
person needs a site with room (see analysis.capacity_optimizer). The answer names the new sites, says
what each adds, whether the optimum is proven (or the gap), and gives rows ready for a what-if.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.analysis.reach import ReachGoal, sites_frame
from desktop.analysis.reach_context import ReachContext
from desktop.charts.numbers import number
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.services.network import build_context, municipal_centres
from desktop.store import Store

CANDIDATES_CENTRES = ("kuntakeskukset", "centres")
CANDIDATES_CELLS = ("ruudut", "cells")
ALREADY_THERE_M = 2000.0  # a centre with a kept site this close already has one


def _num(value: float) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() else round(value, 3)


def candidate_sites(store: Store, context: ReachContext, candidates: str, kept: pd.DataFrame | None = None,
                    served: np.ndarray | None = None) -> pd.DataFrame:
    """Candidate locations: a site type; the municipal centres without a kept site within 2 km; or the
    populated grid cells not served (`served`: per grid cell, covered by a kept site)."""
    key = candidates.strip()
    if key.lower() in CANDIDATES_CENTRES:
        centres = municipal_centres(store).dropna(subset=["x", "y"])
        if kept is not None and len(kept) and len(centres):
            d = np.hypot(centres["x"].to_numpy(float)[:, None] - kept["x"].to_numpy(float)[None, :],
                         centres["y"].to_numpy(float)[:, None] - kept["y"].to_numpy(float)[None, :])
            centres = centres[d.min(axis=1) > ALREADY_THERE_M]
        frame = pd.DataFrame({"site_id": "kk-" + centres["code"].astype(str),
                              "name": centres["centre_name"].fillna(centres["name"]).astype(str),
                              "type": "kuntakeskus", "size": "", "x": centres["x"], "y": centres["y"],
                              "municipality": centres["code"].astype(str)})
    elif key.lower() in CANDIDATES_CELLS:
        grid = context.grid
        free = context.weights("population") > 0
        if served is not None:
            free &= ~served
        names = [context.municipality_names.get(m, m) for m in context.municipality[free]]
        frame = pd.DataFrame({"site_id": grid["cell_id"].astype(str)[free],
                              "name": [f"{t('ruutu', 'cell')} {c} ({n})" if n else f"{t('ruutu', 'cell')} {c}"
                                       for c, n in zip(grid["cell_id"].astype(str)[free], names, strict=True)],
                              "type": "ruutu", "size": "", "x": grid["x"][free], "y": grid["y"][free],
                              "municipality": context.municipality[free]})
    else:
        frame = context.sites[context.sites["type"] == key]
    frame = sites_frame(frame)
    if frame.empty and key.lower() not in CANDIDATES_CENTRES + CANDIDATES_CELLS:
        types = ", ".join(sorted(set(context.sites["type"]))) or "-"
        raise UserError(t(f"Ehdokaspaikkoja '{candidates}' ei löytynyt. Anna toimipistetyyppi ({types}), "
                          "'kuntakeskukset' (keskukset, joissa ei vielä ole toimipistettä) tai 'ruudut' "
                          "(asutut ruudut, joita mikään toimipiste ei palvele aikarajassa).",
                          f"No candidate locations '{candidates}'. Give a site type ({types}), 'kuntakeskukset' "
                          "(centres without a site yet) or 'ruudut' (populated cells no site serves in time)."))
    return frame


def optimize_sites(store: Store, candidates: str, minutes: float | None = None, target_pct: float | None = None,
                   max_sites: int | None = None, keep: list[str] | None = None, population_column: str = "population",
                   mode: str = "car", time_limit: float = 60.0, travel: str = "auto",
                   context: ReachContext | None = None, goal: ReachGoal | None = None, capacities: bool = False,
                   new_capacity: float | None = None) -> dict:
    """Optimal new sites; returns the `optimize --json` dict (see module doc). With `goal`, its
    threshold, population column and travel mode are used (unless `minutes` is given) and its qualifying
    sites are kept (unless `keep` types are given)."""
    if (target_pct is None) == (max_sites is None):
        raise UserError(t("Anna joko tavoiteosuus (--target) tai uusien paikkojen määrä (--max-sites).",
                          "Give either a target share (--target) or a number of new sites (--max-sites)."))
    if goal is not None:
        minutes = goal.minutes if minutes is None else minutes
        population_column, mode = goal.population_column, goal.mode
    if minutes is None or not minutes > 0:
        raise UserError(t("Aikarajan on oltava positiivinen.", "The threshold must be positive."))
    context = context or build_context(store, travel)
    weights = context.weights(population_column)
    model = context.model(mode)
    if keep:
        kept = context.sites[context.sites["type"].isin(keep)]
    elif goal is not None:
        kept = context.sites[goal.qualifying(context.sites)]
    else:
        kept = context.sites.iloc[0:0]
    kept = kept.reset_index(drop=True)
    existing = model.nearest(kept)
    served = ~np.isnan(existing.minutes) & (existing.minutes <= minutes)
    cands = candidate_sites(store, context, candidates, kept, served)
    cand_sets = model.cells_within(cands, minutes)
    if capacities:
        result = _with_capacities(weights, model, kept, cands, cand_sets, minutes, target_pct, max_sites,
                                  new_capacity, time_limit)
    else:
        result = _without_capacities(weights, served, cand_sets, target_pct, max_sites, time_limit)
    chosen = result["chosen_positions"]
    estimated = model.estimate or not bool(model.known(cands).all()) or bool(existing.estimated_sites)
    rows = cands.iloc[chosen].reset_index(drop=True)
    new_sites = []
    for i, (r, gain) in enumerate(zip(rows.itertuples(index=False), result["gains"], strict=True)):
        capacity = result["capacity_of"][i] if capacities else np.nan
        new_sites.append({"site_id": str(r.site_id), "name": str(r.name), "x": float(r.x), "y": float(r.y),
                          "municipality": str(r.municipality),
                          "municipality_name": context.municipality_names.get(str(r.municipality), str(r.municipality)),
                          "adds": _num(gain),
                          **({"capacity": _num(capacity)} if capacities and np.isfinite(capacity) else {})})
    out = {
        "chosen": [s["site_id"] for s in new_sites],
        "chosen_names": [s["name"] for s in new_sites],
        "new_sites": new_sites,
        "population": _num(result["population"]),
        "covered": _num(result["covered"]),
        "covered_by_kept": _num(result["base"]),
        "share_pct": round(100.0 * result["covered"] / result["population"], 3) if result["population"] else 0.0,
        "share_pct_by_kept": round(100.0 * result["base"] / result["population"], 3) if result["population"] else 0.0,
        "optimal": bool(result["optimal"]),
        **result.get("extra", {}),
        "gap_pct": round(100.0 * result["gap"], 3) if np.isfinite(result["gap"]) else None,
        "status": result["status"],
        "seconds": round(result["seconds"], 3),
        "candidates": int(len(cands)),
        "kept": int(len(kept)),
        "minutes": _num(minutes),
        "goal": goal.name if goal is not None else None,
        "capacities": bool(capacities),
        "travel": model.kind,
        "estimate": bool(estimated),
    }
    if capacities:
        ids = kept["site_id"].astype(str).tolist() + out["chosen"]
        out["assigned"] = {sid: _num(v) for sid, v in zip(ids, result["assigned"], strict=True)}
    out["explanation"] = explanation(out, target_pct, max_sites)
    return out


def _without_capacities(weights, served, cand_sets, target_pct, max_sites, time_limit) -> dict:
    from desktop.analysis.site_optimizer import CoveringProblem, max_covering, min_sites_for_target

    problem = CoveringProblem(weights, served, cand_sets)
    if max_sites is not None:
        choice = max_covering(problem, int(max_sites), time_limit)
    else:
        choice = min_sites_for_target(problem, float(target_pct), time_limit)
    # what each new site adds: the persons lost if it alone were left out
    gains = [choice.covered - problem.covered_by([c for c in choice.chosen if c != j]) for j in choice.chosen]
    return {"chosen_positions": list(choice.chosen), "gains": gains, "population": choice.population,
            "covered": choice.covered, "base": problem.base, "optimal": choice.optimal, "gap": choice.gap or 0.0,
            "status": choice.status, "seconds": choice.seconds,
            "extra": {k: bool(v) for k, v in choice.extra.items()}}


def _with_capacities(weights, model, kept, cands, cand_sets, minutes, target_pct, max_sites, new_capacity,
                     time_limit) -> dict:
    from desktop.analysis.capacity_optimizer import (
        CapacityProblem,
        max_covering_with_capacities,
        min_sites_with_capacities,
    )

    cand_caps = cands["capacity"].to_numpy(float).copy()
    if new_capacity is not None:
        cand_caps = np.where(np.isnan(cand_caps), float(new_capacity), cand_caps)
    kept_sets = model.cells_within(kept, minutes) if len(kept) else []
    problem = CapacityProblem(weights, kept_sets, kept["capacity"].to_numpy(float), cand_sets, cand_caps)
    if max_sites is not None:
        choice = max_covering_with_capacities(problem, int(max_sites), time_limit)
    else:
        choice = min_sites_with_capacities(problem, float(target_pct), time_limit)
    base = problem.covered_by([])[0]
    gains = [choice.covered - problem.covered_by([c for c in choice.chosen if c != j])[0] for j in choice.chosen]
    return {"chosen_positions": list(choice.chosen), "gains": gains, "population": choice.population,
            "covered": choice.covered, "base": base, "optimal": choice.optimal, "gap": choice.gap,
            "status": choice.status, "seconds": choice.seconds,
            "assigned": np.r_[choice.assigned_kept, choice.assigned_chosen],
            "capacity_of": cand_caps[choice.chosen] if choice.chosen else np.empty(0)}


def explanation(result: dict, target_pct: float | None, max_sites: int | None) -> str:
    """The answer in a planner's sentences (current language)."""
    persons = number(result["covered_by_kept"])
    share0, share1 = number(result["share_pct_by_kept"], 1), number(result["share_pct"], 1)
    kept = result["kept"]
    room = t(" kapasiteetit huomioiden", " within capacities") if result["capacities"] else ""
    lines = [t(f"Nykyiset {kept} toimipistettä tavoittavat{room} {persons} henkilöä ({share0} %) "
               f"{number(result['minutes'])} minuutissa.",
               f"The {kept} current sites reach{room} {persons} persons ({share0} %) within "
               f"{number(result['minutes'])} minutes.")]
    n = len(result["new_sites"])
    if result["candidates"] == 0:
        lines.append(t("Ehdokkaita ei jäänyt: jokaisessa kuntakeskuksessa on jo toimipiste tai jokainen asuttu ruutu "
                       "on jo palvelun piirissä.",
                       "No candidates are left: every municipal centre already has a site, or every populated cell "
                       "is already served."))
    elif n == 0 and not result["optimal"]:  # no answer is never shown as a zero answer
        lines.append(t("Ratkaisua ei löytynyt aikarajassa, joten tulosta ei ole. Pidennä aikarajaa tai lievennä "
                       "tavoitetta.",
                       "No answer was found within the time limit, so there is no result. Allow more time or ease "
                       "the target."))
        return " ".join(lines)
    elif n == 0:
        lines.append(t("Uusia toimipisteitä ei tarvita tai mikään ehdokas ei lisää kattavuutta.",
                       "No new sites are needed, or no candidate adds to the coverage."))
    else:
        unit = t("hlö", "persons")
        names = ", ".join(f"{s['name']} (+{number(s['adds'])} {unit})" for s in result["new_sites"])
        lines.append(t(f"{n} uutta toimipistettä nostaa kattavuuden {share1} %:iin "
                       f"({number(result['covered'])} henkilöä): {names}.",
                       f"{n} new sites raise the coverage to {share1} % ({number(result['covered'])} persons): "
                       f"{names}."))
        lines.append(t("Luku suluissa on se, mitä kattavuus laskisi, jos juuri tämä paikka jätettäisiin pois.",
                       "The figure in brackets is what the coverage would lose without that site alone."))
    if target_pct is not None:
        lines.append(t(f"Vähiten uusia paikkoja, joilla {number(target_pct)} % saavutetaan.",
                       f"The fewest new sites that reach {number(target_pct)} %."))
    elif max_sites is not None:
        lines.append(t(f"Enintään {max_sites} uutta paikkaa: ne, jotka yhdessä tavoittavat eniten asukkaita.",
                       f"At most {max_sites} new sites: those that together reach the most residents."))
    if result["optimal"]:
        lines.append(t("Ratkaisu on todistetusti paras (HiGHS).", "The answer is proven best (HiGHS)."))
    else:
        gap = result["gap_pct"]
        lines.append(t("Ratkaisua ei ehditty todistaa parhaaksi aikarajassa"
                       + (f"; ero parhaaseen mahdolliseen on enintään {number(gap, 2)} %." if gap is not None else "."),
                       "The answer could not be proven best within the time limit"
                       + (f"; it is at most {number(gap, 2)} % from the best possible." if gap is not None else ".")))
    if result["estimate"]:
        lines.append(t("Osa matka-ajoista on linnuntie-arvioita.", "Some travel times are straight-line estimates."))
    return " ".join(lines)
