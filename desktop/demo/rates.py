"""How often the residents of the demo region use each kind of service (desktop/demo/vocabulary.py),
by age and sex, how much per client, who produces it and what it costs.

Shares are the share of residents of an age and sex who are clients of the service in a year,
given at age knots and interpolated linearly between them (0 outside the first and last knot
unless the value there is non-zero). Figures are plausible orders of magnitude for a Finnish
region (e.g. child-welfare placement about 1.2 % and open care 4.7 % of 0-17 year olds,
round-the-clock elderly housing 7-8 % of the 80+, home care 10-12 % of the 75+), not statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.demo.vocabulary import BY_KEY, EVENT_KINDS

# patterns of use
VISITS = "visits"  # separate visits; volume = mean visits per client per year
STAY = "stay"  # long-term housing or placement, stored as monthly blocks of care days
EPISODES = "episodes"  # hospital stays; volume = stays per client, days_per_stay = mean length
HOURS = "hours"  # hours of assistance, stored as monthly blocks; volume = hours per month

PRICE_RISE_2024 = 1.055  # 2023 prices = 2024 prices / this
SOURCE_AVOHILMO = "Avohilmo"
SOURCE_HILMO = "Hilmo"
SOURCE_ESH = "Erikoissairaanhoito"
SOURCE_SOCIAL = "Sosiaalihuollon asiakastiedot"

HEALTH_MIX = (0.92, 0.06, 0.02)


@dataclass(frozen=True)
class KindRate:
    """Use of one EventKind. `male`/`female` are yearly client shares at `ages`; `volume` per client."""

    key: str
    ages: tuple[int, ...]
    male: tuple[float, ...]
    female: tuple[float, ...]
    volume: tuple[float, ...] | float
    pattern: str = VISITS
    need: float = 0.3  # 0..1: how strongly use goes with a person's overall need (correlates services)
    spread: float = 1.5  # gamma shape of the volume per client (smaller = more heavy users)
    cost_row: str = ""  # row of national_unit_costs_2024.csv giving the unit price, if any
    price_eur: float = 0.0  # 2024 unit price when there is no matching national row
    producers: tuple[float, float, float] = HEALTH_MIX  # shares of own, purchased, voucher
    source: str = SOURCE_AVOHILMO
    days_per_stay: float = 0.0  # EPISODES: mean length of a stay, days
    excludes: tuple[str, ...] = ()  # clients of these kinds in the same year do not use this one
    reason_weights: tuple[float, ...] = ()  # weights of the kind's reason pool; default: first 40 %, rest equal

    def reason_probabilities(self, n_reasons: int) -> np.ndarray:
        """Probabilities of the kind's reason codes (vocabulary order)."""
        if self.reason_weights:
            w = np.array(self.reason_weights, dtype=np.float64)
        elif n_reasons == 1:
            w = np.ones(1)
        else:
            w = np.full(n_reasons, 0.6 / (n_reasons - 1))
            w[0] = 0.4
        return w / w.sum()

    def shares(self, ages: np.ndarray, sex_female: np.ndarray) -> np.ndarray:
        """Yearly client share for each person (age in whole years, bool female)."""
        male = np.interp(ages, self.ages, self.male, left=self.male[0] if self.ages[0] <= 0 else 0.0, right=self.male[-1])
        female = np.interp(ages, self.ages, self.female, left=self.female[0] if self.ages[0] <= 0 else 0.0,
                           right=self.female[-1])
        return np.where(sex_female, female, male)

    def volumes(self, ages: np.ndarray) -> np.ndarray:
        if isinstance(self.volume, tuple):
            return np.interp(ages, self.ages, self.volume)
        return np.full(len(ages), float(self.volume))


def _same(*values: float) -> tuple[tuple[float, ...], tuple[float, ...]]:
    return values, values


