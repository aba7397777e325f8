"""Exporting a conference's minutes: one PDF per agency, each checked for leaks when written.

The session reads the conference and its cases once and hands out, for each recipient, its
view of the conference (built through `views/`, the only door to case data) and the values
withheld from it; the cases themselves stay in the session. Each copy is then laid out,
optionally encrypted, and written atomically (temporary file in the destination folder,
then a link to its final name: never over an existing file). The written bytes are then
read back by the independent leak scanner, searching for every value withheld from that
agency. Laying out and checking are most of the time, and each copy's are independent of
the others', so for a large export they run in worker processes, never forked from this
one: the case file's connection and key stay here, and a worker gets only the view and the
values to search for (`prepare_workers`). A finding
deletes every file this export wrote, is audited (ids and places only, never the value),
and fails the export: minutes are all checked or none are kept.

File names hold the meeting's date and the agency's id, nothing else: a folder listing or
an e-mail attachment must not reveal a name or a case reference.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from multiprocessing import forkserver
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mara_desktop.atomic import make_private_folder
from mara_desktop.domain import CHAIR, OBSERVER, AttendanceStatus, Audience, Conference
from mara_desktop.errors import MaraError, did_you_mean
from mara_desktop.minutes.copy_job import (
    Copy,
    CopyJob,
    Furniture,
    Outcome,
    make_copy,
    making_here,
    ready,
    start_worker,
)
from mara_desktop.minutes.free_text import MentionKey, answered, check_result, copy_mentions
from mara_desktop.minutes.manifest import (
    NAME,
    AuditWitness,
    ManifestEntry,
    manifest_data,
    printed_references,
    write_manifest,
)
from mara_desktop.minutes.passwords import keep_in_keychain, keychain_account, new_password
from mara_desktop.minutes.text import drawn_forms
from mara_desktop.protocol.model import Protocol
from mara_desktop.session import ConferenceViews, Session
from mara_desktop.views import ConferenceView
from mara_desktop.views.audiences import room_audience

if TYPE_CHECKING:
    from mara_desktop.minutes.leak_check import Leak

CHAIR_LINE = "CHAIR'S COPY — NOT FOR DISTRIBUTION"
COMMON = "common"
"""The common copy's name in the request, the file name and the manifest: one copy holding
only what every agency present may receive (the room's view once the observers left), for
areas that send all partners one record rather than a copy each."""
COMMON_RECIPIENT = "Every agency present"


class MinutesError(MaraError):
    """The minutes cannot be made as asked; nothing was written."""


class LeakFound(MinutesError):
    """A copy held a value withheld from its reader; every file of the export was deleted."""


@dataclass(frozen=True)
class MinutesRequest:
    conference_id: str
    agencies: tuple[str, ...]
    """Agency ids, `chair` for the chair's copy and `common` for the common copy."""
    out: Path
    reproducible: bool = False
    password: bool = False
    kept_mentions: frozenset[MentionKey] | None = frozenset()
    """The free-text check's mentions the chair keeps as written (Mention.key); None keeps
    them all (--accept-mentions). A mention not kept stops the export before any file is
    written (minutes/free_text.py)."""


@dataclass(frozen=True)
class WrittenCopy:
    path: Path
    entry: ManifestEntry
    password: str | None = None
    in_keychain: bool = False


@dataclass
class MinutesResult:
    copies: list[WrittenCopy] = field(default_factory=list)
    manifest: Path | None = None


def distribution(conference: Conference) -> list[str]:
    """The agencies minutes go to (what `--all` means): every agency that attended or sent
    apologies, in the attendance list's order. Observers get none: they sign a
    conditionality statement and are granted no case data."""
    wanted = (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES)
    agencies = [a.agency for a in conference.attendance if a.status in wanted]
    return list(dict.fromkeys(a for a in agencies if a != OBSERVER))


def file_name(conference: Conference, agency: str) -> str:
    return f"{conference.date.isoformat()}-minutes-{agency}.pdf"


Progress = Callable[[int, int], None]
"""Told (copies done, copies in all) after each copy is written and checked: the GUI's bar."""

POOL_MIN_ENTRIES = 1200
"""Items and actions of the conference's cases, times the copies asked for, from which the
copies are made in worker processes (a copy holds at most its cases' entries: what its
layout and check time grow with). Starting the workers (Python, reportlab, pypdf, the
fonts) adds about 0.3 s even though they start while this process works; this is
about where two workers break even (2 cores, Nov 2026): 14 copies of the demo, 1,246
entries, took 0.83-0.90 s in one process and 0.78-0.83 s in two; 6 copies (534 entries)
0.40 s against 0.53 s."""


def export_minutes(
    session: Session,
    request: MinutesRequest,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> MinutesResult:
    """`workers` is how many processes lay out and check the copies; by default one per
    processor when the copies are big enough to be worth it (POOL_MIN_ENTRIES), else none:
    everything then runs in this process."""
    conference = find_conference(session, request.conference_id)
    _check_agencies(session.protocol, request.agencies)
    targets = {a: request.out / file_name(conference, a) for a in request.agencies}
    _check_free([*targets.values(), request.out / NAME])
    views = session.conference_views(conference.id)
    if views is None:  # gone since it was found: another program deleted it
        raise _no_such_conference(session, conference.id)
    if workers is None:
        workers = _workers_for(len(targets), views.entries)
    prepare_workers(workers)  # loads while the free-text check runs
    found = copy_mentions(views, request.agencies)
    kept = answered(session, conference.id, found, request.kept_mentions)
    result = MinutesResult()
    ran: list[Path] = []
    with _pool(workers) as pool:
        exporter = _CopyExporter(session, views, request, kept)
        try:
            result.copies = _make_copies(exporter, list(targets.items()), pool, ran, progress)
            ran.append(request.out / NAME)
            _record_with_manifest(session, views.conference, request, result.copies)
            result.manifest = request.out / NAME
        except BaseException:
            for path in ran:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            raise
    result.copies = [_keep_password(conference, c) for c in result.copies]
    return result


def _record_with_manifest(
    session: Session,
    conference: Conference,
    request: MinutesRequest,
    copies: list[WrittenCopy],
) -> None:
    """The export's audit record and the manifest, each kept only with the other: the
    manifest names that record (its number and hash) as a witness outside the file."""
    details = {
        "conference": conference.id,
        "agencies": list(request.agencies),
        "files": [c.path.name for c in copies],
        "reproducible": request.reproducible,
        "encrypted": request.password,
    }
    with session.recording("minutes", details) as newest:
        witness = AuditWitness(session.file_id, newest.record, newest.hash)
        data = manifest_data(conference.id, session.protocol, [c.entry for c in copies], witness)
        write_manifest(request.out / NAME, data)


def _workers_for(copies: int, entries: int) -> int:
    if copies < 2 or entries * copies < POOL_MIN_ENTRIES:
        return 0
    return min(copies, _processors())


WORKER_MODULE = "mara_desktop.minutes.worker"
"""What a worker runs, and all it imports: the layout and the leak check."""


def prepare_workers(workers: int) -> None:
    """Begin loading what `workers` worker processes need, before they are asked for.

    Where the platform allows it (Linux, macOS), workers are forked from a server process
    of their own (multiprocessing's fork server), started afresh (a new interpreter, never
    a copy of this process), which loads the layout and the leak check once: each worker
    forked from it starts with them loaded, where a spawned one loaded them again (about
    0.6 s of processor time each on a slow machine). Started as soon as the export knows
    it will use workers, the server loads while this process runs the free-text check and
    makes the first job. Nothing of the case file ever reaches it. Windows has no
    fork server: there each worker is spawned and loads them itself. Once started, the
    server serves every later export of this process."""
    if workers < 2 or not _can_fork_workers():
        return
    forkserver.set_forkserver_preload([WORKER_MODULE])
    forkserver.ensure_running()


def prepare_workers_ahead() -> None:
    """For what will export several copies (`minutes --all`, the Export minutes window):
    begin loading the workers' code before the export knows its size, so that opening the
    file, or the chair choosing the copies, hides it. If the export then makes its copies
    in this process after all, the server only cost processor time on another core."""
    prepare_workers(_processors())


def _can_fork_workers() -> bool:
    return "forkserver" in multiprocessing.get_all_start_methods()


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes (none for fewer than two), all started at once, so that they start
    while this process makes the first copies' jobs rather than after."""
    if workers <= 1:
        yield None
        return
    prepare_workers(workers)
    method = "forkserver" if _can_fork_workers() else "spawn"
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method), initializer=start_worker
    )
    try:
        for _ in range(workers):  # the pool starts a worker only for a task that needs one
            pool.submit(ready)
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _processors() -> int:
    """The processors this process may run on: a container or a task set may allow fewer
    than the machine has (`os.cpu_count`), and a worker per missing one would only cost."""
    if hasattr(os, "sched_getaffinity"):  # Linux; elsewhere Python 3.11 tells only the total
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _make_copies(
    exporter: _CopyExporter,
    targets: list[tuple[str, Path]],
    pool: ProcessPoolExecutor | None,
    ran: list[Path],
    progress: Progress | None,
) -> list[WrittenCopy]:
    """Every copy of `targets` (agency, path), in the order asked for; `ran` gets the path
    of each job that ran, so that the caller can delete every file of the export if any
    copy fails.

    Paragraphs are shared between the copies made in one process (minutes/paragraphs.py).
    In a pool each job goes to the workers as soon as it is made, the biggest copies first
    (so that the last one to finish is a small one), and the first failure cancels the
    copies not yet started and waits for those under way (they may still write their file)
    before it is raised."""
    jobs: dict[int, CopyJob] = {}
    written: dict[int, WrittenCopy] = {}

    def done(index: int, outcome: Outcome) -> None:
        written[index] = exporter.finish(jobs[index], outcome)
        if progress is not None:
            progress(len(written), len(targets))

    if pool is None:
        with making_here() as make:
            for index, (agency, path) in enumerate(targets):
                jobs[index] = exporter.job(agency, path)
                ran.append(path)
                done(index, make(jobs[index]))
        return [written[i] for i in range(len(targets))]
    order = sorted(range(len(targets)), key=lambda index: -exporter.entries(targets[index][0]))
    futures: dict[Future[Outcome], int] = {}
    try:
        for index in order:
            jobs[index] = exporter.job(*targets[index])
            futures[pool.submit(make_copy, jobs[index])] = index
        for future in as_completed(futures):
            done(futures[future], future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        ran += [jobs[i].path for future, i in futures.items() if not future.cancelled()]
    return [written[i] for i in range(len(targets))]


def _keep_password(conference: Conference, written: WrittenCopy) -> WrittenCopy:
    """Only once every copy passed: a failed export leaves no password behind."""
    if written.password is None:
        return written
    account = keychain_account(conference.id, written.entry.agency, written.entry.copy_id)
    return replace(written, in_keychain=keep_in_keychain(account, written.password))


def find_conference(session: Session, conference_id: str) -> Conference:
    conference = session.conference(conference_id)
    if conference is None:
        raise _no_such_conference(session, conference_id)
    return conference


def _no_such_conference(session: Session, conference_id: str) -> MinutesError:
    known = session.conference_ids()
    return MinutesError(
        f'{session.path}: no conference "{conference_id}" in this case file'
        f"{did_you_mean(conference_id, known)}."
    )


def _check_agencies(protocol: Protocol, agencies: tuple[str, ...]) -> None:
    known = [a.id for a in protocol.agencies]
    if COMMON in agencies and COMMON in known:
        raise MinutesError(
            f'the protocol has an agency "{COMMON}", so no common copy can be named apart '
            "from its copy; rename that agency's id to make a common copy."
        )
    for agency in agencies:
        if agency not in (CHAIR, COMMON) and agency not in known:
            raise MinutesError(
                f'unknown agency "{agency}"{did_you_mean(agency, [*known, CHAIR, COMMON])}; '
                "the protocol's agencies are: " + ", ".join(known) + "."
            )
    if not agencies:
        raise MinutesError("no agency to write minutes for.")


def _check_free(paths: list[Path]) -> None:
    """Refuse before writing anything, rather than stop halfway through the agencies; make
    the folder if it is missing."""
    folder = paths[0].parent
    if folder.exists() and not folder.is_dir():
        raise MinutesError(f"{folder}: is a file, not a folder (nothing was written).")
    for path in paths:
        if path.exists() or path.is_symlink():
            raise MinutesError(
                f"{path}: already exists; minutes are never written over an earlier copy. "
                "Choose another folder or move the old files away (nothing was written)."
            )
    try:
        make_private_folder(folder)
    except OSError as error:
        raise MinutesError(
            f"{folder}: the folder cannot be made ({error.strerror}); nothing was written."
        ) from None


@dataclass
class _CopyExporter:
    session: Session
    views: ConferenceViews
    request: MinutesRequest
    kept: dict[str, int]
    """How many of the free-text check's mentions the chair kept, by agency."""

    def __post_init__(self) -> None:
        self.conference = self.views.conference
        self.protocol = self.views.protocol
        self.distribution = tuple(
            self.protocol.agency_name(a) for a in distribution(self.conference)
        )
        self.agency_views = self.views.agency_views(
            [a for a in self.request.agencies if a not in (CHAIR, COMMON)]
        )

    def job(self, agency: str, path: Path) -> CopyJob:
        """The copy's view (through `views/`, the one door) and what its check searches for
        (every value withheld from the agency, in every form it may be drawn in; the chair's
        copy withholds nothing)."""
        chair = agency == CHAIR
        view = self._view(agency)
        recipient = "The chair" if chair else self.protocol.agency_name(agency)
        line = CHAIR_LINE if chair else f"Prepared for: {recipient}"
        if agency == COMMON:
            names = ", ".join(self.protocol.agency_name(a) for a in view.audience.sorted())
            recipient, line = f"{COMMON_RECIPIENT}: {names}", f"Prepared for: {COMMON_RECIPIENT}"
        copy = Copy(
            recipient,
            self.distribution,
            self.views.earlier,
            chair=chair,
            last_heard=tuple(sorted(self.views.last_heard.items())),
            due_not_heard=self._due_not_heard() if chair else (),
            progress=tuple(sorted(self.views.latest_updates(view).items())),
        )
        furniture = Furniture(self.protocol.marking, line, self._copy_id(agency, view))
        withheld = [] if chair else self.views.withheld_values(view)
        forms = [
            (form, index) for index, value in enumerate(withheld) for form in drawn_forms(value)
        ]
        return CopyJob(
            agency,
            path,
            view,
            self.protocol,
            copy,
            furniture,
            self.request.reproducible,
            new_password() if self.request.password else None,
            needles=tuple(form for form, _ in forms),
            owners=tuple(index for _, index in forms),
        )

    def entries(self, agency: str) -> int:
        """Items and actions in the agency's copy: what its layout and check time grow with."""
        return sum(len(case.items) + len(case.actions) for case in self._view(agency).cases)

    def _view(self, agency: str) -> ConferenceView:
        """The copy's view (through `views/`, the one door), made once."""
        view = self.agency_views.get(agency)
        if view is None:
            if agency == CHAIR:
                audience = Audience.chair()
            elif agency == COMMON:
                audience = self._everyone_present()
            else:
                audience = Audience.of([agency])
            view = self.agency_views[agency] = self.views.view(audience)
        return view

    def _everyone_present(self) -> Audience:
        """Every agency present, including those that left early (they receive the minutes
        too); never the observers, who receive none. An entry is in the common copy only
        if every one of them may see it."""
        room = room_audience(self.conference, frozenset({OBSERVER}))
        if not room.agencies:
            raise MinutesError(
                "no agency was present at this meeting, so there is no common copy to make "
                "(nothing was written)."
            )
        return room

    def _due_not_heard(self) -> tuple[tuple[str, date], ...]:
        """The open cases off the agenda that reached 12 months since their last hearing:
        the chair's copy names them (by reference: the chair sees everything)."""
        due = self.session.due_for_review(self.conference.id)
        return tuple((c.reference, c.last_heard) for c in due if c.last_heard is not None)

    def _copy_id(self, agency: str, view: ConferenceView) -> str:
        """Random for each copy; with `reproducible`, derived from what the copy holds, so
        that the same input gives the same bytes."""
        if not self.request.reproducible:
            return secrets.token_hex(4).upper()
        seed = "\n".join((self.conference.id, agency, self.protocol.sha256, repr(view)))
        return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8].upper()

    def finish(self, job: CopyJob, outcome: Outcome) -> WrittenCopy:
        """The written copy, or the audited failure of its check."""
        path, agency = job.path, job.agency
        if outcome.unreadable is not None:
            self.session.record(
                "minutes-leak",
                {"conference": self.conference.id, "agency": agency, "file": path.name,
                 "values": None, "where": ["the file could not be read back"]},
            )  # fmt: skip
            from mara_desktop.minutes.leak_check import LeakCheckError  # noqa: PLC0415  (copy_job.py)

            raise LeakCheckError(outcome.unreadable)
        if outcome.leaks:
            self._leaked(job, outcome.leaks)
        entry = ManifestEntry(
            path.name,
            agency,
            outcome.sha256,
            outcome.pages,
            job.furniture.copy_id,
            job.password is not None,
            printed_references(job.view, job.copy.earlier_conferences),
            check_result(self.kept.get(agency, 0)),
        )
        return WrittenCopy(path, entry, job.password)

    def _leaked(self, job: CopyJob, leaks: tuple[Leak, ...]) -> NoReturn:
        places = sorted({leak.where for leak in leaks})
        values = len({job.owners[leak.value_index] for leak in leaks})
        self.session.record(
            "minutes-leak",
            {
                "conference": self.conference.id,
                "agency": job.agency,
                "file": job.path.name,
                "values": values,
                "where": places,
            },
        )
        raise LeakFound(
            f"{job.path.name}: the leak check found {values} "
            f"value(s) withheld from {job.agency} in the PDF ({', '.join(places[:3])}). Every "
            "file of this export was deleted. A shared item may quote something withheld (such "
            "as a name): review the case's items, or report a bug."
        )
