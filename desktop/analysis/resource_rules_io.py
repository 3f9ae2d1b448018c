"""The personnel and ledger rules (desktop.core.resource_rules) on a sheet of the classification workbook,
'Henkilöstö ja talous': one row per rule in order, shares written as 'NEUVOLA 60, VO-HOIT 40'."""

from __future__ import annotations

from typing import Any

from desktop.core.lang import t
from desktop.core.resource_rules import BASIS_LABELS, ResourceRule, parse_shares, shares_text

SHEET_RESOURCES = "Henkilöstö ja talous"
RESOURCE_COLUMNS = ("Sääntö", "Peruste", "Kustannuspaikka tai AURA-koodi", "Ammattiryhmät", "Palvelut ja osuudet",
                    "Käytössä", "Selite", "Tunnus")
_BASES = {label.casefold(): basis for basis, pair in BASIS_LABELS.items() for label in (*pair, basis)}


def write_sheet(wb, rules: list[ResourceRule]) -> None:
    """Append the sheet to an openpyxl workbook (always, so a planner sees where the rules go)."""
    ws = wb.create_sheet(SHEET_RESOURCES)
    ws.append(list(RESOURCE_COLUMNS))
    for i, r in enumerate(rules, 1):
        ws.append([i, BASIS_LABELS[r.basis][0] if r.basis in BASIS_LABELS else r.basis, r.key, ", ".join(r.groups),
                   shares_text(r.shares), "kyllä" if r.enabled else "ei", r.note, r.id])


def read_sheet(rows: list[list], problems: list[str]) -> list[ResourceRule]:
    """The rules of the sheet's rows (header first); problems name the row and column."""
    if not rows:
        return []
    header = [_text(h) for h in rows[0]]
    index = {c: header.index(c) for c in RESOURCE_COLUMNS if c in header}
    for col in RESOURCE_COLUMNS[1:3]:
        if col not in index:
            problems.append(t(f"taulukko '{SHEET_RESOURCES}': sarake '{col}' puuttuu otsikkoriviltä",
                              f"sheet '{SHEET_RESOURCES}': column '{col}' missing from the header row"))
            return []
    out = []
    for rownum, raw in enumerate(rows[1:], start=2):
        row = {c: _text(raw[j]) if j < len(raw) else "" for c, j in index.items()}
        if not any(row.values()):
            continue
        where = t(f"taulukko '{SHEET_RESOURCES}', rivi {rownum}", f"sheet '{SHEET_RESOURCES}', row {rownum}")
        basis = _BASES.get(row.get("Peruste", "").casefold())
        if basis is None:
            problems.append(f"{where}, {t('sarake', 'column')} 'Peruste': "
                            + t(f"'{row.get('Peruste', '')}' ei ole kustannuspaikka tai AURA-luokka",
                                f"'{row.get('Peruste', '')}' is not a cost centre or AURA class"))
            continue
        try:
            shares = parse_shares(row.get("Palvelut ja osuudet", ""))
        except ValueError as exc:
            problems.append(f"{where}, {t('sarake', 'column')} 'Palvelut ja osuudet': {exc}")
            continue
        groups = tuple(g.strip() for g in row.get("Ammattiryhmät", "").split(",") if g.strip())
        rule = ResourceRule(basis, row.get("Kustannuspaikka tai AURA-koodi", ""), shares, groups, row.get("Selite", ""),
                            row.get("Käytössä", "kyllä").casefold() not in ("ei", "no", "false", "0"))
        if row.get("Tunnus"):
            rule.id = row["Tunnus"]
        out.append(rule)
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
