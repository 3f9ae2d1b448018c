"""The small demo store: every dataset present, valid codes, deterministic, cancellable."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from desktop.core.datasets import EVENT_COLUMNS, PRODUCERS, day_number, years_of
from desktop.core.errors import Cancelled, UserError
from desktop.core.progress import Progress
from desktop.demo import build_demo
from desktop.demo.population import build_population
from desktop.demo.rates import RATE_BY_KEY, STAY
from desktop.demo.vocabulary import BY_KEY, EVENT_KINDS
from desktop.services.reference import municipalities
from desktop.store import open_store
from desktop.store.tables import imports as imports_tables


def _text(column: pd.Series) -> list[str]:
    """Decoded text values with missing as ''."""
    return column.astype(object).where(column.notna(), "").astype(str).tolist()


def _used(column: pd.Series) -> list[str]:
    """The distinct values of a categorical column (fast for millions of rows)."""
    codes = np.unique(column.cat.codes.to_numpy())
    return [str(v) for v in column.cat.categories[codes[codes >= 0]]]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "small.sote"
    build_demo(path, "small")
    store = open_store(path, readonly=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def events(small_store):
    return small_store.load("events", decode=True)


def test_store_is_labelled_synthetic(small_store):
    assert small_store.setting("synthetic") is True
    assert small_store.setting("region_name") == "Keski-Suomi (synteettinen demo)"
    kinds = [b.kind for b in small_store.batches()]
    assert kinds == ["population", "grid", "sites", "travel-times", "finance", "staff", "events", "events"]
    assert all(b.file_name.startswith("demo: ") and "synteettinen" in b.file_name for b in small_store.batches())


def test_population_table_matches_the_generator(small_store):
    with small_store.read() as conn:
        rows = conn.execute(
            select(imports_tables.population.c.municipality, imports_tables.population.c.year, imports_tables.population.c.count, imports_tables.population.c.forecast)
        ).all()
    frame = pd.DataFrame(rows, columns=["municipality", "year", "count", "forecast"])
    totals23 = frame[frame.year == 2023].groupby("municipality")["count"].sum().astype(int).to_dict()
    assert totals23 == {m.code: m.population for m in municipalities()}
    assert sorted(frame.year.unique()) == list(range(2023, 2031))
    assert (frame.forecast == (frame.year > 2024)).all()
    assert frame.groupby("year").size().nunique() == 1  # 22 x 2 x 101 rows every year


def test_grid_in_store_sums_to_latest_actual_year(small_store):
    grid = small_store.load("grid")
    assert {"cell_id", "x", "y", "municipality", "population", "pop_65plus"} <= set(grid.columns)
    totals = build_population().totals(2024)
    stored = grid.groupby("municipality", observed=True)["population"].sum().astype(int).to_dict()
    assert stored == totals


def test_sites_and_travel_times(small_store):
    with small_store.read() as conn:
        sites = pd.DataFrame(conn.execute(select(imports_tables.site.c.site_id, imports_tables.site.c.name, imports_tables.site.c.type, imports_tables.site.c.size,
                                                 imports_tables.site.c.municipality)).all(),
                             columns=["site_id", "name", "type", "size", "municipality"])
    assert sites.site_id.is_unique
    codes = {m.code for m in municipalities()}
    for kind in ("sote-keskus", "hammashoitola"):
        assert set(sites[sites.type == kind].municipality) == codes
    nova = sites[sites.name == "Keski-Suomen keskussairaala Nova"]
    assert len(nova) == 1 and nova.iloc[0]["type"] == "vuodeosasto" and nova.iloc[0]["size"] == "L"
    assert {"päivätoimintakeskus", "ikäihmisten asumisyksikkö", "ehdokas"} <= set(sites.type)
    big = {m.code for m in municipalities() if m.population >= 5000}
    m_size = sites[(sites.type == "sote-keskus") & sites["size"].isin(["M", "L"])]
    assert big <= set(m_size.municipality)
    tt = small_store.load("travel_times", decode=("origin", "destination", "mode"))
    grid = small_store.load("grid")
    assert set(_used(tt.destination)) <= set(sites.site_id)
    assert set(_used(tt.origin)) <= set(_used(grid.cell_id))
    assert (tt.minutes > 0).all() and (tt.minutes <= 120).all() and set(_used(tt["mode"])) == {"car"}
    reached = set(_used(tt.origin))
    missing = len(grid) - len(reached)
    assert 0 < missing < 0.01 * len(grid)  # a few cells with no route at all
    assert len(tt) < 2_000_000


def test_every_vocabulary_kind_appears(events):
    assert set(events.service_code.astype(str)) == {k.service_code for k in EVENT_KINDS}
    years = years_of(events.date.to_numpy())
    for year in (2023, 2024):
        assert set(events.service_code[years == year].astype(str)) == {k.service_code for k in EVENT_KINDS}


def test_events_have_valid_codes(events):
    assert list(events.columns) == list(EVENT_COLUMNS)
    by_code = {k.service_code: k for k in EVENT_KINDS}
    days = events.date.to_numpy()
    assert days.min() >= day_number(2023) and days.max() < day_number(2025)
    assert (np.diff(days) >= 0).all()
    years = years_of(days)
    age = events.age.to_numpy().astype(int)
    by = events.birth_year.to_numpy().astype(int)
    assert (age >= 0).all() and (age <= 102).all()
    assert np.isin(years - by - age, (0, 1)).all()  # age at the event from the birth year
    assert set(events.sex.astype(str)) == {"1", "2"}
    assert set(events.municipality.astype(str)) == {m.code for m in municipalities()}
    assert set(events.producer.astype(str)) <= set(PRODUCERS)
    assert (events.cost_eur > 0).all() and (events.units > 0).all()
    frame = events.assign(code=events.service_code.astype(str))
    for code, part in frame.groupby("code"):
        kind = by_code[code]
        assert set(_text(part.service_form)) == {kind.service_form}, code
        assert set(part.professional_group.astype(str)) <= set(kind.professional_groups), code
        assert set(part.contact_type.astype(str)) <= set(kind.contact_types), code
        if kind.visit_natures:
            assert set(part.visit_nature.astype(str)) <= set(kind.visit_natures), code
        else:
            assert part.visit_nature.isna().all(), code
        if kind.reasons:
            tokens = {tok for r in part.reasons.astype(str).unique() for tok in r.split(" ")}
            assert tokens <= set(kind.reasons), code
        else:
            assert part.reasons.isna().all(), code
        assert set(_text(part.special_law)) == {kind.special_law}, code
        if kind.unit == "käynti":
            assert (part.units == 1).all(), code
        elif kind.unit == "hoitopäivä" and RATE_BY_KEY[kind.key].pattern == STAY:
            assert part.units.max() <= 31, code  # monthly blocks of care days
            assert part.units.mean() > 10, code
    # some reasons carry two codes separated by a single space
    assert events.reasons.astype(str).str.fullmatch(r"\S+ \S+").any()


def test_person_ids_are_pseudonyms_kept_across_years(small_store):
    frame = small_store.load("events", ("person_id", "date"), decode=("person_id",))
    ids = frame.person_id.astype(str)
    assert ids.map(lambda s: re.fullmatch(r"[0-9a-f]{16}", s) is not None).all()
    years = years_of(frame.date.to_numpy())
    both = set(ids[years == 2023]) & set(ids[years == 2024])
    assert len(both) > 0.5 * len(set(ids[years == 2023]))


def test_costs_follow_unit_prices(events):
    frame = events.assign(code=events.service_code.astype(str), year=years_of(events.date.to_numpy()))
    tpa = frame[frame.code == "TPA"]
    per_day = tpa.cost_eur.sum() / tpa.units.sum()
    assert 180 < per_day < 240  # national unit cost 200 EUR per care day (2024)
    visits = frame[frame.code == BY_KEY["vastaanotto_laakari"].service_code]
    mean = visits.groupby("year").cost_eur.mean()
    assert 100 < mean[2024] < 150 and mean[2023] < mean[2024]  # 125 EUR per doctor's visit; 2023 cheaper


def _assert_same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Identical frames, compared as arrays (pandas' own comparison of categoricals is slow)."""
    assert list(a.columns) == list(b.columns) and len(a) == len(b)
    for name in a.columns:
        x, y = a[name], b[name]
        if isinstance(x.dtype, pd.CategoricalDtype):
            assert list(x.cat.categories) == list(y.cat.categories), name
            x, y = x.cat.codes, y.cat.codes
        assert x.dtype == y.dtype, name
        assert np.array_equal(x.to_numpy(), y.to_numpy(), equal_nan=x.dtype.kind == "f"), name


