"""Restoring a backup: only a sound one, never over anything, nothing lost."""

from __future__ import annotations

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.store import audit
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.errors import CaseFileError, DamagedCaseFile
from mara_desktop.store.in_use import CaseFileInUse, InUse
from mara_desktop.store.restore import restore


@pytest.fixture
def backup(demo_file, tmp_path):
    """A backup of the demo; the demo file then goes on to record more."""
    path = tmp_path / "backup.mara"
    demo_file.backup(path)
    demo_file.record("view", {"case": "case-01", "audience": ["police"]})
    return path


def open_backup(path):
    return CaseFile.open(path, passphrase=DEMO_PASSPHRASE, read_only=True)


def test_the_file_is_set_aside_with_its_side_files_and_the_backup_put_in_its_place(
    demo_file, backup
):
    dest = demo_file.path
    with open_backup(backup) as copy:
        held = copy.anchor().head
        done = restore(copy, dest)
    assert demo_file.is_open  # the demo's own connection still reads the file set aside
    aside = done.set_aside
    assert aside is not None and aside.name.startswith("demo.replaced-")
    assert (aside.parent / (aside.name + "-wal")).exists()
    assert done.backup_head == held
    with CaseFile.open(dest, passphrase=DEMO_PASSPHRASE) as restored:
        assert restored.verify().ok
        records = audit.records(restored.connection)
        assert records[held.record - 1].hash == held.hash
        assert records[-1].action == "restored"
        assert records[-1].details["set_aside"] == aside.name


def test_a_damaged_backup_is_not_restored_and_nothing_moves(demo_path, tmp_path):
    backup = tmp_path / "backup.mara"
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as case_file:
        case_file.backup(backup)
    data = bytearray(backup.read_bytes())
    data[4096 * 20 + 300] ^= 0xFF
    backup.write_bytes(bytes(data))
    before = demo_path.read_bytes()
    with pytest.raises(DamagedCaseFile), open_backup(backup) as copy:
        restore(copy, demo_path)
    assert demo_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.mara", "demo.mara"]


def test_a_file_open_in_the_app_is_not_replaced(demo_path, backup, tmp_path):
    claim = InUse.claim(demo_path)
    try:
        with pytest.raises(CaseFileInUse), open_backup(backup) as copy:
            restore(copy, demo_path)
    finally:
        claim.release()
    assert not [p for p in tmp_path.iterdir() if "replaced" in p.name]


def test_a_restore_that_fails_half_way_puts_the_old_file_back(demo_path, backup, monkeypatch):
    before = demo_path.read_bytes()

    def full(self, dest, *, audited=True):
        raise CaseFileError(f"{dest}: the disk is full; no backup was written.")

    with open_backup(backup) as copy:
        monkeypatch.setattr(CaseFile, "backup", full)
        with pytest.raises(CaseFileError, match="disk is full"):
            restore(copy, demo_path)
    assert demo_path.read_bytes() == before
    assert not [p for p in demo_path.parent.iterdir() if "replaced" in p.name]


def test_a_remembered_key_opens_the_restored_file_without_a_false_alarm(demo_file, backup):
    demo_file.remember_on_this_device()
    demo_file.record("view", {"case": "case-02", "audience": ["police"]})
    path = demo_file.path
    demo_file.close()
    with open_backup(backup) as copy:
        restore(copy, path)
    with CaseFile.open(path) as restored:
        assert restored.warnings == []
        assert restored.verify().ok
