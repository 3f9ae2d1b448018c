"""Tables of the service classification: versions valid from
a year, their AURA classes, services, allocation rules, level rules and resource rules. Conditions are
kept as JSON; a version is always rewritten as a whole."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Table, Text

from desktop.store.tables.base import col, metadata


def _version_id():
    return col("version_id", Integer, ForeignKey("classification_version.id", ondelete="CASCADE"), index=True)


#: a classification version; events of year Y use the latest version with valid_from <= Y
classification_version = Table(
    "classification_version", metadata,
    col("id", Integer, primary_key=True),
    col("valid_from", Integer, unique=True),  # first year of validity
    col("name", Text, default=""),
    col("note", Text, default=""),
    col("updated_at", String(32), default=""),
)

classification_aura_class = Table(
    "classification_aura_class", metadata,
    col("id", Integer, primary_key=True),
    _version_id(),
    col("position", Integer),
    col("code", String(32)),
    col("name", Text),
    col("group_name", Text, default=""),
    col("description", Text, default=""),
)

#: an organisation-independent service (structure, level, allocation)
classification_service = Table(
    "classification_service", metadata,
    col("id", Integer, primary_key=True),
    _version_id(),
    col("position", Integer),
    col("code", String(64)),
    col("name", Text),
    col("aura_code", String(32), default=""),
    col("structure", String(16), default="avo"),
    col("level", String(16), default="green"),
    col("allocation", String(16), default="age"),
    col("law", Text, default=""),
    col("description", Text, default=""),
)

#: one allocation rule; `position` orders all rules of a version (first match wins)
classification_allocation_rule = Table(
    "classification_allocation_rule", metadata,
    col("id", Integer, primary_key=True),
    _version_id(),
    col("position", Integer),
    col("rule_key", String(64)),
    col("service_code", String(64)),
    col("enabled", Boolean, default=True),
    col("note", Text, default=""),
    col("conditions_json", Text, default="[]"),
)

#: one level rule of a service; `position` orders the service's level rules (first match wins)
classification_level_rule = Table(
    "classification_level_rule", metadata,
    col("id", Integer, primary_key=True),
    _version_id(),
    col("service_code", String(64)),
    col("position", Integer),
    col("rule_key", String(64)),
    col("level", String(16)),
    col("note", Text, default=""),
    col("conditions_json", Text, default="[]"),
)

#: one personnel / ledger allocation rule (desktop.core.resource_rules)
classification_resource_rule = Table(
    "classification_resource_rule", metadata,
    col("id", Integer, primary_key=True),
    _version_id(),
    col("position", Integer),
    col("rule_key", String(64)),
    col("basis", String(16)),
    col("key", Text),
    col("groups_json", Text, default="[]"),
    col("shares_json", Text, default="[]"),
    col("enabled", Boolean, default=True),
    col("note", Text, default=""),
)
