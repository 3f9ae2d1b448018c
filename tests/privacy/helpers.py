"""Test data of the privacy tests: valid identity codes, an events file holding them, raw-byte scans."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from desktop.core.identity import CHECK_CHARS

MUNICIPALITIES = ("179", "077", "992", "182")


def identity_code(born: dt.date, individual: int) -> str:
    sign = "-" if born.year < 2000 else "A"
    number = int(f"{born:%d%m}{born.year % 100:02d}{individual:03d}")
    return f"{born:%d%m}{born.year % 100:02d}{sign}{individual:03d}{CHECK_CHARS[number % 31]}"


def identity_codes(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 90 * 365))
        out.add(identity_code(born, rng.randrange(2, 900)))
    return sorted(out)


def write_events(path: Path, codes: list[str], seed: int = 3, reason: str = "Z00.1", source: str = "Lifecare",
                 header: bool = True, rows_per_person: int = 2) -> Path:
    """An events CSV (';', decimal comma) with `rows_per_person` visits per code in 2024."""
    rng = random.Random(seed)
    lines = ["Henkilötunnus;Käyntipäivä;Kotikunta;Palvelumuoto;Käyntisyy;Lähde;Kustannus"] if header else []
    for code in codes:
        for _ in range(rows_per_person):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
            muni = rng.choice(MUNICIPALITIES)
            lines.append(f"{code};{day:%d.%m.%Y};{muni};T11;{reason};{source};{rng.randrange(20, 400)},50")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def files_beside(store_path: Path) -> list[Path]:
    """The project file and every file beside it that shares its name (-wal, -shm, .lock, backups)."""
    return sorted(p for p in store_path.parent.iterdir() if p.is_file() and p.name.startswith(store_path.stem + "."))


def raw_hits(paths: list[Path], needles: list[str]) -> dict[str, list[str]]:
    """{file name: needles found} scanning the raw bytes (UTF-8 and UTF-16 forms) of every file."""
    hits: dict[str, list[str]] = {}
    for path in paths:
        data = path.read_bytes()
        found = [n for n in needles if n.encode() in data or n.encode("utf-16-le") in data]
        if found:
            hits[path.name] = found
    return hits
