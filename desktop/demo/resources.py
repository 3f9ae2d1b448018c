"""Synthetic personnel and ledger rows of the demo region, consistent with its events.

Ledger (*kirjanpito*): per AURA class and year, the class's event euros times a factor of 1.05-1.30 (the
books also hold premises, administration and other costs that no event carries), booked on one cost
centre per class (code = AURA code + '10'). An administration cost centre (AURA 2900, which has no
services) adds 4 % of the total: it stays unallocated and shows in the coverage and the reconciliation.

Personnel (*henkilöstö*): per cost centre and year, 55 % of its ledger euros are personnel costs; they are
split over the professional groups that work in the class's services (the event vocabulary's groups, plus
supervisors and secretaries) and turned into FTEs with each group's yearly wage and 25 % side costs.
Head counts are FTEs x 1.12 (part-time work). Everything is deterministic and labelled synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from desktop.core.datasets import years_of
from desktop.core.resource_rules import ResourceRule, ServiceShare
from desktop.demo.vocabulary import EVENT_KINDS

RESOURCES_SEED = 2042
LEDGER_FACTOR = (1.05, 1.30)
ADMIN_SHARE = 0.04
ADMIN_AURA = "2900"
PERSONNEL_SHARE = 0.55
SIDE_COSTS = 1.25
HEADS_PER_FTE = 1.12
SUPERVISORS = (("osastonhoitaja", 0.05), ("osastosihteeri", 0.03))
#: yearly wages of 2024 (euros, without side costs), synthetic but in the range of the sector's wage statistics
WAGES = {
    "lääkäri": 96_000, "hammaslääkäri": 90_000, "psykologi": 56_000, "kätilö": 45_000, "terveydenhoitaja": 44_000,
    "sairaanhoitaja": 44_000, "psykiatrinen sairaanhoitaja": 45_000, "fysioterapeutti": 42_000,
    "suuhygienisti": 42_000, "hammashoitaja": 36_000, "lähihoitaja": 37_000, "ohjaaja": 38_000,
    "sosiaalityöntekijä": 50_000, "sosiaaliohjaaja": 42_000, "perhetyöntekijä": 38_000,
    "henkilökohtainen avustaja": 30_000, "osastonhoitaja": 56_000, "osastosihteeri": 35_000,
}
WAGE_RISE_2024 = 1.03  # 2023 wages are 2024's divided by this


@dataclass
class DemoResources:
    ledger: pd.DataFrame  # cost_centre, aura_code, aura_name, year, cost_eur
    staff: pd.DataFrame  # cost_centre, professional_group, year, fte, wages_eur, employees


def cost_centre(aura_code: str, aura_name: str) -> str:
    return f"{aura_code}10 {aura_name}"


def build_resources(service_codes: np.ndarray, code_values: list[str], dates: np.ndarray, cost: np.ndarray,
                    aura_codes: dict[str, str]) -> DemoResources:
    """Ledger and staff rows from the demo events (`service_codes` index `code_values`; `dates` day
    numbers; `cost` euros) and the AURA codes of the classes by name."""
    kind_of = {k.service_code: k for k in EVENT_KINDS}
    classes = sorted({aura_codes[kind_of[v].aura] for v in code_values})
    lut = np.array([classes.index(aura_codes[kind_of[v].aura]) for v in code_values], dtype=np.int64)
    years = years_of(dates)
    first = int(years.min()) if len(years) else 0
    n_years = int(years.max()) - first + 1 if len(years) else 0
    # euros per (class, year) with integer keys: no Python object per event (2.9 M events in the full demo)
    sums = np.bincount(lut[service_codes] * n_years + (years - first), weights=np.nan_to_num(cost),
                       minlength=len(classes) * n_years)
    counts = np.bincount(lut[service_codes] * n_years + (years - first), minlength=len(classes) * n_years)
    euros = pd.Series({(classes[k // n_years], first + k % n_years): float(sums[k]) for k in np.flatnonzero(counts)})
    names = {code: name for name, code in aura_codes.items()}
    rng = np.random.default_rng(RESOURCES_SEED)
    factor = dict(zip(classes, rng.uniform(*LEDGER_FACTOR, len(classes)), strict=True))
    ledger_rows = []
    for (aura, year), eur in euros.items():
        ledger_rows.append({"cost_centre": cost_centre(aura, names[aura]), "aura_code": aura, "aura_name": names[aura],
                            "year": int(year), "cost_eur": round(float(eur) * factor[aura], 2)})
    ledger = pd.DataFrame(ledger_rows)
    for year, part in ledger.groupby("year"):
        ledger_rows.append({"cost_centre": cost_centre(ADMIN_AURA, "Hallinto ja tukipalvelut"), "aura_code": ADMIN_AURA,
                            "aura_name": names.get(ADMIN_AURA, "Erittelemätön sosiaali- ja terveystoiminta"),
                            "year": int(year), "cost_eur": round(float(part["cost_eur"].sum()) * ADMIN_SHARE, 2)})
    ledger = pd.DataFrame(ledger_rows)
    staff_rows = []
    groups_of: dict[str, dict[str, float]] = {}
    for k in EVENT_KINDS:
        weights = groups_of.setdefault(aura_codes[k.aura], {})
        for i, group in enumerate(k.professional_groups):
            weights[group] = weights.get(group, 0.0) + (2.0 if i == 0 else 1.0)
    groups_of[ADMIN_AURA] = {"osastosihteeri": 3.0, "sosiaaliohjaaja": 1.0, "osastonhoitaja": 1.0}
    for rec in ledger.itertuples(index=False):
        weights = dict(groups_of[rec.aura_code])
        total = sum(weights.values())
        shares = {g: w / total * (1 - sum(s for _g, s in SUPERVISORS)) for g, w in weights.items()}
        for group, share in SUPERVISORS:
            shares[group] = shares.get(group, 0.0) + share
        wage_scale = 1.0 if rec.year >= 2024 else 1.0 / WAGE_RISE_2024
        for group, share in sorted(shares.items()):
            wage = WAGES[group] * wage_scale
            fte = round(rec.cost_eur * PERSONNEL_SHARE * share / (wage * SIDE_COSTS), 2)
            if fte <= 0:
                continue
            staff_rows.append({"cost_centre": rec.cost_centre, "professional_group": group, "year": rec.year,
                               "fte": fte, "wages_eur": round(fte * wage, 2),
                               "employees": float(max(1, round(fte * HEADS_PER_FTE)))})
    return DemoResources(ledger, pd.DataFrame(staff_rows))


def demo_rules(aura_codes: dict[str, str]) -> list[ResourceRule]:
    """The demo's personnel rules: the primary-care reception cost centre's doctors go to the doctor's
    reception, its nurses mostly to the nurse's reception; everything else follows the ledger."""
    reception = cost_centre(aura_codes["Perustason vastaanottopalvelut"], "*").split(" ")[0] + "*"
    return [
        ResourceRule("cost_centre", reception, [ServiceShare("VO-LÄÄK", 1.0)], groups=("lääkäri",),
                     note="synteettinen esimerkki: lääkärit lääkärin vastaanotolle"),
        ResourceRule("cost_centre", reception, [ServiceShare("VO-HOIT", 0.85), ServiceShare("VO-LÄÄK", 0.15)],
                     groups=("sairaanhoitaja", "terveydenhoitaja", "osastonhoitaja", "osastosihteeri"),
                     note="synteettinen esimerkki: hoitajat pääosin hoitajan vastaanotolle"),
    ]
