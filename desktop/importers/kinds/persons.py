"""The persons of an events import: each person id seen (identity codes, client numbers, our exported
pseudonyms) gets one keyed pseudonym, and identity codes give the birth day and sex. Raw ids stay in
memory only."""

from __future__ import annotations

import re
from itertools import repeat

import numpy as np
import pandas as pd

from desktop.importers.henkilotunnus import check_normalised, normalised_pseudonyms


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
