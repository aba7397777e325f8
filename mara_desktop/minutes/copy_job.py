"""One copy of the minutes to be made, and what became of it: plain values that may cross
to a worker process.

A job holds the copy's view of the conference (built through `views/`, the one door), the
protocol's fixed texts, what every page says about the copy, and what its leak check
searches for: never the case file, its key or the cases themselves.

Nothing here imports reportlab or pypdf. The app's own process describes every copy; when
worker processes make them, it never needs the layout or the leak check, and does not pay
for loading them (about 0.4 s of processor time on a slow machine, before the views can be
built). `make_copy` and `start_worker` load them in the process that runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mara_desktop.domain.action_update import ActionUpdate
from mara_desktop.protocol.model import Protocol
from mara_desktop.views import ConferenceView

if TYPE_CHECKING:
    from mara_desktop.minutes.leak_check import Leak


@dataclass(frozen=True)
class Copy:
    """Who one copy of the minutes is for, and what it must say about itself."""

    recipient: str
    """The agency's name, or the chair's copy's label."""
    distribution: tuple[str, ...]
    """The names of the agencies the minutes go to."""
    earlier_conferences: frozenset[str]
    """Ids of the meetings held before this one, whose actions are reviewed."""
    chair: bool = False
    last_heard: tuple[tuple[str, date], ...] = ()
    """(case id, date) of each case of the meeting heard at an earlier one: when last."""
    due_not_heard: tuple[tuple[str, date], ...] = ()
    """For the chair's copy only: (reference, last heard) of each open case not on the
    agenda that reached 12 months since its last hearing by the meeting's date."""
    progress: tuple[tuple[str, ActionUpdate], ...] = ()
    """("CASE/ACTION", newest report) of each action of this copy's view that has one: the
    review of earlier actions prints it (session.ConferenceViews.latest_updates)."""


@dataclass(frozen=True)
class Furniture:
    """What every page of one copy says about the copy."""

    marking: str
    recipient_line: str
    """"Prepared for: Police", or the chair's copy's warning."""
    copy_id: str


@dataclass(frozen=True)
class CopyJob:
    """All one copy needs to be laid out, written and checked, without the case file."""

    agency: str
    path: Path
    view: ConferenceView
    protocol: Protocol
    copy: Copy
    furniture: Furniture
    reproducible: bool
    password: str | None
    needles: tuple[str, ...]
    """Every form of every value withheld from the agency."""
    owners: tuple[int, ...]
    """For each needle, the position of the withheld value it is a form of."""


@dataclass(frozen=True)
class Outcome:
    """What became of one job. A copy with `leaks` or an `unreadable` reason was deleted
    where it was written; neither holds a withheld value, only its position and place."""

    pages: int
    sha256: str
    leaks: tuple[Leak, ...] = ()
    unreadable: str | None = None


def make_copy(job: CopyJob) -> Outcome:
    """Lay out, encrypt if asked, write atomically, read back from the disk and check
    (minutes/worker.py): a worker process's task."""
    from mara_desktop.minutes import worker  # noqa: PLC0415  (see the module's docstring)

    return worker.make_copy(job)


@contextmanager
def making_here() -> Iterator[Callable[[CopyJob], Outcome]]:
    """What makes copies one after another in this process, paragraphs shared between
    them (minutes/paragraphs.py) until the block ends."""
    from mara_desktop.minutes import worker  # noqa: PLC0415  (see the module's docstring)

    with worker.sharing():
        yield worker.make_copy


def start_worker() -> None:
    """Prepare a worker process for its copies (minutes/worker.py)."""
    from mara_desktop.minutes import worker  # noqa: PLC0415  (see the module's docstring)

    worker.start()


def ready() -> None:
    """Nothing: a task that makes a pool start a worker."""
