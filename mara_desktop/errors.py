"""The root of every error a user may see.

Each layer raises its own subclass carrying one sentence a chair can act on and the exit
code pinned in DESIGN.md. The sentence never holds a case value: errors name files, ids,
keys and lines, never the text of an item.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the command line, pinned in DESIGN.md."""

    OK = 0
    USAGE = 1
    KEY = 2
    DAMAGED = 3
    INPUT = 4


class MaraError(Exception):
    """An error with a user-facing sentence; shown as is by the CLI and the GUI."""

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str, *, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


def did_you_mean(name: str, known: Iterable[object]) -> str:
    """' (did you mean "housing"?)' for a near miss, else ''; for messages about typed ids.
    A name far longer than any id is no near miss (and comparing it would take long)."""
    if len(name) > _ECHOED:
        return ""
    close = difflib.get_close_matches(name, [str(k) for k in known], n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


_ECHOED = 60


def shortened(text: str) -> str:
    """`text` cut to a few words: a sentence about a bad value names it, and never repeats
    a megabyte of it."""
    return text if len(text) <= _ECHOED else text[: _ECHOED - 1] + "…"
