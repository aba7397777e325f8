"""`protocol sign` and `protocol signatures`, as a user runs them: a signature recorded
against the protocol in force, the register read back, bad input refused in one line with
exit code 4 and nothing changed, and the other `protocol` actions as they were."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE, DEMO_UNSIGNED
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import Session
from tests.support.cli import one_clear_line, run


def register(path) -> dict:
    result = run("protocol", "signatures", path, "--json", passphrase=DEMO_PASSPHRASE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_signing_moves_an_agency_from_unsigned_to_signed(demo_path):
    assert register(demo_path)["unsigned"] == [DEMO_UNSIGNED]
    result = run(
        "protocol", "sign", demo_path, "--agency", DEMO_UNSIGNED, "--by", "Service manager",
        "--on", "2026-11-20", passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Drug and alcohol service signed" in result.stdout
    after = register(demo_path)
    assert after["unsigned"] == []
    mine = next(s for s in after["signed"] if s["agency"] == DEMO_UNSIGNED)
    assert mine["signed_by"] == "Service manager" and mine["signed_on"] == "2026-11-20"
    text = run("protocol", "signatures", demo_path, passphrase=DEMO_PASSPHRASE).stdout
    assert "NOT SIGNED" not in text and "Drug and alcohol service: Service manager" in text


@pytest.mark.parametrize(
    ("agency", "by", "on", "words"),
    [
        ("drug-alcohl", "M", "2026-11-20", '(did you mean "drug-alcohol"?)'),
        (DEMO_UNSIGNED, "M", (date.today() + timedelta(days=1)).isoformat(), "in the future"),
        (DEMO_UNSIGNED, "", "2026-11-20", "is empty"),
    ],
)
def test_bad_input_is_one_clear_line_exit_4_and_nothing_changes(demo_path, agency, by, on, words):
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE, read_only=True) as session:
        before = [r for r in session.audit_records() if r.action == "protocol-signed"]
    result = run(
        "protocol", "sign", demo_path, "--agency", agency, "--by", by, "--on", on,
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 4
    line = one_clear_line(result)
    assert words in line and "nothing was recorded" in line
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE, read_only=True) as session:
        assert session.signature_register().unsigned == [DEMO_UNSIGNED]
        signed = [r for r in session.audit_records() if r.action == "protocol-signed"]
    assert len(signed) == len(before)


def test_check_and_matrix_still_answer_beside_sign():
    protocol = default_protocol_path()
    assert run("protocol", "check", protocol).returncode == 0
    assert "Agencies:" in run("protocol", "matrix", protocol).stdout
    usage = run("protocol", "sign", "x.mara")
    assert usage.returncode == 1 and "--agency" in usage.stderr
