"""Converting events (visits, periods of care): the person, the date, age and sex (given, else from
the identity code), the municipality, the service's classification fields, costs and units."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.importers.kinds.checks import (
    Checker,
    Context,
    Converted,
    _has,
    _municipality,
    _numbers,
    _optional_text,
)
from desktop.importers.values import (
    Coded,
    age_at,
    date_parts,
    parse_dates,
    parse_ints,
    parse_producer,
    parse_reasons,
    parse_sex,
)


def convert_events(frame: pd.DataFrame, ctx: Context) -> Converted:
    n = len(frame)
    chk = Checker(frame)
    persons = ctx.persons
    assert persons is not None
    person, bad, empty = persons.add(frame["person_id"])
    chk.flag(bad, "person_id", "'{v}' ei ole kelvollinen henkilötunnus (päivämäärä tai tarkistusmerkki ei täsmää)",
             "'{v}' is not a valid personal identity code (date or check character does not match)", person=True)
    chk.flag(empty, "person_id", "henkilön tunniste puuttuu", "the person id is missing")
    # among valid identity codes a damaged one is an error, not another person
    chk.flag(persons.last_damaged, "person_id", "'{v}' on virheellinen henkilötunnus (muoto ei täsmää: tarkistusmerkki "
             "tai välimerkki puuttuu tai on väärä), vaikka sarakkeen muut arvot ovat henkilötunnuksia",
             "'{v}' is a malformed personal identity code (a check character or century sign is missing or wrong) "
             "while the column's other values are identity codes", person=True)
    ctx.count("damaged_codes_accepted", int(persons.near_code_rows(person).sum()))
    days, bad, empty = parse_dates(frame["date"])
    chk.flag(bad, "date", "'{v}' ei ole päivämäärä (odotettiin esim. 31.12.2024 tai 2024-12-31)",
             "'{v}' is not a date (expected e.g. 31.12.2024 or 2024-12-31)")
    chk.flag(empty, "date", "päivämäärä puuttuu", "the date is missing")
    year_of_event = np.where(days >= 0, date_parts(np.maximum(days, 0))[0], -1) if n else np.empty(0, np.int64)

    birth_year = np.full(n, -1, dtype=np.int64)
    if _has(frame, "birth_year"):
        birth_year, bad, _ = parse_ints(frame["birth_year"], 1850, ctx.current_year)
        chk.flag(bad, "birth_year", "'{v}' ei ole syntymävuosi", "'{v}' is not a birth year")
    age = np.full(n, -1, dtype=np.int64)
    if _has(frame, "age"):
        age, bad, _ = parse_ints(frame["age"], 0, 130)
        chk.flag(bad, "age", "'{v}' ei ole ikä vuosina (0-130)", "'{v}' is not an age in years (0-130)")

    code_birth = np.full(n, -1, dtype=np.int64)
    code_sex = np.full(n, "", dtype=object)
    if persons.pseudonyms:
        birth_lookup, sex_lookup = persons.lookups()
        code_birth = birth_lookup[person]  # person -1 picks the trailing -1
        code_sex = sex_lookup[person]
    has_code_birth = (code_birth != -1) & (person >= 0)
    # birth year: given, else from the identity code, else event year - age
    from_code = has_code_birth & (birth_year < 0)
    if from_code.any():
        birth_year[from_code] = date_parts(code_birth[from_code])[0]
    from_age = (birth_year < 0) & (age >= 0) & (year_of_event >= 0)
    birth_year[from_age] = year_of_event[from_age] - age[from_age]
    # age at the event: given, else exact from the code's birth date, else event year - birth year
    exact = (age < 0) & has_code_birth & (days >= 0)
    if exact.any():
        age[exact] = age_at(code_birth[exact], days[exact])
    approx = (age < 0) & (birth_year >= 0) & (year_of_event >= 0)
    age[approx] = year_of_event[approx] - birth_year[approx]
    age[age < 0] = -1

    sex_codes = np.full(n, -1, dtype=np.int32)
    if _has(frame, "sex"):
        coded, bad, _ = parse_sex(frame["sex"])
        chk.flag(bad, "sex", "'{v}' ei ole sukupuoli (odotettiin 1/2, M/N, mies/nainen)",
                 "'{v}' is not a sex (expected 1/2, M/F, man/woman)")
        lookup = np.array([{"1": 0, "2": 1}.get(u, -1) for u in coded.uniques] + [-1], dtype=np.int32)
        sex_codes = lookup[coded.codes]
    fill = (sex_codes < 0) & (code_sex != "")
    sex_codes[fill & (code_sex == "1")] = 0
    sex_codes[fill & (code_sex == "2")] = 1

    cols: dict[str, object] = {
        "person_id": person,
        "date": days,
        "birth_year": birth_year.astype(np.int16),
        "age": age.astype(np.int16),
        "sex": Coded(sex_codes, ["1", "2"]),
        "municipality": _municipality(chk, frame, ctx, n),
    }
    for name in ("service_code", "service_form", "visit_nature", "contact_type", "professional_group",
                 "special_law", "source"):
        cols[name] = _optional_text(chk, frame, name, n)
    cols["reasons"] = Coded(np.full(n, -1, dtype=np.int32), [])
    if _has(frame, "reasons"):
        coded, bad, _ = parse_reasons(frame["reasons"])
        chk.flag(bad, "reasons", "'{v}' on liian pitkä (yli 500 merkkiä)", "'{v}' is too long (over 500 characters)")
        cols["reasons"] = coded
    cols["producer"] = Coded(np.full(n, -1, dtype=np.int32), [])
    if _has(frame, "producer"):
        coded, bad, _ = parse_producer(frame["producer"])
        chk.flag(bad, "producer", "'{v}' ei ole tuotantotapa (odotettiin oma, ostopalvelu tai palveluseteli)",
                 "'{v}' is not a producer (expected own, purchased or voucher)")
        cols["producer"] = coded
    cols["cost_eur"] = _numbers(chk, frame, "cost_eur", ctx=ctx) if _has(frame, "cost_eur") else np.full(n, np.nan)
    units = _numbers(chk, frame, "units", lo=0, ctx=ctx) if _has(frame, "units") else np.full(n, np.nan)
    cols["units"] = np.where(np.isnan(units), 1.0, units).astype(np.float32)
    return Converted(cols, chk.bad, chk.problems)
