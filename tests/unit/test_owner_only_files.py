"""Every file the app writes is its owner's alone (0600), every folder it makes 0700,
whatever the umask: a colleague logged in to the same computer reads none of them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mara_desktop.atomic import make_private_folder
from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.interchange.writer import write_interchange
from mara_desktop.minutes.export import MinutesRequest, export_minutes
from mara_desktop.minutes.notice import Reader
from mara_desktop.minutes.notice_pdf import write_notice
from mara_desktop.session import Session
from mara_desktop.store.casefile import CaseFile

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows: the profile's ACL")


@pytest.fixture(autouse=True)
def everyday_umask():
    """The usual umask, which makes new files readable by every account."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_case_file_and_its_side_files_are_owner_only(new_file):
    new_file.record("view", {"case": "c1", "audience": ["police"]})
    folder = new_file.path.parent
    made = sorted(p.name for p in folder.iterdir())
    assert made == ["new.mara", "new.mara-shm", "new.mara-wal"]
    assert {p.name: mode(p) for p in folder.iterdir()} == dict.fromkeys(made, 0o600)


def test_backups_and_exports_are_owner_only(demo_file, tmp_path):
    demo_file.backup(tmp_path / "backup.mara")
    content = demo_file.content()
    write_interchange(tmp_path / "all.json", content.conferences, content.cases)
    write_notice(demo_file.protocol, Reader.VICTIM, tmp_path / "notice.pdf")
    for name in ("backup.mara", "all.json", "notice.pdf"):
        assert mode(tmp_path / name) == 0o600, name


def test_minutes_their_manifest_and_the_folders_made_for_them_are_owner_only(demo_file, tmp_path):
    os.chmod(tmp_path, 0o755)
    out = tmp_path / "minutes" / "november"
    export_minutes(
        Session(demo_file),
        MinutesRequest(DEMO_CONFERENCE, ("police", "chair"), out, kept_mentions=None),
    )
    assert {p.name: mode(p) for p in out.iterdir()} == {
        "2026-11-26-minutes-police.pdf": 0o600,
        "2026-11-26-minutes-chair.pdf": 0o600,
        "manifest.json": 0o600,
    }
    assert mode(out) == mode(out.parent) == 0o700
    assert mode(tmp_path) == 0o755  # a folder that was there already is left as it was


def test_a_private_folder_is_made_with_every_missing_parent(tmp_path):
    make_private_folder(tmp_path / "a" / "b" / "c")
    assert [mode(tmp_path / p) for p in ("a", "a/b", "a/b/c")] == [0o700] * 3


def test_a_case_file_others_could_read_is_made_owner_only_and_the_chair_told(demo_path):
    os.chmod(demo_path, 0o644)
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as case_file:
        assert mode(demo_path) == 0o600
        assert any("could be read by other accounts" in w for w in case_file.warnings)
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as case_file:
        assert not any("other accounts" in w for w in case_file.warnings)
