"""Running an import: read and convert the whole file, refuse it (nothing stored) or write it with
its batch and report in ONE transaction, so a bad file, a cancel, a killed process or a full disk
leaves the store as it was."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, select
from sqlalchemy.exc import OperationalError

from desktop.core.errors import StoreInUse, UserError
from desktop.core.identity import MASK, masked
from desktop.core.lang import t
from desktop.core.numbers import count as count_text
from desktop.core.numbers import number
from desktop.core.progress import NullProgress, Progress
from desktop.importers.kinds import CONVERTERS
from desktop.importers.masking import mask_columns
from desktop.importers.problems import MAX_SHOWN, MAX_STORED, ProblemLog
from desktop.importers.source import TableSource
from desktop.services.importing.batches import _same_import, _travel_time_checks
from desktop.services.importing.conversion import (
    _canonical_frame,
    _category_columns,
    _context,
    _decided_number_columns,
    _drop_empty_rows,
)
from desktop.services.importing.event_writer import _StoreWriter
from desktop.services.importing.gathered import _Gathered, _write
from desktop.services.importing.plan import ImportPlan, check_plan, plan_import
from desktop.services.importing.profiles import _save_profile
from desktop.store import Store
from desktop.store import columns as colstore
from desktop.store.keys import key_created_note, project_key
from desktop.store.tables import imports as tables


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
        batch = tables.import_batch.c
        earlier = [row for row in conn.execute(
            select(batch.id, batch.file_name, batch.imported_at, batch.mode, batch.report_json).where(
                batch.sha256 == sha, batch.kind == plan.kind, batch.id != (own or -1)
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
            conn.execute(delete(tables.import_batch).where(batch.id == old.id))
        if earlier:
            report["replaced_batches"] = [int(o.id) for o in earlier]
        if own is not None:  # rows already written while reading: complete the batch record
            writing.report(0.5, 1)
            conn.execute(
                tables.import_batch.update().where(batch.id == own).values(
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


def _check_unchanged(source: TableSource) -> None:
    """Refuse (nothing stored) when the file changed or vanished while it was read."""
    check = getattr(source, "check_unchanged", None)
    if check is not None:
        check()
