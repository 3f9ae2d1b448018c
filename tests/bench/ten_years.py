"""A large county's service-use export over ten years, as a planner gets it: one Finnish CSV
(Windows-1252, ';', decimal comma, d.m.yyyy dates, identity codes), `per_year` events in each year
of 2015-2024 by `persons` persons (fictitious codes: individual numbers 900-999).

Persons use services unevenly (a few use a lot), ages follow from the codes, and the rows of a year
come in date order, one year after another, like a yearly export appended to the previous ones.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
HEADER = ("Henkilötunnus;Käyntipäivä;Kotikunta;Palvelumuoto;Käynnin luonne;Yhteystapa;Ammattiluokka;"
          "Käyntisyy;Tuottaja;Kustannus\r\n")
YEARS = tuple(range(2015, 2025))
MUNICIPALITIES = ("179", "077", "172", "182", "992", "216", "226", "249", "256", "265", "275", "312",
                  "410", "435", "495", "500", "592", "601", "729", "850", "892", "931")
FORMS = ("T11", "T21", "T22", "T40", "T71", "T32", "T52", "T60")
REASONS = ("J06", "I10 E11", '"Z00.1;OAA42"', "F32, F41", "", "M54", "F10", "Z51.1")
PRODUCERS = ("oma", "ostopalvelu", "palveluseteli")
PROFESSIONS = ("lääkäri", "sairaanhoitaja", "terveydenhoitaja", "fysioterapeutti", "sosiaalityöntekijä")


def identity_codes(persons: int, rng: np.random.Generator) -> np.ndarray:
    """`persons` distinct valid identity codes of people born 1920-2014."""
    drawn = persons + persons // 5 + 100  # some draws repeat a code: draw extra, keep the first distinct ones
    year = rng.integers(1920, 2015, drawn)
    month = rng.integers(1, 13, drawn)
    day = rng.integers(1, 29, drawn)
    ind = rng.integers(900, 1000, drawn)
    codes = []
    for y, m, d, i in zip(year.tolist(), month.tolist(), day.tolist(), ind.tolist(), strict=True):
        number = int(f"{d:02d}{m:02d}{y % 100:02d}{i:03d}")
        codes.append(f"{d:02d}{m:02d}{y % 100:02d}{'-' if y < 2000 else 'A'}{i:03d}{CHECK[number % 31]}")
    codes = np.array(codes, dtype=object)
    _values, first = np.unique(codes, return_index=True)
    return codes[np.sort(first)[:persons]]


def write_ten_year_csv(path: Path, per_year: int = 1_000_000, persons: int = 300_000, years=YEARS,
                       seed: int = 11) -> dict:
    """Write the file; returns {'rows', 'persons', 'years'} as written (for the checks)."""
    rng = np.random.default_rng(seed)
    codes = identity_codes(persons, rng)
    weight = rng.gamma(0.7, 1.0, len(codes))
    weight /= weight.sum()
    cols = (np.array(MUNICIPALITIES, dtype=object), np.array(FORMS, dtype=object),
            np.array(REASONS, dtype=object), np.array(PRODUCERS, dtype=object),
            np.array(PROFESSIONS, dtype=object))
    municipality_of = rng.integers(0, len(MUNICIPALITIES), len(codes))  # a person's home municipality
    rows = 0
    with open(path, "w", encoding="cp1252", newline="") as fh:
        fh.write(HEADER)
        for year in years:
            day_of_year = np.sort(rng.integers(0, 365, per_year))
            dates = np.datetime64(f"{year}-01-01") + day_of_year.astype("timedelta64[D]")
            text_dates = np.datetime_as_string(dates)
            step = 200_000
            for start in range(0, per_year, step):
                n = min(per_year, start + step) - start
                who = rng.choice(len(codes), n, p=weight)
                ymd = text_dates[start : start + n].tolist()
                day_texts = [f"{int(s[8:10])}.{int(s[5:7])}.{s[:4]}" for s in ymd]
                cost = [f"{c:.2f}".replace(".", ",") for c in rng.gamma(2.0, 60.0, n).tolist()]
                fields = (codes[who], day_texts, cols[0][municipality_of[who]], cols[1][rng.integers(0, len(FORMS), n)],
                          np.where(rng.random(n) < 0.7, "SH", "TH"), cols[4][rng.integers(0, len(PROFESSIONS), n)],
                          cols[2][rng.integers(0, len(REASONS), n)], cols[3][rng.integers(0, 3, n)], cost)
                fh.write("".join(f"{a};{b};{c};{d};{e};R10;{p};{f};{g};{h}\r\n"
                                 for a, b, c, d, e, p, f, g, h in zip(*fields, strict=True)))
                rows += n
    return {"rows": rows, "persons": len(codes), "years": list(years)}


if __name__ == "__main__":  # python -m tests.bench.ten_years FILE [PER_YEAR [PERSONS]]
    import sys

    args = sys.argv[1:]
    print(write_ten_year_csv(Path(args[0]), *(int(a) for a in args[1:3])))
