"""Exporting a conference's minutes: one PDF per agency, each checked for leaks when written.

For each recipient the view is built through `views/` (the only door to case data), laid
out, optionally encrypted, and written atomically (temporary file in the destination
folder, then a link to its final name: never over an existing file). The written bytes are
then read back by the independent leak scanner, searching for every value withheld from
that agency. A finding deletes every file this export wrote, is audited (ids and places
only, never the value), and fails the export: minutes are all checked or none are kept.

File names hold the meeting's date and the agency's id, nothing else: a folder listing or
an e-mail attachment must not reveal a name or a case reference.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from mara_desktop.atomic import write_atomically
from mara_desktop.domain import CHAIR, OBSERVER, AttendanceStatus, Audience, Case, Conference
from mara_desktop.errors import MaraError, did_you_mean
from mara_desktop.minutes.document import Copy, minutes_story
from mara_desktop.minutes.leak_check import LeakCheckError, find_leaks
from mara_desktop.minutes.manifest import NAME, ManifestEntry, manifest_data, write_manifest
from mara_desktop.minutes.protect import encrypt, keep_in_keychain, keychain_account, new_password
from mara_desktop.minutes.render import Furniture, RenderedCopy, render
from mara_desktop.minutes.text import drawn_forms
from mara_desktop.store.casefile import CaseFile
from mara_desktop.views import ViewBuilder, conference_view
from mara_desktop.views.withheld import withheld_values

CHAIR_LINE = "CHAIR'S COPY — NOT FOR DISTRIBUTION"


class MinutesError(MaraError):
    """The minutes cannot be made as asked; nothing was written."""


class LeakFound(MinutesError):
    """A copy held a value withheld from its reader; every file of the export was deleted."""


@dataclass(frozen=True)
class MinutesRequest:
    conference_id: str
    agencies: tuple[str, ...]
    """Agency ids, and `chair` for the chair's copy."""
    out: Path
    reproducible: bool = False
    password: bool = False


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


def export_minutes(
    case_file: CaseFile, request: MinutesRequest, *, progress: Progress | None = None
) -> MinutesResult:
    conference = find_conference(case_file, request.conference_id)
    _check_agencies(case_file, request.agencies)
    targets = {a: request.out / file_name(conference, a) for a in request.agencies}
    _check_free([*targets.values(), request.out / NAME])
    cases = {case.id: case for case in case_file.cases(list(conference.agenda))}
    earlier = frozenset(c.id for c in case_file.conferences() if c.date < conference.date)
    result = MinutesResult()
    exporter = _CopyExporter(case_file, conference, cases, earlier, request)
    try:
        for agency, path in targets.items():
            result.copies.append(exporter.write(agency, path))
            if progress is not None:
                progress(len(result.copies), len(targets))
        entries = [c.entry for c in result.copies]
        data = manifest_data(conference.id, case_file.protocol, entries)
        write_manifest(request.out / NAME, data)
        result.manifest = request.out / NAME
    except BaseException:
        for written in result.copies:
            with contextlib.suppress(FileNotFoundError):
                written.path.unlink()
        raise
    result.copies = [_keep_password(conference, c) for c in result.copies]
    case_file.record(
        "minutes",
        {
            "conference": conference.id,
            "agencies": list(request.agencies),
            "files": [c.path.name for c in result.copies],
            "reproducible": request.reproducible,
            "encrypted": request.password,
        },
    )
    return result


def _keep_password(conference: Conference, written: WrittenCopy) -> WrittenCopy:
    """Only once every copy passed: a failed export leaves no password behind."""
    if written.password is None:
        return written
    account = keychain_account(conference.id, written.entry.agency, written.entry.copy_id)
    return replace(written, in_keychain=keep_in_keychain(account, written.password))


def find_conference(case_file: CaseFile, conference_id: str) -> Conference:
    conference = case_file.conference(conference_id)
    if conference is None:
        known = case_file.conference_ids()
        raise MinutesError(
            f'{case_file.path}: no conference "{conference_id}" in this case file'
            f"{did_you_mean(conference_id, known)}."
        )
    return conference


