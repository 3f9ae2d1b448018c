"""Population age bands as the files write them: '7' (one year), '0-4' (a band), '85+' (open-ended:
the band ends at OPEN_AGE_END, the oldest age the store knows)."""

from __future__ import annotations

OPEN_AGE_END = 120


def age_band_text(age_from: int, age_to: int) -> str:
    """The band age_from..age_to (inclusive) as a file writes it: '7', '0-4' or '85+'."""
    if age_from == age_to:
        return str(age_from)
    if age_to >= OPEN_AGE_END:
        return f"{age_from}+"
    return f"{age_from}-{age_to}"
