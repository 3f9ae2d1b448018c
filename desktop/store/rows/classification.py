"""ORM classes of the tables of the service classification: versions valid from a year, their AURA
classes, services, the one ordered list of allocation rules and each service's level rules.

Conditions are kept as JSON (a list of `desktop.core.rules.Condition.to_dict()`), since a rule is
read and written as a whole. A version is always rewritten as a whole by
`desktop.services.classification.save_classification` (in one transaction).

The tables themselves are declared in `desktop.store.tables.classification` (Core, no ORM); these classes
map onto them for the code that works with ORM sessions."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desktop.store.rows.base import Base
from desktop.store.tables import classification as tables


class ClassificationVersionRow(Base):
    """A classification version; events of year Y use the latest version with valid_from <= Y."""

    __tablename__ = "classification_version"
    __table__ = tables.classification_version
    id: Mapped[int]
    valid_from: Mapped[int]
    name: Mapped[str]
    note: Mapped[str]
    updated_at: Mapped[str]


class AuraClassRow(Base):
    __tablename__ = "classification_aura_class"
    __table__ = tables.classification_aura_class
    id: Mapped[int]
    version_id: Mapped[int]
    position: Mapped[int]
    code: Mapped[str]
    name: Mapped[str]
    group_name: Mapped[str]
    description: Mapped[str]


class ServiceRow(Base):
    """An organisation-independent service (structure avo/asumis/laitos; level green/yellow/red;
    allocation 'age' or a life-cycle group)."""

    __tablename__ = "classification_service"
    __table__ = tables.classification_service
    id: Mapped[int]
    version_id: Mapped[int]
    position: Mapped[int]
    code: Mapped[str]
    name: Mapped[str]
    aura_code: Mapped[str]
    structure: Mapped[str]
    level: Mapped[str]
    allocation: Mapped[str]
    law: Mapped[str]
    description: Mapped[str]


class AllocationRuleRow(Base):
    """One allocation rule; `position` orders all rules of a version (first match wins)."""

    __tablename__ = "classification_allocation_rule"
    __table__ = tables.classification_allocation_rule
    id: Mapped[int]
    version_id: Mapped[int]
    position: Mapped[int]
    rule_key: Mapped[str]
    service_code: Mapped[str]
    enabled: Mapped[bool]
    note: Mapped[str]
    conditions_json: Mapped[str]


class LevelRuleRow(Base):
    """One level rule of a service; `position` orders the service's level rules (first match wins)."""

    __tablename__ = "classification_level_rule"
    __table__ = tables.classification_level_rule
    id: Mapped[int]
    version_id: Mapped[int]
    service_code: Mapped[str]
    position: Mapped[int]
    rule_key: Mapped[str]
    level: Mapped[str]
    note: Mapped[str]
    conditions_json: Mapped[str]


class ResourceRuleRow(Base):
    """One personnel / ledger allocation rule (desktop.core.resource_rules); `position` orders the version's
    list (first fitting rule wins); shares and professional groups as JSON."""

    __tablename__ = "classification_resource_rule"
    __table__ = tables.classification_resource_rule
    id: Mapped[int]
    version_id: Mapped[int]
    position: Mapped[int]
    rule_key: Mapped[str]
    basis: Mapped[str]
    key: Mapped[str]
    groups_json: Mapped[str]
    shares_json: Mapped[str]
    enabled: Mapped[bool]
    note: Mapped[str]
