"""The command line writes its figures for people through the app's one formatter
(desktop.core.numbers): no hand-made thousands separators, decimal marks or percent signs in
desktop/commands, and the text outputs that had them show the formatter's Finnish and English forms."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.cli import main
from desktop.core.numbers import NBSP

COMMANDS = Path(__file__).resolve().parents[2] / "desktop" / "commands"
#: an f-string field with a hand-made number format (',' thousands, fixed decimals, ':g') or a
#: separator swapped by hand, or a percent sign glued to a figure
HAND_FORMAT = re.compile(r"\{[^{}\n]*:(,|\.\d+f|g|n)\}|\.replace\(\"[,.]\", \"[ ,.]\"\)|\)\} %")


def test_no_hand_formatted_numbers_in_the_commands():
    found = [f"{path.name}:{n}: {line.strip()}" for path in sorted(COMMANDS.glob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if HAND_FORMAT.search(line)]
    assert found == []


def test_the_scan_finds_hand_formatting():
    """The pattern above catches the forms the commands used before (so the scan can fail)."""
    for line in ('f"{result.total:,} riviä".replace(",", " ")', 'f"{args.minutes:g} min"',
                 'f"{number(r[\'coverage_pct\'], 1)} %"', 'f"{share:.1f}"'):
        assert HAND_FORMAT.search(line), line
    assert not HAND_FORMAT.search('f"{label[:44]:<44} {eur(x):>16}"')


def test_copy_reports_its_rows_with_the_formatter(tmp_path, capsys):
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "segments"))
    from event_frames import demo_like_records, single_year_population, write_store

    from desktop.core.numbers import count

    source = write_store(tmp_path / "alue.sote", demo_like_records(n_persons=300), single_year_population())
    assert main(["copy", str(source), str(tmp_path / "kopio.sote"), "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["total"] >= 1000
    assert main(["copy", str(source), str(tmp_path / "toinen.sote")]) == 0
    out = capsys.readouterr().out.strip().splitlines()[-1]
    total = re.search(r"toinen\.sote: (.+) riviä", out).group(1)
    assert total == count(done["total"]) and NBSP in total  # '1 234' with a no-break space, not '1,234'
    assert f"{count(len(done['rows']))} taulusta" in out


def test_reconciliation_coverage_as_a_percentage(tmp_path, capsys):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from resources.helpers import write_resource_store

    path = str(write_resource_store(tmp_path / "alue.sote"))
    assert main(["report", path, "reconciliation"]) == 0
    out = capsys.readouterr().out
    assert f"kattavuus 57,8{NBSP}%" in out  # the events' 1 480 € of the books' 2 560 €
    assert main(["--lang", "en", "report", path, "reconciliation"]) == 0
    assert f"coverage 57.8{NBSP}%" in capsys.readouterr().out
