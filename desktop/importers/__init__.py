"""Importers package (Qt-free)."""
