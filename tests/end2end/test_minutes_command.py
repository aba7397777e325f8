"""`mara-desktop minutes` as a user runs it: the files and manifest it writes, the same bytes
from two runs with --reproducible, and one clear line with the pinned exit code on misuse."""

from __future__ import annotations

import json

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.session import Session
from tests.support.cli import one_clear_line, run
from tests.support.files import private_copy


def minutes(path, *args: object):
    return run("minutes", path, "--conference", DEMO_CONFERENCE, *args, passphrase=DEMO_PASSPHRASE)


@pytest.fixture(scope="module")
def demo(_demo_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("minutes-cli") / "demo.mara"
    private_copy(_demo_template, path)
    return path


def test_all_with_the_chairs_copy_writes_each_pdf_and_the_manifest(demo, tmp_path):
    result = minutes(
        demo, "--all", "--chair", "--out", tmp_path / "out", "--reproducible", "--accept-mentions"
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote 14 copies" in result.stdout and "each passed the leak check" in result.stdout
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    files = {f["agency"]: f["file"] for f in manifest["files"]}
    assert files["chair"] == "2026-11-26-minutes-chair.pdf"
    assert files["police"] == "2026-11-26-minutes-police.pdf"
    assert "observer" not in files
    assert {f["leak_check"] for f in manifest["files"]} == {"passed"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [*files.values(), "manifest.json"]
    )


def test_two_reproducible_runs_write_the_same_bytes(demo, tmp_path):
    for out in ("a", "b"):
        result = minutes(
            demo, "--agency", "idva", "--out", tmp_path / out, "--reproducible", "--accept-mentions"
        )
        assert result.returncode == 0, result.stderr
    name = "2026-11-26-minutes-idva.pdf"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    first, second = (json.loads((tmp_path / out / "manifest.json").read_text()) for out in "ab")
    assert first.pop("audit")["record"] < second.pop("audit")["record"]
    assert first == second


def test_unknown_agency_and_conference_exit_4_with_one_line(demo, tmp_path):
    result = minutes(demo, "--agency", "polise", "--out", tmp_path)
    assert result.returncode == 4
    assert one_clear_line(result).startswith('unknown agency "polise" (did you mean "police"?)')
    result = run(
        "minutes", demo, "--conference", "nope", "--all", "--out", tmp_path,
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 4
    assert 'no conference "nope"' in one_clear_line(result)


def test_an_existing_copy_is_refused_with_one_line(demo, tmp_path):
    (tmp_path / "2026-11-26-minutes-gp.pdf").write_bytes(b"earlier")
    result = minutes(demo, "--agency", "gp", "--out", tmp_path)
    assert result.returncode == 4
    assert "already exists" in one_clear_line(result)
    assert (tmp_path / "2026-11-26-minutes-gp.pdf").read_bytes() == b"earlier"


def test_naming_no_copy_or_mixing_password_with_reproducible_is_misuse(demo, tmp_path):
    result = minutes(demo, "--out", tmp_path)
    assert result.returncode == 1
    assert "--agency ID, --all, --chair or --common" in one_clear_line(result)
    result = minutes(demo, "--all", "--out", tmp_path, "--password", "--reproducible")
    assert result.returncode == 1 and "cannot be combined" in one_clear_line(result)
    result = minutes(demo, "--all", "--agency", "gp", "--out", tmp_path)
    assert result.returncode == 1


def test_password_without_a_keychain_is_shown_once(demo, tmp_path):
    result = run(
        "minutes", demo, "--conference", DEMO_CONFERENCE, "--agency", "police",
        "--out", tmp_path, "--password", "--accept-mentions", passphrase=DEMO_PASSPHRASE,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "AES-256" in result.stdout
    assert "2026-11-26-minutes-police.pdf: " in result.stdout.splitlines()[-1]


def test_a_mention_of_a_withheld_person_stops_the_export_with_exit_4_and_the_findings(
    demo, tmp_path
):
    out = tmp_path / "out"
    result = minutes(demo, "--agency", "police", "--out", out)
    assert result.returncode == 4
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Case NS-2026-0139, action a01: Police may read it")
    assert '"Susan"' in lines[0] and "Withheld from Police" in lines[0]
    assert "nothing was written" in lines[-1] and "--accept-mentions" in lines[-1]
    assert not out.exists() or not any(out.iterdir())


def test_accept_mentions_writes_the_copies_counts_them_in_the_manifest_and_audits_them(
    demo, tmp_path
):
    out = tmp_path / "out"
    result = minutes(demo, "--agency", "gp", "--out", out, "--accept-mentions")
    assert result.returncode == 0, result.stderr
    assert "mentions accepted 2" in result.stdout
    [entry] = json.loads((out / "manifest.json").read_text("utf-8"))["files"]
    assert entry["free_text_check"] == "accepted 2" and entry["leak_check"] == "passed"
    with Session.open(demo, passphrase=DEMO_PASSPHRASE) as session:
        kept = [r.details for r in session.audit_records() if r.action == "minutes-mention"]
    assert {(k["agency"], k["case"], k["entry"], k["decision"]) for k in kept} >= {
        ("gp", "case-09", "a01", "keep as written"),
        ("gp", "case-09", "i05", "keep as written"),
    }
    assert all("Susan" not in json.dumps(k) for k in kept)


def test_a_copy_without_mentions_passes_the_free_text_check(demo, tmp_path):
    result = minutes(demo, "--agency", "asc", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    [entry] = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))["files"]
    assert entry["free_text_check"] == "passed"
