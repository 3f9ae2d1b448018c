"""The self-assessment tracker as an Excel workbook, laid out like the seed's tables.

Sheet "Arviot" (ratings), the one that must be there::

    A: Hyötytavoite | B: Kärki | C: Kehittämistoimenpide | D...: 2020 | 2020 | 2020   <- year row
                    |          |                         |      10 |   11 |   12     <- month row
    Palveluiden ... | Vastaan… | Hoidon- ja palvelu...  |       2 |      |           <- one row per measure

Ratings are whole numbers 1-5 (a cell like "3 kuvattu" is read as 3); an empty cell means not rated.
A blank year cell takes the year from its left (merged cells), a blank goal or focus area cell the one
from above (grouped tables). A single header row with months written '2020-10' also works.

Sheet "Toimenpiteet" (optional): goal, focus area, measure, responsible person, notes, linked
indicators (provider names, one a line). Sheet "Asteikko" explains the scale and is not read back.

Every problem is reported with its sheet and cell, and the whole file is rejected: reading never
writes the store (see desktop.services.measures.import_measures_xlsx).
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.measures import (
    RATING_COLOURS,
    RATING_MAX,
    RATING_MIN,
    RATING_TEXT_COLOURS,
    MeasureRecord,
    Month,
    Tracker,
    name_key,
    rating_scale,
)

RATINGS_SHEET = "Arviot"
DETAILS_SHEET = "Toimenpiteet"
SCALE_SHEET = "Asteikko"
MAX_PROBLEMS = 50

_HEADERS = {
    "goal": ("hyötytavoite", "goal", "benefit goal"),
    "area": ("kärki", "focus area", "area"),
    "measure": ("kehittämistoimenpide", "toimenpide", "measure", "development measure"),
    "responsible": ("vastuuhenkilö", "responsible", "responsible person"),
    "notes": ("huomiot", "notes"),
    "indicators": ("mittarit", "linkitetyt mittarit", "indicators"),
}


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _cell(sheet: str, row: int, col: int) -> str:
    """'Taulukko 'Arviot', solu D7' for 0-based row/column indices."""
    ref = f"{_col(col)}{row + 1}"
    return t(f"Taulukko '{sheet}', solu {ref}", f"Sheet '{sheet}', cell {ref}")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _int(value) -> int | None:
    """A whole number from a cell value (int, 10.0, '10'), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return None


def _rating(value, where: str, problems: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _int(value)
    if number is None and isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+)\s+\D.*", value)  # "3 kuvattu (toimintamalli)"
        number = int(m.group(1)) if m else None
    if number is None:
        problems.append(t(f"{where}: '{_text(value)}' ei ole arvio 1-5 (kokonaisluku).",
                          f"{where}: '{_text(value)}' is not a rating 1-5 (a whole number)."))
        return None
    if not RATING_MIN <= number <= RATING_MAX:
        problems.append(t(f"{where}: arvo {number} ei ole välillä 1-5.", f"{where}: value {number} is not between 1 and 5."))
        return None
    return number


def _find_header(rows: list[tuple], sheet: str) -> tuple[int, dict[str, int]]:
    """The header row index and the column index of each known header found in it."""
    for i, row in enumerate(rows[:15]):
        found = {}
        for j, value in enumerate(row):
            key = _text(value).casefold()
            for field, names in _HEADERS.items():
                if key in names and field not in found:
                    found[field] = j
        if "measure" in found:
            return i, found
    raise UserError(
        t(f"Taulukosta '{sheet}' ei löydy otsikkoa 'Kehittämistoimenpide' (15 ensimmäiseltä riviltä).",
          f"Sheet '{sheet}' has no 'Kehittämistoimenpide' (measure) header in its first 15 rows.")
    )


