"""The saved versions of the service classification: the shipped default, reading, writing
(explicit saving: the editor keeps its edits in memory until `save_classification`) and the
.xlsx/.json files."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, insert, select

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.core.resource_rules import ResourceRule, ServiceShare
from desktop.core.rules import (
    AllocationRule,
    AuraClass,
    Classification,
    Condition,
    LevelRule,
    Service,
    version_for_year,
)
from desktop.paths import resources_dir
from desktop.services import edit_versions
from desktop.services.written_sql import select_rows
from desktop.store import Store
from desktop.store.db import now_iso
from desktop.store.tables.classification import classification_allocation_rule as ALLOCATION_RULES
from desktop.store.tables.classification import classification_aura_class as AURA_CLASSES
from desktop.store.tables.classification import classification_level_rule as LEVEL_RULES
from desktop.store.tables.classification import classification_resource_rule as RESOURCE_RULES
from desktop.store.tables.classification import classification_service as SERVICES
from desktop.store.tables.classification import classification_version as VERSIONS

DEFAULT_FILE = "default_classification.json"
_revision = 0  # bumped by every save, so caches never outlive an edit


# ------------------------------------------------------------------------ defaults
def default_classification() -> Classification:
    """The shipped default classification (resources/classification/default_classification.json)."""
    path = resources_dir() / "classification" / DEFAULT_FILE
    return Classification.from_dict(json.loads(path.read_text(encoding="utf-8")))


def install_defaults(store: Store) -> None:
    """Load the default classification into a new store (called by new_project.create_project)."""
    if load_versions(store):
        return
    save_classification(store, default_classification())


# ------------------------------------------------------------------------ reading
def load_versions(store: Store) -> list[Classification]:
    """Every saved version, oldest `valid_from` first."""
    out = []
    with store.read() as conn:
        version_rows = _select(conn, VERSIONS, "valid_from").all()
        for row in version_rows:
            vid = row.id
            aura = [AuraClass(r.code, r.name, r.group_name, r.description)
                    for r in _select(conn, AURA_CLASSES, "position", vid)]
            services = [Service(code=r.code, name=r.name, aura=r.aura_code, structure=r.structure, level=r.level,
                                allocation=r.allocation, law=r.law, description=r.description)
                        for r in _select(conn, SERVICES, "position", vid)]
            by_code = {s.code: s for s in services}
            for r in _select(conn, LEVEL_RULES, "position", vid):
                svc = by_code.get(r.service_code)
                if svc is not None:
                    svc.level_rules.append(LevelRule(r.level, _conditions(r.conditions_json), r.note, r.rule_key))
            rules = [AllocationRule(r.service_code, _conditions(r.conditions_json), r.note, bool(r.enabled), r.rule_key)
                     for r in _select(conn, ALLOCATION_RULES, "position", vid)]
            resource = _resource_rules(conn, vid)
            out.append(Classification(valid_from=row.valid_from, name=row.name, note=row.note,
                                      aura_classes=aura, services=services, rules=rules, resource_rules=resource))
    return out


def _select(conn, table, order: str, version_id: int | None = None):
    """`select(table)` (of the version) ordered by `order`, as written SQL (desktop.services.written_sql):
    every command reads the versions once, and compiling the six statements took about 3 ms of it."""
    if version_id is None:
        return select_rows(conn, table, order_by=(order,))
    return select_rows(conn, table, order_by=(order,), version_id=version_id)


def _resource_rules(conn, vid: int) -> list[ResourceRule]:
    """The personnel and ledger rules of a version (none in a read-only store from before they existed)."""
    if not conn.dialect.has_table(conn, RESOURCE_RULES.name):
        return []
    return [ResourceRule(r.basis, r.key, [ServiceShare.from_dict(s) for s in json.loads(r.shares_json or "[]")],
                         tuple(json.loads(r.groups_json or "[]")), r.note, bool(r.enabled), r.rule_key)
            for r in _select(conn, RESOURCE_RULES, "position", vid)]


def load_classification(store: Store, year: int | None = None) -> Classification | None:
    """The version valid in `year` (the newest when None); None if the store has none."""
    versions = load_versions(store)
    if not versions:
        return None
    if year is None:
        return versions[-1]
    return versions[version_for_year(versions, year)]


def _conditions(raw: str) -> list[Condition]:
    return [Condition.from_dict(c) for c in json.loads(raw or "[]")]


# ------------------------------------------------------------------------ writing
def save_classification(store: Store, classification: Classification, replaces: int | None = None) -> None:
    """Write a version (validated) in one transaction.

    A saved version with the same `valid_from` is replaced; `replaces` names another saved
    version's valid_from that this one replaces (when the editor changed the year).
    """
    global _revision
    classification.validate()
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "classification")  # refused over a colleague's newer save
        for year in {classification.valid_from, replaces} - {None}:
            conn.execute(delete(VERSIONS).where(VERSIONS.c.valid_from == year))
        _delete_orphans(conn)
        vid = conn.execute(insert(VERSIONS).values(
            valid_from=classification.valid_from, name=classification.name, note=classification.note,
            updated_at=now_iso())).inserted_primary_key[0]
        if classification.aura_classes:
            conn.execute(insert(AURA_CLASSES), [
                {"version_id": vid, "position": i, "code": a.code, "name": a.name, "group_name": a.group,
                 "description": a.description} for i, a in enumerate(classification.aura_classes)])
        if classification.services:
            conn.execute(insert(SERVICES), [
                {"version_id": vid, "position": i, "code": s.code, "name": s.name, "aura_code": s.aura,
                 "structure": s.structure, "level": s.level, "allocation": s.allocation, "law": s.law,
                 "description": s.description} for i, s in enumerate(classification.services)])
        level_rows = [{"version_id": vid, "service_code": s.code, "position": i, "rule_key": lr.id, "level": lr.level,
                       "note": lr.note, "conditions_json": _conditions_json(lr.conditions)}
                      for s in classification.services for i, lr in enumerate(s.level_rules)]
        if level_rows:
            conn.execute(insert(LEVEL_RULES), level_rows)
        if classification.rules:
            conn.execute(insert(ALLOCATION_RULES), [
                {"version_id": vid, "position": i, "rule_key": r.id, "service_code": r.service, "enabled": r.enabled,
                 "note": r.note, "conditions_json": _conditions_json(r.conditions)}
                for i, r in enumerate(classification.rules)])
        if classification.resource_rules:
            conn.execute(insert(RESOURCE_RULES), [
                {"version_id": vid, "position": i, "rule_key": r.id, "basis": r.basis, "key": r.key,
                 "groups_json": json.dumps(list(r.groups), ensure_ascii=False),
                 "shares_json": json.dumps([x.to_dict() for x in r.shares], ensure_ascii=False),
                 "enabled": r.enabled, "note": r.note}
                for i, r in enumerate(classification.resource_rules)])
    _revision += 1


def delete_version(store: Store, valid_from: int) -> None:
    global _revision
    with store.transaction() as conn:
        edit_versions.claim(conn, store, "classification")
        conn.execute(delete(VERSIONS).where(VERSIONS.c.valid_from == valid_from))
        _delete_orphans(conn)
    _revision += 1


def _delete_orphans(conn) -> None:
    """Child rows of deleted versions (SQLite enforces ON DELETE CASCADE only with foreign keys on)."""
    alive = select(VERSIONS.c.id)
    for table in (AURA_CLASSES, SERVICES, ALLOCATION_RULES, LEVEL_RULES, RESOURCE_RULES):
        conn.execute(delete(table).where(table.c.version_id.not_in(alive)))


def _conditions_json(conditions: list[Condition]) -> str:
    return json.dumps([c.to_dict() for c in conditions], ensure_ascii=False)


def classification_revision() -> int:
    """A number that changes whenever a classification is saved (for callers' own caches)."""
    return _revision


# ------------------------------------------------------------------------ files
def export_classification(store: Store, path: str | Path, year: int | None = None) -> Classification:
    """Write the version valid in `year` (newest when None) to a .xlsx or .json file."""
    from desktop.analysis.classify_io import write_classification_file

    classification = load_classification(store, year)
    if classification is None:
        raise UserError(t("Projektissa ei ole palveluluokitusta.", "The project has no classification."))
    write_classification_file(classification, path)
    edit_versions.stamp_file(path, store, "classification")  # importing it back checks nobody saved since
    return classification


def import_classification(store: Store, path: str | Path, valid_from: int | None = None) -> Classification:
    """Read a .xlsx/.json classification (validated first: a bad file changes nothing) and save
    it as the version valid from `valid_from` (default: the year in the file), replacing a
    saved version with the same year."""
    from desktop.analysis.classify_io import read_classification_file

    classification = read_classification_file(path)
    if valid_from is not None:
        classification.valid_from = int(valid_from)
    with edit_versions.based_on(store, "classification", edit_versions.file_base(path, store, "classification")):
        save_classification(store, classification)  # refused when a colleague saved after the export
    return classification