RATES: tuple[KindRate, ...] = (
    KindRate("aitiysneuvola", (15, 18, 22, 27, 31, 36, 41, 46), (0,) * 8,
             (0, 0.01, 0.045, 0.09, 0.10, 0.06, 0.02, 0), 9.0, need=0.05, spread=6, price_eur=58,
             reason_weights=(0.7, 0.15, 0.1, 0.05)),
    KindRate("lastenneuvola", (0, 1, 2, 6, 7), *_same(0.99, 0.95, 0.85, 0.8, 0), (9, 4.5, 2.5, 2, 2),
             need=0.1, spread=5, price_eur=58, reason_weights=(0.6, 0.15, 0.1, 0.05, 0.1)),
    KindRate("neuvola_suun", (0, 1, 2, 6, 7), *_same(0, 0.45, 0.55, 0.5, 0), 1.2, need=0.1, spread=8, price_eur=55,
             producers=(0.95, 0.05, 0.0)),
    KindRate("kouluterveydenhuolto", (6, 7, 15, 16), *_same(0, 0.92, 0.9, 0), 2.3, need=0.15, spread=4,
             cost_row="Kouluterveydenhuollon palvelut (sairaanhoitaja 1-20 min)", reason_weights=(0.85, 0.15)),
    KindRate("opiskeluterveydenhuolto", (15, 16, 18, 19, 24, 29, 30), *_same(0, 0.55, 0.55, 0.3, 0.22, 0.08, 0),
             2.5, need=0.2, price_eur=48, reason_weights=(0.8, 0.2)),
    KindRate("vastaanotto_laakari", (0, 5, 15, 25, 45, 65, 80, 100),
             (0.40, 0.30, 0.25, 0.25, 0.32, 0.45, 0.60, 0.60), (0.38, 0.30, 0.30, 0.38, 0.42, 0.50, 0.62, 0.60),
             (1.0, 0.9, 0.9, 1.0, 1.25, 1.5, 1.9, 1.9), need=0.45, spread=1.8,
             cost_row="Perustason vastaanottopalvelut (lääkäri 1-20 min)",
             reason_weights=(0.30, 0.20, 0.15, 0.18, 0.12, 0.04, 0.01)),
    KindRate("vastaanotto_hoitaja", (0, 5, 15, 25, 45, 65, 80, 100),
             (0.30, 0.20, 0.20, 0.22, 0.30, 0.42, 0.55, 0.55), (0.33, 0.24, 0.26, 0.30, 0.36, 0.46, 0.58, 0.56),
             (0.9, 0.8, 0.9, 1.1, 1.35, 1.6, 2.0, 2.0), need=0.45, spread=1.5,
             cost_row="Perustason vastaanottopalvelut (sairaanhoitaja 1-20 min)",
             reason_weights=(0.35, 0.30, 0.20, 0.15)),
    KindRate("suun_terveydenhuolto", (0, 3, 17, 18, 30, 65, 85, 100),
             (0.05, 0.55, 0.60, 0.30, 0.30, 0.35, 0.25, 0.15), (0.05, 0.57, 0.62, 0.34, 0.35, 0.39, 0.28, 0.15),
             1.3, need=0.2, spread=2.5, price_eur=92, producers=(0.82, 0.08, 0.10)),
    KindRate("fysioterapia", (0, 10, 30, 50, 70, 85, 100), (0.01, 0.02, 0.05, 0.08, 0.10, 0.08, 0.05),
             (0.013, 0.026, 0.065, 0.10, 0.13, 0.10, 0.06), 3.0, need=0.35, spread=2, price_eur=68,
             producers=(0.60, 0.25, 0.15)),
    KindRate("mielenterveys_avo", (12, 16, 20, 30, 45, 65, 80), (0, 0.02, 0.045, 0.04, 0.035, 0.015, 0.008),
             (0, 0.05, 0.08, 0.06, 0.045, 0.02, 0.01), 7.0, need=0.55, spread=1.2, price_eur=110,
             producers=(0.80, 0.15, 0.05)),
    KindRate("paihde_avo", (15, 20, 30, 45, 60, 75), (0, 0.008, 0.015, 0.014, 0.010, 0.002),
             (0, 0.004, 0.006, 0.005, 0.004, 0.001), 6.0, need=0.6, spread=1.0, price_eur=105,
             producers=(0.65, 0.35, 0.0)),
    KindRate("tehostettu_palveluasuminen", (65, 75, 80, 85, 90, 95, 100),
             (0.002, 0.010, 0.025, 0.055, 0.11, 0.18, 0.25), (0.002, 0.010, 0.028, 0.062, 0.125, 0.20, 0.27),
             0.0, pattern=STAY, need=0.75, cost_row="Iäkkäiden ympärivuorokautinen palveluasuminen",
             producers=(0.45, 0.45, 0.10), source=SOURCE_SOCIAL),
    KindRate("iakkaiden_laitoshoito", (70, 75, 85, 95, 100), *_same(0, 0.002, 0.008, 0.015, 0.015), 0.0,
             pattern=STAY, need=0.75, cost_row="Iäkkäiden laitospalvelu", producers=(0.9, 0.1, 0.0),
             source=SOURCE_SOCIAL, excludes=("tehostettu_palveluasuminen",)),
    KindRate("kotihoito", (60, 65, 75, 80, 85, 90, 100), (0, 0.014, 0.062, 0.105, 0.19, 0.27, 0.30),
             (0, 0.014, 0.068, 0.118, 0.205, 0.29, 0.31), 36.0, need=0.7, spread=0.8,
             cost_row="Iäkkäiden kotihoito (lähihoitaja 1-20 min)", producers=(0.85, 0.10, 0.05),
             excludes=("tehostettu_palveluasuminen", "iakkaiden_laitoshoito")),
    KindRate("paivatoiminta", (60, 65, 75, 85, 95), *_same(0, 0.005, 0.02, 0.04, 0.03), 30.0, need=0.6, spread=1.5,
             price_eur=72, producers=(0.90, 0.10, 0.0), source=SOURCE_SOCIAL,
             excludes=("tehostettu_palveluasuminen", "iakkaiden_laitoshoito")),
    KindRate("vuodeosasto", (40, 50, 65, 75, 85, 95), *_same(0, 0.005, 0.02, 0.05, 0.10, 0.12), 1.4,
             pattern=EPISODES, days_per_stay=11.0, need=0.65, spread=2, price_eur=420, producers=(0.95, 0.05, 0.0),
             source=SOURCE_HILMO),
    KindRate("esh_avo", (0, 5, 18, 40, 60, 75, 90), (0.15, 0.10, 0.10, 0.15, 0.28, 0.38, 0.30),
             (0.12, 0.10, 0.15, 0.20, 0.30, 0.36, 0.28), 1.5, need=0.5, spread=1.5, price_eur=320,
             producers=(0.97, 0.03, 0.0), source=SOURCE_ESH),
    KindRate("esh_osasto", (0, 1, 18, 25, 35, 45, 65, 80, 95), (0.10, 0.03, 0.03, 0.03, 0.04, 0.05, 0.10, 0.15, 0.14),
             (0.09, 0.03, 0.05, 0.12, 0.10, 0.05, 0.08, 0.13, 0.12), 1.3, pattern=EPISODES, days_per_stay=4.5,
             need=0.55, spread=2, price_eur=1100, producers=(0.97, 0.03, 0.0), source=SOURCE_ESH),
    KindRate("psykiatria_esh", (10, 15, 20, 30, 50, 65, 80), (0, 0.015, 0.022, 0.018, 0.013, 0.006, 0.003),
             (0, 0.03, 0.03, 0.022, 0.015, 0.007, 0.003), 6.0, need=0.6, spread=1.0, price_eur=280,
             producers=(0.95, 0.05, 0.0), source=SOURCE_ESH),
    KindRate("paivystys", (0, 2, 15, 25, 50, 75, 90), (0.25, 0.20, 0.18, 0.20, 0.20, 0.35, 0.50),
             (0.22, 0.18, 0.20, 0.20, 0.20, 0.35, 0.50), 1.3, need=0.55, spread=1.5, price_eur=280,
             producers=(0.95, 0.05, 0.0), source=SOURCE_ESH, reason_weights=(0.35, 0.34, 0.28, 0.03)),
    KindRate("perhetyo", (0, 3, 12, 13), *_same(0.035, 0.03, 0.015, 0), 12.0, need=0.5, spread=1.5, price_eur=90,
             producers=(0.70, 0.30, 0.0), source=SOURCE_SOCIAL),
    KindRate("lastensuojelu_avo", (0, 6, 12, 15, 17, 18), *_same(0.03, 0.04, 0.055, 0.065, 0.055, 0), 8.0,
             need=0.6, spread=1.5, price_eur=120, producers=(0.85, 0.15, 0.0), source=SOURCE_SOCIAL),
    KindRate("lastensuojelu_perhehoito", (0, 5, 12, 17, 18), *_same(0.0065, 0.009, 0.010, 0.009, 0), 0.0,
             pattern=STAY, need=0.7, price_eur=110, producers=(0.60, 0.40, 0.0), source=SOURCE_SOCIAL),
    KindRate("lastensuojelu_laitos", (0, 8, 12, 15, 17, 18), *_same(0.0006, 0.0013, 0.005, 0.014, 0.014, 0), 0.0,
             pattern=STAY, need=0.75, cost_row="Lastensuojelun laitospalvelu", producers=(0.20, 0.80, 0.0),
             source=SOURCE_SOCIAL, excludes=("lastensuojelu_perhehoito",)),
    KindRate("vammaisten_asuminen", (18, 25, 40, 65, 75, 80), (0.002, 0.0045, 0.0045, 0.0035, 0.001, 0),
             (0.0015, 0.0035, 0.0035, 0.003, 0.001, 0), 0.0, pattern=STAY, need=0.6,
             cost_row="Vammaisten ympärivuorokautinen palveluasuminen", producers=(0.35, 0.65, 0.0),
             source=SOURCE_SOCIAL),
    KindRate("henkilokohtainen_apu", (5, 18, 40, 65, 85, 90), *_same(0.002, 0.004, 0.006, 0.008, 0.004, 0), 45.0,
             pattern=HOURS, need=0.5, price_eur=28, producers=(0.30, 0.40, 0.30), source=SOURCE_SOCIAL),
    KindRate("kehitysvammapalvelut", (16, 20, 40, 65, 70), *_same(0, 0.004, 0.004, 0.002, 0), 50.0, need=0.4,
             spread=3, price_eur=95, producers=(0.70, 0.30, 0.0), source=SOURCE_SOCIAL),
    KindRate("mt_asumispalvelu", (18, 25, 45, 65, 75), *_same(0, 0.001, 0.0025, 0.0015, 0), 0.0, pattern=STAY,
             need=0.7, cost_row="Mielenterveyskuntoutujien ympärivuorokautinen palveluasuminen",
             producers=(0.20, 0.80, 0.0), source=SOURCE_SOCIAL),
    KindRate("aikuissosiaalityo", (18, 25, 40, 64, 65), *_same(0.05, 0.035, 0.025, 0.02, 0), 4.0, need=0.5,
             spread=1.5, price_eur=95, producers=(1.0, 0.0, 0.0), source=SOURCE_SOCIAL),
)

RATE_BY_KEY = {r.key: r for r in RATES}


def check_rates() -> None:
    """Every vocabulary kind has exactly one rate, with consistent knots (raises AssertionError)."""
    assert set(RATE_BY_KEY) == set(BY_KEY), set(RATE_BY_KEY) ^ set(BY_KEY)
    for r in RATES:
        assert len(r.male) == len(r.ages) == len(r.female), r.key
        if isinstance(r.volume, tuple):
            assert len(r.volume) == len(r.ages), r.key
        assert abs(sum(r.producers) - 1) < 1e-9, r.key
        assert r.cost_row or r.price_eur > 0, r.key
        assert all(BY_KEY[e] for e in r.excludes)
        assert not r.reason_weights or len(r.reason_weights) == len(BY_KEY[r.key].reasons), r.key
    assert len(RATES) == len(EVENT_KINDS)


def processing_order() -> list[KindRate]:
    """Kinds in the order to generate them: a kind after the kinds it excludes."""
    done: list[KindRate] = []
    pending = list(RATES)
    while pending:
        for r in pending:
            if all(e in {d.key for d in done} for e in r.excludes):
                done.append(r)
                pending.remove(r)
                break
    return done
