"""The commands that keep a case file safe, run as a chair, a careless colleague and an
attacker would: verify changes nothing and sees a cut audit tail against a witness, a
damaged file is never written, a backup is restored without losing the old file, and
passphrase files, pipes and keychains fail in one clear line."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from tests.support.cli import environment, run
from tests.support.files import private_copy
from tests.support.tampering import cut_audit_tail


@pytest.fixture
def demo(_demo_template, tmp_path):
    return private_copy(_demo_template, tmp_path / "demo.mara")


def cli(*args: object, **env: str) -> subprocess.CompletedProcess[str]:
    return run(*args, passphrase=DEMO_PASSPHRASE, **env)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_verify_changes_nothing_and_a_cut_tail_shows_against_the_minutes_and_a_backup(
    demo, tmp_path
):
    assert cli("backup", demo, tmp_path / "backup.mara").returncode == 0
    assert cli("minutes", demo, "--conference", DEMO_CONFERENCE, "--agency", "police",
               "--out", tmp_path / "out", "--accept-mentions").returncode == 0  # fmt: skip
    manifest = tmp_path / "out" / "manifest.json"
    before = digest(demo)
    result = cli("verify", demo, "--against", manifest, "--against", tmp_path / "backup.mara")
    assert result.returncode == 0, result.stderr
    assert "(manifest.json) and every record before it" in result.stdout
    assert "(backup.mara) and every record before it" in result.stdout
    assert digest(demo) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.mara", "demo.mara", "out"]

    cut_audit_tail(demo, keep=3)
    assert cli("verify", demo).returncode == 0  # the chain alone cannot tell
    result = cli("verify", demo, "--against", manifest)
    assert result.returncode == 3
    assert "which manifest.json saw in it, is no longer there" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_page_stops_every_write_and_the_file_stays_as_it_was(demo, tmp_path):
    data = bytearray(demo.read_bytes())
    data[4096 * 20 + 300] ^= 0xFF
    demo.write_bytes(bytes(data))
    before = digest(demo)
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": "mara-interchange/1", "conferences": [], "cases": []}')
    for command in (("import", demo, empty), ("view", demo, "--case", "case-01", "--as", "police")):
        result = cli(*command)
        assert result.returncode == 3, result.stderr
        assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert digest(demo) == before


def test_restore_puts_the_backup_in_place_and_keeps_the_old_file(demo, tmp_path):
    backup = tmp_path / "backup.mara"
    assert cli("backup", demo, backup).returncode == 0
    data = bytearray(demo.read_bytes())
    data[4096 * 20 + 300] ^= 0xFF
    demo.write_bytes(bytes(data))
    result = cli("restore", backup, demo)
    assert result.returncode == 0, result.stderr
    (aside,) = [p for p in tmp_path.iterdir() if "replaced" in p.name]
    assert aside.read_bytes() == bytes(data)
    assert f"kept as {aside}" in result.stdout
    assert cli("verify", demo).returncode == 0
    assert stat.S_IMODE(demo.stat().st_mode) == 0o600


def test_passphrase_files_that_others_can_read_or_that_are_empty(demo, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text(DEMO_PASSPHRASE + "\n")
    secret.chmod(0o644)
    result = run("verify", demo, "--passphrase-file", secret)
    assert result.returncode == 0
    assert f"{secret} can be read by other accounts" in result.stderr
    secret.chmod(0o600)
    assert run("verify", demo, "--passphrase-file", secret).stderr == ""
    secret.write_text("")
    result = run("verify", demo, "--passphrase-file", secret)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{secret}: the passphrase file is empty."


def test_output_piped_into_a_reader_that_stops_ends_quietly(demo):
    command = [sys.executable, "-m", "mara_desktop", "view", str(demo), "--case", "case-01",
               "--as", "police"]  # fmt: skip
    env = environment(DEMO_PASSPHRASE)
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as p:
        assert p.stdout is not None and p.stderr is not None
        p.stdout.read(10)
        p.stdout.close()  # as `| head -c 10` does
        errors = p.stderr.read().decode()
    assert p.returncode == 0
    assert errors == ""


def test_forget_without_a_keychain_says_it_could_not_look(demo):
    result = run("forget", demo, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert result.returncode == 2
    assert "cannot be asked" in result.stderr and "nothing to forget" not in result.stdout


@pytest.mark.skipif(os.name != "posix", reason="Windows: the profile's ACL")
def test_what_the_commands_write_is_owner_only_whatever_the_umask(tmp_path):
    made = tmp_path / "new.mara"
    command = [sys.executable, "-m", "mara_desktop", "create", str(made)]
    subprocess.run(
        command, env=environment("a long enough passphrase"), check=True,
        capture_output=True, preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
