"""Format 5: the key of the actions' printed references, made once and kept, and progress
reports on actions kept as history."""

from __future__ import annotations

import pytest
import sqlcipher3

from mara_desktop.resources import default_protocol_path
from mara_desktop.store import schema
from mara_desktop.store.casefile import CaseFile
from tests.conftest import PASSPHRASE

PROTOCOL = default_protocol_path().read_text("utf-8")


def test_a_new_file_has_a_random_reference_key_that_stays(tmp_path):
    first, second = tmp_path / "a.mara", tmp_path / "b.mara"
    with CaseFile.create(first, PASSPHRASE, PROTOCOL) as case_file:
        key = case_file.action_reference_key
        assert len(key) == 32
    with CaseFile.create(second, PASSPHRASE, PROTOCOL) as other:
        assert other.action_reference_key != key
    with CaseFile.open(first, passphrase=PASSPHRASE) as case_file:
        assert case_file.action_reference_key == key


def test_a_format_4_file_gets_a_key_and_the_update_table(tmp_path, monkeypatch):
    path = tmp_path / "file.mara"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
    CaseFile.create(path, PASSPHRASE, PROTOCOL).close()
    monkeypatch.undo()
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert schema.file_version(case_file.connection) == schema.current_version()
        key = case_file.action_reference_key
        tables = {r[0] for r in case_file.connection.execute("SELECT name FROM sqlite_master")}
        assert "action_update" in tables
        assert case_file.verify().ok
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert case_file.action_reference_key == key
    backup = tmp_path / "file.format4-backup.mara"
    conn = sqlcipher3.connect(str(backup))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()


def test_a_progress_report_cannot_be_changed_or_deleted(tmp_path):
    with CaseFile.create(tmp_path / "a.mara", PASSPHRASE, PROTOCOL) as case_file:
        conn = case_file.connection
        conn.execute(
            'INSERT INTO "case" (id, position, reference, children_involved, referral_date, '
            "referral_agency, referral_criterion) VALUES "
            "('c', 0, 'NS-1', 0, '2026-01-10', 'police', 'visible_high_risk')"
        )
        conn.execute(
            "INSERT INTO action_update (case_id, action_id, status, note, updated_by, "
            "updated_on, agency, recorded_at, recorded_by) VALUES "
            "('c', 'a1', 'done', 'Seen', 'PC Example', '2026-12-01', 'police', 'now', 'chair')"
        )
        for statement in ("UPDATE action_update SET note = 'x'", "DELETE FROM action_update"):
            with pytest.raises(Exception, match="history"):
                conn.execute(statement)
