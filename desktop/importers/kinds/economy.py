"""Converting the economy: costs by AURA class (the ledger) and staff by cost centre and
professional group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.importers.kinds.checks import (
    Checker,
    Context,
    Converted,
    _has,
    _numbers,
    _optional_text,
    _required_text,
)
from desktop.importers.values import parse_ints, parse_producer


def convert_finance(frame: pd.DataFrame, ctx: Context) -> Converted:
    n = len(frame)
    chk = Checker(frame)
    code = _optional_text(chk, frame, "aura_code", n).values()
    name = _optional_text(chk, frame, "aura_name", n).values()
    neither = (code == "") & (name == "")
    which = "aura_code" if _has(frame, "aura_code") else "aura_name"
    chk.flag(neither, which, "AURA-luokka puuttuu", "the AURA class is missing")
    year, bad, empty = parse_ints(frame["year"], 1900, 2200)
    chk.flag(bad, "year", "'{v}' ei ole vuosi", "'{v}' is not a year")
    chk.flag(empty, "year", "vuosi puuttuu", "the year is missing")
    cost = _numbers(chk, frame, "cost_eur", required=True, ctx=ctx)
    producer = np.full(n, None, dtype=object)
    if _has(frame, "producer"):
        coded, bad, _ = parse_producer(frame["producer"])
        chk.flag(bad, "producer", "'{v}' ei ole tuotantotapa (oma, ostopalvelu tai palveluseteli)",
                 "'{v}' is not a producer (own, purchased or voucher)")
        values = coded.values()
        producer = np.where(values == "", None, values)
    centre = _optional_text(chk, frame, "cost_centre", n).values()
    cols = {
        "aura_code": np.where(code == "", None, code),
        "aura_name": np.where(name == "", None, name),
        "year": year,
        "cost_eur": cost,
        "producer": producer,
        "cost_centre": np.where(centre == "", None, centre),
    }
    return Converted(cols, chk.bad, chk.problems)


def convert_staff(frame: pd.DataFrame, ctx: Context) -> Converted:
    """Personnel rows: cost centre (required), professional group, year, month (1-12, optional),
    full-time equivalents (htv, required, not negative), wages in euros and head count (optional)."""
    n = len(frame)
    chk = Checker(frame)
    centre = _required_text(chk, frame, "cost_centre", "kustannuspaikka", "the cost centre").values()
    group = _optional_text(chk, frame, "professional_group", n).values()
    year, bad, empty = parse_ints(frame["year"], 1900, 2200)
    chk.flag(bad, "year", "'{v}' ei ole vuosi", "'{v}' is not a year")
    chk.flag(empty, "year", "vuosi puuttuu", "the year is missing")
    month = np.full(n, None, dtype=object)
    if _has(frame, "month"):
        values, bad, _empty = parse_ints(frame["month"], 1, 12)
        chk.flag(bad, "month", "'{v}' ei ole kuukausi (1-12)", "'{v}' is not a month (1-12)")
        month = np.where(values < 0, None, values.astype(object))
    fte = _numbers(chk, frame, "fte", required=True, lo=0)
    wages = _numbers(chk, frame, "wages_eur", lo=0) if _has(frame, "wages_eur") else np.full(n, np.nan)
    employees = _numbers(chk, frame, "employees", lo=0) if _has(frame, "employees") else np.full(n, np.nan)
    cols = {
        "cost_centre": centre,
        "professional_group": group,
        "year": year,
        "month": month,
        "fte": fte,
        "wages_eur": np.where(np.isnan(wages), None, wages.astype(object)),
        "employees": np.where(np.isnan(employees), None, employees.astype(object)),
    }
    return Converted(cols, chk.bad, chk.problems)
