"""Fixtures of the import tests: a fresh store with a few municipalities, the corpus folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.store import Store
from desktop.store.tables import imports as imports_tables

DATA = Path(__file__).resolve().parent.parent / "data" / "imports"


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def store(tmp_path):
    s = Store.create(tmp_path / "testi.sote")
    with s.transaction() as conn:
        conn.execute(
            imports_tables.municipality.insert(),
            [
                {"code": "179", "name": "Jyväskylä", "name_sv": "Jyväskylä"},
                {"code": "077", "name": "Hankasalmi", "name_sv": None},
                {"code": "992", "name": "Äänekoski", "name_sv": None},
                {"code": "182", "name": "Jämsä", "name_sv": None},
            ],
        )
    yield s
    s.close()