class _CancelWhen(Progress):
    def __init__(self, text_start: str) -> None:
        super().__init__()
        self.text_start = text_start

    def report(self, done, total, text=""):
        if text.startswith(self.text_start):
            self.cancel()
        super().report(done, total, text)


def test_deterministic_and_cancel_removes_the_file(tmp_path, small_store, events):
    second = tmp_path / "again.sote"
    build_demo(second, "small")
    with open_store(second, readonly=True) as store:
        _assert_same(store.load("events"), events)
        _assert_same(store.load("grid"), small_store.load("grid"))
        _assert_same(store.load("travel_times"), small_store.load("travel_times"))
    with pytest.raises(UserError):
        build_demo(second, "small")  # never over an existing file
    cancelled = tmp_path / "cancelled.sote"
    with pytest.raises(Cancelled):
        build_demo(cancelled, "small", progress=_CancelWhen("Tallennetaan palvelutapahtumat"))
    assert not cancelled.exists()
    assert not list(tmp_path.glob("cancelled.sote*"))


def test_demo_includes_the_seed_self_assessment(small_store):
    """The development-measures page shows the seed's measures and their October 2020 ratings."""
    from desktop.core.measures import Month
    from desktop.services.measures import load_tracker, read_seed_example

    tracker = load_tracker(small_store)
    records, _months = read_seed_example()
    assert len(tracker.measures) == len(records) > 50
    rated = [m for m in tracker.measures if tracker.rating(m.id, Month.parse("2020-10")) is not None]
    assert len(rated) > 50


