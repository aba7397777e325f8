"""`view --on` and `explain --on` as a user runs them: an override with a last day shares
up to and including that day, and not after (DESIGN.md, "Pinned additions (second round)")."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PASSPHRASE
from tests.support.builders import protocol_text, rule
from tests.support.cli import run

CASE = {
    "id": "c1",
    "reference": "REF-1",
    "children_involved": False,
    "referral": {"date": "2026-11-01", "agency": "police", "criterion": "visible_high_risk"},
    "consents": [
        {"state": "refused", "agencies": ["*"], "categories": ["*"],
         "recorded_at": "2026-11-01T09:00:00Z", "recorded_by": "IDVA Test"},
    ],
    "overrides": [
        {"categories": ["health"], "agencies": ["housing"], "lawful_basis": "vital",
         "justification": "Threats to kill on 1 Nov; bail breached on 2 Nov.",
         "decided_by": "Chair Test", "decided_at": "2026-11-02T10:00:00Z", "until": "2026-11-20"},
    ],
    "items": [
        {"id": "h1", "category": "health", "source": "health", "subject": "victim",
         "text": "Admitted with injuries on 31 Oct."},
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def case_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("on")
    protocol = folder / "p.toml"
    protocol.write_text(protocol_text(rule(["health"], ["housing"], ["consent"])))
    path = folder / "case.mara"
    assert run("create", path, "--protocol", protocol, passphrase=PASSPHRASE).returncode == 0
    data = folder / "data.json"
    data.write_text(
        json.dumps({"format": "mara-interchange/1", "conferences": [], "cases": [CASE]})
    )
    imported = run("import", path, data, passphrase=PASSPHRASE)
    assert imported.returncode == 0, imported.stderr
    return path


@pytest.mark.parametrize(
    ("on", "shown"),
    [("2026-11-02", ["h1"]), ("2026-11-20", ["h1"]), ("2026-11-21", [])],
    ids=["decided", "last-day", "day-after"],
)
def test_view_on_a_date_before_at_and_after_the_last_day(case_file, on, shown):
    result = run(
        "view", case_file, "--case", "c1", "--as", "housing", "--json", "--on", on,
        passphrase=PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["items"] == shown


def test_explain_on_a_date_says_until_when_and_that_it_ended(case_file):
    def explain(on: str) -> str:
        result = run(
            "explain", case_file, "--case", "c1", "--item", "h1", "--as", "housing", "--on", on,
            passphrase=PASSPHRASE,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert explain("2026-11-20").startswith("Shown. ")
    assert "until 20 Nov 2026" in explain("2026-11-20")
    after = explain("2026-11-21")
    assert after.startswith("Withheld. ")
    assert "shared it until 20 Nov 2026; it has ended." in after


def test_a_bad_date_is_a_usage_error_with_one_clear_line(case_file):
    result = run(
        "view", case_file, "--case", "c1", "--as", "housing", "--on", "20/11/2026",
        passphrase=PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert '"20/11/2026" is not a date: write it as YYYY-MM-DD' in result.stderr
