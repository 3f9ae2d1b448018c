"""Checks of an .xlsx workbook made from its zip directory and sheet XML before any cell is read.

The Excel reader (calamine) holds a sheet as one dense block from A1 to its last cell: a 1.6 KB file
with cells A1 and XFD1048576 asks for 512 GiB, a small file of millions of tiny cells for gigabytes.
So the declared and actual extent of each sheet (last row, widest column), the unpacked sizes of the
members and the formulas without a trustworthy saved value are found first, streaming each sheet's
XML in blocks (bounded memory), and a workbook that would not fit is refused with a sentence.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.numbers import count, number

MAX_CELLS = 16_000_000  # about 1 M rows x 16 columns; the dense block costs ~32 bytes a cell
MAX_UNPACKED = 2 << 30  # bytes of all members unpacked
MAX_RATIO = 400  # unpacked / packed of one member (sheet XML packs 10-40 times)
BLOCK = 4 << 20

_NS = rb"(?:\w+:)?"
_DIMENSION = re.compile(rb"<" + _NS + rb'dimension ref="\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"')
_ROW = re.compile(rb"<" + _NS + rb'row\b[^>]*?\br="(\d+)"')
_WIDE_CELL = re.compile(rb"<" + _NS + rb'c\b[^>]*?\br="([A-Z]{2,3})\d')
_FORMULA_CELL = re.compile(
    rb"<" + _NS + rb'c\b[^>]*?\br="([A-Z]{1,3}\d+)"[^>]*>\s*(<' + _NS + rb"f\b[^>]*/>|<" + _NS + rb"f\b[^>]*>.*?</"
    + _NS + rb"f>)(.*?)</" + _NS + rb"c>", re.S)
_VALUE = re.compile(rb"<" + _NS + rb"v>[^<]+</" + _NS + rb"v>")
_SHEET = re.compile(rb"<" + _NS + rb'sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_SHEET_ALT = re.compile(rb"<" + _NS + rb'sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_REL = re.compile(rb"<" + _NS + rb'Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_ALT = re.compile(rb"<" + _NS + rb'Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_FULL_CALC = re.compile(rb'<' + _NS + rb'calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@dataclass
class SheetFacts:
    """What a sheet's XML says of its size and formulas."""

    rows: int = 0
    columns: int = 0
    declared_cells: int = 0
    formulas: int = 0
    formula_refs: list[str] = field(default_factory=list)  # the first few
    missing_values: int = 0  # formulas without a saved result
    missing_refs: list[str] = field(default_factory=list)

    @property
    def cells(self) -> int:
        return max(self.rows * self.columns, self.declared_cells)


@dataclass
class WorkbookFacts:
    sheets: dict[str, SheetFacts]
    recalculate_on_load: bool  # the writer saved no real results (fullCalcOnLoad): cached values are not figures


def _unescape(name: bytes) -> str:
    import html

    return html.unescape(name.decode("utf-8", "replace"))


