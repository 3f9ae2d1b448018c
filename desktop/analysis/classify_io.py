"""A classification version as a file: JSON (exact) and Excel (readable and editable by a person).

Excel workbook:
- "Versio": valid-from year, name, note;
- "AURA-luokat": code, name, parent class, description;
- "Palvelut": one row per service (code, name, AURA code, structure, default level, life-cycle
  allocation, law, description);
- "Säännöt": one row per condition; rows with the same number in "Sääntö" form one rule.
  "Laji" is "kohdennus" (allocation rule: order of the numbers = order of the rules, first match
  wins) or "taso" (level rule of the service in "Palvelu"); fields and operators are written as
  Finnish words (the English keys are accepted too), values separated by commas.
- "Ohje": what the columns mean.

Reading validates everything and raises UserError naming sheet, row and column of each problem;
a round trip (write, read) gives back an equal classification.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.rules import (
    ALLOCATION_LABELS,
    FIELD_LABELS,
    LEVEL_LABELS,
    OPERATOR_LABELS,
    AllocationRule,
    AuraClass,
    Classification,
    Condition,
    LevelRule,
    Service,
    split_values,
)

SHEET_VERSION, SHEET_AURA, SHEET_SERVICES, SHEET_RULES, SHEET_HELP = (
    "Versio", "AURA-luokat", "Palvelut", "Säännöt", "Ohje")
SERVICE_COLUMNS = ("Koodi", "Nimi", "AURA-koodi", "AURA-luokka", "Palvelurakenne", "Oletustaso",
                   "Elinkaarikohdennus", "Laki", "Kuvaus")
RULE_COLUMNS = ("Sääntö", "Laji", "Palvelu", "Taso", "Käytössä", "Kenttä", "Ehto", "Arvot", "Alaraja",
                "Yläraja", "Selite", "Tunnus")
AURA_COLUMNS = ("Koodi", "Nimi", "Yläluokka", "Kuvaus")
KIND_ALLOCATION, KIND_LEVEL = "kohdennus", "taso"


# ------------------------------------------------------------------------ JSON
def write_json(classification: Classification, path: str | Path) -> None:
    Path(path).write_text(json.dumps(classification.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_json(path: str | Path) -> Classification:
    """Read and validate a classification JSON file (raises UserError naming the problem)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise UserError(t(f"{path.name}: virheellinen JSON rivillä {exc.lineno}, sarakkeessa {exc.colno}: {exc.msg}.",
                          f"{path.name}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.")) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(t(f"Tiedostoa {path.name} ei voi lukea: {exc}", f"Cannot read {path.name}: {exc}")) from exc
    if not isinstance(data, dict) or data.get("format") != "sote-planner-classification":
        raise UserError(t(f"{path.name} ei ole Sote-suunnittelijan palveluluokitus (kenttä 'format' puuttuu).",
                          f"{path.name} is not a Sote Planner classification (no 'format' field)."))
    problems = _json_shape_problems(data)
    if problems:
        raise UserError(t(f"Palveluluokitus {path.name} ei kelpaa.", f"Classification {path.name} is not valid."),
                        problems)
    classification = Classification.from_dict(data)
    _validate(classification, path.name)
    return classification


def _json_shape_problems(data: dict) -> list[str]:
    out = []
    if not isinstance(data.get("valid_from"), int):
        out.append(t("valid_from: vuosi puuttuu tai ei ole kokonaisluku", "valid_from: year missing or not an integer"))
    for key in ("aura_classes", "services", "rules", "resource_rules"):
        if not isinstance(data.get(key, []), list):
            out.append(t(f"{key}: pitää olla lista", f"{key}: must be a list"))
            continue
        for i, item in enumerate(data.get(key, [])):
            if not isinstance(item, dict):
                out.append(f"{key}[{i}]: " + t("pitää olla olio", "must be an object"))
                continue
            if any(not isinstance(x, dict) or not isinstance(x.get("share"), int | float) for x in item.get("shares") or []):
                out.append(f"{key}[{i}]: " + t("osuus ei ole luku", "a share is not a number"))
            conds = list(item.get("conditions") or [])
            conds += [c for lr in item.get("level_rules") or [] if isinstance(lr, dict) for c in lr.get("conditions") or []]
            for c in conds:
                if not isinstance(c, dict):
                    out.append(f"{key}[{i}]: " + t("ehto pitää olla olio", "a condition must be an object"))
                    continue
                for bound in ("low", "high"):
                    v = c.get(bound)
                    if v is not None and not isinstance(v, int | float):
                        out.append(f"{key}[{i}]: {bound} " + t("ei ole luku", "is not a number"))
    return out