def _check_agencies(case_file: CaseFile, agencies: tuple[str, ...]) -> None:
    known = [a.id for a in case_file.protocol.agencies]
    for agency in agencies:
        if agency != CHAIR and agency not in known:
            raise MinutesError(
                f'unknown agency "{agency}"{did_you_mean(agency, [*known, CHAIR])}; '
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
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MinutesError(
            f"{folder}: the folder cannot be made ({error.strerror}); nothing was written."
        ) from None


@dataclass
class _CopyExporter:
    case_file: CaseFile
    conference: Conference
    cases: Mapping[str, Case]
    earlier: frozenset[str]
    request: MinutesRequest

    def __post_init__(self) -> None:
        self.protocol = self.case_file.protocol
        self.builder = ViewBuilder(self.protocol)
        self.distribution = tuple(
            self.protocol.agency_name(a) for a in distribution(self.conference)
        )

    def write(self, agency: str, path: Path) -> WrittenCopy:
        rendered, copy_id = self._render(agency)
        password = new_password() if self.request.password else None
        pdf = encrypt(rendered.pdf, password) if password else rendered.pdf

        def fill(temp: Path) -> None:
            temp.write_bytes(pdf)

        write_atomically(path, fill)
        on_disk = path.read_bytes()
        self._check(path, on_disk, agency, password)
        digest = hashlib.sha256(on_disk).hexdigest()
        entry = ManifestEntry(path.name, agency, digest, rendered.pages, copy_id, bool(password))
        return WrittenCopy(path, entry, password)

    def _render(self, agency: str) -> tuple[RenderedCopy, str]:
        chair = agency == CHAIR
        audience = Audience.chair() if chair else Audience.of([agency])
        view = conference_view(self.builder, self.conference, self.cases, audience)
        recipient = "The chair" if chair else self.protocol.agency_name(agency)
        copy = Copy(recipient, self.distribution, self.earlier, chair=chair)
        copy_id = self._copy_id(agency, repr(view))
        line = CHAIR_LINE if chair else f"Prepared for: {recipient}"
        furniture = Furniture(self.protocol.marking, line, copy_id)
        story = minutes_story(view, self.protocol, copy)
        return render(story, furniture, reproducible=self.request.reproducible), copy_id

    def _copy_id(self, agency: str, fingerprint: str) -> str:
        """Random for each copy; with `reproducible`, derived from what the copy holds, so
        that the same input gives the same bytes."""
        if not self.request.reproducible:
            return secrets.token_hex(4).upper()
        seed = "\n".join((self.conference.id, agency, self.case_file.protocol.sha256, fingerprint))
        return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8].upper()

    def _check(self, path: Path, pdf: bytes, agency: str, password: str | None) -> None:
        """Search the bytes read back from disk for every value withheld from the agency, in
        every form it may be drawn in (the chair's copy withholds nothing)."""
        withheld = []
        if agency != CHAIR:
            withheld = withheld_values(self.builder, self.conference, self.cases, agency)
        needles: list[str] = []
        owners: list[int] = []
        for index, value in enumerate(withheld):
            for form in drawn_forms(value):
                needles.append(form)
                owners.append(index)
        try:
            leaks = find_leaks(pdf, needles, password=password)
        except LeakCheckError:
            path.unlink()
            self.case_file.record(
                "minutes-leak",
                {"conference": self.conference.id, "agency": agency, "file": path.name,
                 "values": None, "where": ["the file could not be read back"]},
            )  # fmt: skip
            raise
        if not leaks:
            return
        path.unlink()
        places = sorted({leak.where for leak in leaks})
        values = len({owners[leak.value_index] for leak in leaks})
        self.case_file.record(
            "minutes-leak",
            {
                "conference": self.conference.id,
                "agency": agency,
                "file": path.name,
                "values": values,
                "where": places,
            },
        )
        raise LeakFound(
            f"{path.name}: the leak check found {values} "
            f"value(s) withheld from {agency} in the PDF ({', '.join(places[:3])}). Every file "
            "of this export was deleted. A shared item may quote something withheld (such as "
            "a name): review the case's items, or report a bug."
        )
