"""Numbers in the pages' tables and labels follow the UI language: English '1,234', '€1,234', '12.5'
(decimal point, comma thousands) when the UI is English; the Finnish formats as before when it is Finnish."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt
from shell_stores import make_store

from desktop.app import install_translators
from desktop.store import open_store
from desktop.ui.models.frame_model import FrameModel
from desktop.ui.pages import classification_page, data_page, measures_page


@pytest.fixture
def english(qapp):
    assert install_translators("en")
    yield
    install_translators("fi")


def test_counts_euros_and_shares_in_english(english):
    assert data_page.format_count(1234567) == "1,234,567"
    assert data_page.format_time("2026-01-05T08:03:00") == "2026-01-05 08:03"
    assert classification_page.fmt(1401.4) == "1,401"
    assert classification_page.euros_text(12345.6) == "€12,346"
    assert classification_page.share_text(0.125) == "12.5" and classification_page.share_text(0.5, 0) == "50"
    assert measures_page._fmt(1234.56) == "1,234.6" and measures_page._fmt(28.0) == "28.0"
    assert measures_page._fmt(None) == "–"


def test_counts_euros_and_shares_in_finnish(qapp):
    assert data_page.format_count(1234567) == "1\u00a0234\u00a0567"
    assert data_page.format_time("2026-01-05T08:03:00") == "5.1.2026 08:03"
    # no-break spaces: a figure never splits over two lines
    assert classification_page.fmt(1401.4) == "1\xa0401"
    assert classification_page.euros_text(12345.6) == "12\xa0346\xa0€"
    assert classification_page.share_text(0.125) == "12,5"
    assert measures_page._fmt(1234.56) == "1\xa0234,6" and measures_page._fmt(28.0) == "28,0"


def frame_cells(model: FrameModel) -> list[list[str]]:
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_traffic_light_table_in_english(qtbot, english):
    model = FrameModel()
    model.set_frame(pd.DataFrame({"segment": ["Iäkkäät", "Lapsiperheet"], "structure": ["asumis", "avo"],
                                  "level": ["green", "red"], "clients": [1401, "<5"], "cost_eur": [123456.7, None],
                                  "eur_per_client": [28.04, None], "share_green": [0.125, 0.5]}))
    headers = [model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(model.columnCount())]
    assert headers == ["Segment", "Service structure", "Level", "Clients", "Euros", "€/client", "green %"]
    assert frame_cells(model) == [["Iäkkäät", "housing", "green", "1,401", "123,457", "28.04", "12.5 %"],
                                  ["Lapsiperheet", "outpatient", "red", "<5", "–", "–", "50.0 %"]]


def test_traffic_light_table_in_finnish(qtbot):
    model = FrameModel()
    model.set_frame(pd.DataFrame({"structure": ["asumis"], "level": ["green"], "clients": [1401],
                                  "cost_eur": [123456.7], "eur_per_client": [28.04], "share_green": [0.125]}))
    assert [c.replace("\xa0", " ") for c in frame_cells(model)[0]] == ["asumis", "vihreä", "1 401", "123 457", "28,04",
                                                                       "12,5 %"]


def test_data_page_rows_in_english(qtbot, tmp_path, english):
    store = open_store(make_store(tmp_path / "keski.sote", synthetic=True))
    with store.transaction() as conn:  # a batch of thousands of rows (its size is all the table shows)
        store.add_batch(conn, "sites", "toimipisteet.csv", file_size=123_456, sha256="ef" * 32, row_count=12_345)
    try:
        page = data_page.DataPage()
        qtbot.addWidget(page)
        page.set_store(store)
        model = page.batch_model
        columns = [model.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(model.columnCount())]
        rows = [model.data(model.index(r, columns.index("Rows"))) for r in range(model.rowCount())]
        assert rows and all(text.replace(",", "").isdigit() for text in rows)
        assert all("\u202f" not in text for text in rows)
        big = [text for text in rows if int(text.replace(",", "")) >= 1000]
        assert big == ["12,345"]
        page.set_store(None)
    finally:
        store.close()


def test_network_page_figures_follow_the_language(qapp):
    from desktop.ui.pages import network_page

    assert network_page._fmt_int(1728) == "1\u00a0728"  # a no-break space, as in the other Finnish figures
    assert install_translators("en")
    try:
        assert network_page._fmt_int(1728) == "1,728"
    finally:
        install_translators("fi")


def test_network_tables_write_whole_numbers_with_thousands(qapp):
    """The centres table's residents came out as '144299' (an int column); now as every other figure."""
    import numpy as np
    import pandas as pd

    from desktop.ui.models.network_models import HeadedFrameModel

    model = HeadedFrameModel({"code": "Kunta", "residents": "Asukkaita", "ok": "ok"})
    model.set_frame(pd.DataFrame({"code": ["179"], "residents": [np.int64(144_299)], "ok": [True]}))
    texts = [model.data(model.index(0, c)) for c in range(3)]
    assert texts == ["179", "144\u00a0299", "True"]
