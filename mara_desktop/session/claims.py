"""A window's claim on its case file (store/in_use.py), taken before the file is opened.

Two windows on one file would each show a meeting the other changes. So the app claims a
file before it opens it, and a file another window has open is refused with a sentence
before anything in it is touched. The claim outlives the open file: a console that locks
closes the file and keeps the claim, so the meeting stays its own until the window closes.
The command line claims nothing (the coordinator imports while the chair's console shows
the meeting).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from mara_desktop.store.connection import check_can_open
from mara_desktop.store.in_use import InUse

Opened = TypeVar("Opened")


def open_claimed(
    path: Path, opening: Callable[[], Opened], held: InUse | None = None
) -> tuple[Opened, InUse]:
    """Claim `path`, then open it; a failure to open gives back the claim. `held` is the
    claim a window keeps across locking: on its own file it is used, not taken again (a
    second claim, even by the same window, is refused)."""
    claim = held if held is not None and _same_file(held.path, path) else InUse.claim(path)
    try:
        return opening(), claim
    except BaseException:
        if claim is not held:
            claim.release()
        raise


def ready_to_open(path: Path, held: InUse | None = None) -> None:
    """Raise the sentence that will stop the file opening here, if any (missing, not a
    file, not readable, or open in another window), before a passphrase is typed for it.
    Nothing is claimed by asking."""
    check_can_open(path)
    if held is None or not _same_file(held.path, path):
        InUse.claim(path).release()


def _same_file(one: Path, other: Path) -> bool:
    return one.resolve() == other.resolve()
