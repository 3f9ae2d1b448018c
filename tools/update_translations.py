"""Refresh the Qt Linguist files: pyside6-lupdate over desktop/ui -> resources/translations/sote_en.ts,
then pyside6-lrelease -> sote_en.qm (the file the app loads).

    python tools/update_translations.py                 # update .ts from the code, compile .qm
    python tools/update_translations.py --fill en.json  # also take translations from a JSON file
    python tools/update_translations.py --check         # exit 1 when a string has no translation

Source strings in the code are Finnish (`self.tr("...")`); translate the .ts with Qt Linguist
(`pyside6-linguist resources/translations/sote_en.ts`) or with --fill, whose JSON is
{"Context": {"Finnish source": "English translation"}} (the context is the class name).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop" / "ui"
TS = ROOT / "resources" / "translations" / "sote_en.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    """A PySide6 tool from the running interpreter's environment (the venv), else from PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in the environment that runs this script")
    return found


def lupdate() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "relative", "-target-language", "en_GB",
         "-ts", str(TS.relative_to(ROOT))],
        cwd=ROOT, check=True,
    )


def fill(json_path: Path) -> int:
    """Write the translations of a JSON file into the .ts; returns how many were set."""
    wanted = json.loads(Path(json_path).read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    n = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        table = wanted.get(name, {})
        for message in context.iter("message"):
            source = message.findtext("source")
            if source not in table:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            value = table[source]
            if message.get("numerus") == "yes":
                for form in list(translation):
                    translation.remove(form)
                for text in value if isinstance(value, list) else [value, value]:
                    ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = value
            translation.attrib.pop("type", None)
            n += 1
    ET.indent(tree, space="    ")
    with open(TS, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)
    return n


def unfinished() -> list[tuple[str, str]]:
    root = ET.parse(TS).getroot()
    missing = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished":
                missing.append((context.findtext("name") or "", message.findtext("source") or ""))
    return missing


def lrelease() -> None:
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, help="JSON file of translations to write into the .ts")
    parser.add_argument("--check", action="store_true", help="exit 1 when some string is untranslated")
    args = parser.parse_args(argv)
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate()
    if args.fill:
        print(f"filled {fill(args.fill)} translations from {args.fill}")
    lrelease()
    missing = unfinished()
    total = sum(1 for _ in ET.parse(TS).getroot().iter("message"))
    print(f"{TS.relative_to(ROOT)}: {total} strings, {len(missing)} without an English translation")
    for context, source in missing:
        print(f"  [{context}] {source[:90]!r}")
    return 1 if (args.check and missing) else 0


if __name__ == "__main__":
    raise SystemExit(main())
