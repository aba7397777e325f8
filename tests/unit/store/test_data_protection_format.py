"""Format 6: the tables the data protection duties need, history like consents, and the
last fields the referral and the minutes lacked; a format-5 file is brought up to date."""

from __future__ import annotations

import pytest

from mara_desktop.resources import default_protocol_path
from mara_desktop.store import schema
from mara_desktop.store.casefile import CaseFile
from tests.conftest import PASSPHRASE

PROTOCOL = default_protocol_path().read_text("utf-8")
NEW_TABLES = {"item_history", "sar_withholding", "received_audit", "protocol_signature", "breach"}


def _columns(case_file: CaseFile, table: str) -> set[str]:
    return {r[1] for r in case_file.connection.execute(f'PRAGMA table_info("{table}")')}


def test_a_format_5_file_gets_the_new_tables_and_fields(tmp_path, monkeypatch):
    path = tmp_path / "file.mara"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:5])
    CaseFile.create(path, PASSPHRASE, PROTOCOL).close()
    monkeypatch.undo()
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert schema.file_version(case_file.connection) == 6
        tables = {r[0] for r in case_file.connection.execute("SELECT name FROM sqlite_master")}
        assert tables >= NEW_TABLES
        assert {"closed_reason", "transferred_to"} <= _columns(case_file, "case")
        assert "school" in _columns(case_file, "person")
        assert {"minute_taker", "next_meeting", "other_business"} <= _columns(
            case_file, "conference"
        )
        assert case_file.verify().ok


@pytest.mark.parametrize("table", sorted(NEW_TABLES))
def test_the_new_tables_are_history(tmp_path, table):
    with CaseFile.create(tmp_path / "a.mara", PASSPHRASE, PROTOCOL) as case_file:
        conn = case_file.connection
        conn.execute(
            'INSERT INTO "case" (id, position, reference, children_involved, referral_date, '
            "referral_agency, referral_criterion) VALUES "
            "('0', 0, 'NS-1', 0, '2026-01-10', 'police', 'visible_high_risk')"
        )
        columns = [
            r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in ("seq",)
        ]
        values = ", ".join("'0'" for _ in columns)
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})")
        for statement in (f"UPDATE {table} SET {columns[-1]} = 'x'", f"DELETE FROM {table}"):
            with pytest.raises(Exception, match="history"):
                conn.execute(statement)
