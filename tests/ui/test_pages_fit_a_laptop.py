"""Every page fits a 1280 x 800 laptop window beside the navigation: no widget (a long label, a
row of buttons) may make a page wider than the room it has, which would cut off its right edge."""

from __future__ import annotations

import pytest

from desktop.store import open_store
from desktop.ui.main_window import MainWindow
from desktop.ui.selftest import build_small_store
from desktop.ui.settings import AppSettings


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return build_small_store(tmp_path_factory.mktemp("demo"))


def test_every_page_fits_a_1280_by_800_window(qtbot, tmp_path, demo_path, answers):
    window = MainWindow(AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.confirm_discard_changes = lambda: True
    window.resize(1280, 800)
    window.show()
    store = open_store(demo_path, readonly=True)
    window.set_store(store)
    too_wide = {}
    for page in window.pages:
        window.show_page(page.key)
        qtbot.wait(10)
        assert page.wait_until_loaded(), page.key
        room = window.stack.currentWidget().viewport().width()  # the page's scroll area beside the navigation
        if page.minimumSizeHint().width() > room:
            too_wide[page.key] = (page.minimumSizeHint().width(), room)
    window.set_store(None)
    store.close()
    assert not too_wide, f"pages wider than their room (minimum, room): {too_wide}"
