"""The network page's Qt models over plain data, without a page: pytest-qt's model tester, the cells'
texts and raw values, and a typed goal edit handed on as a new ReachGoal (nothing for a bad value)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt

from desktop.analysis.reach import ReachGoal
from desktop.ui.models.network_models import GoalsModel, HeadedFrameModel


def test_headed_frame_model_shows_figures_and_keeps_raw_values(qtmodeltester):
    model = HeadedFrameModel({"name": "Nimi", "population": "Kohdeväestö", "share_pct": "Kattavuus %"})
    qtmodeltester.check(model)
    model.set_frame(pd.DataFrame({"share_pct": [95.26, np.nan], "name": ["Jyväskylä", "Muurame"],
                                  "population": [1728.0, 450.0], "extra": [1, 2]}))
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Nimi", "Kohdeväestö",
                                                                                 "Kattavuus %"]
    cells = [[model.data(model.index(r, c)) for c in range(3)] for r in range(2)]
    assert cells[0] == ["Jyväskylä", "1\u00a0728", "95,3"]  # Finnish figures: no-break space, decimal comma
    assert model.data(model.index(0, 1), Qt.ItemDataRole.UserRole) == 1728.0
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_goals_model_hands_a_typed_edit_on_as_a_new_goal(qtbot, qtmodeltester):
    goal = ReachGoal("S-koon sote-keskus 30 min", ("sote-keskus",), 30, target_pct=95)
    model = GoalsModel()
    model.set_data([goal], [])
    qtmodeltester.check(model)
    minutes = model.index(0, GoalsModel.COLUMNS.index("minutes"))
    assert model.data(minutes) == "30" and model.data(minutes, Qt.ItemDataRole.EditRole) == 30
    assert model.data(model.index(0, GoalsModel.COLUMNS.index("sizes"))) == "kaikki"
    assert model.data(model.index(0, GoalsModel.COLUMNS.index("coverage"))) == ""  # no figures yet
    with qtbot.waitSignal(model.edit_requested) as edit:
        assert model.setData(minutes, "12,5")
    assert edit.args[0] == 0 and edit.args[1].minutes == 12.5 and edit.args[1].name == goal.name
    assert model.goals == [goal]  # the page writes the edit (undoably); the model waits for it
    with qtbot.assertNotEmitted(model.edit_requested):
        assert not model.setData(minutes, "puoli tuntia")
        assert not model.setData(minutes, "30")
        assert not model.setData(model.index(0, GoalsModel.COLUMNS.index("coverage")), "50")
