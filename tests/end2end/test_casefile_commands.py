"""The case-file commands as a user runs them: one clear line on failure, pinned exit codes."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PASSPHRASE
from tests.support.cli import one_clear_line, run
from tests.support.documents import full_document


@pytest.fixture
def made(tmp_path):
    path = tmp_path / "case.mara"
    result = run("create", path, passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    return path


def test_create_import_export_verify_round_trip(made, tmp_path):
    data = tmp_path / "in.json"
    data.write_text(json.dumps(full_document(), ensure_ascii=False), encoding="utf-8")
    assert run("import", made, data, passphrase=PASSPHRASE).returncode == 0
    out = tmp_path / "out.json"
    result = run("export", made, out, passphrase=PASSPHRASE)
    assert result.returncode == 0
    assert "unencrypted" in result.stderr
    assert (
        json.loads(out.read_text("utf-8"))["cases"][0]["people"][0]["name"] == "Zofia Przykładowa"
    )
    result = run("verify", made, passphrase=PASSPHRASE)
    assert result.returncode == 0 and "check out" in result.stdout


def test_wrong_passphrase_exits_2(made):
    result = run("verify", made, passphrase="wrong wrong wrong")
    assert result.returncode == 2
    assert "wrong passphrase" in one_clear_line(result)


def test_no_passphrase_and_no_terminal_exits_2(made):
    result = run("verify", made)
    assert result.returncode == 2
    assert "no passphrase" in one_clear_line(result).lower()


def test_flipped_bytes_exit_3(made):
    data = bytearray(made.read_bytes())
    for page in range(2, len(data) // 4096):
        data[4096 * page + 100] ^= 0x55
    made.write_bytes(bytes(data))
    result = run("verify", made, passphrase=PASSPHRASE)
    assert result.returncode == 3
    assert "damaged" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["missing.mara", "."])
def test_missing_or_folder_exits_4(tmp_path, name):
    result = run("verify", tmp_path / name, passphrase=PASSPHRASE)
    assert result.returncode == 4
    one_clear_line(result)


def test_a_bad_import_file_exits_4_and_names_every_problem(made, tmp_path):
    data = tmp_path / "bad.json"
    document = full_document()
    document["cases"][1]["items"][2]["category"] = "helth"
    document["cases"][0]["referral"]["agency"] = "polise"
    data.write_text(json.dumps(document), encoding="utf-8")
    result = run("import", made, data, passphrase=PASSPHRASE)
    assert result.returncode == 4
    assert "2 problems; nothing was imported" in result.stderr
    assert 'cases[1].items[2].category: unknown category "helth"' in result.stderr


def test_broken_json_exits_4_with_line_and_column(made, tmp_path):
    data = tmp_path / "broken.json"
    data.write_text('{"format": "mara-interchange/1",\n "cases": [}', encoding="utf-8")
    result = run("import", made, data, passphrase=PASSPHRASE)
    assert result.returncode == 4
    assert "broken.json:2:" in one_clear_line(result)


def test_usage_errors_exit_1(made):
    assert run("import", made).returncode == 1
    assert run("frobnicate-not-a-file.mara", "--nope").returncode == 1


def test_create_refuses_an_existing_path(made):
    before = made.read_bytes()
    result = run("create", made, passphrase=PASSPHRASE)
    assert result.returncode == 4
    assert "already exists" in one_clear_line(result)
    assert made.read_bytes() == before


def test_create_refuses_a_short_passphrase(tmp_path):
    result = run("create", tmp_path / "x.mara", passphrase="short")
    assert result.returncode == 4
    assert "at least 12" in one_clear_line(result)


def test_backup_and_passphrase_change(made, tmp_path):
    copy = tmp_path / "copy.mara"
    assert run("backup", made, copy, passphrase=PASSPHRASE).returncode == 0
    result = run(
        "passphrase", made, passphrase=PASSPHRASE, MARA_NEW_PASSPHRASE="another long passphrase"
    )
    assert result.returncode == 0, result.stderr
    assert run("verify", made, passphrase="another long passphrase").returncode == 0
    assert run("verify", copy, passphrase=PASSPHRASE).returncode == 0


def test_remember_without_a_secure_keychain_says_so(made):
    result = run(
        "remember",
        made,
        passphrase=PASSPHRASE,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    assert result.returncode == 2
    assert "No secure keychain" in one_clear_line(result)


def test_a_passphrase_file_is_read(made, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    assert run("verify", made, "--passphrase-file", secret).returncode == 0
