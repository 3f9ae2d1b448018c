"""The words of export cells for sex, producer, reason codes, municipalities and age bands, each
turned into the project's codes ('mies' -> '1', 'ostopalvelu' -> 'purchased', 'KU179' -> '179',
'85+' -> (85, 120)); bad cells masked as in desktop.importers.values."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from desktop.core.age_bands import OPEN_AGE_END
from desktop.importers.coded import Coded, by_uniques, coded_text


# -------------------------------------------------------------- vocabularies
def plain(value: str) -> str:
    """Lower case without diacritics, spaces or punctuation ('Osto-palvelu' -> 'ostopalvelu')."""
    text = unicodedata.normalize("NFKD", value.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", text)


SEX_WORDS = {
    "1": "1", "m": "1", "mies": "1", "miehet": "1", "male": "1", "man": "1", "men": "1", "man1": "1",
    "poika": "1", "pojat": "1", "maskulin": "1", "herr": "1", "miespuolinen": "1",
    "2": "2", "n": "2", "nainen": "2", "naiset": "2", "female": "2", "f": "2", "w": "2", "woman": "2",
    "women": "2", "kvinna": "2", "kvinnor": "2", "k": "2", "tytto": "2", "tytot": "2", "naispuolinen": "2",
    "3": "", "0": "", "9": "", "yhteensa": "", "kaikki": "", "molemmat": "", "total": "", "totalt": "",
    "sukupuoletyhteensa": "", "bada": "", "both": "", "tuntematon": "", "unknown": "", "x": "",
}


def _sex(value: str) -> str:
    key = plain(value)
    if key.endswith("0") and key[:-1].isdigit():  # '1.0' from a spreadsheet
        key = key[:-1]
    if key in SEX_WORDS:
        return SEX_WORDS[key]
    raise ValueError(value)


def parse_sex(series: pd.Series) -> tuple[Coded, np.ndarray, np.ndarray]:
    """'1'/'2' from 1/2, M/N, mies/nainen, man/kvinna...; '' for both or unknown."""
    return coded_text(series, _sex)


PRODUCER_WORDS = {
    "own": ("own", "oma", "omatuotanto", "omapalvelu", "omatoiminta", "itse", "itsetuotettu", "egen",
            "egenproduktion", "egentjanst", "o", "oma tuotanto"),
    "purchased": ("purchased", "osto", "ostopalvelu", "ostopalvelut", "ostettu", "ostettupalvelu", "ostot",
                  "kopt", "kopttjanst", "kopta", "kopttjanster", "ulkoistettu", "bought"),
    "voucher": ("voucher", "palveluseteli", "palvelusetelit", "seteli", "ps", "servicesedel", "sedel",
                "palvelusetelipalvelu"),
}
_PRODUCERS = {plain(w): key for key, words in PRODUCER_WORDS.items() for w in words}


def _producer(value: str) -> str:
    key = plain(value)
    if key in _PRODUCERS:
        return _PRODUCERS[key]
    raise ValueError(value)


def parse_producer(series: pd.Series) -> tuple[Coded, np.ndarray, np.ndarray]:
    """'own', 'purchased' or 'voucher' from the source's words (oma, ostopalvelu, palveluseteli...)."""
    return coded_text(series, _producer)


_REASON_SPLIT = re.compile(r"[\s,;]+")


def _reasons(value: str) -> str:
    return " ".join(p for p in _REASON_SPLIT.split(value.upper()) if p)


def parse_reasons(series: pd.Series) -> tuple[Coded, np.ndarray, np.ndarray]:
    """Reason codes separated by space, comma or semicolon -> upper case, one space between."""
    return coded_text(series, _reasons)


class MunicipalityNames:
    """Municipality codes from codes ('179', '77', 'KU179') or names ('Jyväskylä', 'jyvaskyla')."""

    def __init__(self, names_to_codes: dict[str, str]):
        self.by_name = {plain(name): code for name, code in names_to_codes.items()}
        self.unknown_names: set[str] = set()

    def __call__(self, value: str) -> str:
        text = value.strip()
        if text.upper().startswith("KU") and text[2:].strip().isdigit():
            text = text[2:].strip()
        if text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]
        if text.isdigit() and len(text) <= 3:
            return text.zfill(3)
        key = plain(text)
        if key in self.by_name:
            return self.by_name[key]
        if not self.by_name and re.fullmatch(r"[^\W\d_][\w \-']*", text):
            self.unknown_names.add(text)  # no municipality list in the store: keep the name
            return text
        raise ValueError(value)


_BAND = re.compile(r"^(\d{1,3})\s*(?:-|–|—|\.\.)\s*(\d{1,3})?$")
_PLUS = re.compile(r"^(\d{1,3})\s*(?:\+|-|–|vuotta täyttäneet|v\+|\+v)$")


def _age_band(value: str) -> tuple[int, int]:
    text = value.strip().lower().replace("vuotiaat", "").replace("v.", "").replace("v", "").strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if text.isdigit():
        return int(text), int(text)
    m = _BAND.match(text)
    if m and m.group(2) is not None:
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo > hi:
            raise ValueError(value)
        return lo, hi
    m = _PLUS.match(text) or (m if m and m.group(2) is None else None)
    if m:
        return int(m.group(1)), OPEN_AGE_END
    raise ValueError(value)


def parse_age_bands(series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """'65-74' -> (65, 74), '85+' -> (85, 120), '7' -> (7, 7). Returns (from, to, bad, empty)."""
    out, codes, bad, empty = by_uniques(series, _age_band, bad_value=(-1, -1))
    pairs = np.array(out, dtype=np.int64).reshape(-1, 2)[codes]
    return pairs[:, 0], pairs[:, 1], bad, empty
