"""What the project already holds from earlier imports: the batch of the very same file (a warning
before importing, a refusal without --replace), and travel times' origins and destinations checked
against the grid and the sites imported before."""

from __future__ import annotations

import json
import os

import numpy as np
from sqlalchemy import Row, select

from desktop.core.lang import t
from desktop.importers.kinds import Context
from desktop.services.importing.gathered import _Gathered
from desktop.services.importing.plan import DEFAULT_MODE, ImportPlan
from desktop.store import Store
from desktop.store import columns as colstore
from desktop.store.tables import imports as tables


def _same_import(batch, plan: ImportPlan) -> bool:
    """Whether an earlier batch of the same file and kind imported the same thing: travel times also
    need the same mode and column mapping (the Travel Time Matrix keeps car, transit and walk times
    in columns of one file)."""
    if plan.kind != "travel-times":
        return True
    if (batch.mode or DEFAULT_MODE) != plan.mode:
        return False
    try:
        mapping = json.loads(batch.report_json or "{}").get("mapping")
    except ValueError:
        mapping = None
    return mapping is None or mapping == plan.mapping


def _travel_time_checks(store: Store, gathered: _Gathered, ctx: Context, report: dict) -> list[str]:
    warnings = []
    no_route = ctx.counters.get("no_route", 0)
    report["no_route"] = no_route
    if no_route:
        warnings.append(t(f"{no_route} riviä ilman reittiä (tyhjä tai negatiivinen aika); ne eivät ole saavutettavissa.",
                          f"{no_route} rows without a route (empty or negative time); they count as unreachable."))
    cells: set[str] = set()
    if store.row_count("grid"):
        with store.read() as conn:
            cells = set(colstore.dictionary(conn, "grid", "cell_id"))
            used = store.load("grid", ("cell_id",), decode=False)["cell_id"]
            values = colstore.dictionary(conn, "grid", "cell_id")
            cells = {values[c] for c in np.unique(used) if c >= 0}
    with store.read() as conn:
        sites = set(conn.execute(select(tables.site.c.site_id).distinct()).scalars())
    for name, known, key, fi, en in (
        ("origin", cells, "unknown_origin", "lähtöruutua ei ole väestöruudukossa", "origins not in the population grid"),
        ("destination", cells | sites, "unknown_destination", "kohdetta ei ole toimipisteissä eikä ruudukossa",
         "destinations that are neither sites nor grid cells"),
    ):
        column = gathered.text[name]
        values = column.values()
        unknown = np.array([v not in known for v in values] + [False], dtype=bool)
        count = int(unknown[column.codes()].sum())
        report[key] = count
        if count:
            warnings.append(t(f"{count} riviä, joiden {fi}.", f"{count} rows with {en}."))
    if not cells:
        warnings.append(t("Väestöruudukkoa ei ole vielä tuotu; lähtöruutuja ei voitu tarkistaa.",
                          "No population grid has been imported yet; origins could not be checked."))
    return warnings


def earlier_batch(store: Store, path: str | os.PathLike, kind: str, sha256: str | None = None,
                  plan: ImportPlan | None = None) -> Row | None:
    """The batch that already holds this very file for `kind` (and, with `plan`, imported it the same
    way: for travel times the same mode and mapping), if any (for a warning before import)."""
    if sha256 is None:
        import hashlib

        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        sha256 = digest.hexdigest()
    for batch in store.batches():
        if batch.sha256 == sha256 and batch.kind == kind and (plan is None or _same_import(batch, plan)):
            return batch
    return None

