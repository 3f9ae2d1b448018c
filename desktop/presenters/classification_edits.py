"""The edits a planner makes to the working classification (Qt-free; the presenter's edit part).

Each edit is one undoable command (`self.push(text, mutate)`): the mutation finds what it changes by
code or rule id inside the classification it is given, so redo after other edits hits the same thing.
The texts name the edit for the undo history, Finnish first."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.lang import t
from desktop.core.rules import AllocationRule, Classification, Condition, LevelRule, Service


class ClassificationEdits:
    """The edit part of ClassificationPresenter (uses its working copy, selection and `push`)."""

    # ------------------------------------------------------------------ selection
    def service(self) -> Service | None:
        """The selected service of the working copy."""
        if self.classification is None or self.current_service is None:
            return None
        return self.classification.service(self.current_service)

    def find_rule(self, c: Classification | None = None):
        """The selected rule in `c` (the working copy when None)."""
        c = c or self.classification
        if c is None or self.current_rule is None:
            return None
        kind, rid = self.current_rule
        if kind == "alloc":
            return c.rule(rid)
        svc = c.service(self.current_service) if self.current_service else None
        return next((r for r in (svc.level_rules if svc else []) if r.id == rid), None)

    # ------------------------------------------------------------------ whole classification
    def replace_with(self, text: str, new: Classification) -> None:
        data = new.to_dict()

        def mutate(c: Classification) -> None:
            c.__dict__.update(Classification.from_dict(data).__dict__)

        self.current_service = new.services[0].code if new.services else None
        self.push(text, mutate)

    def load_default(self) -> None:
        """Replace the working copy with the shipped default classification (an undoable edit)."""
        from desktop.services.classification import default_classification

        self.replace_with(t("Oletusluokitus", "Default classification"), default_classification())

    def import_classification(self, imported: Classification) -> None:
        """A classification read from a file replaces the working copy (undoable before saving)."""
        self.replace_with(t("Tuo luokitus", "Import classification"), imported)

    def new_version(self, year: int) -> None:
        """Make the working copy a new version valid from `year` (saving adds it; the version it was
        copied from stays as saved)."""
        if self.classification is None or year == self.classification.valid_from:
            return
        name = t(f"Luokitus {year}", f"Classification {year}")

        def mutate(c: Classification) -> None:
            c.valid_from = year
            c.name = name

        self.push(t("Uusi versio", "New version"), mutate)

    # ------------------------------------------------------------------ services
    def set_service_field(self, attr: str, value) -> None:
        """Change one field of the selected service; a new code follows into its rules and shares."""
        svc = self.service()
        if svc is None or self.frozen or getattr(svc, attr) == value:
            return
        code = svc.code

        def mutate(c: Classification) -> None:
            s = c.service(code)
            if attr == "code":
                for r in c.rules:
                    if r.service == code:
                        r.service = value
                for share in (x for r in c.resource_rules for x in r.shares if x.service == code):
                    share.service = value
            setattr(s, attr, value)

        if attr == "code":
            self.current_service = value
        self.push(t("Muuta palvelua", "Change service"), mutate)

    def add_service(self) -> None:
        """A new service (code UUSI-n) in the selected service's AURA class, selected."""
        c = self.classification
        if c is None:
            return
        n = 1
        while c.service(f"UUSI-{n}"):
            n += 1
        code = f"UUSI-{n}"
        aura = self.service().aura if self.service() else (c.aura_classes[0].code if c.aura_classes else "")
        name = t("Uusi palvelu", "New service")
        self.current_service = code
        self.push(name, lambda cl: cl.services.append(Service(code=code, name=name, aura=aura)))

    def delete_service(self) -> None:
        """Delete the selected service with its allocation rules and its shares of resource rules."""
        svc = self.service()
        if svc is None:
            return
        code = svc.code

        def mutate(c: Classification) -> None:
            c.services = [s for s in c.services if s.code != code]
            c.rules = [r for r in c.rules if r.service != code]
            for r in c.resource_rules:
                r.shares = [x for x in r.shares if x.service != code]

        self.current_service = None
        self.push(t("Poista palvelu", "Delete service"), mutate)

    # ------------------------------------------------------------------ rules
    def add_allocation_rule(self, conditions: list[Condition] | None = None) -> None:
        """A new allocation rule of the selected service, after its other rules, selected."""
        svc = self.service()
        if svc is None:
            return
        rule = AllocationRule(svc.code, list(conditions or []))

        def mutate(c: Classification) -> None:
            positions = [i for i, r in enumerate(c.rules) if r.service == svc.code]
            c.rules.insert(positions[-1] + 1 if positions else len(c.rules), AllocationRule.from_dict(rule.to_dict()))

        self.current_rule = ("alloc", rule.id)
        self.push(t("Uusi kohdennussääntö", "New allocation rule"), mutate)

    def add_level_rule(self) -> None:
        svc = self.service()
        if svc is None:
            return
        rule = LevelRule("yellow", [])
        self.current_rule = ("level", rule.id)
        self.push(t("Uusi tasosääntö", "New level rule"),
                  lambda c: c.service(svc.code).level_rules.append(LevelRule.from_dict(rule.to_dict())))

    def edit_rule(self, text: str, fn: Callable[[object], None]) -> None:
        """Change the selected rule: `fn(rule)` on the rule of the same id in the working copy."""
        if self.find_rule() is None:
            return
        self.push(text, lambda c: fn(self.find_rule(c)))

    def set_conditions(self, conditions: list[Condition]) -> None:
        frozen = [Condition.from_dict(x.to_dict()) for x in conditions]
        self.edit_rule(t("Muuta ehtoja", "Change conditions"), lambda r: setattr(r, "conditions", frozen))

    def set_rule_enabled(self, on: bool) -> None:
        self.edit_rule(t("Sääntö käyttöön / pois", "Rule on / off"), lambda r: setattr(r, "enabled", bool(on)))

    def set_rule_level(self, level: str) -> None:
        self.edit_rule(t("Muuta tasoa", "Change level"), lambda r: setattr(r, "level", level))

    def set_rule_note(self, note: str) -> None:
        rule = self.find_rule()
        if rule is not None and rule.note != note:
            self.edit_rule(t("Muuta selitettä", "Change note"), lambda r: setattr(r, "note", note))

    def delete_rule(self) -> None:
        if self.find_rule() is None:
            return
        kind, rid = self.current_rule
        code = self.current_service

        def mutate(c: Classification) -> None:
            if kind == "alloc":
                c.rules = [r for r in c.rules if r.id != rid]
            else:
                s = c.service(code)
                s.level_rules = [r for r in s.level_rules if r.id != rid]

        self.current_rule = None
        self.push(t("Poista sääntö", "Delete rule"), mutate)

    def move_rule(self, step: int) -> None:
        """Move the selected rule earlier (-1) or later (+1) among its service's rules of its kind."""
        if self.find_rule() is None:
            return
        kind, rid = self.current_rule
        code = self.current_service

        def mutate(c: Classification) -> None:
            if kind == "alloc":  # swap with the neighbouring rule of the same service in the one order
                mine = [i for i, r in enumerate(c.rules) if r.service == code]
                at = next(i for i in mine if c.rules[i].id == rid)
                k = mine.index(at) + step
                if 0 <= k < len(mine):
                    other = mine[k]
                    c.rules[at], c.rules[other] = c.rules[other], c.rules[at]
            else:
                lst = c.service(code).level_rules
                at = next(i for i, r in enumerate(lst) if r.id == rid)
                if 0 <= at + step < len(lst):
                    lst[at], lst[at + step] = lst[at + step], lst[at]

        self.push(t("Siirrä sääntöä", "Move rule"), mutate)

    def select_conflict(self, kind: str, rule: int, service: str | None) -> None:
        """Select the rule a conflict names (a level rule of `service`, or allocation rule `rule`)."""
        c = self.classification
        if kind.startswith("level_"):
            self.current_service = service
            self.current_rule = ("level", c.service(service).level_rules[rule].id)
        else:
            self.current_service = c.rules[rule].service
            self.current_rule = ("alloc", c.rules[rule].id)
