"""Small frozen records (the segment conditions, a population base, the need thresholds) without the cost of
`@dataclass(frozen=True)` at start-up: it writes and compiles six methods for every class, about 0.45 ms a
class (6 ms for desktop.core.segments, paid by every command that reads segments); these classes share one
set of methods instead.

What the dataclass gave and a record keeps: construction by position or keyword in the order of the class's
annotated attributes, whose class values are the defaults (`FACTORIES`: a function making a fresh default);
equality (same class, equal fields) and a hash from the fields; the dataclass's repr; no assignment after
construction (`dataclasses.FrozenInstanceError`). Not kept: `dataclasses.fields()` and `replace()` (a class
that needs them stays a dataclass)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, ClassVar


class FrozenRecord:
    """Subclass, annotate the fields with their defaults as class values, and decorate with `record`."""

    _fields: ClassVar[tuple[str, ...]] = ()
    FACTORIES: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        names = cls._fields
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__}() takes {len(names)} arguments but {len(args)} were given")
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            values[name] = value
        for name in names:
            if name in values:
                value = values[name]
            elif name in cls.FACTORIES:
                value = cls.FACTORIES[name]()
            elif name in cls.__dict__:
                value = cls.__dict__[name]
            else:
                raise TypeError(f"{cls.__name__}() missing required argument {name!r}")
            object.__setattr__(self, name, value)

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def record(cls: type[FrozenRecord]) -> type[FrozenRecord]:
    """The class's own annotated attributes become its fields, in order (ClassVar ones excepted)."""
    annotations = cls.__dict__.get("__annotations__", {})
    cls._fields = tuple(name for name, kind in annotations.items() if not str(kind).startswith("ClassVar"))
    cls.__match_args__ = cls._fields
    return cls
