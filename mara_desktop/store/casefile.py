"""The case file: one SQLCipher file holding a MARAC's cases, protocol and audit log.

`CaseFile` is the handle every command and screen uses; it knows the file's key only while
open, and writes an audit record with every change it makes. Services that read the file
for an audience go through `views/`, never straight to these tables.
"""

from __future__ import annotations

import contextlib
import hmac
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Self

from mara_desktop.atomic import make_owner_only, write_atomically
from mara_desktop.domain import Case, CaseFileContent, Conference
from mara_desktop.domain.action_update import ActionUpdate
from mara_desktop.protocol.compat import unknown_ids
from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.loader import parse_protocol
from mara_desktop.protocol.model import Protocol
from mara_desktop.store import action_log, audit, keychain, repository, schema
from mara_desktop.store.audit import Head
from mara_desktop.store.backup import BACKUP_MARK, write_backup
from mara_desktop.store.connection import (
    Connection,
    DatabaseError,
    apply_key,
    check_can_open,
    connect,
    data_version,
    read_salt,
    unlock,
)
from mara_desktop.store.errors import (
    CaseFileError,
    DamagedCaseFile,
    KeyUnavailable,
    WrongPassphrase,
    write_failed,
)
from mara_desktop.store.page_check import PageCheck, Soundness
from mara_desktop.store.passphrase import check_strength, derive_key, new_salt
from mara_desktop.store.raw_pages import PAGE_SIZE, texts_in_pages
from mara_desktop.store.verification import VerifyReport, verify
from mara_desktop.store.witness import KeychainWitness

SUFFIX = ".mara"


