"""Building the demo store: generate every dataset in memory, then write it in one transaction.

Sizes:
- 'full': every resident of the region (about 276,000 persons with the births of 2023-2024) and their
  service events, about 2.9 million events in 2023-2024.
- 'small': the same municipalities, population tables, grid, sites and travel times, but the events
  of only a 3 % random sample of the persons (about 90,000 events), so that it builds in seconds.
  Client counts in 'small' are therefore about 3 % of the population figures.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Connection

from desktop.core.datasets import EVENT_COLUMNS, EVENT_DTYPES, GRID_COLUMNS, TRAVEL_TIME_COLUMNS, day_number
from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.progress import NullProgress, Progress
from desktop.demo.events import TEXT_COLUMNS, DemoEvents, generate_events
from desktop.demo.geography import PopulationGrid, build_grid
from desktop.demo.persons import DEMO_YEARS, DemoPersons, build_persons, pseudonyms
from desktop.demo.population import LAST_ACTUAL_YEAR, DemoPopulation, build_population
from desktop.demo.resources import DemoResources, build_resources, demo_rules
from desktop.demo.sites import Site, build_sites
from desktop.demo.travel import TravelTimes, build_travel_times
from desktop.store import Store
from desktop.store import columns as colstore
from desktop.store.db import insert_rows
from desktop.store.keys import project_key

SIZES = {"small": 0.03, "full": 1.0}
REGION_NAME = "Keski-Suomi (synteettinen demo)"
DEMO_LABEL = "synteettinen"


@dataclass
class DemoRegion:
    """Everything the demo store holds, generated in memory."""

    size: str
    population: DemoPopulation
    grid: PopulationGrid
    sites: list[Site]
    travel: TravelTimes
    persons: DemoPersons
    events: DemoEvents
    resources: DemoResources  # ledger and staff rows consistent with the events


class _Steps:
    """Maps the build's phases onto one 0..100 progress scale."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.done = 0.0

    def phase(self, weight: float, text: str):
        start = self.done
        self.done += weight
        self.progress.report(start, 100, text)

        def report(done: float, total: float, _detail: str = "") -> None:
            self.progress.report(start + weight * (done / total if total else 1.0), 100, text)

        return report


def generate_region(size: str = "small", progress: Progress | None = None) -> DemoRegion:
    """All demo datasets for `size` ('small' or 'full'), deterministic."""
    if size not in SIZES:
        raise UserError(t(f"Tuntematon demon koko '{size}' (small tai full).", f"Unknown demo size '{size}' (small or full)."))
    steps = _Steps(progress or NullProgress())
    steps.phase(2, t("Väestö", "Population"))
    population = build_population()
    steps.phase(4, t("Väestöruudukko", "Population grid"))
    grid = build_grid(population, LAST_ACTUAL_YEAR)
    steps.phase(1, t("Palvelupisteet", "Service sites"))
    sites = build_sites()
    steps.phase(3, t("Matka-ajat", "Travel times"))
    travel = build_travel_times(grid, sites)
    steps.phase(2, t("Henkilöt", "Persons"))
    persons = build_persons(population, SIZES[size])
    report = steps.phase(45 if size == "full" else 30, t("Palvelutapahtumat", "Service events"))
    events = generate_events(persons, population.municipality_codes, report=report)
    cols = events.columns
    resources = build_resources(cols["service_code"], events.values["service_code"], cols["date"], cols["cost_eur"],
                                _aura_codes())
    return DemoRegion(size, population, grid, sites, travel, persons, events, resources)


def _aura_codes() -> dict[str, str]:
    """AURA class name -> code in the shipped default classification."""
    from desktop.services.classification import default_classification

    return {a.name: a.code for a in default_classification().aura_classes}


