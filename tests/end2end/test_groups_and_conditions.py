"""A protocol naming a group, a pregnant victim in an adults-only rule and a 17-year-old
victim, through the real commands: `create --protocol`, `import`, `view --json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import PASSPHRASE
from tests.support.builders import protocol_text, rule
from tests.support.cli import run

GROUP = (
    '\n[[group]]\nid = "health-bodies"\nname = "All health bodies"\nagencies = ["health", "csc"]\n'
)
RULES = (
    GROUP
    + rule(["referral"], ["*"])
    + rule(["health"], ["health-bodies"])
    + rule(["location"], ["housing"], ["adults_only"])
    + rule(["location"], ["csc"], ["young_victim"])
)


def case(case_id: str, *, born: str | None = None, pregnancy: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": case_id,
        "reference": f"REF-{case_id}",
        "children_involved": False,
        "referral": {"date": "2026-11-02", "agency": "police", "criterion": "visible_high_risk"},
        "people": [{"id": "v", "role": "victim", "name": "Ann Example", "born": born}],
        "items": [
            {"id": "h", "category": "health", "source": "police", "subject": "victim", "text": "A"},
            {
                "id": "loc",
                "category": "location",
                "source": "idva",
                "subject": "victim",
                "text": "B",
            },
        ],
    }
    if pregnancy:
        found["pregnancy"] = True
    return found


def imported(tmp_path: Path) -> Path:
    protocol = tmp_path / "groups.toml"
    protocol.write_text(protocol_text(RULES), encoding="utf-8")
    path = tmp_path / "case.mara"
    created = run("create", path, "--protocol", protocol, passphrase=PASSPHRASE)
    assert created.returncode == 0, created.stderr
    data = {
        "format": "mara-interchange/1",
        "conferences": [],
        "cases": [
            case("adult", born="1990-01-01"),
            case("pregnant", born="1990-01-01", pregnancy=True),
            case("young", born="2009-06-01"),
            case("unknown-age"),
        ],
    }
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    done = run("import", path, source, passphrase=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    return path


def seen(path: Path, case_id: str, audience: str) -> list[str]:
    result = run("view", path, "--case", case_id, "--as", audience, "--json", passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    return sorted(json.loads(result.stdout)["items"])


def test_groups_pregnancy_and_young_victim_through_the_command_line(tmp_path):
    path = imported(tmp_path)
    # A rule granting to a group reaches each member, and no agency outside it.
    assert seen(path, "adult", "health") == ["h"]
    assert seen(path, "adult", "csc") == ["h"]
    assert seen(path, "adult", "housing") == ["loc"]
    assert seen(path, "adult", "health,csc") == ["h"]
    assert seen(path, "adult", "health,housing") == []
    # A pregnancy makes the case one with children: the adults-only rule no longer holds.
    assert seen(path, "pregnant", "housing") == []
    # A victim of 17 on the referral date is young; one whose birth date is unknown is not.
    assert seen(path, "young", "csc") == ["h", "loc"]
    assert seen(path, "adult", "csc") == ["h"]
    assert seen(path, "unknown-age", "csc") == ["h"]


def test_the_pregnancy_survives_export_and_the_reasons_name_the_group(tmp_path):
    path = imported(tmp_path)
    out = tmp_path / "out.json"
    assert run("export", path, out, passphrase=PASSPHRASE).returncode == 0
    exported = {c["id"]: c for c in json.loads(out.read_text("utf-8"))["cases"]}
    assert exported["pregnant"]["pregnancy"] is True
    assert "pregnancy" not in exported["adult"]
    why = run(
        "explain", path, "--case", "adult", "--item", "h", "--as", "csc", passphrase=PASSPHRASE
    )
    assert "by rule 2, which shares with All health bodies" in why.stdout, why.stderr
    why = run(
        "explain",
        path,
        "--case",
        "pregnant",
        "--item",
        "loc",
        "--as",
        "housing",
        passphrase=PASSPHRASE,
    )
    assert "only in adults-only cases, and the victim is pregnant" in why.stdout, why.stderr


def test_a_group_stands_for_its_members_in_view_and_explain(tmp_path):
    path = imported(tmp_path)
    shown = run(
        "view", path, "--case", "adult", "--as", "health-bodies", "--json", passphrase=PASSPHRASE
    )
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["audience"] == ["csc", "health"]
    assert data["items"] == seen(path, "adult", "health,csc")
    # A group beside an agency is the union: housing may not see the health item.
    mixed = json.loads(
        run(
            "view", path, "--case", "adult", "--as", "health-bodies,housing", "--json",
            passphrase=PASSPHRASE,
        ).stdout
    )  # fmt: skip
    assert mixed["audience"] == ["csc", "health", "housing"]
    assert mixed["items"] == []
    why = run(
        "explain", path, "--case", "adult", "--item", "loc", "--as", "health-bodies",
        passphrase=PASSPHRASE,
    )  # fmt: skip
    assert why.returncode == 0, why.stderr
    assert why.stdout.startswith("Withheld.")


def test_an_unknown_group_or_agency_exits_4_with_one_line(tmp_path):
    path = imported(tmp_path)
    for command in (["view", path, "--json"], ["explain", path, "--item", "h"]):
        result = run(*command, "--case", "adult", "--as", "health-body", passphrase=PASSPHRASE)
        assert result.returncode == 4
        assert result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            'unknown agency or group "health-body" (did you mean "health-bodies"?).'
        ]


def test_minutes_refuse_a_group_naming_its_members(tmp_path):
    path = imported(tmp_path)
    result = run(
        "minutes", path, "--conference", "c1", "--agency", "health-bodies", "--out",
        tmp_path / "out", passphrase=PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 4
    assert result.stderr.strip().splitlines() == [
        '"health-bodies" is a group (All health bodies: health, csc); minutes are '
        "written for one agency at a time: give --agency with one of health, csc, or use --all."
    ]
    assert not (tmp_path / "out").exists()
