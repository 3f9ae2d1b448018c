"""The synthetic persons behind the demo service events, and their pseudonymous ids.

Everyone resident at the start of 2023 (the 2023 population, by municipality, age and sex) plus the
children born in 2023 and 2024. Each person has a birth year and birthday, a municipality, a year of
death if any, and a latent overall need (standard normal) that makes heavy users of one service
likelier users of others. `fraction` < 1 keeps a random sample of them (the small demo).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from desktop.demo.population import BASE_YEAR, DemoPopulation, death_rates

PERSONS_SEED = 552019
DEMO_YEARS = (2023, 2024)


@dataclass(frozen=True)
class DemoPersons:
    number: np.ndarray  # int64 synthetic person number (stable: same person, same number)
    municipality: np.ndarray  # int index into the population's municipality codes
    female: np.ndarray  # bool
    birth_year: np.ndarray  # int16
    birthday: np.ndarray  # int16 day of year 0..364
    death_year: np.ndarray  # int16, 9999 = alive through the demo years
    need: np.ndarray  # float64 latent need, standard normal

    def __len__(self) -> int:
        return len(self.number)

    def present(self, year: int) -> np.ndarray:
        """Alive and born by the end of `year`."""
        return (self.birth_year <= year) & (self.death_year >= year)


def build_persons(population: DemoPopulation, fraction: float = 1.0, seed: int = PERSONS_SEED) -> DemoPersons:
    """Persons of the 2023 population plus births of 2023-2024; a random `fraction` of them."""
    rng = np.random.default_rng(seed)
    start = population.year(BASE_YEAR)  # muni x sex x age at 1.1.2023
    n_muni, _, n_age = start.shape
    cells = start.reshape(-1)
    cell_idx = np.repeat(np.arange(len(cells)), cells)
    muni = cell_idx // (2 * n_age)
    sex = (cell_idx // n_age) % 2
    age = cell_idx % n_age
    birth_year = (BASE_YEAR - 1) - age
    birthday = rng.integers(1, 365, len(cell_idx))  # born after 1 January: age on 1.1.2023 is `age`
    # children born during the demo years: the age-0 residents of the following year's population
    born_parts = []
    for year in DEMO_YEARS:
        nxt = population.year(year + 1)[:, :, 0]  # muni x sex
        flat = nxt.reshape(-1)
        idx = np.repeat(np.arange(len(flat)), flat)
        born_parts.append((idx // 2, idx % 2, np.full(len(idx), year)))
    muni = np.concatenate([muni] + [p[0] for p in born_parts])
    sex = np.concatenate([sex] + [p[1] for p in born_parts])
    birth_year = np.concatenate([birth_year] + [p[2] for p in born_parts])
    n_born = len(muni) - len(birthday)
    birthday = np.concatenate([birthday, rng.integers(0, 365, n_born)])
    n = len(muni)
    # deaths during the demo years from the period death rates
    q = np.stack([death_rates(0), death_rates(1)])
    death_year = np.full(n, 9999, dtype=np.int16)
    for year in DEMO_YEARS:
        age_now = np.clip(year - 1 - birth_year, 0, n_age - 1)
        dies = (rng.random(n) < q[sex, age_now]) & (death_year == 9999) & (birth_year < year)
        death_year[dies] = year
    need = rng.standard_normal(n)
    keep = rng.random(n) < fraction if fraction < 1.0 else np.ones(n, dtype=bool)
    return DemoPersons(
        number=np.flatnonzero(keep).astype(np.int64) + 1,
        municipality=muni[keep].astype(np.int16),
        female=(sex[keep] == 1),
        birth_year=birth_year[keep].astype(np.int16),
        birthday=birthday[keep].astype(np.int16),
        death_year=death_year[keep],
        need=need[keep],
    )


_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser (wrapping uint64 arithmetic)."""
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def pseudonyms(numbers: np.ndarray, secret: bytes) -> np.ndarray:
    """16-hex-digit keyed pseudonyms of synthetic person numbers (vectorised).

    The key comes from the store's pseudonym secret through BLAKE2b; the numbers are mixed with it
    in two keyed splitmix64 rounds. Good enough for synthetic persons, whose numbers are no secret;
    real identity codes are pseudonymised by the importers with a cryptographic keyed hash.
    """
    key = hashlib.blake2b(secret, digest_size=24, person=b"sote-demo-pid").digest()
    k1, k2, k3 = (np.uint64(int.from_bytes(key[i : i + 8], "little")) for i in (0, 8, 16))
    with np.errstate(over="ignore"):
        h = _mix(numbers.astype(np.uint64) ^ k1)
        h = _mix((h + k2) & _MASK) ^ k3
        h = _mix(h)
    shifts = np.arange(60, -4, -4, dtype=np.uint64)
    nibbles = ((h[:, None] >> shifts[None, :]) & np.uint64(0xF)).astype(np.uint8)
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)[nibbles]
    return np.ascontiguousarray(digits).view("S16").ravel().astype("U16")
