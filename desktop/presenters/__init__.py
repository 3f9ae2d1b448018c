"""Presenters: what a page holds and does, without Qt (its working copy, undo, edits and loads).

A page in `desktop.ui` shows a presenter's state in widgets and hands it the planner's actions; the
presenter calls the services. Presenters sit below `desktop.ui` and above the services in the layers
contract and import no Qt (pyproject.toml), so they are tested without a window.
"""