def _month_columns(rows: list[tuple], header: int, used: set[int], problems: list[str]) -> tuple[dict[int, Month], int]:
    """{column: Month} from the header (and the month row below it); returns also the first data row."""
    top = rows[header]
    below = rows[header + 1] if header + 1 < len(rows) else ()
    width = max(len(top), len(below))
    cells = [(j, top[j] if j < len(top) else None, below[j] if j < len(below) else None) for j in range(width) if j not in used]
    # one header row with '2020-10' style months?
    single: dict[int, Month] = {}
    for j, value, _ in cells:
        if value is None:
            continue
        try:
            single[j] = Month.parse(value.strftime("%Y-%m") if hasattr(value, "strftime") else _text(value))
        except UserError:
            pass
    if single:
        return single, header + 1
    months: dict[int, Month] = {}
    year = None
    for j, value, month_value in cells:
        y = _int(value)
        if y is not None:
            year = y
        if month_value is None or _text(month_value) == "":
            continue
        m = _int(month_value)
        if m is None or not 1 <= m <= 12:
            problems.append(t(f"{_cell(RATINGS_SHEET, header + 1, j)}: '{_text(month_value)}' ei ole kuukauden numero 1-12.",
                              f"{_cell(RATINGS_SHEET, header + 1, j)}: '{_text(month_value)}' is not a month number 1-12."))
            continue
        if year is None:
            problems.append(t(f"{_cell(RATINGS_SHEET, header, j)}: kuukauden {m} yläpuolelta puuttuu vuosi.",
                              f"{_cell(RATINGS_SHEET, header, j)}: the year above month {m} is missing."))
            continue
        try:
            months[j] = Month(year, m)
        except UserError as exc:
            problems.append(f"{_cell(RATINGS_SHEET, header, j)}: {exc}")
    return months, header + 2


def _sheet_rows(workbook, name: str) -> list[tuple] | None:
    for title in workbook.sheetnames:
        if title.casefold() == name.casefold():
            return [tuple(r) for r in workbook[title].iter_rows(values_only=True)]
    return None


