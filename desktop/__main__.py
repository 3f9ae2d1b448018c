"""`python -m desktop` runs the command line (no arguments: the GUI)."""

from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
