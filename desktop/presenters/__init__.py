"""The pages' Qt-free halves: what a page holds (its working copy, undo stack, edits and background
loads) without widgets, so it is tested without Qt. A view in desktop.ui.pages calls its presenter;
a presenter calls the services and never imports Qt (the contracts in pyproject.toml)."""