def _validate(classification: Classification, name: str) -> None:
    problems = classification.problems()
    if problems:
        raise UserError(t(f"Palveluluokitus {name} ei kelpaa.", f"Classification {name} is not valid."), problems)


# ------------------------------------------------------------------------ Excel
def _fi(labels: dict[str, tuple[str, str]], key: str) -> str:
    return labels[key][0] if key in labels else key


def _lookup(labels: dict[str, tuple[str, str]]) -> dict[str, str]:
    out = {}
    for key, (fi, en) in labels.items():
        for word in (key, fi, en):
            out[word.strip().casefold()] = key
    return out


def write_xlsx(classification: Classification, path: str | Path) -> None:
    """Write the classification as an Excel workbook (see module docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_VERSION
    ws.append(["Voimassa vuodesta", classification.valid_from])
    ws.append(["Nimi", classification.name])
    ws.append(["Huomautus", classification.note])

    ws = wb.create_sheet(SHEET_AURA)
    ws.append(list(AURA_COLUMNS))
    for a in classification.aura_classes:
        ws.append([a.code, a.name, a.group, a.description])

    ws = wb.create_sheet(SHEET_SERVICES)
    ws.append(list(SERVICE_COLUMNS))
    aura_names = {a.code: a.name for a in classification.aura_classes}
    for s in classification.services:
        ws.append([s.code, s.name, s.aura, aura_names.get(s.aura, ""), s.structure, _fi(LEVEL_LABELS, s.level),
                   _fi(ALLOCATION_LABELS, s.allocation), s.law, s.description])

    ws = wb.create_sheet(SHEET_RULES)
    ws.append(list(RULE_COLUMNS))
    number = 0

    def rule_rows(kind, service, level, enabled, conditions, note, rid):
        conds = conditions or [None]
        for c in conds:
            row: list[Any] = [number, kind, service, _fi(LEVEL_LABELS, level) if level else "",
                              "kyllä" if enabled else "ei"]
            if c is None:
                row += ["", "", "", None, None]
            else:
                values = ", ".join(c.values) if c.op not in ("between", "is_empty", "not_empty") else ""
                row += [_fi(FIELD_LABELS, c.field), _fi(OPERATOR_LABELS, c.op), values,
                        c.low if c.op == "between" else None, c.high if c.op == "between" else None]
            row += [note, rid]
            ws.append(row)

    for r in classification.rules:
        number += 1
        rule_rows(KIND_ALLOCATION, r.service, "", r.enabled, r.conditions, r.note, r.id)
    for s in classification.services:
        for lr in s.level_rules:
            number += 1
            rule_rows(KIND_LEVEL, s.code, lr.level, True, lr.conditions, lr.note, lr.id)

    from desktop.analysis.resource_rules_io import write_sheet
    write_sheet(wb, classification.resource_rules)
    ws = wb.create_sheet(SHEET_HELP)
    for line in _help_lines():
        ws.append([line])
    for sheet in wb.worksheets:
        if sheet.title != SHEET_VERSION and sheet.title != SHEET_HELP:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        for col in sheet.columns:
            width = max(len(str(c.value or "")) for c in col)
            sheet.column_dimensions[col[0].column_letter].width = min(60, max(10, width + 2))
    wb.save(path)


def _help_lines() -> list[str]:
    lines = [
        "Palveluluokitus: palvelut ja niiden kohdennus- ja tasosäännöt.",
        "Säännöt-taulukossa samalla Sääntö-numerolla olevat rivit muodostavat yhden säännön; kaikkien ehtojen "
        "pitää täyttyä.",
        "Laji 'kohdennus': tapahtuma kuuluu palveluun, kun sääntö täyttyy. Säännöt käydään numerojärjestyksessä; "
        "ensimmäinen osuva sääntö ratkaisee.",
        "Laji 'taso': palvelun liikennevalotaso, kun sääntö täyttyy (muuten palvelun oletustaso).",
        "Arvot erotetaan pilkulla. Koodit verrataan kirjainkoosta ja välilyönneistä välittämättä.",
        "Kentät: " + ", ".join(v[0] for v in FIELD_LABELS.values()),
        "Ehdot: " + ", ".join(v[0] for v in OPERATOR_LABELS.values()),
        "Tasot: vihreä, keltainen, punainen. Palvelurakenne: avo, asumis, laitos.",
        "Elinkaarikohdennus: " + ", ".join(v[0] for v in ALLOCATION_LABELS.values()),
    ]
    return lines


def read_xlsx(path: str | Path) -> Classification:
    """Read and validate a classification workbook; UserError lists every problem with sheet,
    row and column. Nothing is changed anywhere by a failed read."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise UserError(t(f"Tiedostoa {path.name} ei voi lukea Excel-työkirjana: {exc}",
                          f"Cannot read {path.name} as an Excel workbook: {exc}")) from exc
    problems: list[str] = []
    try:
        sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()
    for required in (SHEET_VERSION, SHEET_SERVICES, SHEET_RULES):
        if required not in sheets:
            problems.append(t(f"taulukko '{required}' puuttuu", f"sheet '{required}' is missing"))
    if problems:
        raise UserError(t(f"Palveluluokitus {path.name} ei kelpaa.", f"Classification {path.name} is not valid."),
                        problems)
    version = {str(r[0]).strip(): (r[1] if len(r) > 1 else None) for r in sheets[SHEET_VERSION] if r and r[0]}
    valid_from = _int(version.get("Voimassa vuodesta"))
    if valid_from is None:
        problems.append(t(f"taulukko '{SHEET_VERSION}', rivi 1, sarake B: vuosi puuttuu tai ei ole kokonaisluku",
                          f"sheet '{SHEET_VERSION}', row 1, column B: year missing or not an integer"))
    c = Classification(valid_from=valid_from or 0, name=_text(version.get("Nimi")),
                       note=_text(version.get("Huomautus")))
    for _rownum, row in _records(sheets.get(SHEET_AURA, []), AURA_COLUMNS, SHEET_AURA, problems, required=False):
        if not any(row.values()):
            continue
        c.aura_classes.append(AuraClass(_text(row["Koodi"]), _text(row["Nimi"]), _text(row["Yläluokka"]),
                                        _text(row["Kuvaus"])))
    levels = _lookup(LEVEL_LABELS)
    allocations = _lookup(ALLOCATION_LABELS)
    for rownum, row in _records(sheets[SHEET_SERVICES], SERVICE_COLUMNS, SHEET_SERVICES, problems):
        if not any(row.values()):
            continue
        where = t(f"taulukko '{SHEET_SERVICES}', rivi {rownum}", f"sheet '{SHEET_SERVICES}', row {rownum}")
        level = levels.get(_text(row["Oletustaso"]).casefold())
        if level is None:
            problems.append(f"{where}, {t('sarake', 'column')} 'Oletustaso': "
                            + t(f"tuntematon taso '{_text(row['Oletustaso'])}'", f"unknown level '{_text(row['Oletustaso'])}'"))
        alloc = allocations.get(_text(row["Elinkaarikohdennus"]).casefold() or "age")
        if alloc is None:
            problems.append(f"{where}, {t('sarake', 'column')} 'Elinkaarikohdennus': "
                            + t(f"tuntematon arvo '{_text(row['Elinkaarikohdennus'])}'",
                                f"unknown value '{_text(row['Elinkaarikohdennus'])}'"))
        c.services.append(Service(code=_text(row["Koodi"]), name=_text(row["Nimi"]), aura=_text(row["AURA-koodi"]),
                                  structure=_text(row["Palvelurakenne"]), level=level or "green",
                                  allocation=alloc or "age", law=_text(row["Laki"]), description=_text(row["Kuvaus"])))
    _read_rules(c, sheets[SHEET_RULES], problems)
    from desktop.analysis.resource_rules_io import SHEET_RESOURCES, read_sheet

    c.resource_rules = read_sheet(sheets.get(SHEET_RESOURCES, []), problems)
    if problems:
        raise UserError(t(f"Palveluluokitus {path.name} ei kelpaa.", f"Classification {path.name} is not valid."),
                        problems)
    _validate(c, path.name)
    return c


