"""Dialogs of the app: about, problem report, import, ..."""
