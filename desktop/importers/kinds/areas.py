"""Converting the county's areas: the population grid, travel times between grid cells and sites,
the municipalities' population by age and sex (and its forecast), and the service sites."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.importers.kinds.checks import (
    AMBIGUOUS_EN,
    AMBIGUOUS_FI,
    Checker,
    Context,
    Converted,
    _coordinates,
    _has,
    _municipality,
    _numbers,
    _required_text,
)
from desktop.importers.values import (
    Coded,
    coded_text,
    parse_age_bands,
    parse_ints,
    parse_numbers,
    parse_numbers_marked,
    parse_sex,
)

SIZES = {"s": "S", "m": "M", "l": "L", "pieni": "S", "keskikokoinen": "M", "keski": "M", "suuri": "L",
         "small": "S", "medium": "M", "large": "L", "liten": "S", "medel": "M", "stor": "L"}


def convert_grid(frame: pd.DataFrame, ctx: Context) -> Converted:
    n = len(frame)
    chk = Checker(frame)
    cols: dict[str, object] = {"cell_id": _required_text(chk, frame, "cell_id", "ruudun tunnus", "the cell id")}
    cols["x"], cols["y"] = _coordinates(chk, frame, ctx)
    cols["municipality"] = _municipality(chk, frame, ctx, n)
    cols["population"] = _numbers(chk, frame, "population", required=True, lo=0, ctx=ctx)
    extra_bad = {}
    for name in ctx.extra_columns:
        values, bad, _ = parse_numbers(frame[name], ctx.decimal(name))
        extra_bad[name] = int(bad.sum())
        cols[name] = values
    return Converted(cols, chk.bad, chk.problems, extra_bad)


def convert_travel_times(frame: pd.DataFrame, ctx: Context) -> Converted:
    n = len(frame)
    chk = Checker(frame)
    cols: dict[str, object] = {
        "origin": _required_text(chk, frame, "origin", "lähtöruutu", "the origin"),
        "destination": _required_text(chk, frame, "destination", "kohde", "the destination"),
    }
    minutes, bad, _empty, ambiguous = parse_numbers_marked(frame["minutes"], ctx.decimal("minutes"))
    chk.flag(ambiguous, "minutes", AMBIGUOUS_FI, AMBIGUOUS_EN)
    chk.flag(bad & ~ambiguous, "minutes", "'{v}' ei ole luku (minuutteja)", "'{v}' is not a number (minutes)")
    no_route = np.isnan(minutes) | (minutes < 0)
    ctx.count("no_route", int((no_route & ~chk.bad).sum()))
    cols["minutes"] = np.where(no_route, np.nan, minutes).astype(np.float32)
    if _has(frame, "mode"):
        coded, bad, empty = coded_text(frame["mode"], lambda v: v.lower())
        chk.flag(bad, "mode", "'{v}' on liian pitkä", "'{v}' is too long")
        if empty.any():
            codes = coded.codes.copy()
            if ctx.mode not in coded.uniques:
                coded.uniques.append(ctx.mode)
            codes[empty] = coded.uniques.index(ctx.mode)
            coded = Coded(codes, coded.uniques)
        cols["mode"] = coded
    else:
        cols["mode"] = Coded(np.zeros(n, dtype=np.int32), [ctx.mode])
    return Converted(cols, chk.bad, chk.problems)


def convert_population(frame: pd.DataFrame, ctx: Context) -> Converted:
    n = len(frame)
    chk = Checker(frame)
    muni = _municipality(chk, frame, ctx, n, required=True)
    year, bad, empty = parse_ints(frame["year"], 1800, 2200)
    chk.flag(bad, "year", "'{v}' ei ole vuosi", "'{v}' is not a year")
    chk.flag(empty, "year", "vuosi puuttuu", "the year is missing")
    age_from, age_to, bad, empty = parse_age_bands(frame["age"])
    chk.flag(bad, "age", "'{v}' ei ole ikä tai ikäryhmä (esim. 7, 65-74 tai 85+)",
             "'{v}' is not an age or age band (e.g. 7, 65-74 or 85+)")
    chk.flag(empty, "age", "ikä puuttuu", "the age is missing")
    sex = np.full(n, "", dtype=object)
    if _has(frame, "sex"):
        coded, bad, _ = parse_sex(frame["sex"])
        chk.flag(bad, "sex", "'{v}' ei ole sukupuoli (1/2, M/N, mies/nainen tai yhteensä)",
                 "'{v}' is not a sex (1/2, M/F, man/woman or total)")
        sex = coded.values()
    count = _numbers(chk, frame, "count", required=True, lo=0, ctx=ctx)
    cols = {
        "municipality": muni.values(),
        "year": year,
        "age_from": age_from,
        "age_to": age_to,
        "sex": sex,
        "count": count,
        "forecast": (year > ctx.current_year).astype(np.int64),
    }
    return Converted(cols, chk.bad, chk.problems)


def convert_sites(frame: pd.DataFrame, ctx: Context) -> Converted:
    n = len(frame)
    chk = Checker(frame)
    cols: dict[str, object] = {
        "site_id": _required_text(chk, frame, "site_id", "toimipisteen tunnus", "the site id").values(),
        "name": _required_text(chk, frame, "name", "nimi", "the name").values(),
        "type": _required_text(chk, frame, "type", "tyyppi", "the type").values(),
    }
    size = np.full(n, "", dtype=object)
    if _has(frame, "size"):
        def to_size(v: str) -> str:
            key = v.strip().lower()
            if key in SIZES:
                return SIZES[key]
            raise ValueError(v)

        coded, bad, _ = coded_text(frame["size"], to_size)
        chk.flag(bad, "size", "'{v}' ei ole koko (S, M tai L)", "'{v}' is not a size (S, M or L)")
        size = coded.values()
    cols["size"] = size
    cols["capacity"] = _numbers(chk, frame, "capacity", lo=0) if _has(frame, "capacity") else np.full(n, np.nan)
    cols["x"], cols["y"] = _coordinates(chk, frame, ctx)
    muni = _municipality(chk, frame, ctx, n).values()
    cols["municipality"] = np.where(muni == "", None, muni)
    return Converted(cols, chk.bad, chk.problems)
