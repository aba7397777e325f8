"""Reading typed values out of parsed JSON, collecting every problem with its path.

The importer must report all problems in one pass (a coordinator fixes a file once, not
forty times) and must name each by its JSON path, `cases[3].items[7].category`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from mara_desktop.domain import parse_date, parse_moment
from mara_desktop.domain.text_rules import IDENTIFIER, TextKind, text_problem
from mara_desktop.errors import did_you_mean, shortened

E = TypeVar("E", bound=StrEnum)
_MISSING = object()


class Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def table(self, value: Any, path: str, keys: Collection[str]) -> dict[str, Any] | None:
        """An object with no keys beyond `keys`; unknown keys are problems, not dropped."""
        if not isinstance(value, dict):
            self.problem(path, "must be an object {...}")
            return None
        for key in value:
            if key not in keys:
                self.problem(
                    f"{path}.{shortened(key)}",
                    f'unknown field "{shortened(key)}"{did_you_mean(key, keys)}',
                )
        return value

    def items(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> list[Any]:
        value = obj.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problem(path, f'the field "{key}" is missing')
            return []
        if not isinstance(value, list):
            self.problem(f"{path}.{key}", "must be a list [...]")
            return []
        return value

    def _get(self, obj: dict[str, Any], key: str, path: str, required: bool) -> Any:
        value = obj.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problem(path, f'the field "{key}" is missing')
            return _MISSING
        return value

    def text(
        self, obj: dict[str, Any], key: str, path: str, kind: TextKind, *, required: bool = True
    ) -> str | None:
        """Text of the given kind: no longer than its limit, and without the characters
        docs/interchange.md refuses (control characters, bidi controls)."""
        value = self.string(obj, key, path, required=required)
        if value is None:
            return None
        if required and not value.strip():
            self.problem(f"{path}.{key}", "must not be empty")
            return None
        return self._written(value, f"{path}.{key}", kind)

    def string(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> str | None:
        """Text as written, for a field whose kind, length and emptiness are judged by the
        record's rules (protocol/records.py), which name the field themselves."""
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.problem(f"{path}.{key}", "must be text in quotes")
            return None
        return value

    def _written(self, value: str, where: str, kind: TextKind) -> str | None:
        problem = text_problem(value, kind)
        if problem is not None:
            self.problem(where, problem)
            return None
        return value

    def boolean(
        self, obj: dict[str, Any], key: str, path: str, *, default: bool | None = None
    ) -> bool:
        value = self._get(obj, key, path, default is None)
        if value is _MISSING:
            return bool(default)
        if not isinstance(value, bool):
            self.problem(f"{path}.{key}", "must be true or false")
            return False
        return value

    def maybe(self, obj: dict[str, Any], key: str, path: str) -> bool | None:
        """true, false, or null / not given (not known)."""
        value = obj.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.problem(f"{path}.{key}", "must be true, false or null (not known)")
        return None

    def integer(self, obj: dict[str, Any], key: str, path: str, low: int, high: int) -> int | None:
        value = self._get(obj, key, path, False)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(f"{path}.{key}", f"must be a whole number from {low} to {high}")
            return None
        return value

    def day(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> date | None:
        value: date | None = self._parsed(
            obj, key, path, required, parse_date, "a date like 2026-11-26"
        )
        return value

    def moment(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> datetime | None:
        value: datetime | None = self._parsed(
            obj, key, path, required, parse_moment, "a date and time like 2026-11-03T10:15:00Z"
        )
        return value

    def _parsed(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        required: bool,
        parse: Callable[[str], Any],
        example: str,
    ) -> Any:
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return None
        try:
            if not isinstance(value, str):
                raise TypeError(value)
            return parse(value)
        except (TypeError, ValueError):
            self.problem(f"{path}.{key}", f"bad value {shortened(repr(value))}: write {example}")
            return None

    def choice(self, obj: dict[str, Any], key: str, path: str, enum: type[E]) -> E | None:
        value = self._get(obj, key, path, True)
        if value is _MISSING:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            hint = did_you_mean(str(value), [e.value for e in enum])
            self.problem(f"{path}.{key}", f"{shortened(repr(value))} is not one of {allowed}{hint}")
            return None

    def known(
        self, obj: dict[str, Any], key: str, path: str, known: Collection[str], noun: str,
        *, required: bool = True,
    ) -> str | None:  # fmt: skip
        value = self.text(obj, key, path, IDENTIFIER, required=required)
        if value is None:
            return None
        if value not in known:
            self.problem(f"{path}.{key}", f'unknown {noun} "{value}"{did_you_mean(value, known)}')
            return None
        return value

    def identifiers(
        self, obj: dict[str, Any], key: str, path: str, *, required: bool = False
    ) -> tuple[str, ...] | None:
        """A list of ids as written, each checked as an id but not looked up (the record's
        rules do that, protocol/records.py). None when the list, or one of its entries,
        cannot be read: the rules then judge none of it, rather than a part whose indices
        would no longer be the file's. A list not given and not required is empty."""
        raw = obj.get(key)
        values = self.items(obj, key, path, required=required)
        if not isinstance(raw, list):
            return () if raw is None and not required else None
        good = True
        for index, value in enumerate(values):
            where = f"{path}.{key}[{index}]"
            if not isinstance(value, str):
                self.problem(where, "must be an id in quotes")
                good = False
            elif self._written(value, where, IDENTIFIER) is None:
                good = False
        return tuple(values) if good else None

    def known_list(
        self, obj: dict[str, Any], key: str, path: str, known: Collection[str], noun: str,
        *, wildcard: bool = False, required: bool = False,
    ) -> tuple[str, ...]:  # fmt: skip
        values = self.items(obj, key, path, required=required)
        good = []
        for index, value in enumerate(values):
            where = f"{path}.{key}[{index}]"
            if not isinstance(value, str):
                self.problem(where, "must be an id in quotes")
            elif self._written(value, where, IDENTIFIER) is None:
                continue
            elif (value == "*" and wildcard) or value in known:
                good.append(value)
            else:
                self.problem(where, f'unknown {noun} "{value}"{did_you_mean(value, known)}')
        if wildcard and "*" in good and len(values) > 1:
            self.problem(f"{path}.{key}", '"*" already means every one; list nothing beside it')
        return tuple(good)
