"""The app's name, id and version as the installers need them, read from `desktop/__init__.py`.

Read with `ast` (not imported), so the spec, the build script and the Windows CI can use it without
the app's dependencies on the path. The package file stays the single home of these values.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the executable's file name (and the Debian package, menu entry and icon name)
EXE_NAME = "sote-planner"


def app_meta(root: Path = ROOT) -> dict[str, str]:
    """Module-level string constants of desktop/__init__.py: __version__, APP_NAME, APP_ID, STORE_SUFFIX..."""
    tree = ast.parse((root / "desktop" / "__init__.py").read_text(encoding="utf-8"))
    meta: dict[str, str] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            meta[node.targets[0].id] = node.value.value
    for key in ("__version__", "APP_NAME", "APP_NAME_EN", "APP_ID", "STORE_SUFFIX"):
        if key not in meta:
            raise RuntimeError(f"desktop/__init__.py does not define {key}")
    return meta


if __name__ == "__main__":  # `python installer/appmeta.py version` prints one value (used by CI)
    import sys

    key = {"version": "__version__"}.get(sys.argv[1], sys.argv[1]) if len(sys.argv) > 1 else "__version__"
    print(app_meta()[key])