def build_demo(path: str | os.PathLike, size: str = "small", progress: Progress | None = None) -> Path:
    """Create the synthetic Keski-Suomi demo store at `path` (which must not exist); returns the path.

    The store gets every feature's defaults (create_project), then all demo datasets in one
    transaction. A failed or cancelled build removes the file again.
    """
    from desktop.services.new_project import create_project

    path = Path(path)
    if path.exists():
        raise UserError(
            t(
                f"Tiedosto {path} on jo olemassa. Demoaineisto tehdään aina uuteen tiedostoon; valitse toinen nimi.",
                f"The file {path} already exists. The demo is always built into a new file; choose another name.",
            )
        )
    progress = progress or NullProgress()
    region = generate_region(size, progress)
    store = create_project(path)
    try:
        steps = _Steps(progress)
        steps.done = 57.0 if size == "full" else 42.0
        project_key(store)  # gives the project the user's key (outside the file) before the write transaction
        with store.transaction() as conn:
            write_region(store, conn, region, steps)
            store.set_setting("synthetic", True, conn)
            store.set_setting("region_name", REGION_NAME, conn)
            store.set_setting("demo", {"size": size, "persons": len(region.persons), "events": len(region.events)}, conn)
        _install_demo_rules(store)
        # the seed's self-assessment (Keski-Suomi, October 2020) as the development-measures example
        from desktop.services.measures import install_seed_example

        install_seed_example(store)
        progress.report(100, 100, t("Valmis", "Done"))
    except BaseException:
        store.close()
        remove_store_files(path)
        raise
    store.close()
    return path


def _install_demo_rules(store: Store) -> None:
    """The demo's personnel allocation rules in the newest classification version."""
    from desktop.services.classification import load_versions, save_classification

    version = load_versions(store)[-1]
    version.resource_rules = demo_rules(_aura_codes())
    save_classification(store, version)


def remove_store_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _batch(store: Store, conn: Connection, kind: str, what: str, rows: int) -> int:
    return store.add_batch(
        conn, kind, f"demo: {what} ({DEMO_LABEL})", row_count=rows, mode="demo", report={"synthetic": True}
    )


def write_region(store: Store, conn: Connection, region: DemoRegion, steps: _Steps) -> None:
    """Write every demo dataset inside the caller's transaction."""
    steps.phase(1, t("Tallennetaan väestö", "Saving population"))
    _write_population(store, conn, region.population)
    steps.phase(2, t("Tallennetaan väestöruudukko", "Saving the grid"))
    grid = region.grid
    grid_batch = _batch(store, conn, "grid", "väestöruudukko 1 km", len(grid))
    grid_kinds = {**GRID_COLUMNS, "pop_65plus": "num"}
    colstore.write_columns(
        conn, "grid", grid_batch,
        {
            "cell_id": colstore.encode(conn, "grid", "cell_id", grid.cell_id),
            "x": grid.x, "y": grid.y,
            "municipality": colstore.encode(conn, "grid", "municipality", grid.municipality),
            "population": grid.population, "pop_65plus": grid.pop_65plus,
        },
        grid_kinds,
    )
    steps.phase(1, t("Tallennetaan palvelupisteet", "Saving sites"))
    _write_sites(store, conn, region.sites)
    report = steps.phase(6, t("Tallennetaan matka-ajat", "Saving travel times"))
    travel = region.travel
    travel_batch = _batch(store, conn, "travel-times", "matka-ajat autolla", len(travel))
    origin_codes = colstore.encode(conn, "travel_times", "origin", grid.cell_id)
    dest_codes = colstore.encode(conn, "travel_times", "destination", [s.site_id for s in region.sites])
    mode_code = colstore.encode(conn, "travel_times", "mode", ["car"])[0]
    colstore.write_columns(
        conn, "travel_times", travel_batch,
        {
            "origin": origin_codes[travel.origin],
            "destination": dest_codes[travel.destination],
            "minutes": travel.minutes,
            "mode": np.full(len(travel), mode_code, dtype=np.int8),
        },
        TRAVEL_TIME_COLUMNS, progress=_Relay(report),
    )
    _write_resources(store, conn, region.resources)
    report = steps.phase(100 - steps.done, t("Tallennetaan palvelutapahtumat", "Saving service events"))
    _write_events(store, conn, region.persons, region.events, report)


