"""Segment files: the rules and need thresholds exported to and imported from JSON or XLSX (all or
nothing; an import checks that nobody saved since the export)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import delete

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.segments import NeedThresholds, Segment, segment_from_dict
from desktop.services import edit_versions
from desktop.services.segments.rules import SETTING_THRESHOLDS, _insert, load_segments, need_thresholds
from desktop.store import Store
from desktop.store.tables.segments import segment as SEGMENTS

EXPORT_FORMAT = "sote-planner-segments"


# ------------------------------------------------------------------------------ export / import
def export_segments(store: Store, path: str | os.PathLike) -> Path:
    """Write the segment rules and need thresholds to FILE.json or FILE.xlsx."""
    path = Path(path)
    segments = load_segments(store)
    thresholds = need_thresholds(store)
    suffix = path.suffix.lower()
    if suffix == ".json":
        doc = {"format": EXPORT_FORMAT, "version": 1, "segments": [s.to_dict() for s in segments],
               "need_thresholds": thresholds.to_dict()}
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "Segmentit"
        ws.append(["name", "name_en", "kind", "description", "condition"])
        for s in segments:
            ws.append([s.name, s.name_en, s.kind, s.description, json.dumps(s.condition.to_dict(), ensure_ascii=False)])
        th = wb.create_sheet("Palvelutarve")
        th.append(["threshold", "eur"])
        for key, value in thresholds.to_dict().items():
            th.append([key, value])
        wb.save(path)
    else:
        raise UserError(t(f"Tiedostomuoto {suffix or '?'} ei käy; käytä .json tai .xlsx.",
                          f"File type {suffix or '?'} is not supported; use .json or .xlsx."))
    edit_versions.stamp_file(path, store, "segments")  # importing it back checks nobody saved since
    return path


def read_segment_file(path: str | os.PathLike) -> tuple[list[Segment], NeedThresholds | None]:
    """Parse and validate a segments file; raises UserError naming the file and the bad segment."""
    path = Path(path)
    if not path.exists():
        raise UserError(t(f"Tiedostoa {path} ei löydy.", f"File {path} not found."))
    suffix = path.suffix.lower()
    records: list[dict] = []
    thresholds = None
    try:
        if suffix == ".json":
            doc = json.loads(path.read_text(encoding="utf-8-sig"))
            if isinstance(doc, list):
                doc = {"segments": doc}
            if not isinstance(doc, dict) or not isinstance(doc.get("segments"), list):
                raise UserError(t(f"{path.name}: segmenttilista puuttuu.", f"{path.name}: no segment list."))
            records = doc["segments"]
            if doc.get("need_thresholds") is not None:
                thresholds = NeedThresholds.from_dict(doc["need_thresholds"])
        elif suffix == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True, data_only=True)
            if "Segmentit" not in wb.sheetnames:
                raise UserError(t(f"{path.name}: välilehti Segmentit puuttuu.", f"{path.name}: sheet Segmentit missing."))
            rows = list(wb["Segmentit"].iter_rows(values_only=True))
            header = [str(h or "").strip() for h in rows[0]] if rows else []
            for line, row in enumerate(rows[1:], start=2):
                if not any(row):
                    continue
                rec = dict(zip(header, row, strict=False))
                try:
                    rec["condition"] = json.loads(rec.get("condition") or "{}")
                except json.JSONDecodeError as exc:
                    raise UserError(t(f"{path.name}, rivi {line}: ehto ei ole kelvollista JSONia ({exc.msg}).",
                                      f"{path.name}, line {line}: the condition is not valid JSON ({exc.msg}).")) from exc
                records.append(rec)
            if "Palvelutarve" in wb.sheetnames:
                values = {str(k): v for k, v in list(wb["Palvelutarve"].iter_rows(values_only=True))[1:] if k}
                thresholds = NeedThresholds.from_dict(values)
            wb.close()
        else:
            raise UserError(t(f"Tiedostomuoto {suffix or '?'} ei käy; käytä .json tai .xlsx.",
                              f"File type {suffix or '?'} is not supported; use .json or .xlsx."))
    except json.JSONDecodeError as exc:
        raise UserError(t(f"{path.name} ei ole kelvollista JSONia (rivi {exc.lineno}).",
                          f"{path.name} is not valid JSON (line {exc.lineno}).")) from exc
    segments = []
    for i, rec in enumerate(records, start=1):
        try:
            segments.append(segment_from_dict(rec))
        except UserError as exc:
            raise UserError(t(f"{path.name}, segmentti {i}: {exc.message}", f"{path.name}, segment {i}: {exc.message}"),
                            exc.problems) from exc
    names = [s.name for s in segments]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise UserError(t(f"{path.name}: segmentin nimi on kahdesti: {dupes[0]}.", f"{path.name}: name twice: {dupes[0]}."))
    return segments, thresholds


def import_segments(store: Store, path: str | os.PathLike) -> dict:
    """Read a segments file: segments with a known name are replaced, new ones added at the end,
    others kept. All or nothing. Returns {'updated': n, 'added': n}."""
    segments, thresholds = read_segment_file(path)
    current = load_segments(store, active_only=False)
    by_name = {s.name: s for s in segments}
    merged = [by_name.pop(s.name, s) for s in current]
    updated = len(segments) - len(by_name)
    merged.extend(s for s in segments if s.name in by_name)
    names = [s.name for s in merged]
    with edit_versions.based_on(store, "segments", edit_versions.file_base(path, store, "segments")), \
            store.transaction() as conn:
        edit_versions.claim(conn, store, "segments")  # refused when a colleague saved after the export
        conn.execute(delete(SEGMENTS))
        _insert(conn, merged)
        if thresholds is not None:
            store.set_setting(SETTING_THRESHOLDS, thresholds.to_dict(), conn=conn)
    return {"updated": updated, "added": len(by_name), "segments": names}
