"""Purging a case: every row of it goes, history included, and afterwards no page of the
file, free pages and the write-ahead log included, holds any of its words, while the other
cases are whole. Read two ways: every page decrypted (store/raw_pages.py) and a plaintext
export of the database read as bytes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from mara_desktop.session import EditError, Session, WrongPassphrase
from mara_desktop.store import purge, schema
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.connection import apply_key, connect, read_salt
from mara_desktop.store.passphrase import derive_key
from tests.conftest import PASSPHRASE
from tests.support.retention import GONE, GONE_WORDS, KEPT, KEPT_WORDS, LONG_TEXT, OPEN, build

TODAY = date.today()
CLOSED_ON = TODAY - timedelta(days=8 * 366)
REASON = "Risk reduced; Zephyrine reason for closing"
WORDS = (*GONE_WORDS, REASON, LONG_TEXT[1000:1060])


@pytest.fixture
def path(tmp_path) -> Path:
    path = tmp_path / "file.mara"
    with build(path, TODAY) as session:
        session.close_case(GONE, CLOSED_ON, REASON)
    return path


def _open(path: Path) -> Session:
    return Session.open(path, passphrase=PASSPHRASE)


def _pages_holding(path: Path, words) -> set[str]:
    """The words some decrypted page of the file or its WAL holds (the file closed)."""
    with CaseFile.open(path, passphrase=PASSPHRASE, read_only=True) as case_file:
        return case_file.texts_in_pages(words)


def _plaintext_export(path: Path, tmp_path: Path) -> bytes:
    """The live database exported unencrypted by SQLCipher itself, as bytes."""
    plain = tmp_path / "plain.db"
    conn = connect(path, read_only=True)
    apply_key(conn, derive_key(PASSPHRASE, read_salt(path)))
    conn.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    return plain.read_bytes()


def test_before_a_purge_the_raw_pages_hold_the_case(path):
    assert _pages_holding(path, WORDS) == set(WORDS)


def test_after_a_purge_no_page_holds_the_case_and_the_other_cases_are_whole(path, tmp_path):
    with _open(path) as session:
        report = session.purge(GONE, passphrase=PASSPHRASE, reference=GONE_WORDS[0])
        assert report.case_id == GONE
        assert session.case_ids() == {KEPT, OPEN}
        assert session.header_for_chair(KEPT).reference == KEPT_WORDS[0]
        assert session.verify().ok
    assert _pages_holding(path, WORDS) == set()
    assert _pages_holding(path, KEPT_WORDS) == set(KEPT_WORDS)
    plain = _plaintext_export(path, tmp_path)
    assert not [w for w in WORDS if w.encode() in plain]
    assert all(w.encode() in plain for w in KEPT_WORDS)


def test_every_row_of_the_case_goes_and_the_history_stays_history(path):
    with _open(path) as session:
        session.purge(GONE, passphrase=PASSPHRASE, reference=GONE_WORDS[0])
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        conn = case_file.connection
        for table in (*schema.CASE_HISTORY_TABLES, "person", "item", "action", "agenda"):
            assert not conn.execute(f"SELECT 1 FROM {table} WHERE case_id = ?", (GONE,)).fetchall()
        assert conn.execute("SELECT count(*) FROM consent").fetchone()[0] > 0  # kept's
        triggers = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        for table in schema.CASE_HISTORY_TABLES:
            assert {f"{table}_no_update", f"{table}_no_delete"} <= triggers
        with pytest.raises(Exception, match="history"):
            conn.execute("DELETE FROM consent")


def test_the_tombstone_holds_ids_and_dates_only(path):
    with _open(path) as session:
        session.purge(GONE, passphrase=PASSPHRASE, reference=GONE_WORDS[0])
        newest = session.audit_records()[-1]
    assert newest.action == "case-purged"
    assert newest.details == {
        "case": GONE,
        "status": "closed",
        "closed_on": CLOSED_ON.isoformat(),
        "purged_on": TODAY.isoformat(),
    }


def test_without_secure_delete_and_vacuum_the_pages_keep_the_case(path, monkeypatch):
    """The check can fail: skipping both steps leaves the words in free pages, and the
    purge says so rather than reporting success."""

    def checkpoint_only(case_file: CaseFile) -> None:
        case_file.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    monkeypatch.setattr(purge, "SECURE_DELETE", "PRAGMA secure_delete = OFF")
    monkeypatch.setattr(purge, "_rewrite", checkpoint_only)
    with _open(path) as session, pytest.raises(purge.PurgeLeftText, match="still readable"):
        session.purge(GONE, passphrase=PASSPHRASE, reference=GONE_WORDS[0])
    assert _pages_holding(path, WORDS)


@pytest.mark.parametrize("step", ["secure_delete", "vacuum"])
def test_either_step_alone_leaves_no_page_holding_the_case(path, monkeypatch, step):
    if step == "secure_delete":
        monkeypatch.setattr(purge, "SECURE_DELETE", "PRAGMA secure_delete = OFF")
    else:
        monkeypatch.setattr(
            purge,
            "_rewrite",
            lambda cf: cf.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall(),
        )
    with _open(path) as session:
        session.purge(GONE, passphrase=PASSPHRASE, reference=GONE_WORDS[0])
    assert _pages_holding(path, WORDS) == set()


def _refused(path: Path, case_id: str, error: type[Exception], words: str, **given) -> None:
    with _open(path) as session:
        arguments = {"passphrase": PASSPHRASE, "reference": GONE_WORDS[0], **given}
        with pytest.raises(error, match=words):
            session.purge(case_id, **arguments)
    with _open(path) as session:
        assert GONE in session.case_ids()
        assert session.audit_records()[-1].action != "case-purged"
    assert _pages_holding(path, WORDS) == set(WORDS)


def test_an_unknown_case_is_refused(path):
    _refused(path, "nobody", EditError, 'There is no case "nobody"')


def test_an_open_case_is_refused(path):
    _refused(path, OPEN, EditError, "still open: close it first")


def test_a_wrong_passphrase_is_refused(path):
    _refused(path, GONE, WrongPassphrase, "wrong passphrase", passphrase="not the passphrase")


def test_a_wrong_reference_is_refused(path):
    _refused(path, GONE, EditError, "not the reference", reference="GONE-REF-QX8")


@pytest.mark.parametrize("days", [0, 10])
def test_a_case_on_the_agenda_of_a_conference_today_or_later_is_refused(path, days):
    with _open(path) as session:
        conference = session.new_conference(TODAY + timedelta(days=days), "Room 2", "DI Sam")
        session.add_to_agenda(conference, GONE)
    _refused(path, GONE, EditError, "on the agenda of the conference")


def test_copies_made_before_the_purge_are_named(path, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with _open(path) as session:
        session.backup(path.with_name("before-purge.mara"))
        session.backup(elsewhere / "offsite.mara")
        session.export_interchange(path.with_name("GONE-REF-QX7 export.json"))
        report = session.purge(GONE, passphrase=PASSPHRASE, reference=GONE_WORDS[0])
    found = {(c.name, c.path, c.encrypted) for c in report.copies}
    assert found == {
        ("before-purge.mara", path.with_name("before-purge.mara"), True),
        ("offsite.mara", None, True),
        ("GONE-REF-QX7 export.json", path.with_name("GONE-REF-QX7 export.json"), False),
    }
    assert len(report.audit_records_with_text) == 1  # the export's file name
