"""Errors of the protocol layer."""

from __future__ import annotations

from mara_desktop.errors import ExitCode, MaraError


class ProtocolError(MaraError):
    """The protocol file is missing or invalid; `details` lists every problem, one a line."""

    exit_code = ExitCode.INPUT

    @classmethod
    def from_problems(cls, name: str, problems: list[str]) -> ProtocolError:
        count = len(problems)
        head = problems[0] if count == 1 else f"{name}: {count} problems in the protocol file."
        return cls(head, details=tuple(problems))
