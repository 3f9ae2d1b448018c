"""Identity codes outside the person-id column: masked in the converted values before they are stored.

The person-id column is pseudonymised (desktop.importers.henkilotunnus); any other text cell that
holds a valid identity code (a code typed into a visit reason, a source field, a site name) keeps
its text with the code replaced by `MASK`, and the import report says how many cells were masked.
"""

from __future__ import annotations

import numpy as np

from desktop.core.identity import CODE_SHAPED, mask_text
from desktop.importers.values import Coded


def _mask_uniques(uniques: list[str]) -> tuple[list[str], np.ndarray]:
    """(masked values, which were changed); one regex pass over all values first (the usual case: none)."""
    changed = np.zeros(len(uniques), dtype=bool)
    if not uniques or not CODE_SHAPED.search("\n".join(uniques)):
        return uniques, changed
    out = list(uniques)
    for i, value in enumerate(uniques):
        new, count = mask_text(value, valid_only=True)
        if count:
            out[i] = new
            changed[i] = True
    return out, changed


def mask_columns(columns: dict[str, object], keep: np.ndarray | None = None) -> dict[str, int]:
    """Mask valid identity codes in the text columns of converted rows, in place. Returns
    {column: cells masked} (only rows kept by `keep` are counted)."""
    counts: dict[str, int] = {}
    for name, value in columns.items():
        if isinstance(value, Coded):
            uniques, changed = _mask_uniques(value.uniques)
            if changed.any():
                value.uniques[:] = uniques
                codes = value.codes if keep is None else value.codes[keep]
                hits = np.append(changed, False)[codes]
                counts[name] = int(hits.sum())
        elif isinstance(value, np.ndarray) and value.dtype == object and len(value):
            texts = [v if isinstance(v, str) else "" for v in value.tolist()]
            distinct = list(dict.fromkeys(texts))
            uniques, changed = _mask_uniques(distinct)
            if changed.any():
                lookup = dict(zip(distinct, uniques, strict=True))
                hit = np.array([lookup[v] != v for v in texts], dtype=bool)
                for i in np.flatnonzero(hit):
                    value[i] = lookup[texts[i]]
                counts[name] = int(hit.sum() if keep is None else hit[keep].sum())
    return counts
