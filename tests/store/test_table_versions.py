"""Caches keyed per dataset: a write bumps the version of the tables it wrote, and only those."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.services.new_project import create_project
from desktop.store.versions import EDITS_OF_MEASURES, EVERYTHING, written_table


def test_the_written_table_is_read_from_the_statement():
    assert written_table('INSERT INTO measure_rating (measure_id, month) VALUES (?, ?)') == "measure_rating"
    assert written_table("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)") == "setting"
    assert written_table('UPDATE "measure" SET name=? WHERE measure.id = ?') == "measure"
    assert written_table("DELETE FROM column_chunk WHERE batch_id = ?") == "column_chunk"
    assert written_table("SELECT * FROM column_chunk") is None
    assert written_table("PRAGMA foreign_keys=ON") is None
    assert written_table("ALTER TABLE import_batch ADD COLUMN x") == EVERYTHING
    assert written_table("CREATE TABLE y (a)") == EVERYTHING


@pytest.fixture
def store(tmp_path):
    s = create_project(tmp_path / "versions.sote")
    yield s
    s.close()


def test_a_rating_write_changes_the_measures_and_not_the_events(store):
    from desktop.core.measures import Month
    from desktop.services import measures as svc

    events, classification, measures = store.version("events"), store.version("classification"), store.version("measures")
    outside = store.version_except(*EDITS_OF_MEASURES)
    goal = svc.AddGoal(store, "Saatavuus")
    goal.do()
    measure = svc.AddMeasure(store, goal.id, "Vastaanotto", "Etävastaanotot")
    measure.do()
    after_add = store.version("measures")
    svc.SetRating(store, measure.id, Month.parse("2024-03"), 3).do()
    assert store.version("measures") != after_add != measures
    assert store.version("events") == events and store.version("classification") == classification
    assert store.version_except(*EDITS_OF_MEASURES) == outside  # the tracker and its save version only


def test_a_write_the_store_did_not_see_changes_everything(store):
    """A write through a raw SQLite connection names no table: every cache is dropped."""
    events = store.version("events")
    con = sqlite3.connect(store.path)
    con.execute("UPDATE meta SET value = value")
    con.commit()
    con.close()
    store.changed()
    assert store.version("events") != events
