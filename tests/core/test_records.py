"""The segment conditions, population base and need thresholds as frozen records (desktop.core.records) keep
what their dataclasses gave: construction by position or keyword with defaults, equality and hash by the
fields and class, the dataclass repr, no assignment, copies and pickles; a Segment stays a dataclass."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from desktop.core.segments import (
    Age,
    AllOf,
    AnyOf,
    NeedThresholds,
    Not,
    PopulationBase,
    Reasons,
    Segment,
    Sex,
    condition_from_dict,
    default_segments,
)


def test_construction_defaults_and_errors():
    assert Age(0, 17) == Age(min_age=0, max_age=17) == Age(0, max_age=17, at="year_end")
    assert (Age().min_age, Age().max_age, Age().at, Age().type) == (None, None, "year_end", "age")
    assert Not().item == AllOf() and Not().item is not Not().item  # a fresh default each time
    assert NeedThresholds(wider_eur=5.0).high_eur == 8000.0
    with pytest.raises(TypeError, match="takes 3 arguments"):
        Age(1, 2, "event", 4)
    with pytest.raises(TypeError, match="unexpected keyword argument 'foo'"):
        Age(foo=1)
    with pytest.raises(TypeError, match="multiple values"):
        Age(1, min_age=2)


def test_equality_hash_repr_and_frozenness():
    assert Age(1) != Sex("1") and Age(1) != Age(2) and AllOf((Age(1),)) != AnyOf((Age(1),))
    assert len({Age(0, 17), Age(0, 17), PopulationBase(0, 17), PopulationBase(0, 17)}) == 2
    assert repr(Age(3, at="event")) == "Age(min_age=3, max_age=None, at='event')"
    assert repr(Not()) == "Not(item=AllOf(items=()))"
    assert repr(NeedThresholds()) == "NeedThresholds(wider_eur=1000.0, high_eur=8000.0, high_red_eur=4000.0)"
    assert Age.__match_args__ == ("min_age", "max_age", "at")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Age(1).min_age = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del PopulationBase().sex


def test_segments_round_trip_copy_pickle_and_replace():
    for segment in default_segments():
        again = Segment(segment.name, condition_from_dict(segment.condition.to_dict()), segment.kind, segment.name_en,
                        segment.description)
        assert again == segment and hash(again) == hash(segment)
        assert copy.deepcopy(segment) == segment == pickle.loads(pickle.dumps(segment))
        assert dataclasses.replace(segment, name="x").condition == segment.condition
    mental = default_segments()[4]
    assert isinstance(mental.condition, AnyOf) and isinstance(mental.condition.items[0], Reasons)
    assert mental.base == PopulationBase()
