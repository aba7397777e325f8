"""The open case file as one object: the door every screen, export and command goes through.

A `Session` opens (or creates) one case file and is, until it closes, the only way to it
for whatever lies above the store: it hands out views built by `views/` for an audience
(reading.py), takes every change, checked by the record rules and audited (edits.py), and
keeps the file safe (its soundness, backups, restoring, the keychain, the audit log). No
raw case leaves it: a screen that needs a case's people or consent history asks for the
chair's view of it. Anki's `Collection` plays this part for its screens.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Self

from mara_desktop.errors import MaraError
from mara_desktop.interchange.document import read_import
from mara_desktop.interchange.writer import write_interchange
from mara_desktop.protocol.model import Protocol
from mara_desktop.session.accountability import Accountability
from mara_desktop.session.action_logs import ActionLogs
from mara_desktop.session.agenda import AgendaEdits
from mara_desktop.session.closing import Closing
from mara_desktop.session.corrections import Corrections
from mara_desktop.session.edits import Edits
from mara_desktop.session.meeting import Meeting
from mara_desktop.session.reading import Reading
from mara_desktop.session.referrals import Referrals
from mara_desktop.session.subject_access import SubjectAccessRequests
from mara_desktop.session.transfer import Transfers
from mara_desktop.store import audit, repository
from mara_desktop.store.audit import Anchor, AuditRecord, Head
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.importer import ImportReport, import_document
from mara_desktop.store.page_check import Soundness
from mara_desktop.store.restore import Restored, restore
from mara_desktop.store.verification import VerifyReport


class Session(
    Reading,
    Edits,
    Referrals,
    AgendaEdits,
    ActionLogs,
    Closing,
    Corrections,
    Accountability,
    Transfers,
    SubjectAccessRequests,
):
    """One open case file; `close` (or leaving a `with` block) forgets its key. Made by
    `open` or `create`; a case file already open in the store (a test's, a benchmark's)
    can be given the same door by passing it in."""

    def __init__(self, case_file: CaseFile) -> None:
        self._file = case_file

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        passphrase: str | None = None,
        actor: str | None = None,
        today: date | None = None,
        read_only: bool = False,
    ) -> Self:
        """Open with the passphrase, or with the key this computer remembers. `read_only`
        writes nothing at all, not even the record of opening it (verify, restore)."""
        opened = CaseFile.open(
            path, passphrase=passphrase, actor=actor, today=today, read_only=read_only
        )
        return cls(opened)

    @classmethod
    def create(
        cls, path: Path, passphrase: str, protocol_text: str, *, actor: str | None = None
    ) -> Self:
        """A new case file under the protocol; refuses an existing path and a weak
        passphrase."""
        return cls(CaseFile.create(path, passphrase, protocol_text, actor=actor))

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._file.is_open

    @property
    def path(self) -> Path:
        return self._file.path

    @property
    def warnings(self) -> list[str]:
        """What the chair must be told about the file since it opened (a protocol past its
        review, a file others could read, audit records missing since last time)."""
        return self._file.warnings

    @property
    def protocol(self) -> Protocol:
        return self._file.protocol

    @property
    def file_id(self) -> str:
        """The file's random identity; backups share it."""
        return self._file.file_id

    def meeting(self, conference_id: str) -> Meeting | None:
        """The conference, to be walked case by case; None when the file has no such one."""
        conference = self.conference(conference_id)
        return None if conference is None else Meeting(self, conference)

    def replace_protocol(self, new: Protocol) -> None:
        """Govern the file by another protocol from now on (the old one stays in its
        history); refused when the file names what the new one does not define."""
        self._file.replace_protocol(new)

    # -- keeping the file safe -----------------------------------------------------------

    def soundness(self, *, wait: bool = False) -> Soundness:
        """Whether the check of every page, begun on opening, found the file sound."""
        return self._file.soundness(wait=wait)

    def ensure_sound(self) -> None:
        """Wait for the page check; refuse a damaged file; record the opening."""
        self._file.ensure_sound()

    def changed_elsewhere(self) -> bool:
        """True, once, after another program committed a change to the file."""
        return self._file.changed_elsewhere()

    def verify(self, against: Sequence[Anchor] = ()) -> VerifyReport:
        """Every page, the structure, the audit chain and its witnesses; writes nothing."""
        return self._file.verify(against)

    def anchor_of_copy(self, path: Path) -> Anchor | None:
        """The newest audit record of a backup of this file (opened with this file's key,
        read only): a witness that the file held the log up to it."""
        with self._file.open_copy(path, read_only=True) as copy:
            return copy.anchor()

    def backup(self, dest: Path) -> Head | None:
        """An encrypted copy, opening with the same passphrase; its newest audit record."""
        return self._file.backup(dest)

    def restore_to(self, dest: Path) -> Restored:
        """This session, opened read only on a backup, becomes the case file at `dest`;
        what stood there is set aside."""
        return restore(self._file, dest)

    def change_passphrase(self, new_passphrase: str) -> None:
        self._file.change_passphrase(new_passphrase)

    def remember_on_this_device(self) -> None:
        """Keep the file's key in this computer's keychain (KeyUnavailable without one)."""
        self._file.remember_on_this_device()

    def remember_or_warn(self) -> None:
        """Remember the key here; a keychain that refuses is no reason to stay locked out:
        the file stays open and `warnings` says why it was not remembered."""
        try:
            self.remember_on_this_device()
        except MaraError as error:
            self.warnings.append(
                f"The key could not be kept in this computer's keychain ({error}); "
                "type the passphrase next time."
            )

    # -- the audit log -------------------------------------------------------------------

    def record(self, action: str, details: Mapping[str, object]) -> None:
        """An audit record of its own; ids only, never values."""
        self._file.record(action, details)

    def record_each(self, action: str, each: Iterable[Mapping[str, object]]) -> None:
        """An audit record for each of `each` (ids only), all kept or none."""
        self._file.record_each(action, each)

    @contextlib.contextmanager
    def recording(self, action: str, details: Mapping[str, object]) -> Iterator[Head]:
        """An audit record kept only if the block succeeds; the block gets it as the log's
        new head, to write down outside the file (a minutes manifest)."""
        with self._file.recording(action, details) as newest:
            yield newest

    def audit_records(self) -> list[AuditRecord]:
        """The whole log, oldest first: who did what to which ids, never a value."""
        with self._file.reading() as conn:
            return audit.records(conn)

    # -- whole files in and out ----------------------------------------------------------

    def import_interchange(self, data: Path, *, update: bool) -> ImportReport:
        """An interchange file read, checked by the record rules and written in one
        transaction (all or nothing), and audited."""
        document = read_import(data, self.protocol, self._file, update=update)
        report = import_document(self._file, document, update=update)
        self._views = None  # the file may have taken the document's key of action references
        return report

    def export_interchange(self, out: Path) -> tuple[int, int]:
        """Every case and conference to an interchange file, all as of one moment, and
        audited; returns how many cases and conferences were written."""
        case_file = self._file
        with case_file.snapshot():
            conferences = case_file.conferences()
            batches = case_file.case_batches()
            cases = write_interchange(
                out, conferences, chain.from_iterable(batches), case_file.action_reference_key
            )
        case_file.record(
            "export", {"file": out.name, "cases": cases, "conferences": len(conferences)}
        )
        return cases, len(conferences)

    def names_and_references(self) -> list[str]:
        """Every case reference and person's name in the file: what a document meant to
        hold no case data (a notice) is searched for before it is written."""
        with self._file.reading() as conn:
            return repository.names_and_references(conn)
