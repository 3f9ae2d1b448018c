"""The workshop report is one a county board can be shown: a contents page, a heading and "Sivu N / M"
on every page, "synteettinen aineisto" in every page's footer when the data is synthetic, tables at
8 pt or more, no continuation page of a few rows, and a reach goal met for the county but not in a
municipality says which municipalities fall short."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from desktop.reports import pages as report_pages
from desktop.reports.workshop import write_workshop_report
from desktop.store import open_store
from tests.measures.test_measures_workshop import pdf_page_count, pdf_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from desktop.demo import build_demo

    built = build_demo(tmp_path_factory.mktemp("board") / "demo.sote", "small")
    store = built if hasattr(built, "setting") else open_store(built)
    yield store
    store.close()


@pytest.fixture(scope="module")
def report(demo, tmp_path_factory):
    store = demo
    path = tmp_path_factory.mktemp("pdf") / "tyopaja.pdf"
    result = write_workshop_report(store, path)
    return path, result, pdf_text(path.read_bytes())


def test_every_page_has_its_number_and_the_synthetic_warning(report):
    path, result, text = report
    pages = pdf_page_count(path.read_bytes())
    assert pages == result["pages"]
    for number in range(1, pages + 1):
        assert f"Sivu {number} / {pages}" in text
    assert text.count("synteettinen aineisto") == pages
    assert "Sisällys" in text
    assert text.count("Työpajaraportti · ") >= pages  # the running heading (the cover has its own title too)


def test_tables_are_at_least_8_points_and_long_tables_go_on_in_even_parts():
    assert report_pages.TABLE_FONT >= 8
    table = pd.DataFrame({"segment": [f"s{i}" for i in range(40)], "clients": range(40)})
    plan = report_pages._plan([report_pages.ReportPage("T", lambda fig: None, table)])
    rows = [r for _p, _s, r, _c in plan]
    assert sum(rows) == 40 and min(rows) >= 8
    short = pd.DataFrame({"segment": [f"s{i}" for i in range(11)], "clients": range(11)})
    assert len(report_pages._plan([report_pages.ReportPage("T", lambda fig: None, short)])) == 1  # no 3-row page


def test_a_goal_met_for_the_county_names_the_municipalities_below_target(demo):
    from desktop.reports.network import summary_text
    from desktop.services.network import build_context, list_goals

    store = demo
    context = build_context(store)
    results = [context.evaluate(goal) for goal in list_goals(store)]
    hidden = []
    for result in results:
        below = result.below_target()
        muni = result.by_municipality
        expected = muni[(muni["population"] > 0) & (muni["share_pct"] < result.goal.target_pct)]
        assert sorted(below["municipality"]) == sorted(expected["municipality"])
        assert list(below["share_pct"]) == sorted(below["share_pct"])
        if result.met and len(below):
            hidden.append((result, below))
    assert hidden, "the small demo has a goal met for the county but not in every municipality"
    text = summary_text(results)
    assert "jää joissakin kunnissa alle tavoitteen" in text
    for result, below in hidden:
        assert result.goal.name in text and str(below.iloc[0]["name"]) in text


def test_the_report_says_which_municipalities_fall_short(report):
    _path, _result, text = report
    assert re.search(r"jää joissakin kunnissa alle\s+tavoitteen", text.replace("\n", " "))
