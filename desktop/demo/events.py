"""Synthetic service-use events of the demo persons for 2023 and 2024, every kind of
desktop/demo/vocabulary.py at the rates of desktop/demo/rates.py. Vectorised over persons and events.

Who uses a service: a Gaussian copula. Person i is a client of kind k in year y when
sqrt(need_k) * z_i + sqrt(1 - need_k) * e_iky exceeds the normal quantile of the kind's client share
for the person's age and sex (times a municipal factor). z_i is the person's overall need (the same for
every kind and year), e_iky mostly persists over the years. So the yearly client shares are as in
rates.py, and people with heavy needs use several services (the need-level segments).

Text columns come out as small integer codes into per-column value lists (`DemoEvents.values`), to be
dictionary-encoded against the store once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtri

from desktop.core.datasets import day_number
from desktop.demo.persons import DEMO_YEARS, DemoPersons
from desktop.demo.rates import EPISODES, HOURS, PRICE_RISE_2024, STAY, VISITS, KindRate, processing_order
from desktop.demo.vocabulary import BY_KEY, EVENT_KINDS, EventKind
from desktop.services.reference import national_unit_costs

EVENTS_SEED = 1970
PRODUCERS = ("own", "purchased", "voucher")
PRODUCER_PRICE = np.array([1.0, 1.08, 0.95])  # purchased services cost a little more, vouchers less
WEEKEND_KINDS = ("kotihoito", "paivystys")  # services also given on Saturdays and Sundays
TEXT_COLUMNS = ("sex", "municipality", "service_code", "service_form", "visit_nature", "contact_type",
                "professional_group", "reasons", "producer", "special_law", "source")


class ValueList:
    """Distinct text values of one column, in first-seen order; '' is missing (code -1)."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def code(self, value: str) -> int:
        if value == "":
            return -1
        code = self._index.get(value)
        if code is None:
            code = self._index[value] = len(self.values)
            self.values.append(value)
        return code

    def codes(self, values) -> np.ndarray:
        return np.array([self.code(v) for v in values], dtype=np.int32)


@dataclass
class DemoEvents:
    """Events as arrays: `person` indexes DemoPersons, text columns are codes into `values[column]`."""

    columns: dict[str, np.ndarray]
    values: dict[str, list[str]]
    clients: dict[tuple[str, int], int] = field(default_factory=dict)  # (kind, year) -> clients

    def __len__(self) -> int:
        return len(self.columns["date"])


def unit_price_2024(rate: KindRate) -> float:
    """The 2024 unit price of a kind: the national unit cost where a row matches, else the rate's own."""
    if rate.cost_row:
        return national_unit_costs()[rate.cost_row][1]
    return rate.price_eur


def _weighted(rng: np.random.Generator, n_options: int, first: float, size: int) -> np.ndarray:
    """Indices 0..n_options-1, the first with probability `first`, the others equally likely."""
    if n_options <= 1:
        return np.zeros(size, dtype=np.int64)
    w = np.full(n_options, (1 - first) / (n_options - 1))
    w[0] = first
    return np.minimum(np.searchsorted(np.cumsum(w), rng.random(size), side="right"), n_options - 1)


