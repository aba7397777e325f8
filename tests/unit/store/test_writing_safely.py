"""A damaged file is never written to; a file opened to be read is never changed; a full
disk leaves nothing behind; a change made by another program is noticed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.errors import ExitCode
from mara_desktop.resources import default_protocol_path
from mara_desktop.store import schema
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.connection import DatabaseError
from mara_desktop.store.errors import CaseFileError, DamagedCaseFile
from mara_desktop.store.page_check import Soundness
from tests.conftest import PASSPHRASE
from tests.support.disks import fill, make_read_only, tmpfs
from tests.support.tampering import a_page_unread_by, damage_page

PROTOCOL = default_protocol_path().read_text("utf-8")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_page_no_read_touches_is_found_before_the_first_write(demo_path):
    """Opening and reading succeed; the first write waits for the check of every page and
    is refused, leaving the file as it was."""
    damage_page(demo_path, a_page_unread_by(demo_path, lambda c: c.case("case-01")))
    before = digest(demo_path)
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as case_file:
        assert case_file.protocol.id
        assert case_file.soundness(wait=True) is Soundness.DAMAGED
        with pytest.raises(DamagedCaseFile, match=r"1 of \d+ pages fail") as caught:
            case_file.record("view", {"case": "case-01", "audience": ["police"]})
        assert caught.value.exit_code == ExitCode.DAMAGED
    assert digest(demo_path) == before
    assert sorted(p.name for p in demo_path.parent.iterdir()) == ["demo.mara"]


def test_a_sound_file_records_its_opening_with_the_first_write(demo_file):
    assert demo_file.soundness(wait=True) is Soundness.SOUND
    demo_file.record("view", {"case": "case-01", "audience": ["police"]})
    actions = [r[0] for r in demo_file.connection.execute("SELECT action FROM audit")]
    assert actions[-2:] == ["open", "view"]


def test_a_file_opened_to_be_read_comes_out_byte_for_byte_and_alone(demo_path):
    before = digest(demo_path)
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE, read_only=True) as case_file:
        assert case_file.verify().ok
        with pytest.raises(CaseFileError, match="opened only to be read"):
            case_file.record("view", {"case": "case-01", "audience": ["police"]})
    assert digest(demo_path) == before
    assert sorted(p.name for p in demo_path.parent.iterdir()) == ["demo.mara"]


def test_a_backup_on_a_read_only_disk_verifies(demo_file, tmp_path):
    with tmpfs(tmp_path / "usb", "1m") as usb:
        demo_file.backup(usb / "backup.mara")
        make_read_only(usb)
        with CaseFile.open(usb / "backup.mara", passphrase=DEMO_PASSPHRASE, read_only=True) as c:
            assert c.verify().ok


def test_a_file_cut_at_a_page_boundary_says_how_many_pages_are_missing(demo_path):
    pages = demo_path.stat().st_size // 4096
    with demo_path.open("r+b") as handle:
        handle.truncate((pages - 5) * 4096)
    with pytest.raises(DamagedCaseFile, match=f"cut short: 5 of its {pages} pages are missing"):
        CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE)


def test_create_on_a_full_disk_leaves_nothing_and_the_next_try_works(tmp_path):
    with tmpfs(tmp_path / "small", "512k") as disk:
        fill(disk, leave=40_000)
        with pytest.raises(CaseFileError, match="the disk is full; nothing was created"):
            CaseFile.create(disk / "new.mara", PASSPHRASE, PROTOCOL)
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]
        (disk / "filler").unlink()
        CaseFile.create(disk / "new.mara", PASSPHRASE, PROTOCOL).close()


def test_create_failing_half_way_leaves_nothing_behind(tmp_path, monkeypatch):
    """The same as a full disk, where no small disk can be mounted: SQLite's own error."""

    def full(*args: object) -> None:
        raise DatabaseError("database or disk is full")

    monkeypatch.setattr(schema, "fill_new", full)
    with pytest.raises(CaseFileError, match="disk is full; nothing was created"):
        CaseFile.create(tmp_path / "new.mara", PASSPHRASE, PROTOCOL)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    CaseFile.create(tmp_path / "new.mara", PASSPHRASE, PROTOCOL).close()


def test_a_change_made_by_another_program_is_noticed_once(demo_path):
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as window:
        assert not window.changed_elsewhere()
        window.record("view", {"case": "case-01", "audience": ["police"]})
        assert not window.changed_elsewhere()  # its own change
        with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as command_line:
            command_line.record("view", {"case": "case-02", "audience": ["police"]})
        assert window.changed_elsewhere()
        assert not window.changed_elsewhere()


def test_a_backup_that_cannot_be_written_names_the_backup(demo_file, tmp_path):
    with tmpfs(tmp_path / "usb", "64k") as usb:
        with pytest.raises(CaseFileError) as caught:
            demo_file.backup(usb / "backup.mara")
        assert str(caught.value).startswith(f"{usb / 'backup.mara'}: the disk is full")
        assert list(usb.iterdir()) == []


def test_a_new_file_has_not_been_changed_by_another_program(new_file):
    assert not new_file.changed_elsewhere()
