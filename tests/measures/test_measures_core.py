"""Plain-data rules of the self-assessment: months, the scale, history and distributions."""

import pytest

from desktop.core.errors import UserError
from desktop.core.lang import set_language
from desktop.core.measures import (
    Goal,
    Measure,
    Month,
    Tracker,
    check_rating,
    month_range,
    rating_label,
    rating_scale,
)


def test_month_parse_format_and_next():
    assert Month.parse("2020-10") == Month(2020, 10)
    assert Month.parse("10/2020") == Month.parse("10.2020") == Month(2020, 10)
    assert str(Month(2021, 4)) == "2021-04"
    assert Month(2020, 12).next() == Month(2021, 1)
    assert [str(m) for m in month_range(Month(2020, 11), Month(2021, 2))] == ["2020-11", "2020-12", "2021-01", "2021-02"]
    with pytest.raises(UserError):
        Month.parse("2020-13")
    with pytest.raises(UserError):
        Month.parse("loka")


def test_month_label_follows_language():
    assert Month(2020, 10).label() == "loka 2020"
    set_language("en")
    try:
        assert Month(2020, 10).label() == "Oct 2020"
        assert rating_label(4) == "4 being piloted"
    finally:
        set_language("fi")


def test_scale_words_number_always_with_word():
    assert [v for v, _ in rating_scale()] == [1, 2, 3, 4, 5]
    assert rating_label(1) == "1 ei aloitettu"
    assert rating_label(5) == "5 käytössä"
    assert rating_label(None) == ""
    for bad in (0, 6, 2.5, True):
        with pytest.raises(UserError):
            check_rating(bad)


def _tracker() -> Tracker:
    tr = Tracker(goals=[Goal(1, "G")], measures=[Measure(1, 1, 1, "a"), Measure(2, 1, 1, "b"), Measure(3, 1, 1, "c")])
    oct20, apr21, oct21 = Month(2020, 10), Month(2021, 4), Month(2021, 10)
    tr.ratings = {(1, oct20): 1, (1, apr21): 3, (1, oct21): 5, (2, apr21): 2}
    tr.months = [oct20, Month(2020, 11)]
    return tr


def test_history_latest_and_months():
    tr = _tracker()
    assert tr.history(1) == [(Month(2020, 10), 1), (Month(2021, 4), 3), (Month(2021, 10), 5)]
    assert tr.latest(1) == (Month(2021, 10), 5)
    assert tr.latest(1, until=Month(2021, 9)) == (Month(2021, 4), 3)
    assert tr.latest(3) is None
    assert tr.all_months() == [Month(2020, 10), Month(2020, 11), Month(2021, 4), Month(2021, 10)]


def test_distribution_carries_the_last_state():
    tr = _tracker()
    d = tr.distribution(Month(2021, 10))
    assert (d[5], d[2], d[None]) == (1, 1, 1)  # measure 2 keeps its April rating
    strict = tr.distribution(Month(2021, 10), carry=False)
    assert (strict[5], strict[2], strict[None]) == (1, 0, 2)
    assert sum(tr.distribution(Month(2019, 1)).values()) == 3


def test_distribution_series_equals_month_by_month():
    tr = _tracker()
    months = [Month(2020, 9), Month(2020, 10), Month(2021, 4), Month(2021, 6), Month(2021, 10)]
    assert tr.distribution_series(months) == [tr.distribution(m) for m in months]
    assert tr.distribution_series(months, [2, 3]) == [tr.distribution(m, [2, 3]) for m in months]
