"""A small hand-made classification with personnel and ledger rules, and staff / ledger frames whose
allocation is counted by hand in the tests."""

from __future__ import annotations

import pandas as pd

from desktop.core.resource_rules import ResourceRule, ServiceShare
from desktop.core.rules import AuraClass, Classification, Service


def classification(valid_from: int = 2024, rules: bool = True) -> Classification:
    """AURA A1: S1, S2; A2: S3; A3: S4 (never has events)."""
    c = Classification(valid_from=valid_from, name=f"testi {valid_from}",
                       aura_classes=[AuraClass("A1", "Luokka yksi"), AuraClass("A2", "Luokka kaksi"),
                                     AuraClass("A3", "Luokka kolme")],
                       services=[Service("S1", "Palvelu 1", "A1", level="green"),
                                 Service("S2", "Palvelu 2", "A1", level="red"),
                                 Service("S3", "Palvelu 3", "A2", level="yellow"),
                                 Service("S4", "Palvelu 4", "A3")])
    if rules:
        c.resource_rules = [
            ResourceRule("cost_centre", "KP1", [ServiceShare("S1", 0.6), ServiceShare("S2", 0.4)]),
            ResourceRule("cost_centre", "KP2*", [ServiceShare("S3", 1.0)], groups=("lääkäri",)),
            ResourceRule("cost_centre", "KP3", [ServiceShare("S1", 0.5)]),
        ]
    return c


def ledger(rows) -> pd.DataFrame:
    """rows: (cost_centre, aura_code, aura_name, year, cost_eur)."""
    return pd.DataFrame(rows, columns=["cost_centre", "aura_code", "aura_name", "year", "cost_eur"])


def staff(rows) -> pd.DataFrame:
    """rows: (cost_centre, professional_group, year, fte, wages_eur, employees)."""
    return pd.DataFrame(rows, columns=["cost_centre", "professional_group", "year", "fte", "wages_eur", "employees"])


LEDGER_2024 = [
    ("KP1", "A1", None, 2024, 1000.0),  # rule KP1: S1 600, S2 400
    (None, "A1", None, 2024, 2000.0),  # A1 by event euros 300 : 100 -> S1 1500, S2 500
    ("KP9", None, "luokka  KAKSI", 2024, 500.0),  # by name; A2's only service S3 has events but no euros: S3 500
    (None, "A3", None, 2024, 700.0),  # A3's service S4 has no events: unallocated
    (None, "ZZ", "Tuntematon", 2024, 50.0),  # not in the classification: unallocated
    ("KP3", "A1", None, 2024, 100.0),  # rule KP3: S1 50 %, the other 50 unallocated
]
STAFF_2024 = [
    ("KP1", "sairaanhoitaja", 2024, 10.0, 400_000.0, 11.0),  # rule KP1: S1 6, S2 4
    ("KP2-A", "lääkäri", 2024, 2.0, 200_000.0, 2.0),  # rule KP2* (doctors): S3 2
    ("KP2-A", "sairaanhoitaja", 2024, 3.0, 120_000.0, 3.0),  # no rule for nurses, KP2-A has no ledger: unallocated
    ("KP9", "lähihoitaja", 2024, 4.0, 150_000.0, 5.0),  # no rule: follows KP9's ledger, all to S3
    ("KP3", "ohjaaja", 2024, 2.0, 80_000.0, 2.0),  # rule KP3: S1 1, the other 1 unallocated
]
SERVICE_EUROS_2024 = pd.DataFrame({"year": [2024, 2024, 2024], "service": ["S1", "S2", "S3"],
                                   "event_eur": [300.0, 100.0, 0.0], "contacts": [3, 1, 2]})


