"""Planning an import: which reader, which dataset kind and which column of the file holds which
field (recognised headers, then a saved import profile's choices, then the planner's own choices)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.importers import mapping as mp
from desktop.importers.files import open_source
from desktop.importers.source import TableSource
from desktop.importers.values import parse_numbers
from desktop.services.importing.profiles import load_profile
from desktop.store import Store

KINDS = tuple(mp.KIND_FIELDS)
DEFAULT_MODE = "car"
NOT_EXTRA = {"fid", "id", "objectid", "ogc_fid", "rowid", "gid"}


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
