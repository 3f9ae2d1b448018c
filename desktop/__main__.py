"""`python -m desktop` runs the command line (no arguments: the GUI)."""

import gc

from desktop.cli import main

if __name__ == "__main__":
    code = main()
    # the process ends here: the interpreter's last garbage collections would walk every object of the
    # loaded libraries (pandas, SQLAlchemy) only to free memory the exit frees anyway (0.3-0.5 s after
    # a 1 M-row import); frozen objects are left out of them (nothing is written or closed by them)
    gc.freeze()
    raise SystemExit(code)
