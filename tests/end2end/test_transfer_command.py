"""`transfer` and `import` of a pack as a user runs them: the pack's passphrase from its own
file, one clear line on bad input with the pinned exit code, nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from tests.support.cli import one_clear_line, run
from tests.support.files import digest

PACK_PASSPHRASE = "a passphrase for the pack alone"
RECEIVER = "the receiving area's own passphrase"


def _secret(folder: Path, text: str) -> Path:
    path = folder / f"secret-{len(list(folder.iterdir()))}"
    path.write_text(text + "\n", "utf-8")
    path.chmod(0o600)
    return path


def _status(path: Path, case_id: str) -> tuple[str, str | None, str | None]:
    out = path.with_name("export.json")
    out.unlink(missing_ok=True)
    assert run("export", path, out, passphrase=DEMO_PASSPHRASE).returncode == 0
    case = next(c for c in json.loads(out.read_text("utf-8"))["cases"] if c["id"] == case_id)
    out.unlink()
    return case.get("status", "open"), case.get("closed_on"), case.get("transferred_to")


def test_a_case_goes_to_another_area_and_is_imported_there(demo_path, tmp_path):
    pack, pack_secret = tmp_path / "transfer.mara", _secret(tmp_path, PACK_PASSPHRASE)
    sent = run(
        "transfer", demo_path, "--case", "case-03", "--out", pack, "--to", "Leeds MARAC",
        "--pack-passphrase-file", pack_secret, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert "Case case-03 was transferred to Leeds MARAC" in sent.stdout
    assert pack.stat().st_mode & 0o777 == 0o600
    assert _status(demo_path, "case-03")[0::2] == ("transferred", "Leeds MARAC")
    leeds = tmp_path / "leeds.mara"
    assert run("create", leeds, passphrase=RECEIVER).returncode == 0
    wrong = run(
        "import", leeds, pack, "--pack-passphrase-file", _secret(tmp_path, DEMO_PASSPHRASE),
        passphrase=RECEIVER,
    )  # fmt: skip
    assert wrong.returncode == 2
    assert "wrong passphrase" in one_clear_line(wrong)
    came = run("import", leeds, pack, "--pack-passphrase-file", pack_secret, passphrase=RECEIVER)
    assert came.returncode == 0, came.stderr
    assert "Imported case case-03 from the transfer pack transfer.mara" in came.stdout
    seen = run("view", leeds, "--case", "case-03", "--as", "police", "--json", passphrase=RECEIVER)
    assert json.loads(seen.stdout)["case"] == "case-03"
    again = run("import", leeds, pack, "--pack-passphrase-file", pack_secret, passphrase=RECEIVER)
    assert again.returncode == 4
    assert 'already holds a case "case-03"' in one_clear_line(again)


@pytest.mark.parametrize(
    ("case_id", "out_exists", "message"),
    [
        ("case-01", True, "already exists"),
        ("case-99", False, 'no case "case-99"'),
        ("case-04", False, "already transferred"),
    ],
    ids=["existing out", "unknown case", "transferred twice"],
)
def test_bad_input_is_one_line_exit_4_and_nothing_changed(
    demo_path, tmp_path, case_id, out_exists, message
):
    pack_secret = _secret(tmp_path, PACK_PASSPHRASE)
    first = tmp_path / "first.mara"
    assert run(
        "transfer", demo_path, "--case", "case-04", "--out", first,
        "--pack-passphrase-file", pack_secret, passphrase=DEMO_PASSPHRASE,
    ).returncode == 0  # fmt: skip
    out = first if out_exists else tmp_path / "second.mara"
    pack_before = digest(first)
    status_before = _status(demo_path, case_id) if case_id != "case-99" else None
    result = run(
        "transfer", demo_path, "--case", case_id, "--out", out,
        "--pack-passphrase-file", pack_secret, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 4
    assert message in one_clear_line(result)
    assert digest(first) == pack_before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".mara") == [
        "demo.mara",
        "first.mara",
    ]
    if status_before is not None:
        assert _status(demo_path, case_id) == status_before


def test_no_pack_passphrase_and_no_terminal_exits_2(demo_path, tmp_path):
    result = run(
        "transfer", demo_path, "--case", "case-01", "--out", tmp_path / "pack.mara",
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 2
    assert "--pack-passphrase-file" in one_clear_line(result)
    assert _status(demo_path, "case-01") == ("open", None, None)


def test_a_missing_pack_is_said_before_any_passphrase_is_asked(demo_path, tmp_path):
    result = run("import", demo_path, tmp_path / "missing.mara", passphrase=DEMO_PASSPHRASE)
    assert result.returncode == 4
    assert "no such case file" in one_clear_line(result)
