"""Charts package (Qt-free)."""