# ------------------------------------------------------------------ a small store, counted by hand
def resource_records() -> list[dict]:
    """2024 events: NEUVOLA 6 persons x 100 € (green), VO-LÄÄK 6 x 50 € (yellow), VO-HOIT 6 x 30 € (green),
    KOTIHOITO 5 persons x 2 visits x 40 € (yellow; one of them lives in 182, the others in 179): 28 contacts,
    23 persons, 1 480 €."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "segments"))
    from desktop.core.datasets import day_number

    out = []
    kinds = (("NEUVOLA-L", "T22", "terveydenhoitaja", "TH", 2, 6, 1, 100.0),
             ("VO-LÄÄK", "T11", "lääkäri", "SH", 40, 6, 1, 50.0),
             ("VO-HOIT", "T11", "sairaanhoitaja", "SH", 41, 6, 1, 30.0),
             ("KOTIHOITO", "T30", "lähihoitaja", "SH", 80, 5, 2, 40.0))
    for k, (code, form, prof, nature, age, persons, visits, cost) in enumerate(kinds):
        for p in range(persons):
            for v in range(visits):
                out.append({"person_id": f"p{k}{p}", "date": day_number(2024, 3 + v, 10 + p), "birth_year": 2024 - age,
                            "age": age, "sex": "2", "municipality": "182" if (code, p) == ("KOTIHOITO", 0) else "179",
                            "service_code": code,
                            "service_form": form, "professional_group": prof, "visit_nature": nature, "reasons": "",
                            "special_law": "", "producer": "own", "cost_eur": cost, "units": 1.0})
    return out


LEDGER_CSV = """Kustannuspaikka;AURA-koodi;Vuosi;Kustannukset
KP-NEU;2538;2024;1000
;2536;2024;960
;2235;2024;500
;2900;2024;100
"""
STAFF_CSV = """Kustannuspaikka;Ammattiryhmä;Vuosi;Htv;Palkat;Henkilöt
KP-NEU;terveydenhoitaja;2024;3;150000;4
KP-VO;lääkäri;2024;2;220000;2
KP-VO;sairaanhoitaja;2024;4;180000;5
KP-KH;lähihoitaja;2024;10;380000;12
KP-X;ohjaaja;2024;1;40000;1
"""


def write_resource_store(path):
    """The store of `resource_records` with the ledger and staff above and these rules in the default
    classification: KP-VO doctors -> VO-LÄÄK; KP-VO others -> VO-LÄÄK 50 %, VO-HOIT 50 %; KP-X -> TPA (no
    events). KP-NEU follows its ledger (2538: NEUVOLA), KP-KH has no rule and no ledger."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "segments"))
    from event_frames import write_store

    from desktop.services.classification import load_versions, save_classification
    from desktop.services.importing import import_file
    from desktop.store import Store

    write_store(path, resource_records())
    folder = Path(path).parent
    (folder / "kirjanpito.csv").write_text(LEDGER_CSV, encoding="utf-8")
    (folder / "henkilosto.csv").write_text(STAFF_CSV, encoding="utf-8")
    store = Store.open(path)
    try:
        import_file(store, folder / "kirjanpito.csv", kind="finance")
        import_file(store, folder / "henkilosto.csv", kind="staff")
        version = load_versions(store)[-1]
        version.resource_rules = [
            ResourceRule("cost_centre", "KP-VO", [ServiceShare("VO-LÄÄK", 1.0)], groups=("lääkäri",)),
            ResourceRule("cost_centre", "KP-VO", [ServiceShare("VO-LÄÄK", 0.5), ServiceShare("VO-HOIT", 0.5)]),
            ResourceRule("cost_centre", "KP-X", [ServiceShare("TPA", 1.0)]),
        ]
        save_classification(store, version)
    finally:
        store.close()
    return path


# ------------------------------------------------------------------ several years with personnel and books
def write_years_store(path, years=(2021, 2022, 2023, 2024), n_persons: int = 120):
    """A store of demo-like events over `years` with, for every year, ledger rows of each AURA class that
    has events (1.2 x its event euros on cost centre 'KP-<code>', plus 5 % on no cost centre) and staff of
    each such cost centre (nurses and doctors, 0.5 FTE per 1,000 ledger euros; no rule: they follow the
    centre's ledger); one cost-centre rule sends centre KP-X's staff half to two services, the other half
    unallocated. Returns the path."""
    import sys
    from pathlib import Path

    import numpy as np

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "segments"))
    from event_frames import demo_like_records, single_year_population, write_store

    from desktop.services.classification import classified_events, load_versions, save_classification
    from desktop.services.importing import import_file
    from desktop.store import Store

    write_store(path, demo_like_records(n_persons=n_persons, years=years, seed=21),
                single_year_population(years=years))
    folder = Path(path).parent
    store = Store.open(path)
    try:
        events = classified_events(store)
        version = load_versions(store)[-1]
        code_of = {a.name: a.code for a in version.aura_classes}
        euros = events.groupby(["year", "aura"], observed=True)["cost_eur"].sum()
        ledger = ["Kustannuspaikka;AURA-koodi;Vuosi;Kustannukset"]
        staff = ["Kustannuspaikka;Ammattiryhmä;Vuosi;Htv;Palkat;Henkilöt"]
        for (year, aura), eur in euros.items():
            code = code_of[aura]
            ledger.append(f"KP-{code};{code};{year};{eur * 1.2:.2f}")
            ledger.append(f";{code};{year};{eur * 0.05:.2f}")
            fte = round(float(eur) * 1.2 / 1000 * 0.5, 2)
            staff.append(f"KP-{code};sairaanhoitaja;{year};{fte * 0.7:.2f};{fte * 0.7 * 45000:.0f};{int(fte) + 5}")
            staff.append(f"KP-{code};lääkäri;{year};{fte * 0.3:.2f};{fte * 0.3 * 90000:.0f};{int(fte * 0.3) + 2}")
        for year in years:
            staff.append(f"KP-X;ohjaaja;{year};{3 + year % 3}.5;{(3 + year % 3) * 40000};{6 + year % 3}")
        (folder / "kirjanpito.csv").write_text("\n".join(ledger) + "\n", encoding="utf-8")
        (folder / "henkilosto.csv").write_text("\n".join(staff) + "\n", encoding="utf-8")
        import_file(store, folder / "kirjanpito.csv", kind="finance")
        import_file(store, folder / "henkilosto.csv", kind="staff")
        services = sorted({s.code for s in version.services if s.name in set(events["service"].dropna())})
        version.resource_rules = [ResourceRule("cost_centre", "KP-X", [ServiceShare(services[0], 0.3),
                                                                         ServiceShare(services[-1], 0.2)])]
        save_classification(store, version)
        assert np.isfinite(events["cost_eur"].to_numpy(dtype=float)).any()
    finally:
        store.close()
    return path
