"""Opening case files, good and broken, each failure with its own sentence and exit code."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlcipher3

from mara_desktop.errors import ExitCode
from mara_desktop.resources import default_protocol_path
from mara_desktop.store import passphrase, repository, schema
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import set_left
from mara_desktop.store.errors import (
    CaseFileError,
    DamagedCaseFile,
    WeakPassphrase,
    WrongPassphrase,
)
from mara_desktop.store.passphrase import derive_key
from tests.conftest import PASSPHRASE

PROTOCOL = default_protocol_path().read_text("utf-8")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def made(tmp_path: Path) -> Path:
    path = tmp_path / "file.mara"
    CaseFile.create(path, PASSPHRASE, PROTOCOL).close()
    return path


def test_the_passphrase_opens_the_file_with_plain_sqlcipher(tmp_path):
    """The documented KDF is SQLCipher 4's own: any SQLCipher 4 tool opens the file."""
    path = made(tmp_path)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert (
        conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()[0] == "mara-casefile"
    )
    conn.close()


def test_wrong_passphrase_leaves_the_file_byte_identical(tmp_path):
    path = made(tmp_path)
    before = digest(path)
    with pytest.raises(WrongPassphrase) as caught:
        CaseFile.open(path, passphrase="not the right passphrase")
    assert caught.value.exit_code == ExitCode.KEY
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.mara"]


def test_a_flipped_byte_in_any_page_is_found_as_damage_never_as_a_wrong_key(tmp_path):
    """Open fails with "damaged" (exit 3) or verify names the page: no damage goes unseen."""
    pristine = made(tmp_path).read_bytes()
    key = derive_key(PASSPHRASE, pristine[:16])
    path = tmp_path / "flipped.mara"
    for page in range(2, len(pristine) // 4096 + 1):
        data = bytearray(pristine)
        data[4096 * (page - 1) + 1000] ^= 0xFF
        path.write_bytes(bytes(data))
        try:
            with CaseFile.open(path, key=key) as case_file:
                problems = case_file.verify().problems
        except DamagedCaseFile as error:
            assert error.exit_code == ExitCode.DAMAGED
        else:
            assert f"page check: HMAC verification failed for page {page}" in problems


def test_damage_to_the_first_page_is_told_from_a_wrong_key(tmp_path):
    path = made(tmp_path)
    data = bytearray(path.read_bytes())
    data[200] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedCaseFile, match="1 of"):
        CaseFile.open(path, passphrase=PASSPHRASE)


@pytest.mark.parametrize(
    ("setup", "message", "code"),
    [
        (lambda p: None, "no such case file", ExitCode.INPUT),
        (lambda p: p.mkdir(), "is a folder", ExitCode.INPUT),
        (lambda p: p.write_bytes(b""), "is empty", ExitCode.INPUT),
        (lambda p: p.write_text("name,address\n" * 400), "is a text file", ExitCode.INPUT),
        (lambda p: p.write_bytes(os.urandom(1000)), "too small", ExitCode.INPUT),
        (lambda p: p.write_bytes(os.urandom(4096 * 3 + 17)), "cut short", ExitCode.DAMAGED),
        (lambda p: p.write_bytes(os.urandom(4096 * 4)), "wrong passphrase", ExitCode.KEY),
    ],
    ids=["missing", "folder", "empty", "text", "tiny", "truncated", "random"],
)
def test_broken_paths_are_told_apart(tmp_path, setup, message, code):
    path = tmp_path / "case.mara"
    setup(path)
    with pytest.raises(CaseFileError, match=message) as caught:
        CaseFile.open(path, passphrase=PASSPHRASE)
    assert caught.value.exit_code == code


def test_a_plain_sqlite_database_is_not_a_case_file(tmp_path):
    path = tmp_path / "plain.mara"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(CaseFileError, match="unencrypted database"):
        CaseFile.open(path, passphrase=PASSPHRASE)


def test_an_encrypted_database_of_another_program_is_not_a_case_file(tmp_path):
    path = tmp_path / "other.mara"
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(CaseFileError, match="not a MARA case file"):
        CaseFile.open(path, passphrase=PASSPHRASE)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_a_read_only_file_is_refused_before_anything_is_written(tmp_path):
    path = made(tmp_path)
    path.chmod(0o400)
    with pytest.raises(CaseFileError, match="read-only"):
        CaseFile.open(path, passphrase=PASSPHRASE)


def test_a_read_only_folder_is_refused(tmp_path, monkeypatch):
    """Checked through os.access, which is what the store asks (root ignores modes)."""
    path = made(tmp_path)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real(p, mode))
    with pytest.raises(CaseFileError, match="read-only"):
        CaseFile.open(path, passphrase=PASSPHRASE)


def test_a_newer_file_is_refused(tmp_path):
    path = made(tmp_path)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(CaseFileError, match="newer MARA Desktop") as caught:
        CaseFile.open(path, passphrase=PASSPHRASE)
    assert caught.value.exit_code == ExitCode.INPUT


def test_create_never_replaces_an_existing_file(tmp_path):
    path = made(tmp_path)
    before = digest(path)
    with pytest.raises(CaseFileError, match="already exists"):
        CaseFile.create(path, PASSPHRASE, PROTOCOL)
    assert digest(path) == before


@pytest.mark.parametrize("weak", ["short", "aaaaaaaaaaaaaaaa", "", "12345678901"])
def test_weak_passphrases_are_refused_with_the_reason(tmp_path, weak):
    with pytest.raises(WeakPassphrase, match="passphrase"):
        CaseFile.create(tmp_path / "x.mara", weak, PROTOCOL)
    assert not (tmp_path / "x.mara").exists()


