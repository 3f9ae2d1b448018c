"""The Liikennevalot page on a project without events: the reason is said on the chart and under it,
not as a failure in red at the top; the self-test passes (the page shows why it has nothing)."""

from __future__ import annotations

from event_frames import single_year_population, write_store

from desktop.store import open_store
from desktop.ui.pages.traffic_lights_page import TrafficLightsPage


def test_a_project_without_events_says_why_on_the_chart(qtbot, tmp_path):
    store = open_store(write_store(tmp_path / "tyhja.sote", [], single_year_population()), readonly=True)
    try:
        page = TrafficLightsPage()
        qtbot.addWidget(page)
        page.resize(1100, 800)
        page.show()
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            page.set_store(store)
        assert page.data is None and not page.is_loading() and page.content.isEnabled()
        assert "henkilön tunniste" in page.message.text()
        assert not page.banner.isVisibleTo(page) and page.load_error is None
        texts = [t.get_text() for t in page.canvases["central"].figure.texts]
        assert any("henkilön tunniste" in text for text in texts)
        page.render_check()
        page.set_store(None)
        assert page.message.text() == "Avaa projekti."
    finally:
        store.close()