def _sheet_members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML."""
    try:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {i.decode(): tg.decode() for i, tg in _REL.findall(rels)}
    targets.update({i.decode(): tg.decode() for tg, i in _REL_ALT.findall(rels)})
    pairs = [(n, r) for n, r in _SHEET.findall(book)] + [(n, r) for r, n in _SHEET_ALT.findall(book)]
    out = {}
    for name, rel in pairs:
        target = targets.get(rel.decode())
        if target is None:
            continue
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[_unescape(name)] = member
    return out


def _scan_sheet(zf: zipfile.ZipFile, member: str) -> SheetFacts:
    facts = SheetFacts()
    tail = b""
    first = True
    with zf.open(member) as fh:
        while True:
            block = fh.read(BLOCK)
            data = tail + block
            if not data:
                break
            if first:
                m = _DIMENSION.search(data[:65536])
                if m:
                    c1, r1 = column_number(m.group(1).decode()), int(m.group(2))
                    c2 = column_number(m.group(3).decode()) if m.group(3) else c1
                    r2 = int(m.group(4)) if m.group(4) else r1
                    facts.declared_cells = (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)
                first = False
            # the last cell may go on in the next block: it is looked at again there
            cut = data.rfind(b"<c") if block else -1
            whole, tail = (data[:cut], data[cut:]) if 0 < cut and len(data) - cut < 1 << 20 else (data, b"")
            rows = _ROW.findall(whole)
            if rows:
                facts.rows = max(facts.rows, max(int(r) for r in rows))
            if b' r="' in whole:
                facts.columns = max(facts.columns, 1)
            wide = _WIDE_CELL.findall(whole)
            facts.columns = max(facts.columns, 26 if wide or b'r="' in whole else 0,
                                max((column_number(w.decode()) for w in set(wide)), default=0))
            if b"<f" in whole or b":f" in whole:
                for ref, _f, rest in _FORMULA_CELL.findall(whole):
                    facts.formulas += 1
                    if len(facts.formula_refs) < 5:
                        facts.formula_refs.append(ref.decode())
                    if not _VALUE.search(rest):
                        facts.missing_values += 1
                        if len(facts.missing_refs) < 5:
                            facts.missing_refs.append(ref.decode())
            if not block:
                break
    return facts


def check_workbook(path: Path) -> WorkbookFacts | None:
    """Facts of an .xlsx/.xlsm workbook; raises UserError when reading it would not fit in memory.
    None for other formats (old .xls, .ods), which the reader checks itself."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
        if total > MAX_UNPACKED or (worst is not None and worst.file_size > 64 << 20
                                    and worst.file_size > MAX_RATIO * max(worst.compress_size, 1)):
            raise UserError(t(
                f"{path.name}: työkirja on purettuna {number(total / 1e9, 1)} Gt, liian suuri luettavaksi (tai paketti on "
                "vioittunut). Tallenna tiedot CSV-muodossa ja tuo CSV-tiedosto.",
                f"{path.name}: the workbook unpacks to {number(total / 1e9, 1)} GB, too large to read (or the archive is "
                "damaged). Save the data as CSV and import the CSV file.",
            ))
        members = _sheet_members(zf)
        if not members:
            return None
        try:
            calc = _FULL_CALC.search(zf.read("xl/workbook.xml")) is not None
            sheets = {name: _scan_sheet(zf, member) for name, member in members.items() if member in zf.namelist()}
        except (KeyError, zipfile.BadZipFile, OSError, EOFError) as exc:
            raise UserError(t(f"{path.name}: työkirjaa ei voitu lukea ({exc}); se on vioittunut.",
                              f"{path.name}: the workbook could not be read ({exc}); it is damaged.")) from exc
    for name, facts in sheets.items():
        if facts.cells > MAX_CELLS:
            raise UserError(t(
                f"{path.name}: välilehti '{name}' ulottuu {facts.rows or '?'} riville ja {facts.columns or '?'} "
                f"sarakkeeseen ({count(facts.cells)} solua), mikä ei mahdu muistiin; suurin sallittu on {count(MAX_CELLS)} "
                "solua. Poista ylimääräiset solut tai tallenna tiedot CSV-muodossa.",
                f"{path.name}: sheet '{name}' reaches row {facts.rows or '?'} and column {facts.columns or '?'} "
                f"({count(facts.cells)} cells), which does not fit in memory; at most {count(MAX_CELLS)} cells are read. "
                "Delete the stray cells or save the data as CSV.",
            ))
    return WorkbookFacts(sheets, calc)


def refuse_unsaved_formulas(path: Path, facts: WorkbookFacts | None, sheet: str) -> None:
    """Refuse a sheet whose formulas have no saved results (or only placeholders the writer asked Excel
    to recalculate): their cells would read as empty or 0, not as the figures they compute."""
    if facts is None or sheet not in facts.sheets:
        return
    sheet_facts = facts.sheets[sheet]
    if facts.recalculate_on_load and sheet_facts.formulas:
        reason_fi, reason_en = "tallentanut ohjelma ei laskenut kaavojen tuloksia", "the program that saved it did not calculate the formulas"
        count, refs = sheet_facts.formulas, sheet_facts.formula_refs
    elif sheet_facts.missing_values:
        reason_fi, reason_en = "kaavoille ei ole tallennettu tuloksia", "no results are saved for the formulas"
        count, refs = sheet_facts.missing_values, sheet_facts.missing_refs
    else:
        return
    cells = f" ({', '.join(refs)}{' ...' if count > len(refs) else ''})"
    raise UserError(t(
        f"{path.name}: välilehden '{sheet}' {count} kaavasolua{cells} ei voi lukea lukuina: {reason_fi}. Avaa työkirja "
        "Excelissä, anna sen laskea kaavat ja tallenna, tai tallenna tiedot CSV-muodossa. Mitään ei tallennettu.",
        f"{path.name}: {count} formula cells of sheet '{sheet}'{cells} cannot be read as figures: {reason_en}. Open "
        "the workbook in Excel, let it calculate and save, or save the data as CSV. Nothing was stored.",
    ))
