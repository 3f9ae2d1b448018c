"""Analysis package (Qt-free)."""
