"""The house shape: only desktop.ui (and the start-up wiring) imports Qt; layers whose arrows point
down only (the import-linter contracts in pyproject.toml); modules imported by name nowhere."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_ALLOWED = {"ui", "app.py"}


def test_import_linter_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is not installed in the test environment"
    result = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in _contract_names():
        assert f"{name} KEPT" in result.stdout


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def _contract_names() -> list[str]:
    return [c["name"] for c in _contracts()]


def test_every_part_of_desktop_sits_in_a_layer():
    """A new package or top-level module must be placed in the layers contract, not left outside it."""
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    parts = {f"desktop.{p.stem}" for p in (ROOT / "desktop").iterdir()
             if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and not p.stem.startswith("__"))}
    assert parts == placed


def test_no_module_is_imported_by_name():
    """Registries import their modules explicitly (grep finds the users; import-linter sees the arrow)."""
    offenders = []
    for path in (ROOT / "desktop").rglob("*.py"):
        if path == ROOT / "desktop" / "core" / "lazy.py":  # the standard library's LazyLoader, for numpy
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("import_module", "__import__", "iter_modules"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_every_command_module_is_registered():
    """Every module of desktop/commands is one command's, and registers a parser of that command's name."""
    import argparse

    from desktop.commands import COMMAND_NAMES, command_module

    files = {p.stem for p in (ROOT / "desktop" / "commands").glob("*.py") if not p.stem.startswith("_")}
    assert {command_module(name).__name__.rsplit(".", 1)[1] for name in COMMAND_NAMES} == files
    assert command_module("no-such-command") is None
    for name in COMMAND_NAMES:
        sub = argparse.ArgumentParser().add_subparsers()
        command_module(name).register(sub)
        assert list(sub.choices) == [name]


def test_no_module_outside_ui_imports_pyside6():
    """A direct scan as well, so a module missing from the contract list is caught too."""
    offenders = []
    for path in (ROOT / "desktop").rglob("*.py"):
        rel = path.relative_to(ROOT / "desktop")
        if rel.parts[0] in QT_ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "PySide6" or n.startswith("PySide6.") or n.startswith("matplotlib.backends.backend_qt") for n in names):
                offenders.append(str(rel))
    assert offenders == []


def test_every_presenter_loads_without_qt():
    """The scan above reads import statements; this loads every presenter module (and all it imports,
    lazily or not) in a fresh interpreter, so a Qt import hidden behind a helper is caught too."""
    modules = sorted(f"desktop.presenters.{p.stem}" for p in (ROOT / "desktop" / "presenters").glob("*.py")
                     if p.stem != "__init__")
    assert len(modules) >= 10
    code = (f"import sys, {', '.join(modules)}; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6') or 'backend_qt' in m))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
