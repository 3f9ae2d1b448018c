"""Dictionary values travel to SQLite as one JSON array per 100,000 values (json_each)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.store.columns.dictionaries import _json_array


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), max_size=20))
def test_json_array_is_the_same_array(values):
    assert json.loads(_json_array(values)) == values