class CaseFile:
    """An open case file.

    Opened to be changed, it checks every page in the background (store/page_check.py) and
    the first write waits for that check: a damaged file is never written to. Its opening
    is recorded in the audit log with that first write (or when it closes), so that opening
    a damaged file changes nothing. Opened `read_only`, it writes nothing at all: its bytes
    are the same afterwards, which is what `verify` and a restore need.
    """

    def __init__(
        self,
        path: Path,
        conn: Connection,
        key: bytes,
        salt: bytes,
        actor: str,
        *,
        read_only: bool = False,
    ) -> None:
        self.path = path
        self.actor = actor
        self.warnings: list[str] = []
        self._conn: Connection | None = conn
        self._key = key
        self._salt = salt
        self._protocol: Protocol | None = None
        self._read_only = read_only
        self._page_check: PageCheck | None = None
        self._opening_recorded = read_only
        self._witness = KeychainWitness(salt, None)
        self._backup: bool | None = None
        """Whether the file is a backup (store/backup.py); None until it proved a case file."""
        self._data_version = 0

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, passphrase: str, protocol_text: str, *, actor: str | None = None
    ) -> Self:
        """A new case file; refuses an existing path and a weak passphrase. The file is made
        under a temporary name and takes its own only when complete, so a full disk or a
        crash leaves nothing behind that would block the next try."""
        if path.exists() or path.is_symlink():
            raise CaseFileError(f"{path}: already exists; a new case file needs a new name.")
        if not path.parent.is_dir():
            raise CaseFileError(f"{path.parent}: no such folder.")
        check_strength(passphrase)
        protocol = parse_protocol(protocol_text, "protocol")
        salt = new_salt()
        key = derive_key(passphrase, salt)
        actor = actor or audit.current_actor()

        def build(temp: Path) -> None:
            conn = connect(temp)
            try:
                apply_key(conn, key, salt)
                conn.execute("BEGIN IMMEDIATE")
                schema.fill_new(conn, protocol_text, protocol.id, actor)
                conn.execute("COMMIT")
            except DatabaseError as error:
                raise write_failed(path, error, "nothing was created") from None
            finally:
                conn.close()

        write_atomically(path, build)
        case_file = cls(path, unlock(path, key), key, salt, actor)
        case_file._opening_recorded = True  # its "create" record says it
        case_file._backup = False
        case_file._protocol = protocol
        case_file._data_version = data_version(case_file.connection)
        return case_file

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        passphrase: str | None = None,
        key: bytes | None = None,
        actor: str | None = None,
        today: date | None = None,
        read_only: bool = False,
    ) -> Self:
        """Open with a passphrase, a raw key, or the key remembered in the keychain."""
        check_can_open(path, writable=not read_only)
        salt = read_salt(path)
        if passphrase is not None and key is None:
            key, remembered = _derive_while_asking_keychain(passphrase, salt)
        else:
            remembered = keychain.recall(salt)
            key = key if key is not None else cls._remembered_key(path, remembered)
        conn = unlock(path, key, read_only=read_only)
        case_file = cls(path, conn, key, salt, actor or audit.current_actor(), read_only=read_only)
        case_file._witness = KeychainWitness(salt, remembered)
        try:
            with case_file.reading():
                case_file._prepare(today or date.today())
        except BaseException:
            case_file.close()
            raise
        return case_file

    @staticmethod
    def _remembered_key(path: Path, remembered: keychain.Remembered | None) -> bytes:
        if remembered is None:
            raise KeyUnavailable(
                f"{path}: no passphrase was given and this computer does not remember the "
                "file's key. Give the passphrase."
            )
        return remembered.key

    def _prepare(self, today: date) -> None:
        conn = self.connection
        version = schema.file_version(conn)
        is_ours = (
            version > 0
            and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        )
        if not is_ours or self._meta("format") != schema.FORMAT_NAME:
            raise CaseFileError(f"{self.path}: is an encrypted database, but not a MARA case file.")
        if version > schema.current_version():
            raise CaseFileError(
                f"{self.path}: was made by a newer MARA Desktop (file format {version}; this "
                f"version reads up to {schema.current_version()}). Update MARA Desktop to open it."
            )
        self._backup = self._meta(BACKUP_MARK) is not None
        if not self._backup:
            warning = self._witness.check(conn, self.path.name)
            if warning:
                self.warnings.append(warning)
        if not self._read_only:
            self._keep_to_owner()
            self._page_check = PageCheck(self.path, self._key)
            if version < schema.current_version():
                self._migrate(version)
        self._protocol = self._load_protocol()
        self._data_version = data_version(conn)
        if self._protocol.is_past_review(today):
            self.warnings.append(
                f'The protocol "{self._protocol.name}" (version {self._protocol.version}) was '
                f"due for review by {self._protocol.review_by:%d %B %Y}. Ask the MARAC steering "
                "group for the reviewed version."
            )

    def _keep_to_owner(self) -> None:
        """A file made by an earlier version, or copied in, may be readable by others."""
        opened_up = [make_owner_only(p) for p in side_files(self.path) if p.exists()]
        if any(opened_up):
            self.warnings.append(
                f"{self.path.name} could be read by other accounts on this computer; it is now "
                "readable only by you. Check who could have copied it, and any backups."
            )

    def _migrate(self, version: int) -> None:
        self.ensure_sound()
        backup = self.path.with_name(f"{self.path.stem}.format{version}-backup{SUFFIX}")
        counter = 1
        while backup.exists():
            counter += 1
            backup = self.path.with_name(
                f"{self.path.stem}.format{version}-backup-{counter}{SUFFIX}"
            )
        self.backup(backup, audited=False)
        with self.transaction():
            schema.migrate(self.connection, version)
            audit.append(
                self.connection,
                self.actor,
                "migrate",
                {"from": version, "to": schema.current_version(), "backup": backup.name},
            )

    def close(self) -> None:
        """Record the opening if nothing else did, leave the newest record with the
        keychain when the key is remembered here, and forget the key."""
        if self._conn is None:
            return
        try:
            with contextlib.suppress(CaseFileError):  # closing must always close
                if self._page_check is not None and not self._opening_recorded:
                    self.ensure_sound()
                if self._backup is False and not self._read_only:
                    with self.reading() as conn:
                        self._witness.leave(conn, self._key)
        finally:
            if self._page_check is not None:
                self._page_check.stop()
            self._conn.close()
            self._conn = None
            self._key = b""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> Connection:
        if self._conn is None:
            raise CaseFileError(f"{self.path}: the case file is closed (locked).")
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    # -- soundness, transactions and errors ----------------------------------------------

    def soundness(self, *, wait: bool = False) -> Soundness:
        """Whether the page check found the file sound (SOUND for a file made here)."""
        if self._page_check is None:
            return Soundness.SOUND
        return self._page_check.state(wait=wait)

    def ensure_sound(self) -> None:
        """Before the first write: wait for the page check and refuse a damaged file (exit
        3, nothing written); then record the opening."""
        if self._read_only:
            raise CaseFileError(f"{self.path}: was opened only to be read; nothing was changed.")
        if self._opening_recorded:
            return
        if self.soundness(wait=True) is Soundness.DAMAGED:
            failing = self._page_check.failing if self._page_check else 0
            pages = self.path.stat().st_size // PAGE_SIZE
            raise DamagedCaseFile(self.path, f"{failing} of {pages} pages fail their check")
        self._opening_recorded = True
        with self._writing() as conn:
            audit.append(conn, self.actor, "open", {})

    def changed_elsewhere(self) -> bool:
        """True, once, after another program (another window, the command line) committed
        a change to the file since this was last asked."""
        with self.reading() as conn:
            version = data_version(conn)
        changed, self._data_version = version != self._data_version, version
        return changed

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing write; a failure of the disk or the file becomes a sentence."""
        self.ensure_sound()
        with self._writing() as conn:
            yield conn

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
            if isinstance(error, DatabaseError):
                raise write_failed(self.path, error, "nothing was changed") from None
            raise

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """Reads that meet a damaged page report it as damage, not as a traceback."""
        try:
            yield self.connection
        except DatabaseError as error:
            raise write_failed(self.path, error, "nothing was changed") from None

    def record(self, action: str, details: Mapping[str, object]) -> None:
        """An audit record of its own; ids only, never values."""
        self.record_each(action, [details])

    def record_each(self, action: str, each: Iterable[Mapping[str, object]]) -> None:
        """An audit record for each of `each`, all kept or none: one transaction, where a
        transaction each cost a sync of the file apiece (0.3 ms; an export keeping 14,000
        mentions spent 5 s on them). None at all writes nothing."""
        records = list(each)
        if not records:
            return
        with self.transaction() as conn:
            for details in records:
                audit.append(conn, self.actor, action, details)

    @contextlib.contextmanager
    def recording(self, action: str, details: Mapping[str, object]) -> Iterator[Head]:
        """An audit record kept only if the caller's block succeeds; the block gets the
        record as the log's new head, to write down outside the file (a manifest)."""
        with self.transaction() as conn:
            audit.append(conn, self.actor, action, details)
            newest = audit.head(conn)
            if newest is None:  # an append always leaves a head
                raise DamagedCaseFile(self.path, "its audit log cannot be read")
            yield newest

    @property
    def is_backup(self) -> bool:
        """Made by `backup` (store/backup.py): it lacks, rightly, what came after."""
        return self._backup is not False

    def record_restore(self, details: Mapping[str, object]) -> None:
        """This copy of a backup is the case file from now on: it loses the backup's mark,
        and the keychain's witness moves to it (records newer than the backup are, knowingly,
        only in the file it replaced)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM meta WHERE key = ?", (BACKUP_MARK,))
            audit.append(conn, self.actor, "restored", details)
        self._backup = False
        self._witness.restored()

    @property
    def file_id(self) -> str:
        """The file's random identity, made when it was created; backups share it."""
        with self.reading():
            return self._meta("file_id") or ""

    @property
    def action_reference_key(self) -> bytes | None:
        """The key of the actions' printed references (domain/action_reference.py), made
        when the file reached format 5 and never changed; None in a file of an older
        format opened only to be read (it is not brought up to date)."""
        with self.reading():
            value = self._meta(schema.ACTION_KEY)
        return None if value is None else bytes.fromhex(value)

    def action_updates(
        self, case_id: str | None = None
    ) -> dict[tuple[str, str], list[ActionUpdate]]:
        """Every progress report on an action (of the case `case_id` alone, when given), per
        (case id, action id), oldest first."""
        with self.reading() as conn:
            return action_log.read_updates(conn, case_id)

    def action_keys(self) -> list[tuple[str, str]]:
        """Every action's (case id, action id)."""
        with self.reading() as conn:
            return action_log.action_keys(conn)

    def actions_named(self, name: str) -> list[tuple[str, str]]:
        """The (case id, action id) of each action whose "CASE/ACTION" form is `name`."""
        with self.reading() as conn:
            return action_log.actions_named(conn, name)

    def add_action_updates(
        self, updates: Sequence[ActionUpdate], details: Mapping[str, object]
    ) -> None:
        """Progress reports, all or none, with their audit record; each action's status
        becomes its newest report's."""
        with self.transaction() as conn:
            action_log.add_updates(conn, updates)
            audit.append(conn, self.actor, "action-update", details)

    def anchor(self) -> audit.Anchor | None:
        """The log's newest record, named with the file it belongs to."""
        with self.reading() as conn:
            newest = audit.head(conn)
        return audit.Anchor(self.path.name, self.file_id, newest) if newest else None

    # -- protocol ------------------------------------------------------------------------

    @property
    def protocol(self) -> Protocol:
        if self._protocol is None:
            self._protocol = self._load_protocol()
        return self._protocol

    def _load_protocol(self) -> Protocol:
        with self.reading() as conn:
            row = conn.execute("SELECT text FROM protocol ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            raise DamagedCaseFile(self.path, "it holds no protocol")
        try:
            return parse_protocol(row[0], "the case file's protocol")
        except ProtocolError as error:
            raise DamagedCaseFile(self.path, f"its protocol is invalid: {error}") from None

    def replace_protocol(self, new: Protocol) -> None:
        """Govern the file by another protocol from now on; the old one stays in the file's
        history, and minutes record which protocol they were made under."""
        problems = unknown_ids(new, self.content())
        if problems:
            raise ProtocolError(
                f"{self.path}: the new protocol cannot govern this case file: {problems[0]}, "
                "but the new protocol does not define it.",
                details=tuple(f"{p}, but the new protocol does not define it" for p in problems),
            )
        old = self.protocol
        with self.transaction() as conn:
            self._store_protocol(new.source_text)
            audit.append(
                conn,
                self.actor,
                "protocol-set",
                {
                    "from": {"id": old.id, "version": old.version, "sha256": old.sha256},
                    "to": {"id": new.id, "version": new.version, "sha256": new.sha256},
                },
            )
        self._protocol = new

    def _store_protocol(self, text: str) -> None:
        schema.insert_protocol(self.connection, text, self.actor)

    def _meta(self, name: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    # -- content -------------------------------------------------------------------------

    def content(self) -> CaseFileContent:
        with self.reading() as conn:
            return repository.read_content(conn)

    def cases(self, case_ids: list[str] | None = None, *, whole: bool = True) -> list[Case]:
        """`whole` False: without their information and repeats (repository.read_cases)."""
        with self.reading() as conn:
            return repository.read_cases(conn, case_ids, whole=whole)

    def case(self, case_id: str) -> Case | None:
        found = self.cases([case_id])
        return found[0] if found else None

    def conferences(self) -> list[Conference]:
        with self.reading() as conn:
            return repository.read_conferences(conn)

    def conference(self, conference_id: str) -> Conference | None:
        with self.reading() as conn:
            found = repository.read_conferences(conn, conference_id)
        return found[0] if found else None

    def case_batches(self) -> Iterator[list[Case]]:
        """Every case in file order, a few hundred at a time (read them in a `snapshot`)."""
        with self.reading() as conn:
            yield from repository.case_batches(conn)

    def case_ids(self, among: Iterable[str] | None = None) -> set[str]:
        """Every case's id; with `among`, which of those the file holds, each looked up."""
        with self.reading() as conn:
            return repository.existing_ids(conn, "case", among)

    def conference_ids(self, among: Iterable[str] | None = None) -> set[str]:
        with self.reading() as conn:
            return repository.existing_ids(conn, "conference", among)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that all see the file as it was at one moment, however many queries they
        take: an export reads thousands of cases a batch at a time, and another window may
        write to the file meanwhile."""
        with self.reading() as conn:
            conn.execute("BEGIN")
            try:
                yield
            finally:
                with contextlib.suppress(DatabaseError):  # nothing to undo: only read
                    conn.execute("ROLLBACK")

    # -- keeping the file safe -----------------------------------------------------------

    def verify(self, against: Sequence[audit.Anchor] = ()) -> VerifyReport:
        """Every page, the structure, the audit chain, and every witness of the log: the
        keychain's (for the case file itself, not a backup) and `against`. Writes nothing."""
        witnesses = list(against) if self.is_backup else [*self._witness.anchors(), *against]
        with self.reading() as conn:
            return verify(conn, self.file_id, witnesses)

    def backup(self, dest: Path, *, audited: bool = True) -> Head | None:
        """An encrypted copy that opens with the same passphrase, written atomically.
        Returns the newest audit record in the copy: the copy is itself a witness that the
        file held every record up to it (`verify --against COPY`)."""
        with self.reading() as conn:
            newest = audit.head(conn)
            try:
                write_backup(conn, self._key, self._salt, dest, schema.file_version(conn))
            except DatabaseError as error:
                raise self._backup_failed(dest, error) from None
        if audited:
            record = newest.record if newest else None
            self.record("backup", {"file": dest.name, "audit_record": record})
        return newest

    def _backup_failed(self, dest: Path, error: Exception) -> CaseFileError:
        """SQLite's error names no file: damage is the source's, anything else the
        destination's (a full disk, a folder that cannot be written)."""
        text = str(error).lower()
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return DamagedCaseFile(self.path, "a page could not be read")
        return write_failed(dest, error, "no backup was written")

    def open_copy(self, path: Path, *, read_only: bool = False) -> CaseFile:
        """Another file under this one's key: a backup of it, or the file restored from
        one (backups keep the key and salt of the file they copy)."""
        try:
            return type(self).open(path, key=self._key, actor=self.actor, read_only=read_only)
        except WrongPassphrase:
            raise KeyUnavailable(
                f"{path}: does not open with the key of {self.path.name}: it was made before "
                "the passphrase was changed, or from another case file."
            ) from None

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt every page under a key from the new passphrase (same salt); a
        remembered key is replaced so the keychain keeps opening the file."""
        check_strength(new_passphrase)
        self.ensure_sound()
        new_key = derive_key(new_passphrase, self._salt)
        remembered = self._witness.remembered
        try:
            self.connection.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        except DatabaseError as error:
            raise write_failed(self.path, error, "the passphrase was not changed") from None
        self._key = new_key
        if remembered:
            with self.reading() as conn:
                self._witness.remember(conn, new_key)
        self.record("passphrase-changed", {"keychain_updated": remembered})

    def opens_with(self, passphrase: str) -> bool:
        """Whether `passphrase` is the file's: asked again before what cannot be undone (a
        purge), and refused for a file meant for other hands (a transfer pack), which must
        not carry the key to this one."""
        return hmac.compare_digest(derive_key(passphrase, self._salt), self._key)

    def texts_in_pages(self, texts: Iterable[str]) -> set[str]:
        """Which of `texts` some page of the file or its WAL holds, free pages included."""
        return texts_in_pages(self.path, self._key, texts)

    def remember_on_this_device(self) -> None:
        with self.reading() as conn:
            self._witness.remember(conn, self._key)
        self.record("remembered", {})

    def forget_on_this_device(self) -> bool:
        forgotten = self._witness.forget()
        self.record("forgotten", {"entry_removed": forgotten})
        return forgotten


def side_files(path: Path) -> list[Path]:
    """The file and SQLite's write-ahead log and index beside it."""
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))]


def _derive_while_asking_keychain(
    passphrase: str, salt: bytes
) -> tuple[bytes, keychain.Remembered | None]:
    """The key, and what the keychain keeps for the file (its witness of the audit log).

    Asking the keychain the first time in a process loads every keyring backend (0.13 s
    on a slow machine); deriving the key takes longer still, in OpenSSL, which lets other
    threads run. So the key is derived in a thread of its own while this one asks the
    keychain (keyring stays on the caller's thread, as some backends want): the keychain
    costs a command nothing."""
    with ThreadPoolExecutor(1, thread_name_prefix="key derivation") as pool:
        deriving = pool.submit(derive_key, passphrase, salt)
        remembered = keychain.recall(salt)
        return deriving.result(), remembered


def forget_without_opening(path: Path) -> bool:
    """Remove a file's keychain entry without its passphrase (the file is not changed)."""
    check_can_open(path, writable=False)
    return keychain.forget(read_salt(path))
