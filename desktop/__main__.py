"""`python -m desktop` runs the command line (no arguments: the GUI)."""

from desktop.cli import command_line

if __name__ == "__main__":
    raise SystemExit(command_line())
