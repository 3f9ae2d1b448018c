"""Files only their owner can read: project files, backups, key files, logs and person-level exports.

Created owner-only from the start (never world-readable for a moment): a file with mode 0600 and a
folder with 0700. SQLite gives a database's -wal and -shm files the permissions of the database
file, so creating the project file 0600 before SQLite opens it covers those too. On Windows the
modes mean little (the user's profile folder is private there); errors changing them are ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: str | os.PathLike) -> Path:
    """Create `path` (and parents) if needed; the folder itself gets mode 0700."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    make_private(path, DIR_MODE)
    return path


def make_private(path: str | os.PathLike, mode: int = FILE_MODE) -> None:
    """Owner-only permissions on an existing file (or folder with `DIR_MODE`)."""
    try:
        os.chmod(path, mode)
    except OSError:  # pragma: no cover - a file system without modes
        pass


def create_private(path: str | os.PathLike, exclusive: bool = True) -> Path:
    """An empty owner-only file at `path` (an existing one is kept, made owner-only, unless `exclusive`)."""
    path = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else 0)
    fd = os.open(path, flags, FILE_MODE)
    os.close(fd)
    make_private(path)
    return path


def write_private_text(path: str | os.PathLike, text: str) -> Path:
    """Write `text` (UTF-8) to an owner-only file, replacing what was there."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    make_private(path)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def write_private_bytes(path: str | os.PathLike, data: bytes) -> Path:
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    make_private(path)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path
