"""The data protection officer's test: with only a project file, can anyone find the persons in it?

The attacker knows the identity codes that were imported (the worst case: a list of the county's
residents) and has a copy of the project file, nothing else. They try every hex string, every short
text or blob stored in the file and every 16/32/64-byte window of its raw bytes as the HMAC key,
and plain SHA-256 / SHA-1 / MD5 hashes of the codes. The same attack on a file that keeps its key
inside (as versions before schema 3 did) must find every person: the attack is real.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import shutil
import sqlite3
from pathlib import Path

from desktop.cli import main
from desktop.paths import key_dir
from tests.privacy.helpers import identity_codes, write_events

HEX_RUN = re.compile(rb"[0-9a-fA-F][0-9a-fA-F-]{14,}[0-9a-fA-F]")


def stored_pseudonyms(path: Path) -> set[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {v for (v,) in con.execute(
            "SELECT value FROM dictionary WHERE dataset='events' AND \"column\"='person_id'")}
    finally:
        con.close()


def stored_values(path: Path, limit: int = 256) -> list[bytes]:
    """Every text and blob value of every table of the file up to `limit` bytes."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: list[bytes] = []
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        value = value.encode()
                    if isinstance(value, bytes) and 0 < len(value) <= limit:
                        out.append(value)
    finally:
        con.close()
    return out


def candidate_keys(path: Path) -> set[bytes]:
    data = path.read_bytes()
    candidates: set[bytes] = set()
    for blob in [*stored_values(path), *(m.group(0) for m in HEX_RUN.finditer(data))]:
        candidates.add(blob)
        digits = blob.replace(b"-", b"")
        if len(digits) % 2 == 0 and re.fullmatch(rb"[0-9a-fA-F]+", digits):
            candidates.add(bytes.fromhex(digits.decode()))
    for size in (16, 32, 64):  # raw key bytes anywhere in the file
        step = 1 if len(data) < 4_000_000 else 4
        candidates.update(data[i : i + size] for i in range(0, len(data) - size + 1, step))
    return candidates


def attack(path: Path, codes: list[str]) -> dict[str, str]:
    """{identity code: how it was found} for every person the attacker links to the file."""
    stored = stored_pseudonyms(path)
    probes = codes[:3]
    found: dict[str, str] = {}
    for key in candidate_keys(path):
        if any(hmac.new(key, c.encode(), hashlib.sha256).hexdigest()[:32] in stored for c in probes):
            for code in codes:
                if hmac.new(key, code.encode(), hashlib.sha256).hexdigest()[:32] in stored:
                    found[code] = "hmac"
    hex_in_file = {m.group(0).decode().lower() for m in HEX_RUN.finditer(path.read_bytes())} | stored
    for code in codes:
        for name in ("sha256", "sha1", "md5"):
            digest = hashlib.new(name, code.encode()).hexdigest()
            if any(digest[:n] in hex_in_file for n in (len(digest), 32, 16)):
                found[code] = name
    return found


def test_an_attacker_with_only_the_project_file_links_no_person(tmp_path):
    codes = identity_codes(300)
    project = tmp_path / "alue.sote"
    assert main(["import", str(project), "events", str(write_events(tmp_path / "asiakkaat.csv", codes))]) == 0
    stolen = tmp_path / "usb" / "kopio.sote"
    stolen.parent.mkdir()
    shutil.copy(project, stolen)
    assert len(stored_pseudonyms(stolen)) == 300
    assert len(candidate_keys(stolen)) > 10_000  # the attacker really tries many keys
    assert attack(stolen, codes) == {}

    # the same attack on a file that keeps its key inside, as versions before schema 3 did: every person found
    key_file = next(key_dir().glob("*.key"))
    secret = key_file.read_text(encoding="utf-8").split("avain:")[1].strip()
    con = sqlite3.connect(stolen)
    con.execute("INSERT INTO meta (key, value) VALUES ('pseudonym_secret', ?)", (secret,))
    con.commit()
    con.close()
    assert len(attack(stolen, codes)) == 300

