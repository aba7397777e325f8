"""Who is looking: one agency, the room, or the chair."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mara_desktop.domain.conference import CHAIR


@dataclass(frozen=True)
class Audience:
    """A set of agencies that must all be allowed to see an item before it is shown.

    The empty audience sees nothing (deny by default: "everyone in an empty room may see it"
    must never become "show it"). The chair's audience is the one exception to the rule,
    and is spelled out rather than inferred.
    """

    agencies: frozenset[str]
    is_chair: bool = False

    @classmethod
    def of(cls, agencies: Iterable[str]) -> Audience:
        members = frozenset(agencies)
        if CHAIR in members:
            if members != {CHAIR}:
                raise ValueError("the chair's view cannot be combined with agencies")
            return cls.chair()
        return cls(members)

    @classmethod
    def chair(cls) -> Audience:
        return cls(frozenset(), is_chair=True)

    def sorted(self) -> list[str]:
        return [CHAIR] if self.is_chair else sorted(self.agencies)

    def __str__(self) -> str:
        return ", ".join(self.sorted()) or "nobody"

    def __repr__(self) -> str:
        """The agencies in order: a frozenset's own order follows string hashing, which
        differs from one process to the next, and a reproducible copy of the minutes
        takes its id from its view's repr (minutes/export.py)."""
        return f"Audience(agencies={sorted(self.agencies)!r}, is_chair={self.is_chair!r})"