def _read_rules(c: Classification, rows: list[list], problems: list[str]) -> None:
    fields = _lookup(FIELD_LABELS)
    ops = _lookup(OPERATOR_LABELS)
    levels = _lookup(LEVEL_LABELS)
    by_code = {s.code: s for s in c.services}
    groups: dict[int, dict] = {}
    for rownum, row in _records(rows, RULE_COLUMNS, SHEET_RULES, problems):
        if not any(v not in (None, "") for v in row.values()):
            continue
        where = t(f"taulukko '{SHEET_RULES}', rivi {rownum}", f"sheet '{SHEET_RULES}', row {rownum}")

        def bad(column: str, fi: str, en: str) -> None:
            problems.append(f"{where}, {t('sarake', 'column')} '{column}': {t(fi, en)}")  # noqa: B023

        number = _int(row["Sääntö"])
        if number is None:
            bad("Sääntö", "säännön numero puuttuu", "rule number missing")
            continue
        kind = _text(row["Laji"]).casefold()
        if kind not in (KIND_ALLOCATION, KIND_LEVEL):
            bad("Laji", f"'{_text(row['Laji'])}' ei ole kohdennus tai taso", f"'{_text(row['Laji'])}' is not kohdennus or taso")
            continue
        group = groups.setdefault(number, {"kind": kind, "service": _text(row["Palvelu"]), "level": None,
                                           "enabled": True, "note": _text(row["Selite"]), "id": _text(row["Tunnus"]),
                                           "conditions": [], "row": rownum})
        if group["kind"] != kind or group["service"] != _text(row["Palvelu"]):
            bad("Laji", f"säännön {number} rivit ovat eri lajia tai palvelua", f"the rows of rule {number} differ in kind or service")
        if kind == KIND_LEVEL:
            level = levels.get(_text(row["Taso"]).casefold())
            if level is None:
                bad("Taso", f"tuntematon taso '{_text(row['Taso'])}'", f"unknown level '{_text(row['Taso'])}'")
            group["level"] = level or group["level"]
        enabled = _text(row["Käytössä"]).casefold()
        if enabled in ("ei", "no", "false", "0"):
            group["enabled"] = False
        elif enabled not in ("", "kyllä", "yes", "true", "1"):
            bad("Käytössä", f"'{_text(row['Käytössä'])}' ei ole kyllä tai ei", f"'{_text(row['Käytössä'])}' is not yes or no")
        field_text = _text(row["Kenttä"])
        if not field_text and not _text(row["Ehto"]):
            continue  # a rule without conditions
        field = fields.get(field_text.casefold())
        op = ops.get(_text(row["Ehto"]).casefold())
        if field is None:
            bad("Kenttä", f"tuntematon kenttä '{field_text}'", f"unknown field '{field_text}'")
            continue
        if op is None:
            bad("Ehto", f"tuntematon ehto '{_text(row['Ehto'])}'", f"unknown operator '{_text(row['Ehto'])}'")
            continue
        low, high = row["Alaraja"], row["Yläraja"]
        cond = Condition(field, op, split_values(_text(row["Arvot"])), _float(low), _float(high))
        for column, raw in (("Alaraja", low), ("Yläraja", high)):
            if raw not in (None, "") and _float(raw) is None:
                bad(column, f"'{raw}' ei ole luku", f"'{raw}' is not a number")
        for p in cond.problems():
            bad("Ehto", p, p)
        group["conditions"].append(cond)
    for number in sorted(groups):
        g = groups[number]
        kwargs = {"id": g["id"]} if g["id"] else {}
        if g["kind"] == KIND_ALLOCATION:
            c.rules.append(AllocationRule(g["service"], g["conditions"], g["note"], g["enabled"], **kwargs))
        else:
            svc = by_code.get(g["service"])
            if svc is None:
                problems.append(t(f"taulukko '{SHEET_RULES}', rivi {g['row']}, sarake 'Palvelu': tuntematon palvelu "
                                  f"'{g['service']}'", f"sheet '{SHEET_RULES}', row {g['row']}, column 'Palvelu': "
                                  f"unknown service '{g['service']}'"))
                continue
            svc.level_rules.append(LevelRule(g["level"] or "green", g["conditions"], g["note"], **kwargs))


