"""What converting any kind needs: the context (municipality names, persons, decimal marks kept over
chunks), the converted columns, and the checker that marks bad cells with a Finnish message naming
the value, plus the readers of text, municipality, number and coordinate fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from desktop.core.lang import t
from desktop.importers.kinds.persons import PersonTable
from desktop.importers.problems import MAX_STORED, mask_value
from desktop.importers.projection import lonlat_to_tm35fin
from desktop.importers.values import Coded, DecimalMark, MunicipalityNames, coded_text, parse_numbers_marked


@dataclass
class Context:
    """What converting needs besides the rows."""

    kind: str
    secret: bytes = b""
    municipalities: MunicipalityNames = field(default_factory=lambda: MunicipalityNames({}))
    mode: str = "car"
    current_year: int = field(default_factory=lambda: dt.date.today().year)
    persons: PersonTable | None = None
    extra_columns: tuple[str, ...] = ()  # grid: source columns kept as extra population columns
    counters: dict[str, int] = field(default_factory=dict)
    file_decimal: str | None = None  # the decimal mark the file's own values show (CSV), if any
    decimals: dict[str, DecimalMark] = field(default_factory=dict)  # per number field, kept over chunks

    def decimal(self, name: str) -> DecimalMark:
        if name not in self.decimals:
            self.decimals[name] = DecimalMark(file_mark=self.file_decimal)
        return self.decimals[name]

    def count(self, name: str, n: int) -> None:
        if n:
            self.counters[name] = self.counters.get(name, 0) + int(n)


@dataclass
class Converted:
    columns: dict[str, object]
    bad: np.ndarray  # rows with at least one bad cell
    problems: list[tuple[int, str, str]]  # (row index in chunk, canonical field, message)
    extra_bad: dict[str, int] = field(default_factory=dict)  # grid extras: unparseable cells per column


class Checker:
    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self.bad = np.zeros(len(frame), dtype=bool)
        self.problems: list[tuple[int, str, str]] = []

    def flag(self, mask: np.ndarray, name: str, fi: str, en: str, person: bool = False) -> None:
        """Mark rows; messages may use {v} for the (masked) cell value."""
        if not mask.any():
            return
        self.bad |= mask
        room = MAX_STORED - len(self.problems)
        if room <= 0:
            return
        column = self.frame[name] if name in self.frame else None
        for i in np.flatnonzero(mask)[:room]:
            value = "" if column is None else column.iloc[i]
            if isinstance(value, bytes):  # person ids read as bytes
                value = value.decode("utf-8", "replace")
            shown = mask_value(value, person=person)
            self.problems.append((int(i), name, t(fi, en).replace("{v}", shown)))


def _has(frame: pd.DataFrame, name: str) -> bool:
    return name in frame.columns


def _required_text(chk: Checker, frame: pd.DataFrame, name: str, label_fi: str, label_en: str, convert=None):
    coded, bad, empty = coded_text(frame[name], convert)
    chk.flag(bad, name, "'{v}' ei kelpaa (liian pitkä tai tuntematon arvo)", "'{v}' is not valid (too long or unknown)")
    chk.flag(empty, name, f"{label_fi} puuttuu", f"{label_en} is missing")
    return coded


def _optional_text(chk: Checker, frame: pd.DataFrame, name: str, n: int, convert=None, fi=None, en=None) -> Coded:
    if not _has(frame, name):
        return Coded(np.full(n, -1, dtype=np.int32), [])
    coded, bad, _empty = coded_text(frame[name], convert)
    chk.flag(bad, name, fi or "'{v}' ei kelpaa (liian pitkä arvo, yli 500 merkkiä)",
             en or "'{v}' is not valid (longer than 500 characters)")
    return coded


def _municipality(chk: Checker, frame: pd.DataFrame, ctx: Context, n: int, required: bool = False) -> Coded:
    if not _has(frame, "municipality"):
        return Coded(np.full(n, -1, dtype=np.int32), [])
    coded, bad, empty = coded_text(frame["municipality"], ctx.municipalities)
    chk.flag(bad, "municipality", "'{v}' ei ole tunnettu kunnan nimi tai kuntakoodi",
             "'{v}' is not a known municipality name or code")
    if required:
        chk.flag(empty, "municipality", "kunta puuttuu", "the municipality is missing")
    return coded


AMBIGUOUS_FI = ("'{v}' on monitulkintainen: se voi olla tuhaterottimella kirjoitettu kokonaisluku tai desimaaliluku, "
                "eikä sarakkeen tai tiedoston muista luvuista selviä kumpi. Kirjoita luvut ilman tuhaterotinta")
AMBIGUOUS_EN = ("'{v}' is ambiguous: it may be a whole number with a thousands separator or a decimal number, and the "
                "column's and file's other numbers do not tell which. Write the numbers without a thousands separator")


def _numbers(chk: Checker, frame: pd.DataFrame, name: str, required: bool = False, lo: float | None = None,
             ctx: Context | None = None):
    mark = ctx.decimal(name) if ctx is not None else DecimalMark()
    values, bad, empty, ambiguous = parse_numbers_marked(frame[name], mark)
    chk.flag(ambiguous, name, AMBIGUOUS_FI, AMBIGUOUS_EN)
    bad &= ~ambiguous
    marked = bad & frame[name].astype(str).str.contains(r"[.,]").to_numpy(dtype=bool) if bad.any() else bad
    chk.flag(bad & ~marked, name, "'{v}' ei ole luku", "'{v}' is not a number")
    chk.flag(marked, name, "'{v}' ei ole luku" + _mark_hint(mark, "fi"), "'{v}' is not a number" + _mark_hint(mark, "en"))
    if required:
        chk.flag(empty, name, "arvo puuttuu (odotettiin lukua)", "the value is missing (a number was expected)")
    if lo is not None:
        below = ~np.isnan(values) & (values < lo)
        chk.flag(below, name, "'{v}' on negatiivinen", "'{v}' is negative")
    return values


def _mark_hint(mark: DecimalMark, lang: str) -> str:
    if mark.effective is None:
        return ""
    if lang == "fi":
        return " (sarakkeen desimaalierotin on " + ("pilkku" if mark.effective == "," else "piste") + ")"
    return " (the column's decimal mark is " + ("a comma" if mark.effective == "," else "a point") + ")"


def _coordinates(chk: Checker, frame: pd.DataFrame, ctx: Context | None = None) -> tuple[np.ndarray, np.ndarray]:
    if _has(frame, "x") and _has(frame, "y"):
        x = _numbers(chk, frame, "x", required=True, ctx=ctx)
        y = _numbers(chk, frame, "y", required=True, ctx=ctx)
        return x, y
    lon = _numbers(chk, frame, "lon", required=True, ctx=ctx)
    lat = _numbers(chk, frame, "lat", required=True, ctx=ctx)
    out = (np.abs(lon) > 180) | (np.abs(lat) > 90)
    chk.flag(out, "lon", "'{v}' ei ole pituusaste (WGS84-asteina)", "'{v}' is not a longitude (WGS84 degrees)")
    lon = np.where(out, np.nan, lon)
    return lonlat_to_tm35fin(lon, np.where(out, np.nan, lat))
