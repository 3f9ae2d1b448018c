"""Pseudonymisation keys kept outside the database: one owner-only file per project in the user's
key folder (`<user data>/keys/<store id>.key`, hex). A team project on a server never holds its key;
the analysts who import person-level data get the key file from whoever created the project.

Interim: the privacy work (issue #13) moves every project's key out of the project, found by a
fingerprint kept in meta (desktop.store.keys there); when it lands, team projects use that and this
small module goes.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.paths import user_data_dir


def key_dir() -> Path:
    path = user_data_dir() / "keys"
    path.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(path, 0o700)
    except OSError:  # pragma: no cover - e.g. a filesystem without modes
        pass
    return path


def key_path(store_id: str) -> Path:
    return key_dir() / f"{store_id}.key"


def save_key(store_id: str, key: bytes) -> Path:
    path = key_path(store_id)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex())
    return path


def has_key(store_id: str) -> bool:
    return bool(store_id) and key_path(store_id).exists()


def load_key(store_id: str, where: str) -> bytes:
    path = key_path(store_id) if store_id else None
    if path is None or not path.exists():
        raise UserError(t(
            f"Projektin {where} pseudonymisointiavainta ei ole avainkansiossasi ({key_dir()}). Henkilötason "
            f"tietojen tuonti tarvitsee sen: pyydä avaintiedosto {store_id}.key projektin luoneelta ja tallenna se "
            "avainkansioon. Raportit ja viennit toimivat ilman avainta.",
            f"The pseudonymisation key of {where} is not in your key folder ({key_dir()}). Importing person-level "
            f"data needs it: get the key file {store_id}.key from whoever created the project and save it in "
            "the key folder. Reports and exports work without the key."))
    return bytes.fromhex(path.read_text(encoding="ascii").strip())
