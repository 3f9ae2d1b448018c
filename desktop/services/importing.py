"""Importing an export file into the store: the action behind `sote-planner import` and the import
dialog.

    plan = plan_import(store, path, kind=None, overrides={...})   # reader, kind, column mapping
    preview = preview_import(store, plan)                          # first rows + problems found
    result = run_import(store, plan, skip_invalid=False, replace=False, progress=...)

`import_file(...)` does all three. The file is read and converted completely before the store is
touched; everything is then written in ONE transaction together with the import batch, so a bad
file, a cancel, a killed process or a full disk leaves the store as it was.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Connection, delete, select
from sqlalchemy.exc import OperationalError

from desktop.core.datasets import COLUMN_DATASET, EVENT_COLUMNS, GRID_COLUMNS, TRAVEL_TIME_COLUMNS
from desktop.core.errors import StoreInUse, UserError
from desktop.core.identity import MASK, masked
from desktop.core.lang import t
from desktop.core.numbers import count as count_text
from desktop.core.numbers import number
from desktop.core.progress import NullProgress, Progress
from desktop.importers import mapping as mp
from desktop.importers.files import open_source
from desktop.importers.kinds import CONVERTERS, NUMERIC_FIELDS, Context, PersonTable
from desktop.importers.masking import mask_columns
from desktop.importers.problems import MAX_SHOWN, MAX_STORED, ProblemLog
from desktop.importers.source import TableSource
from desktop.importers.values import Coded, MunicipalityNames, decide_mark, parse_numbers
from desktop.store import Store
from desktop.store import columns as colstore
from desktop.store.db import insert_rows
from desktop.store.keys import key_created_note, project_key
from desktop.store.rows.imports import (
    ColumnChunkRow,
    DictionaryRow,
    FinanceRow,
    ImportBatchRow,
    ImportProfileRow,
    MunicipalityRow,
    PopulationRow,
    SiteRow,
    StaffRow,
)

KINDS = tuple(mp.KIND_FIELDS)
DEFAULT_MODE = "car"
NOT_EXTRA = {"fid", "id", "objectid", "ogc_fid", "rowid", "gid"}
IMPORT_CACHE_KIB = -262144  # SQLite page cache of the import's write transaction: 256 MB at most


# ------------------------------------------------------------------ planning
@dataclass
class ImportPlan:
    """What will be imported and how: the reader, the dataset kind and {canonical: source column}."""

    path: Path
    source: TableSource
    kind: str
    mapping: dict[str, str]
    recognised: dict[str, str]
    mode: str = DEFAULT_MODE
    extra_columns: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    profile: str | None = None

    @property
    def missing(self) -> list[str]:
        return mp.missing_required(self.kind, self.mapping)


def mode_minutes_column(headers: list[str], mode: str) -> str | None:
    """Travel Time Matrix style files hold one minutes column per mode ('car_r_t', 'walk_t', 'pt_r_t')."""
    low = {h: h.strip().lower() for h in headers}
    for wanted in (f"{mode}_r_t", f"{mode}_t", f"{mode}_m_t"):
        hit = next((h for h, v in low.items() if v == wanted), None)
        if hit:
            return hit
    return next((h for h, v in low.items() if v.startswith(f"{mode}_") and v.endswith("_t")), None)


def _numeric_in_preview(frame: pd.DataFrame, column: str) -> bool:
    values = frame[column]
    if pd.api.types.is_numeric_dtype(values.dtype):
        return bool(values.notna().any())
    text = values.astype(str).str.strip()
    text = text[text != ""]
    if text.empty:
        return False
    _v, bad, _e = parse_numbers(text)
    return not bad.any()


def grid_extra_columns(source: TableSource, mapping: dict[str, str]) -> tuple[str, ...]:
    """Unmapped columns of a grid file that hold numbers (kept as extra population columns)."""
    used = set(mapping.values())
    preview = source.preview(200)
    out = []
    for header in source.headers:
        if header in used or mp.normalise_header(header) in NOT_EXTRA or header.endswith("_attribuutti"):
            continue
        if mp.normalise_header(header) in {"x", "y", "lon", "lat"}:
            continue
        if header in preview and _numeric_in_preview(preview, header):
            out.append(header)
    return tuple(out)


def plan_import(
    store: Store | None,
    path: str | os.PathLike,
    kind: str | None = None,
    overrides: dict[str, str | None] | None = None,
    sheet: str | None = None,
    profile: str | None = None,
    mode: str | None = None,
    source: TableSource | None = None,
) -> ImportPlan:
    """Open the file, decide the kind (guessed from the headers when not given) and the mapping
    (recognised headers, then the profile's choices, then `overrides`)."""
    saved: dict | None = None
    if profile:
        if store is None:
            raise UserError(t("Tuontiprofiili tarvitsee projektin.", "An import profile needs a project."))
        saved = load_profile(store, profile)
        if kind and kind != saved["kind"]:
            raise UserError(
                t(
                    f"Profiili '{profile}' on lajille {saved['kind']}, ei lajille {kind}.",
                    f"Profile '{profile}' is for {saved['kind']}, not {kind}.",
                )
            )
        kind = kind or saved["kind"]
        sheet = sheet or saved["options"].get("sheet")
        mode = mode or saved["options"].get("mode")
    src = source or open_source(path, sheet=sheet)
    headers = src.headers
    if kind is None:
        kind = mp.guess_kind(headers)
        if kind is None and mode_minutes_column(headers, mode or DEFAULT_MODE):
            found = mp.recognise(headers, "travel-times")
            if "origin" in found and "destination" in found:
                kind = "travel-times"
        if kind is None:
            raise UserError(
                t(
                    f"Tiedoston {src.file_name} lajia ei tunnistettu sarakkeista ({', '.join(headers[:12])}). "
                    f"Anna laji: {', '.join(KINDS)}.",
                    f"Could not tell the kind of {src.file_name} from its columns ({', '.join(headers[:12])}). "
                    f"Give the kind: {', '.join(KINDS)}.",
                )
            )
    kind = kind.replace("_", "-") if kind == "travel_times" else kind
    mp.fields(kind)  # unknown kind: a clear error
    mode = (mode or DEFAULT_MODE).strip().lower()
    recognised = mp.recognise(headers, kind)
    warnings = list(src.warnings)
    mapping = dict(recognised)
    if saved:
        present = {c: s for c, s in saved["mapping"].items() if s in headers}
        mapping = mp.apply_overrides(headers, kind, mapping, present)
    if overrides:
        mapping = mp.apply_overrides(headers, kind, mapping, overrides)
    if kind == "travel-times" and "minutes" not in mapping:
        column = mode_minutes_column(headers, mode)
        if column:
            mapping["minutes"] = column
            warnings.append(
                t(f"Matka-ajaksi valittiin sarake {column} (kulkutapa {mode}).",
                  f"Column {column} was taken as the travel time (mode {mode}).")
            )
    if kind in ("grid", "sites") and "x" in mapping and "y" in mapping:
        mapping.pop("lon", None)
        mapping.pop("lat", None)
    plan = ImportPlan(Path(path), src, kind, mapping, recognised, mode, warnings=warnings, profile=profile)
    if kind == "grid":
        plan.extra_columns = grid_extra_columns(src, mapping)
    return plan


def check_plan(plan: ImportPlan) -> None:
    missing = plan.missing
    if missing:
        labels = {f.name: f.label_fi for f in mp.fields(plan.kind)}
        names = ", ".join(f"{m} ({labels.get(m, m)})" for m in missing)
        raise UserError(
            t(
                f"{plan.source.file_name}: pakollisia kenttiä ei löytynyt: {names}. Sarakkeet: "
                f"{', '.join(plan.source.headers)}. Kerro sarake valinnalla --map KENTTÄ=SARAKE.",
                f"{plan.source.file_name}: required fields not found: {names}. Columns: "
                f"{', '.join(plan.source.headers)}. Name the column with --map FIELD=COLUMN.",
            )
            + _sheet_hint(plan.source)
        )


def _sheet_hint(source: TableSource) -> str:
    """For a workbook of several sheets: which sheet was read and which there are (--sheet)."""
    names = getattr(source, "layer_names", []) or []
    if len(names) < 2 or source.format_name != "xlsx":
        return ""
    return t(f" Luettiin välilehti '{source.layer}'; työkirjan välilehdet: {', '.join(names)} (valitse --sheet NIMI).",
             f" Sheet '{source.layer}' was read; the workbook's sheets: {', '.join(names)} (choose with --sheet NAME).")


def _municipality_names(store: Store | None) -> MunicipalityNames:
    names: dict[str, str] = {}
    if store is not None:
        with store.read() as conn:
            for code, name, name_sv in conn.execute(
                select(MunicipalityRow.code, MunicipalityRow.name, MunicipalityRow.name_sv)
            ):
                names[name] = code
                if name_sv:
                    names[name_sv] = code
    return MunicipalityNames(names)


def _context(store: Store | None, plan: ImportPlan, secret: bytes | None = None) -> Context:
    """What converting needs. `secret`: the project's key for person ids (a preview, which stores
    nothing and shows no pseudonym, converts with a throwaway key)."""
    ctx = Context(kind=plan.kind, municipalities=_municipality_names(store), mode=plan.mode,
                  extra_columns=plan.extra_columns, file_decimal=getattr(plan.source, "decimal_found", None))
    if plan.kind == "events":
        ctx.secret = secret or os.urandom(32)
        ctx.persons = PersonTable(ctx.secret)
    return ctx


def _canonical_frame(frame: pd.DataFrame, plan: ImportPlan) -> pd.DataFrame:
    data = {canonical: frame[source] for canonical, source in plan.mapping.items()}
    for extra in plan.extra_columns:
        data[extra] = frame[extra]
    return pd.DataFrame(data, copy=False)


# ------------------------------------------------------------------- preview
@dataclass
class Preview:
    """The first rows as read (`frame`, source columns), their line numbers, and the problems found
    converting them: (row index, source column, message)."""

    frame: pd.DataFrame
    lines: np.ndarray
    problems: list[tuple[int, str, str]]
    missing: list[str]


def preview_import(store: Store | None, plan: ImportPlan, rows: int = 50) -> Preview:
    frame = plan.source.preview(rows)
    lines_fn = getattr(plan.source, "preview_lines", None)
    lines = lines_fn(rows) if lines_fn else np.arange(len(frame)) + 2
    if len(lines) != len(frame):
        lines = np.arange(len(frame)) + 2
    problems: list[tuple[int, str, str]] = []
    missing = plan.missing
    if not missing and len(frame):
        ctx = _context(store, plan)
        converted = CONVERTERS[plan.kind](_canonical_frame(frame, plan), ctx)
        problems = [(i, plan.mapping.get(f, f), msg) for i, f, msg in converted.problems]
    return Preview(frame, np.asarray(lines), problems, missing)


# -------------------------------------------------------------- accumulators
class _TextColumn:
    """A text column gathered over chunks as codes into one list of distinct values."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.parts: list[np.ndarray] = []

    def add(self, coded: Coded, keep: np.ndarray | None) -> None:
        setdefault = self.index.setdefault
        local = np.array([setdefault(u, len(self.index)) for u in coded.uniques] + [-1], dtype=np.int32)
        codes = local[coded.codes]
        self.parts.append(codes if keep is None else codes[keep])

    def codes(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.empty(0, dtype=np.int32)

    def values(self) -> list[str]:
        return list(self.index)

    def store_codes(self, conn: Connection, dataset: str, column: str) -> np.ndarray:
        codes = self.codes()
        uniques = self.values()
        if not uniques:
            return codes
        used = np.zeros(len(uniques), dtype=bool)
        used[codes[codes >= 0]] = True
        order = sorted(np.flatnonzero(used).tolist(), key=uniques.__getitem__)  # sorted: faster index inserts
        lookup = np.full(len(uniques) + 1, -1, dtype=np.int32)
        if order:
            lookup[order] = colstore.encode(conn, dataset, column, [uniques[i] for i in order])
        return lookup[codes]


@dataclass
class _Gathered:
    text: dict[str, _TextColumn] = field(default_factory=dict)
    arrays: dict[str, list[np.ndarray]] = field(default_factory=dict)
    rows: int = 0

    def add(self, columns: dict[str, object], keep: np.ndarray | None) -> None:
        for name, value in columns.items():
            if isinstance(value, Coded):
                self.text.setdefault(name, _TextColumn()).add(value, keep)
            else:
                array = np.asarray(value)
                self.arrays.setdefault(name, []).append(array if keep is None else array[keep])

    def array(self, name: str) -> np.ndarray:
        parts = self.arrays.get(name, [])
        return np.concatenate(parts) if parts else np.empty(0)


# --------------------------------------------------------------------- writer
class _StoreWriter:
    """One write transaction driven by a thread of its own: person pseudonyms go into the store's
    dictionary while the file is still being read (SQLite releases the GIL while it works), and the
    final job writes the batch and commits. Any error or `abort()` rolls everything back."""

    _COMMIT = object()
    _ROLLBACK = object()

    def __init__(self, store: Store):
        import queue
        import threading

        self.store = store
        self.jobs: queue.Queue = queue.Queue()
        self.error: BaseException | None = None
        self.result = None
        self.person_codes = np.empty(0, dtype=np.int32)  # store code of each person of the PersonTable
        self._person_dict: dict[str, int] | None = None
        self._next_code = 0
        self.batch_id: int | None = None  # the batch, once the first rows were written
        self._text_known: dict[str, dict[str, int]] = {}  # text column -> value -> store code
        self._unlisted: list[tuple[list[str], int]] = []  # person values added without the table, first code
        self._thread = threading.Thread(target=self._run, name="import-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with self.store.engine.connect() as conn:
                if self.store.is_server:
                    self._transaction(conn)
                    return
                raw = conn.connection.dbapi_connection  # pragmas outside SQLAlchemy's transaction
                cache = raw.execute("PRAGMA cache_size").fetchone()[0]
                # the import's pages stay in memory until the commit (SQLite's default cache is 2 MB)
                raw.execute(f"PRAGMA cache_size={IMPORT_CACHE_KIB}")
                try:
                    self._transaction(conn)
                finally:
                    raw.execute(f"PRAGMA cache_size={int(cache)}")  # the pooled connection as it was
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            self.error = self.error or exc

    def _transaction(self, conn: Connection) -> None:
        trans = conn.begin()
        try:
            while True:
                job = self.jobs.get()
                if job is self._COMMIT or job is self._ROLLBACK:
                    break
                if self.error is None:
                    try:
                        outcome = job(conn)
                        if outcome is not None:
                            self.result = outcome
                    except BaseException as exc:  # noqa: BLE001 - handed to the caller
                        self.error = exc
            if job is self._COMMIT and self.error is None:
                trans.commit()
            else:
                trans.rollback()
        except BaseException as exc:  # noqa: BLE001
            self.error = self.error or exc
            if trans.is_active:
                trans.rollback()

    def submit(self, job) -> None:
        self.jobs.put(job)

    def add_persons(self, values: list[str], start: int, may_repeat: bool = True) -> None:
        """Encode pseudonyms `values` (persons start.. of the PersonTable) in the background.

        The same contract as `columns.encode` (store-wide codes, existing values keep theirs), kept
        incremental for one transaction: the column's dictionary is read once, and new values get the
        next codes in the order they were first seen (the dictionary's b-tree grows at its end).
        `may_repeat` False: the PersonTable vouches that no pseudonym of this import repeats (no id
        came in our export form 'ps:...', the only way two ids get one pseudonym); into a store
        without persons the values are then added as they are, without a lookup table."""

        def job(conn: Connection) -> None:
            if self._person_dict is None:
                colstore.lock_dataset(conn, "events")  # a team project: one importer of events at a time
                rows = conn.execute(
                    select(DictionaryRow.value, DictionaryRow.code).where(
                        DictionaryRow.dataset == "events", DictionaryRow.column == "person_id")
                ).all()
                self._person_dict = dict(rows)
                self._next_code = max(self._person_dict.values(), default=-1) + 1
            known = self._person_dict
            n = len(values)
            first = self._next_code
            if not known and not may_repeat:  # a store without persons: every value is new
                colstore.add_values(conn, "events", "person_id", first, values)
                codes = np.arange(first, first + n, dtype=np.int32)
                self._unlisted.append((values, first))
                self._next_code = first + n
            else:
                for earlier, code in self._unlisted:  # values added without the table: list them now
                    known.update(zip(earlier, range(code, code + len(earlier)), strict=True))
                self._unlisted.clear()
                codes = np.fromiter(map(known.get, values, repeat(-1)), dtype=np.int32, count=n)
                fresh = np.flatnonzero(codes < 0)
                if len(fresh):
                    # one code per distinct value (an identity code and its exported pseudonym 'ps:...'
                    # in one file give the same pseudonym twice)
                    local, distinct = pd.factorize(np.asarray(values, dtype=object)[fresh])
                    distinct = distinct.tolist()
                    colstore.add_values(conn, "events", "person_id", first, distinct)
                    codes[fresh] = first + local.astype(np.int32)
                    known.update(zip(distinct, range(first, first + len(distinct)), strict=True))
                    self._next_code = first + len(distinct)
            if len(self.person_codes) < start + len(values):
                grown = np.full(start + len(values), -1, dtype=np.int32)
                grown[: len(self.person_codes)] = self.person_codes
                self.person_codes = grown
            self.person_codes[start : start + len(values)] = codes

        self.submit(job)

    def write_event_rows(self, plan: ImportPlan, columns: dict[str, object], keep: np.ndarray | None) -> None:
        """Write one chunk of converted events as column chunks of this import's batch (created
        with the first chunk; its counts and report are filled in by the last job)."""

        def job(conn: Connection) -> None:
            if self.batch_id is None:
                self.batch_id = self.store.add_batch(conn, plan.kind, plan.source.file_name, int(plan.source.file_size))
            arrays: dict[str, np.ndarray] = {}
            for name in EVENT_COLUMNS:
                value = columns.get(name)
                if name == "person_id":
                    people = np.asarray(value, dtype=np.int64)
                    codes = np.append(self.person_codes, -1)[people]
                elif isinstance(value, Coded):
                    codes = self._text_codes(conn, name, value.uniques)[value.codes]
                else:
                    codes = np.asarray(value)
                arrays[name] = codes if keep is None else codes[keep]
            kinds = dict(EVENT_COLUMNS)
            n = len(next(iter(arrays.values())))
            _fill_missing(conn, "events", arrays, kinds, n)
            colstore.write_columns(conn, "events", self.batch_id, arrays, kinds)

        self.submit(job)

    def _text_codes(self, conn: Connection, column: str, uniques: list[str]) -> np.ndarray:
        """Store codes of a chunk's distinct values of a text column (+ -1 for index -1). Values
        coded earlier in this import are remembered: only new ones go through `columns.encode`."""
        known = self._text_known.setdefault(column, {})
        lookup = np.fromiter(map(known.get, uniques, repeat(-2)), dtype=np.int32, count=len(uniques))
        new = np.flatnonzero(lookup == -2)
        if len(new):
            values = [uniques[i] for i in new.tolist()]
            codes = colstore.encode(conn, "events", column, pd.Series(values, dtype=object))
            lookup[new] = codes
            known.update(zip(values, codes.tolist(), strict=True))
        return np.append(lookup, np.int32(-1))

    def finish(self, job):
        """Run the last job, commit and wait; raises the first error of any job (rolled back)."""
        self.submit(job)
        self.jobs.put(self._COMMIT)
        self._thread.join()
        if self.error is not None:
            raise self.error
        self.store.changed()
        return self.result

    def abort(self) -> None:
        self.jobs.put(self._ROLLBACK)
        self._thread.join()


# --------------------------------------------------------------------- result
@dataclass
class ImportResult:
    batch_id: int
    kind: str
    rows: int
    rejected: int
    warnings: list[str]
    report: dict
    notes: list[str] = field(default_factory=list)  # e.g. a new pseudonymisation key was made for the project

    def as_json(self) -> dict:
        return {"batch": self.batch_id, "kind": self.kind, "rows": self.rows, "rejected": self.rejected,
                "warnings": self.warnings}


class _Phase(Progress):
    """Maps a phase's own progress onto a share of the caller's progress."""

    def __init__(self, outer: Progress, start: float, share: float, text: str):
        super().__init__()
        self.outer, self.start, self.share, self.text = outer, start, share, text

    def report(self, done: float, total: float, text: str = "") -> None:
        fraction = (done / total) if total else 1.0
        self.outer.report(self.start + self.share * min(1.0, fraction), 1.0, text or self.text)

    def check(self) -> None:
        self.outer.check()

    @property
    def cancelled(self) -> bool:
        return self.outer.cancelled


def import_file(
    store: Store,
    path: str | os.PathLike,
    kind: str | None = None,
    overrides: dict[str, str | None] | None = None,
    sheet: str | None = None,
    profile: str | None = None,
    save_profile: str | None = None,
    mode: str | None = None,
    skip_invalid: bool = False,
    replace: bool = False,
    progress: Progress | None = None,
    key_file: str | os.PathLike | None = None,
) -> ImportResult:
    """Import one file (see the module docstring). Raises UserError for a file that cannot be
    imported (nothing is stored then) and Cancelled when `progress` is cancelled. Person-level data
    (events) needs the project's pseudonymisation key (desktop.store.keys; `key_file` names it)."""
    plan = plan_import(store, path, kind, overrides, sheet, profile, mode)
    return run_import(store, plan, skip_invalid=skip_invalid, replace=replace, progress=progress,
                      save_profile=save_profile, key_file=key_file)


def run_import(
    store: Store,
    plan: ImportPlan,
    skip_invalid: bool = False,
    replace: bool = False,
    progress: Progress | None = None,
    save_profile: str | None = None,
    key_file: str | os.PathLike | None = None,
) -> ImportResult:
    progress = progress or NullProgress()
    if store.read_only_role:
        raise store.read_only_error()
    if store.readonly:
        raise StoreInUse(t("Projekti on avattu vain luku -tilassa; tuonti ei ole mahdollista.",
                           "The project is open read-only; nothing can be imported."))
    check_plan(plan)
    key = project_key(store, key_file) if plan.kind == "events" else None
    ctx = _context(store, plan, key.secret if key is not None else None)
    log = ProblemLog()
    gathered = _Gathered()
    extra_bad: dict[str, int] = {}
    float_columns = _decided_number_columns(plan, ctx)
    reading = _Phase(progress, 0.0, 0.85, t("Luetaan ja tarkistetaan", "Reading and checking"))
    converter = CONVERTERS[plan.kind]
    writer = _StoreWriter(store) if plan.kind == "events" else None
    try:
        result = _read_and_write(store, plan, ctx, log, gathered, extra_bad, reading, converter, float_columns,
                                 writer, skip_invalid, replace, progress, save_profile)
        if key is not None and key.created:
            result.notes.append(key_created_note(key.key))
    except BaseException as exc:
        if writer is not None:
            writer.abort()
        if isinstance(exc, OperationalError):
            raise _storage_error(exc, plan.source.file_name) from exc
        raise
    return result


def _decided_number_columns(plan: ImportPlan, ctx: Context) -> tuple[str, ...]:
    """Source columns the reader may give as numbers directly: those whose decimal mark the preview
    decided (from the column, else the file) and equal to the reader's. The others come as text and
    are decided (or refused) from their values by the converters."""
    fields = [f for f in NUMERIC_FIELDS.get(plan.kind, ()) if f in plan.mapping]
    preview = plan.source.preview(200)
    reader_mark = getattr(plan.source, "decimal", None)
    out = []
    for name, column in [*((f, plan.mapping[f]) for f in fields), *((c, c) for c in plan.extra_columns)]:
        mark = ctx.decimal(name)
        if column in preview and not pd.api.types.is_numeric_dtype(preview[column].dtype):
            decide_mark(preview[column].astype(str).str.strip().tolist(), mark)
        if reader_mark is None or mark.effective == reader_mark:
            out.append(column)
    return tuple(out)


def _storage_error(exc: OperationalError, file_name: str) -> Exception:
    """SQLite's own failures as a sentence a planner can act on (the store is unchanged)."""
    text = str(exc.orig if getattr(exc, "orig", None) is not None else exc).lower()
    if "full" in text or "no space" in text:
        return UserError(t(f"Tiedostoa {file_name} ei tuotu: levy on täynnä. Mitään ei tallennettu; vapauta tilaa ja yritä uudelleen.",
                           f"{file_name} was not imported: the disk is full. Nothing was stored; free some space and try again."))
    if "locked" in text or "busy" in text:
        return UserError(t(f"Tiedostoa {file_name} ei tuotu: projekti on juuri toisen toiminnon käytössä. Mitään ei tallennettu; yritä hetken päästä uudelleen.",
                           f"{file_name} was not imported: the project is busy with another operation. Nothing was stored; try again shortly."))
    return exc


def _category_columns(plan: ImportPlan, float_columns: tuple[str, ...]) -> tuple[str, ...]:
    """Source columns of an events file read as categories: every mapped text column but the person
    id (a column with about as many distinct values as rows is faster as plain strings)."""
    if plan.kind != "events":
        return ()
    person = plan.mapping.get("person_id")
    return tuple(dict.fromkeys(c for c in plan.mapping.values() if c != person and c not in float_columns))


def _read_and_write(store, plan, ctx, log, gathered, extra_bad, reading, converter, float_columns, writer,
                    skip_invalid, replace, progress, save_profile) -> ImportResult:
    source = plan.source
    source_names = dict(plan.mapping)
    total_rows = 0
    hashed = 0
    person = (plan.mapping.get("person_id"),) if plan.kind == "events" and "person_id" in plan.mapping else ()
    for chunk in source.chunks(reading, float_columns=float_columns, category_columns=_category_columns(plan, float_columns),
                               bytes_columns=person):
        for line, column, message in chunk.problems:
            log.add(line, column, message)
        if not len(chunk.frame):
            continue
        frame = _canonical_frame(chunk.frame, plan)
        frame, lines = _drop_empty_rows(frame, chunk.lines, plan)
        if not len(frame):
            continue
        total_rows += len(frame)
        if chunk.bytes_done:
            size = max(int(source.file_size), 1)
            done_mb, size_mb = number(chunk.bytes_done / 1e6, 1), number(size / 1e6, 1)
            reading.report(chunk.bytes_done, size, t(
                f"Luettu {count_text(total_rows)} riviä, {done_mb} / {size_mb} Mt",
                f"Read {count_text(total_rows)} rows, {done_mb} / {size_mb} MB"))
        converted = converter(frame, ctx)
        for row, name, message in converted.problems:
            log.add(int(lines[row]), source_names.get(name, name), message)
        for name, count in converted.extra_bad.items():
            extra_bad[name] = extra_bad.get(name, 0) + count
        if log and not skip_invalid:
            continue  # the file will be refused: keep reading only to count the problems
        keep = ~converted.bad if converted.bad.any() else None
        for name, count in mask_columns(converted.columns, keep).items():
            ctx.count(f"masked:{source_names.get(name, name)}", count)
        gathered.rows += len(frame) if keep is None else int(keep.sum())
        if writer is not None and ctx.persons is not None:
            # events go to the store while the file is still being read (one open transaction)
            if len(ctx.persons.pseudonyms) > hashed:
                writer.add_persons(ctx.persons.pseudonyms[hashed:], hashed, ctx.persons.exported_ids > 0)
                hashed = len(ctx.persons.pseudonyms)
            if keep is None or keep.any():
                writer.write_event_rows(plan, converted.columns, keep)
            if writer.error is not None:
                break  # e.g. a full disk: stop reading, finish() raises it and rolls back
        else:
            gathered.add(converted.columns, keep)
        reading.check()
    file_name = source.file_name
    persons = ctx.persons
    if persons is not None and ctx.counters.get("damaged_codes_accepted") and persons.mostly_codes():
        # damaged codes came before the valid ones showed the column is one of identity codes
        raise UserError(t(
            f"Tiedostoa {file_name} ei tuotu: henkilösarakkeessa on {ctx.counters['damaged_codes_accepted']} riviä, "
            "joiden tunnus on virheellinen henkilötunnus, vaikka sarakkeen muut arvot ovat henkilötunnuksia. "
            "Mitään ei tallennettu. Korjaa tunnukset.",
            f"{file_name} was not imported: the person column has {ctx.counters['damaged_codes_accepted']} rows with a "
            "malformed identity code while its other values are identity codes. Nothing was stored. Fix the codes.",
        ))
    if log and not skip_invalid:
        raise UserError(
            t(
                f"Tiedostoa {file_name} ei tuotu: {log.count} virheellistä arvoa tai riviä "
                f"({len(log.rejected_lines)} riviä). Mitään ei tallennettu. Korjaa tiedosto tai tuo vain "
                "kelvolliset rivit (--skip-invalid).",
                f"{file_name} was not imported: {log.count} invalid values or rows ({len(log.rejected_lines)} "
                "rows). Nothing was stored. Fix the file or import only the valid rows (--skip-invalid).",
            )
            + (t(f" Ensimmäiset {MAX_SHOWN}:", f" The first {MAX_SHOWN}:") if log.count > MAX_SHOWN else ""),
            problems=log.shown(file_name),
        )
    if total_rows == 0 and not log:
        raise UserError(t(f"Tiedostossa {file_name} ei ole yhtään tietoriviä.", f"{file_name} holds no data rows."))
    if gathered.rows == 0:
        raise UserError(
            t(f"Tiedostossa {file_name} ei ole yhtään kelvollista riviä; mitään ei tallennettu.",
              f"{file_name} has no valid rows; nothing was stored."),
            problems=log.shown(file_name),
        )
    warnings = list(plan.warnings)
    report: dict = {
        "mapping": plan.mapping,
        "source": source.describe(),
        "rows_read": total_rows,
    }
    for attr in ("encoding", "separator", "decimal"):
        if hasattr(source, attr):
            report[attr] = getattr(source, attr)
    if plan.kind == "grid":
        kept, dropped = [], []
        for name in plan.extra_columns:
            (dropped if extra_bad.get(name) else kept).append(name)
        for name in dropped:
            gathered.arrays.pop(name, None)
            warnings.append(t(f"Sarake {name} ohitettiin: kaikki arvot eivät ole lukuja.",
                              f"Column {name} was skipped: not all values are numbers."))
        report["extra_columns"] = kept
    if plan.kind == "events" and ctx.persons is not None:
        report["identity_codes_pseudonymised"] = ctx.persons.codes_seen
        report["persons"] = len(ctx.persons.pseudonyms)  # distinct persons of this file
    masked_cells = {k.partition(":")[2]: v for k, v in ctx.counters.items() if k.startswith("masked:")}
    if masked_cells:
        report["identity_codes_masked"] = masked_cells
        where = ", ".join(f"{column} ({count})" for column, count in masked_cells.items())
        total = sum(masked_cells.values())
        warnings.append(t(f"{total} henkilötunnusta peitettiin muissa kuin henkilösarakkeessa (tallennettiin muodossa "
                          f"{MASK}): {where}.",
                          f"{total} identity codes outside the person column were masked (stored as {MASK}): {where}."))
    names = sorted(ctx.municipalities.unknown_names)
    if names:
        shown = ", ".join(names[:10]) + (" ..." if len(names) > 10 else "")
        warnings.append(t(f"Kuntien nimiä ei voitu muuntaa kuntakoodeiksi, koska projektissa ei ole kuntaluetteloa; "
                          f"nimet tallennettiin sellaisinaan: {shown}.",
                          f"Municipality names could not be turned into codes (the project has no municipality list); "
                          f"they were stored as they are: {shown}."))
    if plan.kind == "travel-times":
        warnings += _travel_time_checks(store, gathered, ctx, report)
    if log:
        report["rejected"] = [p.as_dict() for p in log.sorted_problems()[:MAX_STORED]]
        report["rejected_lines"] = sorted(log.rejected_lines)[:100_000]
        warnings.append(
            t(f"{len(log.rejected_lines)} virheellistä riviä ohitettiin (rivinumerot tuontierän raportissa).",
              f"{len(log.rejected_lines)} invalid rows were skipped (line numbers in the batch report).")
        )
    warnings = [masked(w) for w in warnings]  # e.g. unknown municipality names quoted from the file
    report["warnings"] = warnings
    rejected = len(log.rejected_lines)
    _check_unchanged(source)
    sha = source.sha256()
    writing = _Phase(progress, 0.85, 0.15, t("Tallennetaan", "Saving"))
    writing.report(0, 1)
    def final(conn: Connection) -> int:
        _check_unchanged(source)  # the last moment before the commit
        own = writer.batch_id if writer is not None else None
        earlier = [row for row in conn.execute(
            select(ImportBatchRow.id, ImportBatchRow.file_name, ImportBatchRow.imported_at, ImportBatchRow.mode,
                   ImportBatchRow.report_json).where(
                ImportBatchRow.sha256 == sha, ImportBatchRow.kind == plan.kind, ImportBatchRow.id != (own or -1)
            )
        ).all() if _same_import(row, plan)]
        if earlier and not replace:
            first = earlier[0]
            raise UserError(
                t(
                    f"Sama tiedosto on jo tuotu: erä #{first.id} ({first.file_name}, {first.imported_at[:16]}). "
                    "Tuo se uudelleen valinnalla --replace, jos haluat korvata erän.",
                    f"The same file was already imported: batch #{first.id} ({first.file_name}, "
                    f"{first.imported_at[:16]}). Use --replace to replace that batch.",
                )
            )
        for old in earlier:
            colstore.delete_batch_columns(conn, old.id)
            conn.execute(delete(ImportBatchRow).where(ImportBatchRow.id == old.id))
        if earlier:
            report["replaced_batches"] = [int(o.id) for o in earlier]
        if own is not None:  # rows already written while reading: complete the batch record
            writing.report(0.5, 1)
            conn.execute(
                ImportBatchRow.__table__.update().where(ImportBatchRow.id == own).values(
                    sha256=sha, row_count=gathered.rows, rejected_count=rejected,
                    report_json=masked(json.dumps(report, ensure_ascii=False)),
                )
            )
            batch_id = own
        else:
            batch_id = store.add_batch(
                conn, plan.kind, file_name, int(source.file_size), sha, gathered.rows, rejected,
                plan.mode if plan.kind == "travel-times" else None, report,
            )
            person_codes = writer.person_codes if writer is not None else None
            _write(conn, store, plan, ctx, gathered, batch_id, writing, person_codes)
        if save_profile:
            _save_profile(conn, save_profile, plan)
        return batch_id

    if writer is not None:
        batch_id = writer.finish(final)
    else:
        with store.transaction() as conn:
            batch_id = final(conn)
    writing.report(1, 1)
    return ImportResult(batch_id, plan.kind, gathered.rows, rejected, warnings, report)


def _same_import(batch, plan: ImportPlan) -> bool:
    """Whether an earlier batch of the same file and kind imported the same thing: travel times also
    need the same mode and column mapping (the Travel Time Matrix keeps car, transit and walk times
    in columns of one file)."""
    if plan.kind != "travel-times":
        return True
    if (batch.mode or DEFAULT_MODE) != plan.mode:
        return False
    try:
        mapping = json.loads(batch.report_json or "{}").get("mapping")
    except ValueError:
        mapping = None
    return mapping is None or mapping == plan.mapping


def _check_unchanged(source: TableSource) -> None:
    """Refuse (nothing stored) when the file changed or vanished while it was read."""
    check = getattr(source, "check_unchanged", None)
    if check is not None:
        check()


def _drop_empty_rows(frame: pd.DataFrame, lines: np.ndarray, plan: ImportPlan):
    """Rows whose every mapped cell is empty (';;;;' lines at the end of exports) are not data."""
    first = frame.columns[0]
    column = frame[first]
    if pd.api.types.is_numeric_dtype(column.dtype):
        candidates = column.isna().to_numpy()
    elif column.dtype.kind == "S":  # person ids read as bytes
        candidates = column.to_numpy() == b""
    else:
        candidates = (column == "").to_numpy()
    if not candidates.any():
        return frame, lines
    idx = np.flatnonzero(candidates)
    sub = frame.iloc[idx]
    blank = np.ones(len(idx), dtype=bool)
    for name in frame.columns:
        col = sub[name]
        if col.dtype.kind == "S":
            col = col.str.decode("utf-8", "replace")
        blank &= (col.isna() if pd.api.types.is_numeric_dtype(col.dtype) else col.astype(str).str.strip() == "").to_numpy()
    if not blank.any():
        return frame, lines
    keep = np.ones(len(frame), dtype=bool)
    keep[idx[blank]] = False
    return frame.loc[keep].reset_index(drop=True), lines[keep]


def _travel_time_checks(store: Store, gathered: _Gathered, ctx: Context, report: dict) -> list[str]:
    warnings = []
    no_route = ctx.counters.get("no_route", 0)
    report["no_route"] = no_route
    if no_route:
        warnings.append(t(f"{no_route} riviä ilman reittiä (tyhjä tai negatiivinen aika); ne eivät ole saavutettavissa.",
                          f"{no_route} rows without a route (empty or negative time); they count as unreachable."))
    cells: set[str] = set()
    if store.row_count("grid"):
        with store.read() as conn:
            cells = set(colstore.dictionary(conn, "grid", "cell_id"))
            used = store.load("grid", ("cell_id",), decode=False)["cell_id"]
            values = colstore.dictionary(conn, "grid", "cell_id")
            cells = {values[c] for c in np.unique(used) if c >= 0}
    with store.read() as conn:
        sites = set(conn.execute(select(SiteRow.site_id).distinct()).scalars())
    for name, known, key, fi, en in (
        ("origin", cells, "unknown_origin", "lähtöruutua ei ole väestöruudukossa", "origins not in the population grid"),
        ("destination", cells | sites, "unknown_destination", "kohdetta ei ole toimipisteissä eikä ruudukossa",
         "destinations that are neither sites nor grid cells"),
    ):
        column = gathered.text[name]
        values = column.values()
        unknown = np.array([v not in known for v in values] + [False], dtype=bool)
        count = int(unknown[column.codes()].sum())
        report[key] = count
        if count:
            warnings.append(t(f"{count} riviä, joiden {fi}.", f"{count} rows with {en}."))
    if not cells:
        warnings.append(t("Väestöruudukkoa ei ole vielä tuotu; lähtöruutuja ei voitu tarkistaa.",
                          "No population grid has been imported yet; origins could not be checked."))
    return warnings


# -------------------------------------------------------------------- writing
def _fill_missing(conn: Connection, dataset: str, arrays: dict, kinds: dict, n: int) -> None:
    """Columns the dataset already has but this file lacks get missing values (every batch holds
    every column, so batches line up when loaded)."""
    for column, kind in colstore.column_kinds(conn, dataset).items():
        if column in arrays:
            continue
        arrays[column] = np.full(n, -1, dtype=np.int32) if kind in (colstore.KIND_DICT, colstore.KIND_ID) else np.full(n, np.nan)
        kinds[column] = kind


def _backfill_new_columns(conn: Connection, dataset: str, kinds: dict[str, str], batch_id: int) -> None:
    """New columns (a grid file with a new extra column): earlier batches get missing values."""
    known = colstore.column_kinds(conn, dataset)
    new = {c: k for c, k in kinds.items() if c not in known}
    if not new or not known:
        return
    batches = conn.execute(
        select(ColumnChunkRow.batch_id).distinct().where(ColumnChunkRow.dataset == dataset, ColumnChunkRow.batch_id != batch_id)
    ).scalars().all()
    for old in batches:
        n = colstore.row_count(conn, dataset, [old])
        arrays = {c: (np.full(n, -1, dtype=np.int32) if k != colstore.KIND_NUM else np.full(n, np.nan)) for c, k in new.items()}
        colstore.write_columns(conn, dataset, old, arrays, new)


def _write(conn: Connection, store: Store, plan: ImportPlan, ctx: Context, gathered: _Gathered, batch_id: int,
           progress: Progress, person_codes: np.ndarray | None = None) -> None:
    kind = plan.kind
    n = gathered.rows
    if kind in COLUMN_DATASET:
        dataset = COLUMN_DATASET[kind]
        colstore.lock_dataset(conn, dataset)  # a team project: one writer of the dataset until the commit
        base = {"events": EVENT_COLUMNS, "grid": GRID_COLUMNS, "travel-times": TRAVEL_TIME_COLUMNS}[kind]
        arrays: dict[str, np.ndarray] = {}
        kinds: dict[str, str] = {}
        for column, ckind in base.items():
            kinds[column] = ckind
            if column == "person_id":
                people = gathered.array("person_id").astype(np.int64)
                assert ctx.persons is not None
                if person_codes is not None and len(person_codes) >= len(ctx.persons.pseudonyms):
                    arrays[column] = np.append(person_codes, -1)[people]  # codes encoded while reading
                else:
                    pseudo = _TextColumn()
                    pseudo.add(Coded(people.astype(np.int32), ctx.persons.pseudonyms), None)
                    arrays[column] = pseudo.store_codes(conn, dataset, column)
            elif column in gathered.text:
                arrays[column] = gathered.text[column].store_codes(conn, dataset, column)
            elif column in gathered.arrays:
                arrays[column] = gathered.array(column)
            else:
                arrays[column] = np.full(n, -1, dtype=np.int32) if ckind != "num" else np.full(n, np.nan)
            progress.check()
        if kind == "grid":
            for extra in plan.extra_columns:
                if extra in gathered.arrays and extra not in arrays:
                    arrays[extra] = gathered.array(extra).astype(np.float64)
                    kinds[extra] = colstore.KIND_NUM
        _backfill_new_columns(conn, dataset, kinds, batch_id)
        _fill_missing(conn, dataset, arrays, kinds, n)
        colstore.write_columns(conn, dataset, batch_id, arrays, kinds, progress=progress)
        return
    table = {"population": PopulationRow, "sites": SiteRow, "finance": FinanceRow, "staff": StaffRow}[kind].__table__
    names = {
        "population": ("municipality", "year", "age_from", "age_to", "sex", "count", "forecast"),
        "sites": ("site_id", "name", "type", "size", "x", "y", "municipality", "capacity"),
        "finance": ("aura_code", "aura_name", "year", "cost_eur", "producer", "cost_centre"),
        "staff": ("cost_centre", "professional_group", "year", "month", "fte", "wages_eur", "employees"),
    }[kind]
    columns = [gathered.array(c) for c in names]
    rows = [(batch_id, *[_plain(v) for v in values]) for values in zip(*columns, strict=True)]
    insert_rows(conn, table.name, ("batch_id", *names), rows)
    progress.report(1, 1)


def _plain(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:  # a missing number (e.g. no capacity) -> NULL
        return None
    return value


# ------------------------------------------------------------------- profiles
def list_profiles(store: Store, kind: str | None = None) -> list[dict]:
    with store.read() as conn:
        query = select(ImportProfileRow).order_by(ImportProfileRow.name)
        if kind:
            query = query.where(ImportProfileRow.kind == kind)
        rows = conn.execute(query).all()
    return [
        {"name": r.name, "kind": r.kind, "mapping": json.loads(r.mapping_json or "{}"),
         "options": json.loads(r.options_json or "{}")}
        for r in rows
    ]


def load_profile(store: Store, name: str) -> dict:
    for profile in list_profiles(store):
        if profile["name"] == name:
            return profile
    names = ", ".join(p["name"] for p in list_profiles(store)) or t("ei yhtään", "none")
    raise UserError(t(f"Tuontiprofiilia '{name}' ei ole. Profiilit: {names}.",
                      f"No import profile '{name}'. Profiles: {names}."))


def _save_profile(conn: Connection, name: str, plan: ImportPlan) -> None:
    options = {"mode": plan.mode} if plan.kind == "travel-times" else {}
    if plan.source.layer:
        options["sheet"] = plan.source.layer
    save_profile_row(conn, name, plan.kind, plan.mapping, options)


def save_profile_row(conn: Connection, name: str, kind: str, mapping: dict, options: dict | None = None) -> None:
    """Identity codes in the name, the column names or the options are masked (a file without a
    header row gives its first data row as column names)."""
    name = masked(name.strip())
    if not name:
        raise UserError(t("Anna profiilille nimi.", "Give the profile a name."))
    conn.execute(delete(ImportProfileRow).where(ImportProfileRow.name == name))
    conn.execute(
        ImportProfileRow.__table__.insert().values(
            name=name, kind=kind, mapping_json=masked(json.dumps(mapping, ensure_ascii=False)),
            options_json=masked(json.dumps(options or {}, ensure_ascii=False)),
        )
    )


def save_profile(store: Store, name: str, kind: str, mapping: dict, options: dict | None = None) -> None:
    """Save (or overwrite) a named column mapping for a kind of file."""
    with store.transaction() as conn:
        save_profile_row(conn, name, kind, mapping, options)


def delete_profile(store: Store, name: str) -> None:
    with store.transaction() as conn:
        n = conn.execute(delete(ImportProfileRow).where(ImportProfileRow.name == name)).rowcount
    if not n:
        raise UserError(t(f"Tuontiprofiilia '{name}' ei ole.", f"No import profile '{name}'."))


def earlier_batch(store: Store, path: str | os.PathLike, kind: str, sha256: str | None = None,
                  plan: ImportPlan | None = None) -> ImportBatchRow | None:
    """The batch that already holds this very file for `kind` (and, with `plan`, imported it the same
    way: for travel times the same mode and mapping), if any (for a warning before import)."""
    if sha256 is None:
        import hashlib

        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        sha256 = digest.hexdigest()
    for batch in store.batches():
        if batch.sha256 == sha256 and batch.kind == kind and (plan is None or _same_import(batch, plan)):
            return batch
    return None