class _Relay(NullProgress):
    def __init__(self, report) -> None:
        super().__init__()
        self._report = report

    def report(self, done: float, total: float, text: str = "") -> None:
        self._report(done, total, text)


def _write_population(store: Store, conn: Connection, population: DemoPopulation) -> None:
    counts = population.counts  # year x muni x sex x age
    yi, mi, si, ai = np.indices(counts.shape).reshape(4, -1)
    years = np.array(population.years)[yi]
    batch = _batch(store, conn, "population", "väestö", counts.size)
    rows = list(
        zip(
            [batch] * counts.size,
            np.array(population.municipality_codes)[mi].tolist(),
            years.tolist(),
            ai.tolist(),
            ai.tolist(),
            np.array(["1", "2"])[si].tolist(),
            counts.reshape(-1).astype(float).tolist(),
            (years > LAST_ACTUAL_YEAR).astype(int).tolist(),
            strict=True,
        )
    )
    insert_rows(conn, "population", ("batch_id", "municipality", "year", "age_from", "age_to", "sex", "count",
                                     "forecast"), rows)


def _write_resources(store: Store, conn: Connection, resources: DemoResources) -> None:
    ledger, staff = resources.ledger, resources.staff
    batch = _batch(store, conn, "finance", "kirjanpito AURA-luokittain ja kustannuspaikoittain", len(ledger))
    insert_rows(conn, "finance", ("batch_id", "cost_centre", "aura_code", "aura_name", "year", "cost_eur"),
                [(batch, r.cost_centre, r.aura_code, r.aura_name, int(r.year), float(r.cost_eur))
                 for r in ledger.itertuples(index=False)])
    batch = _batch(store, conn, "staff", "henkilöstö (htv) ammattiryhmittäin", len(staff))
    insert_rows(conn, "staff", ("batch_id", "cost_centre", "professional_group", "year", "fte", "wages_eur", "employees"),
                [(batch, r.cost_centre, r.professional_group, int(r.year), float(r.fte), float(r.wages_eur),
                  float(r.employees)) for r in staff.itertuples(index=False)])


def _write_sites(store: Store, conn: Connection, sites: list[Site]) -> None:
    batch = _batch(store, conn, "sites", "palvelupisteet", len(sites))
    insert_rows(conn, "site", ("batch_id", "site_id", "name", "type", "size", "x", "y", "municipality", "capacity"),
                [(batch, s.site_id, s.name, s.type, s.size, s.x, s.y, s.municipality, s.capacity) for s in sites])


def _write_events(store: Store, conn: Connection, persons: DemoPersons, events: DemoEvents, report) -> None:
    cols = events.columns
    encoded: dict[str, np.ndarray] = {}
    for name in TEXT_COLUMNS:
        mapping = np.append(colstore.encode(conn, "events", name, events.values[name]), -1).astype(np.int32)
        encoded[name] = mapping[cols[name]]
    users = np.unique(cols["person"])
    ids = pseudonyms(persons.number[users], project_key(store).secret)  # the user's key, like any project
    id_codes = colstore.encode(conn, "events", "person_id", ids)
    encoded["person_id"] = id_codes[np.searchsorted(users, cols["person"])]
    for name, dtype in EVENT_DTYPES.items():
        encoded[name] = cols[name].astype(dtype, copy=False)
    table = {name: encoded[name] for name in EVENT_COLUMNS}
    del encoded
    bounds = [day_number(y) for y in DEMO_YEARS] + [day_number(DEMO_YEARS[-1] + 1)]
    cut = np.searchsorted(cols["date"], bounds)  # events are sorted by date
    for i, year in enumerate(DEMO_YEARS):
        lo, hi = int(cut[i]), int(cut[i + 1])
        batch = _batch(store, conn, "events", f"palvelutapahtumat {year}", hi - lo)
        colstore.write_columns(
            conn, "events", batch, {k: v[lo:hi] for k, v in table.items()}, EVENT_COLUMNS,
            progress=_Relay(lambda d, tot, _x="", i=i: report(i + d / tot, len(DEMO_YEARS))),
        )