def _month_blocks(start: np.ndarray, end: np.ndarray, year: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split stays [start, end] (day of year) into calendar-month blocks.

    Returns (owner index into start/end, block first day, block days)."""
    y0 = day_number(year)
    month_first = np.array([day_number(year, mo) - y0 for mo in range(1, 13)] + [day_number(year + 1) - y0])
    first_m = np.searchsorted(month_first, start, side="right") - 1
    last_m = np.searchsorted(month_first, end, side="right") - 1
    n_blocks = last_m - first_m + 1
    owner = np.repeat(np.arange(len(start)), n_blocks)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(n_blocks) - n_blocks, n_blocks)
    month = first_m[owner] + offset
    b_start = np.maximum(start[owner], month_first[month])
    b_end = np.minimum(end[owner], month_first[month + 1] - 1)
    return owner, b_start, b_end - b_start + 1


def generate_events(
    persons: DemoPersons,
    municipality_codes: tuple[str, ...],
    years: tuple[int, ...] = DEMO_YEARS,
    seed: int = EVENTS_SEED,
    report: Callable[[int, int, str], None] | None = None,
) -> DemoEvents:
    """Every kind's events of `persons` in `years`, sorted by date and person."""
    order = processing_order()
    kind_no = {k.key: i for i, k in enumerate(EVENT_KINDS)}
    n = len(persons)
    values = {c: ValueList() for c in TEXT_COLUMNS}
    values["sex"].codes(["1", "2"])
    values["municipality"].codes(municipality_codes)
    muni_factor = np.exp(np.random.default_rng([seed, 999]).normal(0, 0.12, (len(EVENT_KINDS), len(municipality_codes))))
    users_of: dict[tuple[str, int], np.ndarray] = {}
    parts: list[dict[str, np.ndarray]] = []
    clients: dict[tuple[str, int], int] = {}
    steps, step = len(order) * len(years), 0
    for rate in order:
        kind = BY_KEY[rate.key]
        k = kind_no[rate.key]
        persist = np.random.default_rng([seed, k]).standard_normal(n)
        for year in years:
            rng = np.random.default_rng([seed, k, year])
            users = _clients(rate, persons, year, persist, muni_factor[k], rng)
            for other in rate.excludes:
                users = users[~np.isin(users, users_of[(other, year)])]
            users_of[(rate.key, year)] = users
            clients[(rate.key, year)] = len(users)
            if len(users):
                parts.append(_events_of(kind, rate, persons, users, year, rng, values))
            step += 1
            if report is not None:
                report(step, steps, kind.key)
    columns = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
    del parts
    order_idx = np.lexsort((persons.number[columns["person"]], columns["date"]))
    for name in list(columns):
        columns[name] = columns[name][order_idx]
    return DemoEvents(columns, {c: v.values for c, v in values.items()}, clients)


def _clients(rate: KindRate, persons: DemoPersons, year: int, persist: np.ndarray, muni_factor: np.ndarray,
             rng: np.random.Generator) -> np.ndarray:
    """Indices of the persons who are clients of the kind in `year` (at least one if anyone could be)."""
    age = np.clip(year - 1 - persons.birth_year.astype(np.int64), 0, 100)
    share = rate.shares(age, persons.female) * muni_factor[persons.municipality]
    share[~persons.present(year)] = 0.0
    eligible = np.flatnonzero(share > 0)
    yearly = rng.standard_normal(len(eligible))
    noise = 0.85 * persist[eligible] + np.sqrt(1 - 0.85**2) * yearly
    latent = np.sqrt(rate.need) * persons.need[eligible] + np.sqrt(1 - rate.need) * noise
    margin = latent - ndtri(1 - np.minimum(share[eligible], 0.98))
    chosen = eligible[margin > 0]
    if len(chosen) == 0 and len(eligible):  # a rare service in a small sample: its likeliest client
        chosen = eligible[[int(np.argmax(margin))]]
    return chosen


def _events_of(kind: EventKind, rate: KindRate, persons: DemoPersons, users: np.ndarray, year: int,
               rng: np.random.Generator, values: dict[str, ValueList]) -> dict[str, np.ndarray]:
    y0 = day_number(year)
    year_days = day_number(year + 1) - y0
    by = persons.birth_year[users].astype(np.int64)
    first_day = np.where(by == year, persons.birthday[users], 0).astype(np.int64)
    last_day = np.full(len(users), year_days - 1, dtype=np.int64)
    dying = persons.death_year[users] == year
    last_day[dying] = first_day[dying] + (rng.random(dying.sum()) * (year_days - first_day[dying])).astype(np.int64)
    need = persons.need[users]
    volume_factor = rng.gamma(rate.spread, 1 / rate.spread, len(users)) * np.exp(0.3 * (need - need.mean()))
    age0 = np.clip(year - 1 - by, 0, 100)
    span = last_day - first_day + 1

    if rate.pattern in (VISITS, EPISODES):
        expected = rate.volumes(age0) * volume_factor * span / year_days
        count = np.maximum(1, rng.poisson(expected))
        owner = np.repeat(np.arange(len(users)), count)
        doy = first_day[owner] + (rng.random(len(owner)) * span[owner]).astype(np.int64)
        if rate.pattern == VISITS:
            units = np.ones(len(owner), dtype=np.float32)
            if kind.key not in WEEKEND_KINDS:  # Saturday and Sunday visits move to Monday
                weekday = (y0 + doy + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
                doy = np.minimum(doy + np.where(weekday == 5, 2, np.where(weekday == 6, 1, 0)), last_day[owner])
        else:
            los = rng.geometric(1 / rate.days_per_stay, len(owner))
            units = np.minimum(los, last_day[owner] - doy + 1).astype(np.float32)
    else:  # STAY or HOURS: from a start day to an end day, stored as monthly blocks
        already = rng.random(len(users)) < (0.75 if rate.pattern == STAY else 0.8)
        start = np.where(already, first_day, first_day + (rng.random(len(users)) * span).astype(np.int64))
        leaves = rng.random(len(users)) < 0.15
        end = np.where(leaves, start + (rng.random(len(users)) * (last_day - start + 1)).astype(np.int64), last_day)
        owner, doy, days = _month_blocks(start, end, year)
        if rate.pattern == STAY:
            units = days.astype(np.float32)
        else:
            hours = float(rate.volume) * volume_factor[owner] * days / 30.4
            units = np.maximum(0.5, np.round(hours * 2) / 2).astype(np.float32)
    assert rate.pattern in (VISITS, EPISODES, STAY, HOURS)
    person = users[owner]
    n_events = len(owner)
    birthday = persons.birthday[person].astype(np.int64)
    age = (year - persons.birth_year[person].astype(np.int64) - (doy < birthday)).astype(np.int16)

    # producer per client; price per client around the unit price
    producer = np.minimum(np.searchsorted(np.cumsum(rate.producers), rng.random(len(users)), side="right"), 2)
    price = unit_price_2024(rate) * PRODUCER_PRICE[producer] * rng.lognormal(0, 0.08, len(users))
    if year < 2024:
        price = price / PRICE_RISE_2024 ** (2024 - year)
    cost = price[owner] * units
    if rate.pattern in (VISITS,):
        cost = cost * rng.lognormal(-0.007, 0.12, n_events)

    out = {
        "person": person.astype(np.int64),
        "date": (y0 + doy).astype(np.int32),
        "birth_year": persons.birth_year[person].astype(np.int16),
        "age": age,
        "cost_eur": np.round(cost, 2),
        "units": units,
        "sex": persons.female[person].astype(np.int32),
        "municipality": persons.municipality[person].astype(np.int32),
    }
    const = lambda col, value: np.full(n_events, values[col].code(value), dtype=np.int32)  # noqa: E731
    out["service_code"] = const("service_code", kind.service_code)
    out["service_form"] = const("service_form", kind.service_form)
    out["special_law"] = const("special_law", kind.special_law)
    out["source"] = const("source", rate.source)
    out["producer"] = values["producer"].codes(PRODUCERS)[producer[owner]]

    def pick(col: str, options: tuple[str, ...], first: float) -> np.ndarray:
        if not options:
            return np.full(n_events, -1, dtype=np.int32)
        return values[col].codes(options)[_weighted(rng, len(options), first, n_events)]

    out["professional_group"] = pick("professional_group", kind.professional_groups, 0.6)
    out["visit_nature"] = pick("visit_nature", kind.visit_natures, 0.8)
    out["contact_type"] = pick("contact_type", kind.contact_types, 0.75)
    out["reasons"] = _reasons(kind, rate, owner, len(users), rng, values["reasons"])
    for name in TEXT_COLUMNS:  # a few hundred distinct values at most: keep the arrays small
        out[name] = out[name].astype(np.int16)
    out["person"] = out["person"].astype(np.int32)
    return out


def _reasons(kind: EventKind, rate: KindRate, owner: np.ndarray, n_users: int, rng: np.random.Generator,
             vl: ValueList) -> np.ndarray:
    """Reason codes: mostly the client's main reason, sometimes another; 15 % carry a second code."""
    pool = kind.reasons
    n = len(owner)
    if not pool:
        return np.full(n, -1, dtype=np.int32)
    p = len(pool)
    cum = np.cumsum(rate.reason_probabilities(p))

    def draw(size: int) -> np.ndarray:
        return np.minimum(np.searchsorted(cum, rng.random(size), side="right"), p - 1)

    main = draw(n_users)[owner]
    first = np.where(rng.random(n) < 0.7, main, draw(n))
    second = draw(n)
    second = np.where((rng.random(n) < 0.15) & (second != first), second, -1)
    table = vl.codes([pool[i] if j < 0 else f"{pool[i]} {pool[j]}" for i in range(p) for j in range(-1, p)])
    return table[first * (p + 1) + second + 1]
