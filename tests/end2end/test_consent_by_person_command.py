"""Consent by person through the command line: an imported case with an other adult, seen
by `view --json` and `explain`; imports naming a child, a perpetrator or a stranger refused."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PASSPHRASE
from tests.support import builders
from tests.support.cli import run


def person(pid: str, role: str, name: str) -> dict[str, object]:
    return {"id": pid, "role": role, "name": name}


def health(item_id: str, subject: str, about: str) -> dict[str, object]:
    return {
        "id": item_id,
        "category": "health",
        "source": "health",
        "subject": subject,
        "text": f"Health note {item_id}",
        "person": about,
    }


def consent(state: str, day: int, who: str | None = None) -> dict[str, object]:
    record: dict[str, object] = {
        "state": state,
        "agencies": ["*"],
        "categories": ["*"],
        "recorded_at": f"2026-11-{day:02d}T10:00:00Z",
        "recorded_by": "IDVA Priya Placeholder",
    }
    if who is not None:
        record["person"] = who
    return record


def case(case_id: str, consents: list[dict[str, object]]) -> dict[str, object]:
    return {
        "id": case_id,
        "reference": f"REF-{case_id}",
        "children_involved": True,
        "referral": {"date": "2026-11-02", "agency": "police", "criterion": "repeat"},
        "people": [
            person("p1", "victim", "Zofia Example"),
            person("p2", "other_adult", "Piotr Example"),
            person("p3", "child", "Ada Example"),
            person("p4", "perpetrator", "Mark Example"),
        ],
        "consents": consents,
        "items": [
            health("about-victim", "victim", "p1"),
            health("about-adult", "household", "p2"),
            health("about-child", "child", "p3"),
        ],
    }


@pytest.fixture
def made(tmp_path):
    protocol = tmp_path / "p.toml"
    protocol.write_text(
        builders.protocol_text(builders.rule(["health"], ["housing"], ["consent"])), "utf-8"
    )
    path = tmp_path / "case.mara"
    result = run("create", path, "--protocol", protocol, passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    return path


def load(made, tmp_path, cases):
    data = tmp_path / "in.json"
    data.write_text(json.dumps({"format": "mara-interchange/1", "cases": cases}), "utf-8")
    return run("import", made, data, passphrase=PASSPHRASE)


def seen(made, case_id: str) -> list[str]:
    result = run(
        "view", made, "--case", case_id, "--as", "housing", "--json", passphrase=PASSPHRASE
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["items"]


def test_each_persons_consent_opens_only_their_information(made, tmp_path):
    cases = [
        case("victim-only", [consent("given", 3)]),
        case("both", [consent("given", 3, "p1"), consent("given", 4, "p2")]),
        case("adult-only", [consent("given", 4, "p2"), consent("refused", 5)]),
    ]
    assert load(made, tmp_path, cases).returncode == 0
    assert seen(made, "victim-only") == ["about-victim", "about-child"]
    assert seen(made, "both") == ["about-victim", "about-adult", "about-child"]
    assert seen(made, "adult-only") == ["about-adult"]
    explained = run(
        "explain", made, "--case", "victim-only", "--item", "about-adult", "--as", "housing",
        passphrase=PASSPHRASE,
    )  # fmt: skip
    assert explained.returncode == 0, explained.stderr
    assert "only with the consent of Piotr Example (other adult), and no consent is recorded" in (
        explained.stdout
    )
    exported = tmp_path / "out.json"
    assert run("export", made, exported, passphrase=PASSPHRASE).returncode == 0
    records = json.loads(exported.read_text("utf-8"))["cases"][1]["consents"]
    assert [r["person"] for r in records] == ["p1", "p2"]


@pytest.mark.parametrize(
    ("who", "problem"),
    [
        ("p3", 'cases[0].consents[0].person: a consent for a child ("p3"): consent is the '
         "victim's or another adult's"),
        ("p4", 'cases[0].consents[0].person: a consent for a perpetrator ("p4"): consent is '
         "the victim's or another adult's"),
        ("p9", 'cases[0].consents[0].person: unknown person "p9"'),
    ],
)  # fmt: skip
def test_an_import_naming_a_child_a_perpetrator_or_a_stranger_is_refused(
    made, tmp_path, who, problem
):
    result = load(made, tmp_path, [case("c1", [consent("given", 3, who)])])
    assert result.returncode == 4
    assert "nothing was imported" in result.stderr
    assert problem in result.stderr
    assert "Traceback" not in result.stderr
