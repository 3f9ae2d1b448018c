"""Finding and masking Finnish personal identity codes (henkilötunnus) in any text.

Every text the app keeps or shows that did not come from its own code (file names, column names,
cell values, messages, logs, import reports, profiles) passes through `mask_text` first, so a code
never reaches the project file, a message or a log. A code is shown as `MASK` ("******-****"),
which keeps nothing of the birth date, the individual number or the check character.

Two strengths: messages, names and logs mask every code-shaped run (`valid_only=False`, a typo'd
code is still nearly a code); stored cell values mask only codes that pass the date and check
character test (`valid_only=True`), so that ordinary values that merely look alike are kept.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

MASK = "******-****"
CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900,
             "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
# 6 digits, century sign, 3 digits, check character, anywhere in a text (either case)
CODE_SHAPED = re.compile(r"\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y]")


def is_valid_code(text: str) -> bool:
    """True when `text` (stripped, any case) is a henkilötunnus with a real date and the right check character."""
    code = text.strip().upper()
    if len(code) != 11 or not CODE_SHAPED.fullmatch(code):
        return False
    century = CENTURIES.get(code[6])
    if century is None:
        return False
    try:
        dt.date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))
    except ValueError:
        return False
    return CHECK_CHARS[int(code[0:6] + code[7:10]) % 31] == code[10]


def mask_text(text: str, valid_only: bool = False) -> tuple[str, int]:
    """(`text` with every identity code replaced by `MASK`, how many were replaced).

    `valid_only`: replace only runs that are valid codes (stored cell values); otherwise every
    code-shaped run (messages, names, logs)."""
    if not text or len(text) < 11:
        return text, 0
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        if valid_only and not is_valid_code(match.group(0)):
            return match.group(0)
        count += 1
        return MASK

    return CODE_SHAPED.sub(replace, text), count


def masked(text: object) -> str:
    """`str(text)` with every code-shaped run masked (for messages, names and logs)."""
    return mask_text("" if text is None else str(text))[0]


def contains_code(text: str) -> bool:
    return bool(CODE_SHAPED.search(text or ""))


class MaskingFormatter(logging.Formatter):
    """A log formatter that masks identity codes in the whole formatted record (message, arguments
    and traceback alike)."""

    def format(self, record: logging.LogRecord) -> str:
        return masked(super().format(record))
