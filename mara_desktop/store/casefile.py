"""The case file: one SQLCipher file holding a MARAC's cases, protocol and audit log.

`CaseFile` is the handle every command and screen uses; it knows the file's key only while
open, and writes an audit record with every change it makes. Services that read the file
for an audience go through `views/`, never straight to these tables.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Self

from mara_desktop import __version__
from mara_desktop.domain import Case, CaseFileContent, Conference
from mara_desktop.protocol.compat import unknown_ids
from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.loader import parse_protocol, protocol_hash
from mara_desktop.protocol.model import Protocol
from mara_desktop.store import audit, keychain, repository, schema
from mara_desktop.store.backup import write_backup
from mara_desktop.store.connection import (
    Connection,
    DatabaseError,
    apply_key,
    check_can_open,
    configure,
    connect,
    integrity_problems,
    read_salt,
    unlock,
)
from mara_desktop.store.errors import (
    CaseFileError,
    DamagedCaseFile,
    KeyUnavailable,
    WrongPassphrase,
)
from mara_desktop.store.passphrase import check_strength, derive_key, new_salt

SUFFIX = ".mara"


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    audit_records: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class CaseFile:
    def __init__(self, path: Path, conn: Connection, key: bytes, salt: bytes, actor: str) -> None:
        self.path = path
        self.actor = actor
        self.warnings: list[str] = []
        self._conn: Connection | None = conn
        self._key = key
        self._salt = salt
        self._protocol: Protocol | None = None

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, passphrase: str, protocol_text: str, *, actor: str | None = None
    ) -> Self:
        """A new case file; refuses an existing path and a weak passphrase."""
        if path.exists() or path.is_symlink():
            raise CaseFileError(f"{path}: already exists; a new case file needs a new name.")
        if not path.parent.is_dir():
            raise CaseFileError(f"{path.parent}: no such folder.")
        check_strength(passphrase)
        protocol = parse_protocol(protocol_text, "protocol")
        salt = new_salt()
        key = derive_key(passphrase, salt)
        conn = connect(path, create=True)
        apply_key(conn, key, salt)
        configure(conn)
        case_file = cls(path, conn, key, salt, actor or audit.current_actor())
        with case_file.transaction():
            schema.migrate(conn, 0)
            now = _now()
            for name, value in (
                ("format", schema.FORMAT_NAME),
                ("file_id", str(uuid.uuid4())),
                ("created_at", now),
                ("created_with", f"MARA Desktop {__version__}"),
            ):
                conn.execute("INSERT INTO meta VALUES (?, ?)", (name, value))
            case_file._store_protocol(protocol_text)
            audit.append(conn, case_file.actor, "create", {"protocol": protocol.id})
        case_file._protocol = protocol
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
    ) -> Self:
        """Open with a passphrase, a raw key, or the key remembered in the keychain."""
        if passphrase is None and key is None:
            return cls._open_remembered(path, actor=actor, today=today)
        check_can_open(path)
        salt = read_salt(path)
        key = key if key is not None else derive_key(passphrase or "", salt)
        conn = unlock(path, key)
        case_file = cls(path, conn, key, salt, actor or audit.current_actor())
        try:
            with case_file.reading():
                case_file._prepare(today or date.today())
        except BaseException:
            case_file.close()
            raise
        return case_file

    @classmethod
    def _open_remembered(cls, path: Path, *, actor: str | None, today: date | None) -> Self:
        check_can_open(path)
        remembered = keychain.recall(read_salt(path))
        if remembered is None:
            raise KeyUnavailable(
                f"{path}: no passphrase was given and this computer does not remember the "
                "file's key. Give the passphrase."
            )
        try:
            return cls.open(path, key=remembered, actor=actor, today=today)
        except WrongPassphrase:
            raise KeyUnavailable(
                f"{path}: the key remembered on this computer no longer opens the file "
                "(was the passphrase changed elsewhere?). Give the passphrase."
            ) from None

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
        if version < schema.current_version():
            self._migrate(version)
        self._protocol = self._load_protocol()
        if self._protocol.is_past_review(today):
            self.warnings.append(
                f'The protocol "{self._protocol.name}" (version {self._protocol.version}) was '
                f"due for review by {self._protocol.review_by:%d %B %Y}. Ask the MARAC steering "
                "group for the reviewed version."
            )
        self.record("open", {})

    def _migrate(self, version: int) -> None:
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
        if self._conn is not None:
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

    # -- transactions and errors ---------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing write; a failure of the disk or the file becomes a sentence."""
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(DatabaseError):
                conn.execute("ROLLBACK")
            if isinstance(error, DatabaseError):
                raise self._explain(error) from None
            raise

    def _explain(self, error: Exception) -> CaseFileError:
        text = str(error).lower()
        if "full" in text:
            return CaseFileError(f"{self.path}: the disk is full; nothing was changed.")
        if "readonly" in text or "read-only" in text:
            return CaseFileError(f"{self.path}: is read-only; nothing was changed.")
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return DamagedCaseFile(self.path, "a page could not be read")
        return CaseFileError(f"{self.path}: the change could not be saved ({error}).")

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """Reads that meet a damaged page report it as damage, not as a traceback."""
        try:
            yield self.connection
        except DatabaseError as error:
            raise self._explain(error) from None

    def record(self, action: str, details: Mapping[str, object]) -> None:
        """An audit record of its own; ids only, never values."""
        with self.transaction() as conn:
            audit.append(conn, self.actor, action, details)

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
        self.connection.execute(
            "INSERT INTO protocol (text, sha256, set_at, set_by) VALUES (?, ?, ?, ?)",
            (text, protocol_hash(text), _now(), self.actor),
        )

    def _meta(self, name: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    # -- content -------------------------------------------------------------------------

    def content(self) -> CaseFileContent:
        with self.reading() as conn:
            return repository.read_content(conn)

    def cases(self, case_ids: list[str] | None = None) -> list[Case]:
        with self.reading() as conn:
            return repository.read_cases(conn, case_ids)

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

    def case_ids(self) -> set[str]:
        with self.reading() as conn:
            return repository.existing_ids(conn, "case")

    def conference_ids(self) -> set[str]:
        with self.reading() as conn:
            return repository.existing_ids(conn, "conference")

    # -- keeping the file safe -----------------------------------------------------------

    def verify(self) -> VerifyReport:
        """The pages' HMACs, SQLite's structure, and the audit chain."""
        report = VerifyReport()
        with self.reading() as conn:
            report.problems.extend(f"page check: {p}" for p in integrity_problems(conn))
            broken = audit.chain_problem(conn)
            report.audit_records = int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
        if broken:
            report.problems.append(f"audit chain: {broken}")
        self.record("verify", {"result": "passed" if report.ok else "failed"})
        return report

    def backup(self, dest: Path, *, audited: bool = True) -> None:
        """An encrypted copy that opens with the same passphrase, written atomically."""
        with self.reading() as conn:
            write_backup(conn, self._key, self._salt, dest, schema.file_version(conn))
        if audited:
            self.record("backup", {"file": dest.name})

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt every page under a key from the new passphrase (same salt); a
        remembered key is replaced so the keychain keeps opening the file."""
        check_strength(new_passphrase)
        new_key = derive_key(new_passphrase, self._salt)
        remembered = keychain.recall(self._salt) is not None
        try:
            self.connection.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        except DatabaseError as error:
            raise self._explain(error) from None
        self._key = new_key
        if remembered:
            keychain.remember(self._salt, new_key)
        self.record("passphrase-changed", {"keychain_updated": remembered})

    def remember_on_this_device(self) -> None:
        keychain.remember(self._salt, self._key)
        self.record("remembered", {})

    def forget_on_this_device(self) -> bool:
        forgotten = keychain.forget(self._salt)
        self.record("forgotten", {"entry_removed": forgotten})
        return forgotten


def forget_without_opening(path: Path) -> bool:
    """Remove a file's keychain entry without its passphrase (the file is not changed)."""
    check_can_open(path)
    return keychain.forget(read_salt(path))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