def _records(rows: list[list], columns: tuple[str, ...], sheet: str, problems: list[str], required: bool = True):
    """(row number, {column: value}) for each data row, columns found by their header names."""
    if not rows:
        if required:
            problems.append(t(f"taulukko '{sheet}' on tyhjä", f"sheet '{sheet}' is empty"))
        return
    header = [_text(h) for h in rows[0]]
    index = {}
    for col in columns:
        if col in header:
            index[col] = header.index(col)
        elif col not in ("AURA-luokka", "Tunnus", "Selite", "Kuvaus", "Laki", "Yläluokka"):
            problems.append(t(f"taulukko '{sheet}': sarake '{col}' puuttuu otsikkoriviltä",
                              f"sheet '{sheet}': column '{col}' missing from the header row"))
            return
    for i, raw in enumerate(rows[1:], start=2):
        yield i, {col: (raw[j] if col in index and (j := index[col]) < len(raw) else None) for col in columns}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _int(value: Any) -> int | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return int(f) if f.is_integer() else None


def _float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


# ------------------------------------------------------------------------ any file
def read_classification_file(path: str | Path) -> Classification:
    """A classification from a .json or .xlsx file (validated)."""
    path = Path(path)
    if not path.exists():
        raise UserError(t(f"Tiedostoa {path} ei löydy.", f"File {path} not found."))
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_json(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    raise UserError(t(f"{path.name}: tuettuja muotoja ovat .xlsx ja .json.", f"{path.name}: supported formats are .xlsx and .json."))


def write_classification_file(classification: Classification, path: str | Path) -> None:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_json(classification, path)
    elif suffix == ".xlsx":
        write_xlsx(classification, path)
    else:
        raise UserError(t(f"{path.name}: tuettuja muotoja ovat .xlsx ja .json.", f"{path.name}: supported formats are .xlsx and .json."))