def test_ledger_and_staff_are_consistent_with_the_events(small_store):
    """Ledger euros per AURA class within 1.05-1.30 of the class's event euros (the administration cost
    centre, AURA 2900, has no events); FTEs by realistic professional groups; allocated by the demo rules."""
    from desktop.services.resources import load_staff, reconciliation, store_allocation

    table = reconciliation(small_store)
    assert sorted(table["year"].unique()) == [2023, 2024]
    served = table[table["aura_code"] != "2900"]
    ratio = served["ledger_eur"] / served["event_eur"]
    assert ratio.between(1.05, 1.30).all(), table
    admin = table[table["aura_code"] == "2900"]
    assert (admin["event_eur"] == 0).all() and (admin["ledger_eur"] > 0).all()
    staff = load_staff(small_store)
    assert {"lääkäri", "sairaanhoitaja", "lähihoitaja", "sosiaalityöntekijä", "osastonhoitaja"} <= set(
        staff["professional_group"])
    wage_per_fte = staff["wages_eur"] / staff["fte"]
    assert wage_per_fte.between(29_000, 96_001).all()
    coverage = store_allocation(small_store).coverage().set_index("year")
    assert (coverage["fte_share"] > 0.9).all() and (coverage["fte_share"] < 1).all()  # administration unallocated
    names = [b.file_name for b in small_store.batches() if b.kind in ("finance", "staff")]
    assert names and all("synteettinen" in n for n in names)
