"""Service use of the demo persons: client shares by age against the region's known figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.core.datasets import years_of
from desktop.demo.events import generate_events
from desktop.demo.persons import build_persons, pseudonyms
from desktop.demo.population import build_population
from desktop.demo.rates import check_rates, processing_order

FRACTION = 0.25  # a quarter of the region is enough for shares within a few tenths of a percent


@pytest.fixture(scope="module")
def sample():
    population = build_population()
    persons = build_persons(population, FRACTION)
    events = generate_events(persons, population.municipality_codes)
    c = events.columns
    frame = pd.DataFrame(
        {
            "code": np.array(events.values["service_code"])[c["service_code"]],
            "year": years_of(c["date"]),
            "person": c["person"],
            "age": c["age"],
            "cost": c["cost_eur"],
        }
    )
    return population, persons, frame


def client_share(frame, population, codes, lo, hi, year=2023):
    sel = frame[frame.code.isin(codes) & (frame.year == year) & (frame.age >= lo) & (frame.age <= hi)]
    residents = population.year(year)[:, :, lo : hi + 1].sum() * FRACTION
    return 100 * sel.person.nunique() / residents


def test_rates_cover_the_vocabulary():
    check_rates()
    order = [r.key for r in processing_order()]
    assert order.index("kotihoito") > order.index("tehostettu_palveluasuminen")


def test_client_shares_match_region_figures(sample):
    population, _persons, frame = sample
    placed = client_share(frame, population, ["LS-PERHE", "LS-LAITOS"], 0, 17)
    assert 0.9 < placed < 1.5  # child-welfare placement about 1.2 % of 0-17
    assert 4.0 < client_share(frame, population, ["LS-AVO"], 0, 17) < 5.5  # open care about 4.7 %
    assert 6.5 < client_share(frame, population, ["TPA"], 80, 100) < 9.0  # 24 h elderly housing 7-8 % of 80+
    assert 9.0 < client_share(frame, population, ["KOTIHOITO"], 75, 100) < 13.0  # home care 10-12 % of 75+
    assert client_share(frame, population, ["NEUVOLA-L"], 0, 0, 2024) > 80


def test_volumes_and_heavy_users(sample):
    population, persons, frame = sample
    per_year = frame.groupby("year").size()
    full_scale = per_year / FRACTION
    assert ((full_scale > 1.0e6) & (full_scale < 1.5e6)).all()  # 2-3 million events in two years
    cost = frame[frame.year == 2023].groupby("person").cost.sum().sort_values(ascending=False)
    residents = int(persons.present(2023).sum())
    top = cost.iloc[: residents // 10].sum() / cost.sum()
    assert 0.6 < top < 0.95  # a tenth of the residents with high needs use most of the money
    # persons in several kinds: the heaviest users are in more kinds than the median client
    kinds = frame[frame.year == 2023].groupby("person").code.nunique()
    assert kinds[cost.index[:200]].median() > kinds.median() + 2


def test_pseudonyms_are_keyed_and_stable():
    numbers = np.arange(1, 200_001, dtype=np.int64)
    a = pseudonyms(numbers, b"k" * 32)
    assert len(set(a.tolist())) == len(a)
    assert (a == pseudonyms(numbers, b"k" * 32)).all()
    other = pseudonyms(numbers, b"j" * 32)
    assert (a != other).mean() > 0.999
    assert all(len(s) == 16 and int(s, 16) >= 0 for s in a[:100])