def read_tracker_xlsx(path: str | os.PathLike) -> tuple[list[MeasureRecord], list[Month]]:
    """Read and validate a tracker workbook. Raises UserError listing every bad cell (up to 50)."""
    from openpyxl import load_workbook

    path = Path(path)
    if not path.exists():
        raise UserError(t(f"Tiedostoa {path} ei löydy.", f"File {path} not found."))
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UserError(t(f"{path.name} ei ole Excel-tiedosto (.xlsx): {exc}", f"{path.name} is not an Excel file (.xlsx): {exc}")) from exc
    try:
        rows = _sheet_rows(workbook, RATINGS_SHEET)
        details = _sheet_rows(workbook, DETAILS_SHEET)
    finally:
        workbook.close()
    if rows is None:
        raise UserError(t(f"Tiedostossa {path.name} ei ole taulukkoa '{RATINGS_SHEET}'.",
                          f"{path.name} has no sheet '{RATINGS_SHEET}'."))
    problems: list[str] = []
    header, cols = _find_header(rows, RATINGS_SHEET)
    for needed, fi, en in (("goal", "Hyötytavoite", "goal"), ("area", "Kärki", "focus area")):
        if needed not in cols:
            raise UserError(t(f"Taulukosta '{RATINGS_SHEET}' puuttuu sarake '{fi}' (rivi {header + 1}).",
                              f"Sheet '{RATINGS_SHEET}' has no column '{fi}' ({en}) on row {header + 1}."))
    month_cols, first = _month_columns(rows, header, set(cols.values()), problems)
    if not month_cols and not problems:
        problems.append(t(f"Taulukossa '{RATINGS_SHEET}' ei ole kuukausisarakkeita (vuosi ja kuukausi otsikkoriveillä).",
                          f"Sheet '{RATINGS_SHEET}' has no month columns (year and month in the header rows)."))
    records: dict[tuple[str, str, str], MeasureRecord] = {}
    goal = area = ""
    for i in range(first, len(rows)):
        row = rows[i]

        def get(j, row=row):
            return row[j] if j is not None and j < len(row) else None

        goal = _text(get(cols["goal"])) or goal
        area = _text(get(cols["area"])) or area
        name = _text(get(cols["measure"]))
        ratings = {mo: _rating(get(j), _cell(RATINGS_SHEET, i, j), problems) for j, mo in month_cols.items()}
        if not name:
            if any(get(j) not in (None, "") for j in month_cols):
                problems.append(t(f"{_cell(RATINGS_SHEET, i, cols['measure'])}: rivillä on arvioita mutta ei toimenpiteen nimeä.",
                                  f"{_cell(RATINGS_SHEET, i, cols['measure'])}: the row has ratings but no measure name."))
            continue
        for field, value, col in (("goal", goal, cols["goal"]), ("area", area, cols["area"])):
            if not value:
                problems.append(t(f"{_cell(RATINGS_SHEET, i, col)}: {'hyötytavoite' if field == 'goal' else 'kärki'} puuttuu.",
                                  f"{_cell(RATINGS_SHEET, i, col)}: the {'benefit goal' if field == 'goal' else 'focus area'} is missing."))
        key = (name_key(goal), name_key(area), name_key(name))
        if key in records:
            problems.append(t(f"{_cell(RATINGS_SHEET, i, cols['measure'])}: toimenpide '{name}' on jo aiemmalla rivillä saman hyötytavoitteen ja kärjen alla.",
                              f"{_cell(RATINGS_SHEET, i, cols['measure'])}: measure '{name}' is already on an earlier row under the same goal and focus area."))
            continue
        records[key] = MeasureRecord(goal, area, name, ratings)
        if len(problems) >= MAX_PROBLEMS:
            break
    if details is not None and len(problems) < MAX_PROBLEMS:
        _read_details(details, records, problems)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        raise UserError(
            t(f"Tiedostossa {path.name} on {len(problems)} virhettä; mitään ei tuotu.",
              f"{path.name} has {len(problems)} errors; nothing was imported.")
            + (t(f" Näytetään {len(shown)} ensimmäistä.", f" The first {len(shown)} are shown.") if more else ""),
            shown,
        )
    return list(records.values()), sorted(set(month_cols.values()))


def _read_details(rows: list[tuple], records: dict, problems: list[str]) -> None:
    header, cols = _find_header(rows, DETAILS_SHEET)
    goal = area = ""
    for i in range(header + 1, len(rows)):
        row = rows[i]

        def get(field, row=row):
            j = cols.get(field)
            return row[j] if j is not None and j < len(row) else None

        goal = _text(get("goal")) or goal
        area = _text(get("area")) or area
        name = _text(get("measure"))
        if not name:
            continue
        if not goal or not area:
            problems.append(t(f"{_cell(DETAILS_SHEET, i, cols.get('goal', 0))}: hyötytavoite tai kärki puuttuu.",
                              f"{_cell(DETAILS_SHEET, i, cols.get('goal', 0))}: the benefit goal or focus area is missing."))
            continue
        key = (name_key(goal), name_key(area), name_key(name))
        rec = records.get(key)
        if rec is None:
            rec = records[key] = MeasureRecord(goal, area, name, {})
        if "responsible" in cols:
            rec.responsible = _text(get("responsible"))
        if "notes" in cols:
            raw = get("notes")
            rec.notes = "" if raw is None else str(raw).strip()
        if "indicators" in cols:
            raw = get("indicators")
            rec.indicators = [s.strip() for s in re.split(r"[\n;]", str(raw or "")) if s.strip()]


# ====================================================================== writing
def _styles():
    from openpyxl.styles import Alignment, Font, PatternFill

    fills = {v: PatternFill("solid", fgColor="FF" + c.lstrip("#").upper()) for v, c in RATING_COLOURS.items()}
    fonts = {v: Font(color="FF" + c.lstrip("#").upper()) for v, c in RATING_TEXT_COLOURS.items()}
    return fills, fonts, Font(bold=True), Alignment(wrap_text=True, vertical="top")


