"""The quick paths of the suppression hide exactly what the plain computation hides: the loop that keeps
each line's count of hidden entries (desktop.analysis.disclosure.suppress) against the loop that sums
every line on every pass, and the clients-only table refined by service (service_cells_hidden) against
the full table, on random tables and random events."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from desktop.analysis import disclosure
from desktop.analysis.segments import membership
from desktop.analysis.traffic_lights import traffic_light_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "traffic_lights"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "segments"))
from test_fast_paths import SEGMENTS, random_events  # noqa: E402


def plain_suppress(persons, lines, min_group, is_total=None, unshown=None) -> disclosure.Suppression:
    """The rule written out: while a line has exactly one hidden entry (and none never shown), hide its
    smallest other non-empty entry (cells before totals, fewest persons first, then position)."""
    persons = np.nan_to_num(np.asarray(persons, dtype=float))
    primary = (persons > 0) & (persons < min_group)
    unknown = np.zeros(len(persons), bool) if unshown is None else np.asarray(unshown, bool) & (persons > 0)
    hidden = primary | unknown
    rank = np.zeros(len(persons)) if is_total is None else np.asarray(is_total, dtype=float)
    lines = [np.asarray(line, dtype=np.int64) for line in lines if len(line) > 1]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(bool(hidden[i]) for i in line) != 1 or any(unknown[i] for i in line):
                continue
            candidates = [i for i in line if not hidden[i] and persons[i] > 0]
            if candidates:
                hidden[min(candidates, key=lambda i: (rank[i], persons[i], i))] = True
                changed = True
    return disclosure.Suppression(primary & ~unknown, hidden & ~unknown)


@pytest.mark.parametrize("seed", range(6))
def test_suppress_hides_what_the_plain_rule_hides(seed):
    rng = np.random.default_rng(seed)
    for _ in range(400):
        n = int(rng.integers(1, 30))
        persons = rng.choice([0, 0, 1, 2, 4, 5, 6, 9, 20, np.nan], size=n)
        lines = [rng.choice(n, size=int(rng.integers(0, min(n, 7) + 1)), replace=bool(rng.random() < 0.1))
                 for _ in range(int(rng.integers(0, 10)))]
        is_total = rng.random(n) < 0.3 if rng.random() < 0.7 else None
        unshown = rng.random(n) < 0.1 if rng.random() < 0.3 else None
        quick = disclosure.suppress(persons, lines, 5, is_total, unshown)
        plain = plain_suppress(persons, lines, 5, is_total, unshown)
        assert quick.primary.tolist() == plain.primary.tolist()
        assert quick.hidden.tolist() == plain.hidden.tolist()


def test_suppress_hides_complements_along_crossing_lines():
    # a 2 x 2 table with its margins: one small cell makes its row, its column and then the rest hide
    #   cells 0 1 / 2 3, row totals 4 5, column totals 6 7, grand total 8
    persons = [3, 10, 12, 11, 13, 23, 15, 21, 36]
    lines = [[0, 1, 4], [2, 3, 5], [0, 2, 6], [1, 3, 7], [4, 5, 8], [6, 7, 8]]
    supp = disclosure.suppress(persons, lines, 5, np.array([False] * 4 + [True] * 5))
    assert supp.primary.tolist() == [True] + [False] * 8
    assert supp.hidden.tolist() == [True, True, True, True] + [False] * 5


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("by", [("segment",), ("structure",), ("segment", "sex"), ()])
@pytest.mark.parametrize("years", [[2024], [2023, 2024]])
def test_clients_only_table_hides_what_the_full_table_hides(seed, by, years):
    events = random_events(seed, n=1500, persons=150)
    m = membership(events, SEGMENTS, [2023, 2024])
    refined = (*by, "service")
    full = traffic_light_table(events, refined, years, {}, m)
    lean = traffic_light_table(events, refined, years, {}, m, clients_only=True)
    for a, b in ((full.rows, lean.rows), (full.group_totals, lean.group_totals), (full.level_totals, lean.level_totals)):
        keys = [c for c in (*refined, "level") if c in a.columns]
        assert a[[*keys, "contacts", "clients"]].equals(b[[*keys, "contacts", "clients"]])
    assert lean.totals["clients"] == full.totals["clients"]
    assert "fte" not in lean.rows.columns
    for n in (3, 5, 10, 40):
        assert_same_suppression(disclosure.traffic_light_suppression(full, n),
                                disclosure.traffic_light_suppression(lean, n))


def assert_same_suppression(a, b) -> None:
    for x, y in ((a.rows, b.rows), (a.levels, b.levels), (a.groups, b.groups)):
        assert x.primary.tolist() == y.primary.tolist() and x.hidden.tolist() == y.hidden.tolist()
    assert (a.total_hidden, a.total_primary) == (b.total_hidden, b.total_primary)
