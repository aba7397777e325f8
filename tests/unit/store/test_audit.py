"""The audit log is append-only and its chain catches edits, deletions and reordering."""

from __future__ import annotations

import pytest
import sqlcipher3

from mara_desktop.store import audit


def _records(case_file, count: int) -> None:
    for n in range(count):
        case_file.record("view", {"case": f"c{n}", "audience": ["police"]})


def _without_triggers(conn) -> None:
    """What someone with the key and the sqlcipher shell could do."""
    for verb in ("update", "delete"):
        conn.execute(f"DROP TRIGGER audit_no_{verb}")


def test_records_say_who_when_what_with_ids_only(new_file):
    new_file.record("view", {"case": "c1", "audience": ["police"]})
    last = audit.records(new_file.connection)[-1]
    assert (last.action, last.details) == ("view", {"case": "c1", "audience": ["police"]})
    assert last.actor == new_file.actor and last.at.endswith("Z")


def test_the_log_refuses_changes_and_deletions(new_file):
    with pytest.raises(sqlcipher3.dbapi2.IntegrityError, match="history"):
        new_file.connection.execute("UPDATE audit SET actor = 'someone else'")
    with pytest.raises(sqlcipher3.dbapi2.IntegrityError, match="history"):
        new_file.connection.execute("DELETE FROM audit")


def test_a_whole_chain_verifies(new_file):
    _records(new_file, 5)
    assert audit.chain_problem(new_file.connection) is None


def test_an_edited_record_is_named(new_file):
    _records(new_file, 5)
    _without_triggers(new_file.connection)
    new_file.connection.execute("UPDATE audit SET details = '{}' WHERE seq = 4")
    assert audit.chain_problem(new_file.connection) == "audit record 4 has been altered"


def test_a_deleted_record_is_named(new_file):
    _records(new_file, 5)
    _without_triggers(new_file.connection)
    new_file.connection.execute("DELETE FROM audit WHERE seq = 3")
    assert (
        audit.chain_problem(new_file.connection) == "audit record 3 is missing (the next one is 4)"
    )


def test_a_deleted_last_record_is_found(new_file):
    _records(new_file, 5)
    _without_triggers(new_file.connection)
    new_file.connection.execute("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)")
    assert "ends at record" in audit.chain_problem(new_file.connection)


def test_reordered_records_are_named(new_file):
    _records(new_file, 5)
    conn = new_file.connection
    _without_triggers(conn)
    rows = {r[0]: r[1:] for r in conn.execute("SELECT seq, at, actor, action, details FROM audit")}
    for seq, other in ((3, 4), (4, 3)):
        conn.execute(
            "UPDATE audit SET at = ?, actor = ?, action = ?, details = ? WHERE seq = ?",
            (*rows[other], seq),
        )
    assert audit.chain_problem(conn) == "audit record 3 has been altered"


def test_verify_reports_a_broken_chain(new_file):
    _records(new_file, 3)
    _without_triggers(new_file.connection)
    new_file.connection.execute("UPDATE audit SET actor = 'x' WHERE seq = 2")
    report = new_file.verify()
    assert report.problems == ["audit chain: audit record 2 has been altered"]
