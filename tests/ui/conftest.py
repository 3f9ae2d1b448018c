"""Fixtures of the GUI tests: `answers` answers the app's questions (desktop.ui.dialogs.ask) as a
planner would, so no modal dialog blocks a test."""

from __future__ import annotations

import pytest
from answers import Answers

from desktop.ui.dialogs import ask


@pytest.fixture
def answers():
    """Every question of the app is answered by an `Answers` (see there) during the test."""
    answerer = Answers()
    with ask.answered_by(answerer):
        yield answerer
