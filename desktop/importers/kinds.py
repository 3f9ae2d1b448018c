"""Converting a chunk of source rows (renamed to canonical field names) into the typed columns of a
dataset kind, with every bad cell reported as (row, field, message).

events -> EVENT_COLUMNS, grid -> GRID_COLUMNS + extra numeric columns, travel-times ->
TRAVEL_TIME_COLUMNS, population / sites / finance / staff -> the columns of their SQL tables.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import pandas as pd

from desktop.core.lang import t
from desktop.importers.henkilotunnus import check_normalised, normalised_pseudonyms
from desktop.importers.problems import MAX_STORED, mask_value
from desktop.importers.projection import lonlat_to_tm35fin
from desktop.importers.values import (
    Coded,
    DecimalMark,
    MunicipalityNames,
    age_at,
    coded_text,
    date_parts,
    parse_age_bands,
    parse_dates,
    parse_ints,
    parse_numbers,
    parse_numbers_marked,
    parse_producer,
    parse_reasons,
    parse_sex,
)

SIZES = {"s": "S", "m": "M", "l": "L", "pieni": "S", "keskikokoinen": "M", "keski": "M", "suuri": "L",
         "small": "S", "medium": "M", "large": "L", "liten": "S", "medel": "M", "stor": "L"}


def byte_keys(words: np.ndarray) -> np.ndarray:
    """A 64-bit key per row of a (rows, k) uint64 matrix (the bytes of fixed-width values)."""
    key = words[:, 0].copy()
    for j in range(1, words.shape[1]):
        key *= np.uint64(0x9E3779B97F4A7C15)
        key ^= words[:, j] + np.uint64(j)
    return key


class PersonTable:
    """Person ids seen in one import: raw value -> index into pseudonyms, birth days and sexes.
    Raw values stay in memory only. Each chunk is factorised together with the values seen before
    (in C); only values never seen before are normalised, validated and hashed."""

    def __init__(self, secret: bytes):
        self.secret = secret
        self.raw_values = np.empty(0, dtype=object)  # raw values seen, distinct
        self.raw_person = np.empty(0, dtype=np.int64)  # their person (-2 invalid code, -3 empty)
        self._table = None  # pandas' object hash table of the raw values (when available)
        self._byte_table = None  # the same for raw values read as bytes: 64-bit key -> index
        self.byte_values = np.empty(0, dtype="S8")  # raw values read as bytes, distinct
        self.byte_person = np.empty(0, dtype=np.int64)
        self.norm_index: dict[str, int] = {}  # normalised id -> person
        self._plain_pending: list[tuple[np.ndarray, np.ndarray]] = []  # (byte values, person) not yet in norm_index
        self.pseudonyms: list[str] = []
        self.birth_day: list[int] = []
        self.sex: list[str] = []
        self.codes_seen = 0
        self.exported_ids = 0  # ids that may be in our export form 'ps:<32 hex>' (they keep that pseudonym)
        self._birth_lookup = np.array([-1], dtype=np.int64)
        self._sex_lookup = np.array([""], dtype=object)
        self.other_ids = 0  # distinct ids that are not identity codes (client numbers, damaged codes)
        self.near_codes: set[int] = set()  # persons whose id is a damaged identity code ('131052-901')
        self._near_lookup = np.zeros(1, dtype=bool)
        self.last_damaged = np.zeros(0, dtype=bool)  # rows of the last `add` refused as damaged codes

    def mostly_codes(self) -> bool:
        """The column is an identity-code column: valid codes are at least half of its distinct ids."""
        return self.codes_seen > 0 and self.codes_seen >= self.other_ids

    def near_code_rows(self, person: np.ndarray) -> np.ndarray:
        """Rows whose person id is a damaged identity code accepted as a person (before the column
        showed itself to be one of identity codes)."""
        if not self.near_codes:
            return np.zeros(len(person), dtype=bool)
        if len(self._near_lookup) != len(self.pseudonyms) + 1:
            lookup = np.zeros(len(self.pseudonyms) + 1, dtype=bool)  # the last slot: person -1
            lookup[list(self.near_codes)] = True
            self._near_lookup = lookup
        return self._near_lookup[person]

    def _damaged(self, values: list[str], shaped: np.ndarray) -> np.ndarray:
        """Count the distinct ids that are not codes; True where one is a damaged identity code."""
        near = np.zeros(len(values), dtype=bool)
        for i in np.flatnonzero(~shaped).tolist():
            value = values[i]
            if not value or value.startswith("PS:"):
                continue
            self.other_ids += 1
            near[i] = value[:6].isdigit() and looks_like_damaged_code(value)
        return near

    def add(self, series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Global person index per row (-1 missing or bad), bad mask (an invalid identity code), empty mask.
        `series` holds text, or UTF-8 bytes of a fixed width (numpy 'S', as the CSV reader gives them)."""
        if series.dtype.kind == "S":
            person = self._add_bytes(np.asarray(series))
            if person is not None:
                return self._masks(person)
            series = pd.Series(np.char.decode(np.asarray(series), "utf-8", "replace"), dtype=object)
        values = np.asarray(series, dtype=object)
        known = len(self.raw_values)
        labels = self._labels(values, known)
        if labels is not None:
            codes, new_raw = labels  # codes >= known: values first seen in this chunk, in new_raw order
        else:  # without pandas' hash table class: factorise (values seen before + this chunk) in one go
            codes, uniques = pd.factorize(np.concatenate([self.raw_values, values]), use_na_sentinel=True)
            codes = codes[known:]
            new_raw = np.asarray(uniques, dtype=object)[known:]
        person_of = self.raw_person
        if len(new_raw):
            resolved = np.asarray(self._resolve([str(v).strip().upper() for v in new_raw.tolist()]), dtype=np.int64)
            self.raw_values = np.concatenate([self.raw_values, new_raw])
            self.raw_person = person_of = np.concatenate([self.raw_person, resolved])
        person = np.append(person_of, -3)[codes]  # code -1 (missing value) picks the trailing -3
        return self._masks(person)

    def lookups(self) -> tuple[np.ndarray, np.ndarray]:
        """(birth day, sex) per person with a trailing missing value (-1, '') for index -1; kept
        between chunks and extended by the persons added since."""
        done = len(self._birth_lookup) - 1
        if done < len(self.birth_day):
            self._birth_lookup = np.concatenate(
                [self._birth_lookup[:-1], np.array(self.birth_day[done:], dtype=np.int64), [-1]])
            self._sex_lookup = np.concatenate(
                [self._sex_lookup[:-1], np.array(self.sex[done:], dtype=object), np.array([""], dtype=object)])
        return self._birth_lookup, self._sex_lookup

    def _masks(self, person: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        bad = person == -2
        empty = person == -3
        self.last_damaged = person == DAMAGED_CODE
        person[bad | empty | self.last_damaged] = -1
        return person, bad, empty

    def _add_bytes(self, values: np.ndarray) -> np.ndarray | None:
        """Person per row (-2 invalid code, -3 empty) of fixed-width byte strings, without a Python
        object per row: each value's bytes are mixed into a 64-bit key, every row is looked up in one
        growing C hash table of the keys seen in this import, and every row is then compared byte for
        byte with the first value of its key, so a key collision can never merge two persons (None
        then: this and every later chunk take the text path)."""
        n = len(values)
        width = values.dtype.itemsize
        if width % 8 or n == 0 or self._byte_table is False:
            return None
        if self._byte_table is not None and self.byte_values.dtype != values.dtype:
            return None  # another width than earlier chunks
        from pandas._libs import hashtable

        words = values.view(np.uint64).reshape(n, width // 8)
        if self._byte_table is None:
            self._byte_table = hashtable.UInt64HashTable(max(n, 1024))
            self.byte_values = np.empty(0, dtype=values.dtype)
        known = len(self.byte_values)
        fresh = hashtable.UInt64Vector()
        labels = np.asarray(self._byte_table.get_labels(byte_keys(words), fresh, known, -1), dtype=np.int64)
        added = len(fresh.to_array())
        every = self.byte_values
        if added:
            rows = np.flatnonzero(labels >= known)[::-1]
            first = np.empty(added, dtype=np.int64)
            first[labels[rows] - known] = rows  # the first row of each new key (written last)
            new_values = values[first]
            every = np.concatenate([self.byte_values, new_values])
        if not (every.view(np.uint64).reshape(len(every), width // 8)[labels] == words).all():
            self._byte_table = False  # the table now holds a colliding key: not used again
            return None
        if added:
            self.byte_values = every
            self.byte_person = np.concatenate([self.byte_person, self._resolve_bytes(new_values)])
        return self.byte_person[labels]

    def _resolve_bytes(self, values: np.ndarray) -> np.ndarray:
        """`_resolve` of distinct raw byte values. Values that are already in normal form (upper-case
        letters, digits, '-' and '+', no spaces: identity codes as exported) skip the Python
        normalising and are hashed and checked as the bytes they are."""
        chars = values.view(np.uint8).reshape(len(values), values.dtype.itemsize)
        nul = chars == 0
        plain = (((chars >= 48) & (chars <= 57)) | ((chars >= 65) & (chars <= 90)) | (chars == 45) | (chars == 43)
                 | nul).all(axis=1) & ~nul[:, 0] & (np.diff(nul.view(np.int8), axis=1) >= 0).all(axis=1)
        if plain.all() and not self.norm_index:
            return self._resolve_plain(values, chars)
        return self._resolve([v.decode("utf-8", "replace").strip().upper() for v in values.tolist()])

    def _resolve_plain(self, values: np.ndarray, chars: np.ndarray) -> np.ndarray:
        """`_resolve` of distinct byte values in normal form while only such values were seen: no two
        of them are the same person, so no lookup is needed (they go into `norm_index` only when a
        value of another form comes)."""
        check = check_normalised(None, chars)
        bad = check.shaped & ~check.valid
        self.codes_seen += int(check.valid.sum())
        near = self._damaged([v.decode("utf-8", "replace") for v in values.tolist()], check.shaped) \
            if not check.shaped.all() else np.zeros(len(values), dtype=bool)
        refused = near & self.mostly_codes()
        bad |= refused
        good = np.flatnonzero(~bad)
        start = len(self.pseudonyms)
        raw = values[good].tolist() if bad.any() else values.tolist()
        self.pseudonyms.extend(normalised_pseudonyms(None, self.secret, raw))
        self.birth_day.extend(check.birth_day[good].tolist())
        self.sex.extend(check.sex[good].tolist())
        person = np.full(len(values), -2, dtype=np.int64)
        person[refused] = DAMAGED_CODE
        person[good] = np.arange(start, start + len(good))
        self.near_codes.update(person[near & ~refused].tolist())
        self._plain_pending.append((values, person))
        return person

    def _index(self) -> dict[str, int]:
        """`norm_index` with the values of `_resolve_plain` added."""
        for values, person in self._plain_pending:
            self.norm_index.update(zip(values.astype(f"U{values.dtype.itemsize}").tolist(), person.tolist(), strict=True))
        self._plain_pending.clear()
        return self.norm_index

    def _labels(self, values: np.ndarray, known: int):
        """Codes of `values` in one growing C hash table of every raw value seen (each value hashed
        once per import); None when this pandas has no such class."""
        try:
            from pandas._libs import hashtable

            if self._table is None:
                self._table = hashtable.PyObjectHashTable(max(len(values), 1024))
            fresh = hashtable.ObjectVector()
            codes = self._table.get_labels(values, fresh, known, -1)
            return np.asarray(codes, dtype=np.int64), np.asarray(fresh.to_array(), dtype=object)
        except (ImportError, AttributeError, TypeError, ValueError):
            self._table = None
            return None

    def _resolve(self, norm: list[str]) -> np.ndarray:
        """Person index of normalised ids (-2 invalid identity code, -3 empty), adding new persons.
        The loops over values run in C (map, dict.fromkeys, zip); Python work per new person is the
        keyed hash."""
        n = len(norm)
        index = self._index()
        out = np.fromiter(map(index.get, norm, repeat(-4)), dtype=np.int64, count=n)
        out[np.fromiter(map(len, norm), dtype=np.int64, count=n) == 0] = -3
        todo = np.flatnonzero(out == -4)
        if len(todo):
            waiting = [norm[i] for i in todo.tolist()]
            fresh = list(dict.fromkeys(waiting))
            check = check_normalised(fresh)
            bad = check.shaped & ~check.valid
            self.codes_seen += int(check.valid.sum())
            near = self._damaged(fresh, check.shaped) if not check.shaped.all() else np.zeros(len(fresh), dtype=bool)
            refused = near & self.mostly_codes()
            bad |= refused
            good_idx = np.flatnonzero(~bad)
            start = len(self.pseudonyms)
            good_values = [fresh[j] for j in good_idx.tolist()] if bad.any() else fresh
            self.pseudonyms.extend(normalised_pseudonyms(good_values, self.secret))
            self.exported_ids += sum(map(str.startswith, good_values, repeat("PS:")))
            self.birth_day.extend(check.birth_day[good_idx].tolist())
            self.sex.extend(check.sex[good_idx].tolist())
            self.norm_index.update(zip(good_values, range(start, start + len(good_values)), strict=True))
            self.norm_index.update(zip([fresh[j] for j in np.flatnonzero(bad & ~refused).tolist()], repeat(-2)))
            self.norm_index.update(zip([fresh[j] for j in np.flatnonzero(refused).tolist()], repeat(DAMAGED_CODE)))
            self.near_codes.update(self.norm_index[fresh[j]] for j in np.flatnonzero(near & ~refused).tolist())
            out[todo] = np.fromiter(map(self.norm_index.__getitem__, waiting), dtype=np.int64, count=len(waiting))
        return out


DAMAGED_CODE = -5  # person of an id refused as a damaged identity code
_DAMAGED_CODE = re.compile(r"^(\d{2})(\d{2})\d{2}\s*([-+A-Z])?\s*(\d{3})\s*([0-9A-Z])?$")


def looks_like_damaged_code(value: str) -> bool:
    """A value shaped almost like an identity code: a birth date, then a sign, three digits and a check
    character with one of them missing, wrong (century sign 'G') or set apart by spaces."""
    m = _DAMAGED_CODE.match(value.strip().upper())
    if not m or (m.group(3) is None and m.group(5) is None):
        return False
    return 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12


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


# ----------------------------------------------------------------------- kinds
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


CONVERTERS = {
    "events": convert_events,
    "grid": convert_grid,
    "travel-times": convert_travel_times,
    "population": convert_population,
    "sites": convert_sites,
    "finance": convert_finance,
    "staff": convert_staff,
}
NUMERIC_FIELDS = {
    "events": ("cost_eur", "units"),
    "grid": ("x", "y", "lon", "lat", "population"),
    "travel-times": ("minutes",),
    "population": ("count",),
    "sites": ("x", "y", "lon", "lat"),
    "finance": ("cost_eur",),
    "staff": ("fte", "wages_eur", "employees"),
}
