"""Segment overlaps and the segment charts give no hidden group back: the overlap of two segments is
the sum of the exact combinations holding both, and its diagonal is the segment's size, so an overlap
shown exactly beside the combinations gives a hidden combination as overlap − shown (and a diagonal
shown exactly gives a size hidden as a complement). The charts (page and workshop PDF) draw and write
the shown figures only."""

from __future__ import annotations

import json

import numpy as np
import pytest
from matplotlib.figure import Figure

from desktop.analysis import privacy
from desktop.cli import main
from desktop.store import open_store
from tests.privacy.test_differencing import leaks
from tests.segments.event_frames import demo_like_records, single_year_population, write_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    records = demo_like_records(n_persons=25)
    return str(write_store(tmp_path_factory.mktemp("overlaps") / "alue.sote", records, single_year_population()))


def overlap_lines(m, year, overlaps_shown, inter, inter_shown):
    """Each overlap of two segments with every exact combination holding both (all are listed)."""
    true = m.overlaps(year)
    lines = []
    n = len(m.names)
    for i in range(n):
        for j in range(i + 1, n):
            cells = [({"persons": c}, {"persons": s}) for (rows, c), s in zip(inter, inter_shown, strict=True)
                     if i in rows and j in rows]
            lines.append((f"{m.names[i]} & {m.names[j]}", cells,
                          ({"persons": int(true[i, j])}, {"persons": overlaps_shown[i][j]})))
    return lines


def test_overlaps_give_no_hidden_combination_and_primary_suppression_alone_does(store, capsys):
    from desktop.services.segments import (
        shown_intersections,
        shown_overlaps,
        store_membership,
    )

    assert main(["segments", store, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    with open_store(store, readonly=True) as s:
        m = store_membership(s)
    year, n = doc["year"], 5
    inter = m.intersections(year, 10_000)
    assert len(inter) <= 15  # every combination is listed (15 are shown): the overlaps are exact sums of them
    shown_inter = list(shown_intersections(m, year, n)["persons"])
    shown = shown_overlaps(m, year, n)
    matrix = shown[m.names].to_numpy(dtype=object)
    # the JSON's overlaps are the matrix's
    pairs = {(r["a"], r["b"]): r["persons"] for r in doc["overlaps"]}
    for i, a in enumerate(m.names):
        for j, b in enumerate(m.names[i + 1:], start=i + 1):
            assert pairs[(a, b)] == matrix[i, j] == matrix[j, i]
    # the diagonal is the size as the sizes table shows it
    sizes = [seg["persons"] for seg in doc["segments"]]
    assert [matrix[i, i] for i in range(len(sizes))] == sizes
    assert leaks(overlap_lines(m, year, matrix, inter, shown_inter), ("persons",)) == []
    assert any(privacy.is_hidden_mark(v) for v in matrix.ravel())



def hand_built():
    """Three segments: A only 20 persons, B only 15, C only 12, A & B 10, A & C 7, A & B & C 2."""
    from desktop.analysis.segments import Membership
    from desktop.core.segments import Segment

    groups = [((0,), 20), ((1,), 15), ((2,), 12), ((0, 1), 10), ((0, 2), 7), ((0, 1, 2), 2)]
    n_persons = sum(c for _r, c in groups)
    mask = np.zeros((3, n_persons), dtype=bool)
    at = 0
    for rows, count in groups:
        mask[list(rows), at:at + count] = True
        at += count
    return Membership([Segment(name, None) for name in "ABC"], [2024], n_persons, {2024: mask},
                      {2024: np.ones(n_persons, dtype=bool)})


def test_a_hand_built_overlap_would_give_a_small_combination_without_its_complement():
    from desktop.services.segments import shown_intersections, shown_overlaps

    m = hand_built()
    inter = m.intersections(2024)
    shown_inter = list(shown_intersections(m, 2024, 5)["persons"])
    assert dict(zip([r for r, _c in inter], shown_inter, strict=True))[(0, 1, 2)] == "<5"
    matrix = shown_overlaps(m, 2024, 5)[m.names].to_numpy(dtype=object)
    assert leaks(overlap_lines(m, 2024, matrix, inter, shown_inter), ("persons",)) == []
    assert matrix[0, 1] == privacy.SECONDARY or privacy.SECONDARY in shown_inter
    # the control: the overlap matrix as it was (primary suppression only): A & B 12 − shown A & B only 10 = 2
    primary = [[privacy.shown_count(int(v), 5) for v in row] for row in m.overlaps(2024)]
    primary_inter = [privacy.shown_count(c, 5) for _r, c in inter]
    assert primary[0][1] == 12 and primary[0][2] == 9
    found = leaks(overlap_lines(m, 2024, primary, inter, primary_inter), ("persons",))
    assert "A & B: hidden persons 2.0 = total 12.0 - shown 10.0" in found, found
    assert "A & C: hidden persons 2.0 = total 9.0 - shown 7.0" in found, found


def chart_texts(fig: Figure) -> list[str]:
    return [t.get_text().strip() for ax in fig.axes for t in ax.texts]


def test_workshop_segment_charts_write_only_the_shown_figures(store):
    from desktop.analysis.segments import segment_sizes
    from desktop.reports.workshop import segment_pages
    from desktop.services.traffic_lights import TrafficLightData

    with open_store(store, readonly=True) as s:
        data = TrafficLightData(s)
        year = max(data.membership.years)
        pages = segment_pages(data, year)
        m = data.membership
        true_sizes = segment_sizes(m, data.population if len(data.population) else None)
        true_sizes = true_sizes[true_sizes["year"] == year].reset_index(drop=True)
    sizes_page = pages[0]
    hidden = sizes_page.table["persons"].map(privacy.is_hidden_mark).to_numpy()
    assert (sizes_page.table["persons"] == privacy.SECONDARY).any()  # a complement is there to leak
    fig = Figure()
    sizes_page.draw(fig)
    texts = chart_texts(fig)
    from desktop.charts.numbers import number

    for persons in true_sizes.loc[hidden, "persons"]:
        assert not any(x == number(persons) or x.startswith(number(persons) + " ") for x in texts), persons
    assert texts.count(privacy.SECONDARY) == int((sizes_page.table["persons"] == privacy.SECONDARY).sum())

    fig = Figure()
    pages[1].draw(fig)  # the overlap matrix: its diagonal is the sizes as shown
    texts = chart_texts(fig)
    k = len(m.names)
    assert [texts[i * k + i] for i in range(k)] == [str(v) if isinstance(v, str) else number(v)
                                                    for v in sizes_page.table["persons"]]
    fig = Figure()
    pages[2].draw(fig)  # the combinations: as their table
    assert chart_texts(fig) == [v if isinstance(v, str) else number(v) for v in pages[2].table["persons"]]
