"""Tables as files: CSV the Finnish way (';', decimal comma, UTF-8 with BOM so Excel opens it) and XLSX."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from desktop.core.errors import UserError
from desktop.core.lang import t

COLUMN_NAMES_FI = {
    "segment": "Segmentti", "life_stage": "Elämänkaari", "aura": "AURA-palveluluokka", "service": "Palvelu",
    "structure": "Palvelurakenne", "producer": "Tuottaja", "municipality": "Kunta", "sex": "Sukupuoli",
    "age_band": "Ikäryhmä", "year": "Vuosi", "level": "Taso", "contacts": "Käynnit ja kontaktit",
    "clients": "Asiakkaat", "units": "Suoritteet", "cost_eur": "Eurot", "eur_per_resident": "€/asukas",
    "eur_per_client": "€/asiakas", "persons": "Henkilöt", "events": "Tapahtumat", "residents": "Asukkaat",
    "per_1000": "Asiakkaita / 1 000 asukasta", "share": "Osuus väestöstä", "change": "Muutos edellisestä vuodesta",
    "reference_eur_per_resident": "Vertailu €/asukas", "cost_share": "Osuus euroista",
    "reference_cost_share": "Vertailu: osuus euroista", "kind": "Laji",
    "fte": "Henkilötyövuodet (htv)", "ledger_eur": "Kirjanpidon eurot", "contacts_per_fte": "Käyntejä / htv",
    "eur_per_contact": "Kirjanpidon € / käynti", "aura_code": "AURA-koodi", "aura_name": "AURA-palveluluokka",
    "event_eur": "Tapahtumien eurot", "coverage_pct": "Kattavuus %", "difference_eur": "Erotus €",
    "professional_group": "Ammattiryhmä", "cost_centre": "Kustannuspaikka", "wages_eur": "Palkat €", "wages_per_fte": "Palkat € / htv",
    "employees": "Henkilöstö",
}
#: the same headers in English, for the report pages in English (files keep the Finnish headers)
COLUMN_NAMES_EN = {
    "segment": "Segment", "life_stage": "Life stage", "aura": "AURA service class", "service": "Service",
    "structure": "Service structure", "producer": "Producer", "municipality": "Municipality", "sex": "Sex",
    "age_band": "Age group", "year": "Year", "level": "Level", "contacts": "Visits and contacts",
    "clients": "Clients", "units": "Units", "cost_eur": "Euros", "eur_per_resident": "€/resident",
    "eur_per_client": "€/client", "persons": "Persons", "events": "Events", "residents": "Residents",
    "per_1000": "Clients / 1,000 residents", "share": "Share of population", "change": "Change from previous year",
    "reference_eur_per_resident": "Comparison €/resident", "cost_share": "Share of euros",
    "reference_cost_share": "Comparison: share of euros", "kind": "Kind",
    "fte": "Full-time equivalents (FTE)", "ledger_eur": "Ledger euros", "contacts_per_fte": "Contacts / FTE",
    "eur_per_contact": "Ledger € / contact", "aura_code": "AURA code", "aura_name": "AURA service class",
    "event_eur": "Event euros", "coverage_pct": "Coverage %", "difference_eur": "Difference €",
    "professional_group": "Professional group", "cost_centre": "Cost centre", "wages_eur": "Wages €", "wages_per_fte": "Wages € / FTE",
    "employees": "Employees",
}


def _writable(path: Path) -> None:
    if not path.parent.exists():
        raise UserError(t(f"Kansiota {path.parent} ei ole.", f"Folder {path.parent} does not exist."))


def write_csv(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Semicolon-separated, decimal comma (two decimals), Finnish headers, UTF-8 with BOM; "<5" stays text."""
    path = Path(path)
    _writable(path)
    out = pd.DataFrame({COLUMN_NAMES_FI.get(c, c): [_csv_cell(v) for v in table[c]] for c in table.columns})
    out.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


def _csv_cell(value):
    value = _cell(value)
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return value


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path: str | os.PathLike, finnish_headers: bool = True) -> Path:
    """One sheet per table; header row bold and frozen, euros with two decimals."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    _writable(path)
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in sheets.items():
        ws = wb.create_sheet(name[:31])
        headers = [COLUMN_NAMES_FI.get(c, c) if finnish_headers else c for c in table.columns]
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for rec in table.itertuples(index=False):
            ws.append([_cell(v) for v in rec])
        for j, col in enumerate(table.columns, start=1):
            if col in ("cost_eur", "eur_per_resident", "eur_per_client", "units"):
                for row in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    row[0].number_format = "#,##0.00"
            ws.column_dimensions[ws.cell(1, j).column_letter].width = max(10, min(40, len(str(headers[j - 1])) + 4))
        ws.freeze_panes = "A2"
    wb.save(path)
    return path


def _cell(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
