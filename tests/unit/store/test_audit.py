"""The audit log is append-only and its chain catches edits, deletions and reordering."""

from __future__ import annotations

import pytest
import sqlcipher3

from mara_desktop.store import audit
from mara_desktop.store.casefile import CaseFile


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


def _cut_the_tail(conn, keep: int) -> None:
    """Delete the newest records and make the stored head agree: what someone with the
    passphrase could do to hide what was done, leaving a chain that checks out."""
    _without_triggers(conn)
    conn.execute("DELETE FROM audit WHERE seq > ?", (keep,))
    newest = audit.head(conn)
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = 'audit_head'",
        (newest.text() if newest else "",),
    )


def test_an_emptied_log_is_found(new_file):
    _records(new_file, 2)
    _cut_the_tail(new_file.connection, 0)
    new_file.connection.execute("DELETE FROM meta WHERE key = 'audit_head'")
    assert "the audit log is empty" in audit.chain_problem(new_file.connection)


def test_a_cut_tail_with_its_head_rewritten_is_found_only_against_a_witness(new_file):
    _records(new_file, 4)
    witness = new_file.anchor()
    _cut_the_tail(new_file.connection, witness.head.record - 2)
    assert audit.chain_problem(new_file.connection) is None
    report = new_file.verify([witness])
    assert report.problems == [
        f"audit log: record {witness.head.record}, which new.mara saw in it, is no longer "
        "there: records were removed or rewritten since"
    ]


def test_a_witness_from_another_case_file_is_named(new_file, demo_file):
    report = new_file.verify([demo_file.anchor()])
    assert report.problems == ["demo.mara was made from another case file, not this one"]


def test_a_backup_is_a_witness_of_every_record_it_holds(new_file, tmp_path):
    _records(new_file, 3)
    held = new_file.backup(tmp_path / "backup.mara")
    _records(new_file, 2)
    with new_file.open_copy(tmp_path / "backup.mara", read_only=True) as copy:
        witness = copy.anchor()
    assert witness.head == held
    report = new_file.verify([witness])
    assert report.ok and report.anchors_held == [f"record {held.record} (backup.mara)"]
    _cut_the_tail(new_file.connection, held.record - 1)
    assert not new_file.verify([witness]).ok


def test_the_keychain_keeps_the_newest_record_and_misses_it_when_cut(new_file, memory_keychain):
    path = new_file.path
    new_file.remember_on_this_device()
    _records(new_file, 3)
    newest = new_file.anchor().head
    new_file.close()
    (entry,) = memory_keychain.entries.values()
    assert newest.text() in entry  # the head as the file was closed, beside the key
    with CaseFile.open(path) as reopened:
        assert not reopened.warnings and reopened.verify().ok
        _cut_the_tail(reopened.connection, newest.record - 1)
    with CaseFile.open(path) as reopened:
        assert any(
            f"record {newest.record}, which this computer's keychain" in w
            for w in reopened.warnings
        )
        assert not reopened.verify().ok
        reopened.record("view", {"case": "c1", "audience": ["police"]})
    (entry,) = memory_keychain.entries.values()
    assert newest.text() in entry  # the new records do not seal over the missing one


def test_records_made_together_are_all_kept_or_none(new_file):
    """`record_each` (an export's kept mentions) writes its records in one transaction:
    one that cannot be written leaves none of the others behind."""
    before = len(audit.records(new_file.connection))
    new_file.record_each("view", [{"case": f"c{n}"} for n in range(3)])
    assert [r.details for r in audit.records(new_file.connection)[before:]] == [
        {"case": "c0"}, {"case": "c1"}, {"case": "c2"},
    ]  # fmt: skip
    with pytest.raises(TypeError):
        new_file.record_each("view", [{"case": "c3"}, {"case": object()}])
    assert len(audit.records(new_file.connection)) == before + 3
    assert audit.chain_problem(new_file.connection) is None
