"""An old project keeps identity codes in its events' text values (versions before schema 3 stored a
code typed into a visit reason or a source field as it was): opening it for writing masks them in
the dictionaries, merges values that become the same text, rewrites the chunks holding a merged code
and the file itself; every figure stays as it was."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from pathlib import Path

import pandas as pd

from desktop.cli import main
from desktop.core.identity import MASK, mask_text
from desktop.store import Store
from tests.privacy.helpers import MUNICIPALITIES, files_beside, identity_codes, raw_hits
from tests.privacy.test_key_migration import _as_version_2


def _old_events(path: Path, persons: list[str], typed: list[str]) -> Path:
    """Visits whose reason and source name other persons' codes, in different texts around them:
    'SOITTI <code> PUOLESTA' for four codes (one value once masked) and a value already written
    with the mask (the merge joins an existing value)."""
    rng = random.Random(5)
    reasons = [f"soitti {code} puolesta" for code in typed] + [f"soitti {MASK} puolesta", "J06", "Z00.1"]
    lines = ["Henkilötunnus;Käyntipäivä;Kotikunta;Palvelumuoto;Käyntisyy;Lähde;Kustannus"]
    for i, person in enumerate(persons):
        for k in range(3):
            day = dt.date(2023 + k % 2, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
            reason = reasons[(i + k) % len(reasons)]
            source = typed[i % len(typed)].lower() if k == 1 else "Lifecare"
            lines.append(f"{person};{day:%d.%m.%Y};{rng.choice(MUNICIPALITIES)};T11;{reason};{source};"
                         f"{rng.randrange(20, 400)},{rng.randrange(0, 100):02d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _dictionary(path: Path, column: str) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [v for (v,) in con.execute(
            "SELECT value FROM dictionary WHERE dataset='events' AND \"column\"=? ORDER BY code", (column,))]
    finally:
        con.close()


def _figures(path: Path, capsys) -> list[dict]:
    out = []
    for by in ("segment", "municipality,sex", "service"):
        assert main(["report", str(path), "traffic-light", "--by", by, "--years", "2023-2024", "--json"]) == 0
        out.append(json.loads(capsys.readouterr().out))
    return out


def test_an_old_project_loses_the_codes_in_its_event_texts_when_opened_for_writing(tmp_path, capsys, monkeypatch):
    persons = identity_codes(40)
    typed = identity_codes(4, seed=99)
    path = tmp_path / "vanha.sote"
    import desktop.services.importing.run as importing_run

    with monkeypatch.context() as patch:
        patch.setattr(importing_run, "mask_columns", lambda columns, keep=None: {})  # as versions before 3 did
        assert main(["import", str(path), "events", str(_old_events(tmp_path / "a.csv", persons, typed))]) == 0
    capsys.readouterr()
    _as_version_2(path)
    needles = [*typed, *(c.lower() for c in typed), *(c.upper() for c in typed)]
    assert raw_hits([path], needles)  # the old layout: readable in the file
    reasons_before = _dictionary(path, "reasons")
    assert sum(any(c in v for c in typed) for v in reasons_before) == 4
    with Store.open(path, readonly=True) as store:
        before = store.load("events")
    figures_before = _figures(path, capsys)

    Store.open(path).close()  # opened for writing: the upgrade

    beside = files_beside(path)
    assert any("v2-varmuuskopio" in p.name for p in beside)
    assert raw_hits(beside, needles) == {}  # the project, its upgrade backup, -wal, -shm
    reasons = _dictionary(path, "reasons")
    assert len(reasons) == len(set(reasons)) == len(reasons_before) - 4  # five texts became one
    assert f"SOITTI {MASK} PUOLESTA" in reasons
    assert _dictionary(path, "source") == [MASK, "Lifecare"]  # four codes, one value; the codes below moved down
    with Store.open(path, readonly=True) as store:
        after = store.load("events")
    expected = before.copy()
    for column in ("reasons", "source"):
        expected[column] = [v if not isinstance(v, str) else mask_text(v, valid_only=True)[0]
                            for v in before[column].astype(object)]
    pd.testing.assert_frame_equal(after.astype(object), expected.astype(object))  # every other value as it was
    assert (after["reasons"].astype(str) == f"SOITTI {MASK} PUOLESTA").sum() == sum(
        "PUOLESTA" in str(v) for v in before["reasons"])
    assert _figures(path, capsys) == figures_before  # every figure as it was


def test_masking_leaves_a_project_without_codes_unchanged(tmp_path):
    """A dictionary with code-shaped values that are no valid code is not touched (nor its chunks)."""
    from desktop.store.columns import mask_dictionary_codes

    path = tmp_path / "p.sote"
    persons = identity_codes(10)
    lines = ["Henkilötunnus;Käyntipäivä;Kotikunta;Palvelumuoto;Käyntisyy;Kustannus"]
    lines += [f"{p};01.02.2024;179;T11;{'010101-123X'};10,00" for p in persons]  # a code-shaped non-code
    (tmp_path / "a.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", str(path), "events", str(tmp_path / "a.csv")]) == 0
    with Store.open(path) as store:
        with store.transaction() as conn:
            assert mask_dictionary_codes(conn) == {}
        assert list(store.load("events")["reasons"].astype(str).unique()) == ["010101-123X"]
