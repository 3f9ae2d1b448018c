"""Tables of the service classification: versions valid from a year, their AURA classes, services,
the one ordered list of allocation rules and each service's level rules.

Conditions are kept as JSON (a list of `desktop.core.rules.Condition.to_dict()`), since a rule is
read and written as a whole. A version is always rewritten as a whole by
`desktop.services.classification.save_classification` (in one transaction).
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.store.rows.base import Base


class ClassificationVersionRow(Base):
    """A classification version; events of year Y use the latest version with valid_from <= Y."""

    __tablename__ = "classification_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    valid_from: Mapped[int] = mapped_column(Integer, unique=True)  # first year of validity
    name: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[str] = mapped_column(String(32), default="")


class AuraClassRow(Base):
    __tablename__ = "classification_aura_class"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("classification_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    group_name: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")


class ServiceRow(Base):
    """An organisation-independent service (structure avo/asumis/laitos; level green/yellow/red;
    allocation 'age' or a life-cycle group)."""

    __tablename__ = "classification_service"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("classification_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    aura_code: Mapped[str] = mapped_column(String(32), default="")
    structure: Mapped[str] = mapped_column(String(16), default="avo")
    level: Mapped[str] = mapped_column(String(16), default="green")
    allocation: Mapped[str] = mapped_column(String(16), default="age")
    law: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")


class AllocationRuleRow(Base):
    """One allocation rule; `position` orders all rules of a version (first match wins)."""

    __tablename__ = "classification_allocation_rule"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("classification_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    rule_key: Mapped[str] = mapped_column(String(64))
    service_code: Mapped[str] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    conditions_json: Mapped[str] = mapped_column(Text, default="[]")


class LevelRuleRow(Base):
    """One level rule of a service; `position` orders the service's level rules (first match wins)."""

    __tablename__ = "classification_level_rule"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("classification_version.id", ondelete="CASCADE"), index=True)
    service_code: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    rule_key: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    conditions_json: Mapped[str] = mapped_column(Text, default="[]")


class ResourceRuleRow(Base):
    """One personnel / ledger allocation rule (desktop.core.resource_rules); `position` orders the version's
    list (first fitting rule wins); shares and professional groups as JSON."""

    __tablename__ = "classification_resource_rule"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("classification_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    rule_key: Mapped[str] = mapped_column(String(64))
    basis: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(Text)
    groups_json: Mapped[str] = mapped_column(Text, default="[]")
    shares_json: Mapped[str] = mapped_column(Text, default="[]")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
