"""A team project on PostgreSQL gives the same figures as the file it was copied from, for every
report, chart table, export and command; and a workshop copy back to a file gives them again.

The small demo region (about 90,000 events, every dataset kind) is built as a file, copied to an
empty database on the test server (`copy FILE URL`) and back to a new file (`copy URL FILE`);
each command's output is compared byte for byte between the three."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

REPORTS = [
    ["info", "{store}", "--json"],
    ["info", "{store}"],
    ["report", "{store}", "traffic-light", "--json"],
    ["report", "{store}", "traffic-light", "--by", "segment,structure", "--years", "2023-2024", "--json"],
    ["report", "{store}", "traffic-light", "--by", "municipality,age_band", "--filter", "sex=2", "--json"],
    ["report", "{store}", "traffic-light", "--by", "aura,producer"],
    ["segments", "{store}", "--json", "--project-to", "2030"],
    ["classification", "check", "{store}", "--json"],
    ["reach", "{store}", "--json"],
    ["measures", "{store}", "--json"],
    ["optimize", "{store}", "--candidates", "kuntakeskukset", "--minutes", "20", "--max-sites", "2", "--json"],
]
EXPORTS = ["events", "population", "grid", "sites", "travel-times", "finance"]


def cli(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, env=env,
                          timeout=600)


def run(capsys, *args) -> str:
    """A command in this process (as `sote-planner ARGS`): its standard output; exit 0 asserted."""
    from desktop.cli import main

    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


@pytest.fixture(scope="module")
def three(tmp_path_factory, pg_server):
    """(file, server URL, file copied back from the server) of the small demo region."""
    folder = tmp_path_factory.mktemp("same")
    original = folder / "demo.sote"
    made = cli("demo", str(original), "--size", "small")
    assert made.returncode == 0, made.stderr
    url = pg_server.url("analyst1", pg_server.new_database("demo"))
    up = cli("copy", str(original), url, "--json")
    assert up.returncode == 0, up.stderr
    back = folder / "tyopaja.sote"
    down = cli("copy", url, str(back), "--json")
    assert down.returncode == 0, down.stderr
    assert json.loads(up.stdout)["rows"] == json.loads(down.stdout)["rows"]  # every table, row for row
    return str(original), url, str(back)


def _same_text(outputs: dict[str, str], places: dict[str, str]) -> dict[str, str]:
    """Outputs with each store's own name replaced (they differ only in where the project is)."""
    out = {}
    for key, text in outputs.items():
        text = text.replace(places[key], "STORE")
        text = re.sub(r'"store": "[^"]*"', '"store": "STORE"', text)
        out[key] = re.sub(r'"(\w*seconds)": [0-9.e-]+', r'"\1": 0', text)  # the solver's time is no figure
    return out


@pytest.mark.parametrize("command", REPORTS, ids=lambda c: " ".join(a for a in c if a != "{store}"))
def test_every_report_gives_the_same_figures(three, command, capsys):
    places = dict(zip(("file", "server", "copy"), three, strict=True))
    outputs = {key: run(capsys, *[a.format(store=store) for a in command]) for key, store in places.items()}
    same = _same_text(outputs, places)
    assert same["server"] == same["file"]
    assert same["copy"] == same["file"]
    assert len(same["file"]) > 50


def test_every_export_and_table_file_is_the_same(three, tmp_path, capsys):
    places = dict(zip(("file", "server", "copy"), three, strict=True))
    for kind in EXPORTS:
        written = {}
        for key, store in places.items():
            path = tmp_path / f"{kind}-{key}.csv"
            run(capsys, "export", store, kind, str(path))
            written[key] = path.read_bytes()
        assert written["server"] == written["file"], kind
        assert written["copy"] == written["file"], kind
        assert written["file"].count(b"\n") > (0 if kind == "finance" else 1)  # the demo has no finance rows
    for key, store in places.items():  # the traffic-light table as CSV and the segment rules as JSON
        run(capsys, "report", store, "traffic-light", "--by", "segment", "--csv", str(tmp_path / f"tl-{key}.csv"))
        run(capsys, "segments", "export", store, str(tmp_path / f"seg-{key}.json"))
        run(capsys, "classification", "export", store, str(tmp_path / f"cl-{key}.json"))
    for name in ("tl", "seg", "cl"):
        texts = {key: (tmp_path / f"{name}-{key}.{'csv' if name == 'tl' else 'json'}").read_text(encoding="utf-8-sig")
                 for key in places}
        if name != "tl":  # the exported rules name their project's version, the same in all three
            texts = {k: re.sub(r'"project": "[0-9a-f]*"', "", v) for k, v in texts.items()}
        assert texts["server"] == texts["file"] and texts["copy"] == texts["file"], name


def test_workshop_pdf_has_the_same_pages_and_figures(three, tmp_path, capsys):
    from tests.measures.test_measures_workshop import pdf_text

    texts, pages = {}, {}
    for key, store in zip(("file", "server"), three[:2], strict=True):
        pdf = tmp_path / f"tyopaja-{key}.pdf"
        run(capsys, "report", store, "workshop", "--pdf", str(pdf))
        data = pdf.read_bytes()
        texts[key] = pdf_text(data).replace(store, "STORE")
        pages[key] = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages["server"] == pages["file"] > 3
    assert texts["server"] == texts["file"]
    assert re.search(r"\d", texts["file"])  # figures, not only titles