def test_an_older_file_is_migrated_after_a_backup_beside_it(tmp_path, monkeypatch):
    path = made(tmp_path)
    made_at = schema.current_version()

    def add_column(conn) -> None:
        conn.execute("ALTER TABLE conference ADD COLUMN note TEXT")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_column])
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert schema.file_version(case_file.connection) == made_at + 1
        columns = [r[1] for r in case_file.connection.execute("PRAGMA table_info(conference)")]
        assert "note" in columns
        assert case_file.verify().ok
    backup = tmp_path / f"file.format{made_at}-backup.mara"
    conn = sqlcipher3.connect(str(backup))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == made_at
    conn.close()


def test_a_format_1_file_keeps_its_attendance_and_then_records_who_left(tmp_path, monkeypatch):
    """Files made before the attendance knew when an agency left open with every line as
    it was, nobody having left, and take the time from then on."""
    path = tmp_path / "file.mara"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    with CaseFile.create(path, PASSPHRASE, PROTOCOL) as old, old.transaction() as conn:
        conn.execute(
            "INSERT INTO conference VALUES ('conf-1', 0, 'MARAC', '2026-11-26', 'Hall', 'Chair')"
        )
        conn.execute(
            "INSERT INTO attendance VALUES "
            "('conf-1', 0, 'police', 'DS Example', 'present', 0, 0, NULL)"
        )
    monkeypatch.undo()
    left_at = datetime(2026, 11, 26, 11, 20, tzinfo=UTC)
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        (line,) = case_file.conference("conf-1").attendance
        assert (line.agency, line.name, line.left_at) == ("police", "DS Example", None)
        set_left(case_file, "conf-1", "police", left_at)
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert case_file.conference("conf-1").attendance[0].left_at == left_at


def test_a_failing_migration_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    path = made(tmp_path)

    def broken(conn) -> None:
        conn.execute("ALTER TABLE conference ADD COLUMN note TEXT")
        raise RuntimeError("power cut")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(RuntimeError):
        CaseFile.open(path, passphrase=PASSPHRASE)
    monkeypatch.undo()
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert schema.file_version(case_file.connection) == schema.current_version()
        columns = [r[1] for r in case_file.connection.execute("PRAGMA table_info(conference)")]
        assert "note" not in columns


def test_raw_key_and_passphrase_open_the_same_file(tmp_path):
    path = made(tmp_path)
    salt = path.read_bytes()[:16]
    with CaseFile.open(path, key=derive_key(PASSPHRASE, salt)) as case_file:
        assert case_file.protocol.id == "england-wales-marac"


def test_a_format_3_file_opens_with_its_cases_open_and_their_victims_matched(tmp_path, monkeypatch):
    """A real format-3 file (made by the format-3 migrations, its case written as format 3
    wrote it) opens: the case is open, its typed score stands, its victim's name gets its
    key, and a repeat of her is found; the backup beside it stays at format 3."""
    path = tmp_path / "file.mara"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
    with CaseFile.create(path, PASSPHRASE, PROTOCOL) as old, old.transaction() as conn:
        conn.execute(
            'INSERT INTO "case" (id, position, reference, children_involved, referral_date, '
            "referral_agency, referral_criterion, dash_score, pregnancy) VALUES "
            "('old', 0, 'NS-1', 0, '2026-01-10', 'police', 'visible_high_risk', 16, 0)"
        )
        conn.execute(
            "INSERT INTO person VALUES ('old', 0, 'v', 'victim', 'Zoë  Example', '1990-04-02', NULL)"
        )
    monkeypatch.undo()
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert schema.file_version(case_file.connection) == schema.current_version()
        (case,) = case_file.cases()
        assert case.status.value == "open" and case.referral.dash_ticks == 16
        assert case.people[0].gender is None and case.repeat_decisions == ()
        new = dataclasses.replace(
            case, id="new", referral=dataclasses.replace(case.referral, date=date(2026, 11, 2))
        )
        new = dataclasses.replace(
            new, people=(dataclasses.replace(case.people[0], name="zoe example"),)
        )
        with case_file.transaction() as conn:
            repository.write_case(conn, new, 1, replace=False)
        assert case_file.case("new").repeat_of == ("old",)
        assert case_file.verify().ok
    backup = tmp_path / "file.format3-backup.mara"
    conn = sqlcipher3.connect(str(backup))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()


def test_a_key_derived_ahead_is_the_key_and_is_taken_once(tmp_path):
    """`derive_ahead` (the command line's head start) gives the same key as deriving it
    anew; a derivation for another salt is not taken in its place."""
    path = made(tmp_path)
    salt = path.read_bytes()[:16]
    expected = hashlib.pbkdf2_hmac(
        "sha512", PASSPHRASE.encode("utf-8"), salt, passphrase.KDF_ITERATIONS, 32
    )
    passphrase.derive_ahead(PASSPHRASE, bytes(16))
    passphrase.derive_ahead(PASSPHRASE, salt)
    assert (PASSPHRASE, salt) in passphrase._AHEAD
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert case_file.protocol.id == "england-wales-marac"
    assert (PASSPHRASE, salt) not in passphrase._AHEAD
    assert derive_key(PASSPHRASE, salt) == expected
    assert derive_key(PASSPHRASE, bytes(16)) != expected
    assert passphrase._AHEAD == {}