def write_tracker_xlsx(tracker: Tracker, path: str | os.PathLike) -> Path:
    """Write the tracker: 'Arviot' (measure rows, month columns), 'Toimenpiteet' and 'Asteikko'."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    fills, fonts, bold, wrap = _styles()
    months = tracker.all_months()
    wb = Workbook()
    ws = wb.active
    ws.title = RATINGS_SHEET
    # Finnish headers in every language: they are the file's contract (read back by read_tracker_xlsx)
    ws.append(["Hyötytavoite", "Kärki", "Kehittämistoimenpide"] + [m.year for m in months])
    ws.append([None, None, None] + [m.month for m in months])
    for row in ws.iter_rows(min_row=1, max_row=2):
        for c in row:
            c.font = bold
    for m in tracker.ordered_measures():
        values = [tracker.rating(m.id, mo) for mo in months]
        ws.append([tracker.goal(m.goal_id).name, tracker.area(m.area_id).name, m.name] + values)
        r = ws.max_row
        for j, v in enumerate(values):
            if v is not None:
                cell = ws.cell(row=r, column=4 + j)
                cell.fill, cell.font = fills[v], fonts[v]
    if months:
        last = _col(3 + len(months) - 1)
        dv = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
                            showErrorMessage=True, errorTitle=t("Arvio 1-5", "Rating 1-5"),
                            error=t("Arvio on kokonaisluku 1-5 (katso taulukko Asteikko).", "A rating is a whole number 1-5 (see sheet Asteikko)."))
        dv.add(f"D3:{last}{max(3, ws.max_row)}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "D3"
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 80
    for j in range(len(months)):
        ws.column_dimensions[_col(3 + j)].width = 8

    det = wb.create_sheet(DETAILS_SHEET)
    det.append(["Hyötytavoite", "Kärki", "Kehittämistoimenpide", "Vastuuhenkilö", "Huomiot", "Mittarit"])
    for c in det[1]:
        c.font = bold
    for m in tracker.ordered_measures():
        det.append([tracker.goal(m.goal_id).name, tracker.area(m.area_id).name, m.name, m.responsible, m.notes,
                    "\n".join(m.indicators)])
        for c in det[det.max_row]:
            c.alignment = wrap
    for col, width in zip("ABCDEF", (40, 30, 80, 24, 50, 40), strict=True):
        det.column_dimensions[col].width = width

    sc = wb.create_sheet(SCALE_SHEET)
    sc.append([t("Arvio", "Rating"), t("Kehittämistoimenpiteen tila", "State of the development measure")])
    for c in sc[1]:
        c.font = bold
    for value, word in rating_scale():
        sc.append([value, word])
        cell = sc.cell(row=sc.max_row, column=1)
        cell.fill, cell.font = fills[value], fonts[value]
    sc.column_dimensions["B"].width = 40
    wb.save(path)
    return path


def write_distribution_xlsx(tracker: Tracker, by: str, path: str | os.PathLike) -> Path:
    """The table behind the distribution chart: group, month, count of measures at each rating."""
    from openpyxl import Workbook

    from desktop.charts.measures import distribution_table

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = t("Jakauma", "Distribution")
    table = distribution_table(tracker, by)
    ws.append([t("Hyötytavoite", "Benefit goal") if by == "goal" else t("Kärki", "Focus area"), t("Kuukausi", "Month")]
              + [f"{v} {w}" for v, w in rating_scale()] + [t("ei arvioitu", "not rated"), t("yhteensä", "total")])
    for row in table:
        counts = row["counts"]
        ws.append([row["group"], row["month"]] + [counts[v] for v in range(RATING_MIN, RATING_MAX + 1)]
                  + [counts[None], sum(counts.values())])
    ws.column_dimensions["A"].width = 60
    wb.save(path)
    return path
