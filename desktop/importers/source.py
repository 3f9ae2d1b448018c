"""What every reader gives the import: the header of a table, a preview, and the body in chunks of
text columns with the line number (as a text editor or Excel counts it) of every row."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.core.identity import MASK, masked
from desktop.core.progress import NullProgress, Progress


@dataclass
class Chunk:
    """Rows of a file: `frame` has the source headers as columns (text, or float64 for columns the
    reader could parse as numbers directly); `lines` holds each row's line number; `problems` lists
    (line, column, message) of rows the reader itself rejected (not in `frame`)."""

    frame: pd.DataFrame
    lines: np.ndarray
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    bytes_done: int = 0  # bytes of the file read up to the end of this chunk


class TableSource:
    """Base of the readers. `headers` are the source column names (unique, stripped)."""

    file_name: str = ""
    file_size: int = 0
    format_name: str = ""
    headers: list[str]
    warnings: list[str]
    layer_names: list[str]  # Excel sheets / GeoPackage layers ([] for CSV)
    layer: str | None = None

    def preview(self, rows: int = 50) -> pd.DataFrame:
        raise NotImplementedError

    def chunks(self, progress: Progress | None = None, float_columns: tuple[str, ...] = (),
               category_columns: tuple[str, ...] = (), bytes_columns: tuple[str, ...] = ()) -> Iterator[Chunk]:
        """Rows in blocks. Readers may give `float_columns` as numbers, `category_columns` as pandas
        Categoricals and `bytes_columns` as fixed-width UTF-8 bytes; others as text (converters take both)."""
        raise NotImplementedError

    def _open_file(self, path: str | os.PathLike, origin: str | os.PathLike | None = None) -> None:
        """The facts every reader keeps about its file (name and size for the batch, no warnings yet).
        An identity code in the file's name is masked: the name is kept in the batch and shown.
        `origin`: the user's file when `path` is a temporary unpacked copy of it."""
        self.path = Path(path)
        self.origin = Path(origin) if origin is not None else self.path
        self.file_name = masked(self.origin.name)
        stat = self.origin.stat()
        self.file_size = stat.st_size
        self._stat = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        self.warnings = []
        self._sha256: str | None = None

    def check_unchanged(self) -> None:
        """Raise UserError when the file was changed, replaced or removed since it was opened (another
        program wrote it during the import: what was read may be half of one version and half of another)."""
        from desktop.core.errors import UserError
        from desktop.core.lang import t

        if not hasattr(self, "_stat"):
            return
        try:
            stat = self.origin.stat()
        except OSError:
            raise UserError(t(
                f"Tiedosto {self.file_name} poistettiin tai siirrettiin tuonnin aikana. Mitään ei tallennettu.",
                f"The file {self.file_name} was removed or moved during the import. Nothing was stored.",
            )) from None
        if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != self._stat:
            raise UserError(t(
                f"Tiedosto {self.file_name} muuttui tuonnin aikana (jokin ohjelma kirjoitti siihen). Mitään ei "
                "tallennettu; tuo tiedosto uudelleen, kun se on valmis.",
                f"The file {self.file_name} changed during the import (a program wrote to it). Nothing was stored; "
                "import it again once it is complete.",
            ))

    def sha256(self) -> str:
        """SHA-256 of the file's bytes (hex), read once in 1 MiB blocks."""
        if getattr(self, "_sha256", None) is None:
            digest = hashlib.sha256()
            with open(self.origin, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            self._sha256 = digest.hexdigest()
        return self._sha256

    def describe(self) -> dict:
        return {"format": self.format_name, "layer": self.layer}


def unique_headers(names: list[object]) -> list[str]:
    """Stripped header names, empty ones named 'sarake_N', duplicates numbered ('x', 'x_2').
    Identity codes are masked (a file without a header row has a data row there); a name that
    was nothing but a code is named 'sarake_N' too."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(names):
        name = masked("" if raw is None else str(raw).strip().lstrip("\ufeff").strip())
        if not name or name.lower() == "nan" or name == MASK:
            name = f"sarake_{i + 1}"
        base = name
        if base in seen:
            seen[base] += 1
            name = f"{base}_{seen[base]}"
        else:
            seen[base] = 1
        out.append(name)
    return out


def as_progress(progress: Progress | None) -> Progress:
    return progress if progress is not None else NullProgress()


def prefetched(make_iterator, depth: int = 2):
    """Run a generator in a background thread, `depth` items ahead of the consumer, so reading and
    parsing the next block (numpy and pandas' C parser release the GIL) overlaps converting this
    one. Exceptions are re-raised in the consumer; closing the consumer stops the producer."""
    import queue
    import threading

    items: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for item in make_iterator():
                while not stop.is_set():
                    try:
                        items.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            items.put((done, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            items.put((done, exc))

    worker = threading.Thread(target=produce, name="import-reader", daemon=True)
    worker.start()
    try:
        while True:
            item, error = items.get()
            if item is done:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            try:
                items.get_nowait()
            except queue.Empty:
                worker.join(timeout=0.05)
