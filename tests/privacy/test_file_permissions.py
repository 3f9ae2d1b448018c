"""Files private by default: project files (with their -wal and -shm), backups, key files, the key
folder, the user's data folder and logs are created owner-only, whatever the umask."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from desktop.cli import main
from desktop.paths import key_dir, log_dir, user_data_dir
from desktop.store import Store
from tests.privacy.helpers import identity_codes, write_events

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    old = os.umask(0o022)  # the usual default: files 0644, folders 0755
    yield
    os.umask(old)


def test_project_backup_key_and_log_files_are_owner_only(tmp_path):
    project = tmp_path / "alue.sote"
    assert main(["import", str(project), "events", str(write_events(tmp_path / "a.csv", identity_codes(5)))]) == 0
    store = Store.open(project)
    with store.read() as conn:
        conn.exec_driver_sql("SELECT COUNT(*) FROM meta").all()
    for suffix in ("", "-wal", "-shm"):
        assert mode(f"{project}{suffix}") == 0o600, suffix
    copy = store.backup_to(tmp_path / "kopio.sote")  # "Tallenna kopio"
    assert mode(copy) == 0o600
    store.close()
    keys = list(key_dir().glob("*.key"))
    assert keys and all(mode(k) == 0o600 for k in keys)
    assert mode(key_dir()) == 0o700 and mode(user_data_dir()) == 0o700 and mode(log_dir()) == 0o700
    exported = tmp_path / "vienti.key"
    assert main(["key", "export", str(project), str(exported)]) == 0
    assert mode(exported) == 0o600
    assert main(["export", str(project), "events", str(tmp_path / "tapahtumat.csv")]) == 0
    assert mode(tmp_path / "tapahtumat.csv") == 0o600  # person-level rows, pseudonymised
    from desktop.cli import _log_unexpected

    assert mode(_log_unexpected(RuntimeError("x"))) == 0o600


def test_the_upgrade_backup_is_owner_only(tmp_path):
    from tests.store.test_migration import _make_v1

    path = tmp_path / "vanha.sote"
    _make_v1(path)
    os.chmod(path, 0o644)
    store = Store.open(path)
    store.close()
    assert mode(store.backup_path) == 0o600
    assert mode(path) == 0o600  # an older version's world-readable project is made private on upgrade
