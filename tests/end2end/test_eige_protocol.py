"""The bundled EIGE example protocol (resources/protocols/eige-police-guide-example.toml),
feature by feature, through the real commands: `create --protocol`, `import`, `view --json
--on`. Every expectation is written by hand from the rule comments in the file (cited per
line), never by asking the rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mara_desktop.resources import resource
from tests.conftest import PASSPHRASE
from tests.support.cli import run

REFERRED = "2026-11-02"
ON = "2026-11-10"


def given(day: int, agencies: list[str], categories: list[str], **more: str) -> dict[str, Any]:
    return {"state": "given", "agencies": agencies, "categories": categories,
            "recorded_at": f"2026-11-{day:02d}T10:00:00Z", "recorded_by": "Adviser Test", **more}  # fmt: skip


REFUSED = {"state": "refused", "agencies": ["*"], "categories": ["*"],
           "recorded_at": "2026-11-01T09:00:00Z", "recorded_by": "Adviser Test"}  # fmt: skip
EVERYTHING = given(3, ["*"], ["*"])


def item(
    item_id: str, category: str, source: str, subject: str, person: str | None
) -> dict[str, Any]:
    found = {"id": item_id, "category": category, "source": source, "subject": subject,
             "text": f"Entry {item_id}."}  # fmt: skip
    if person:
        found["person"] = person
    return found


VICTIM_ITEMS = [
    item("h", "victim-health", "idva", "victim", "v"),
    item("loc", "victim-location", "idva", "victim", "v"),
    item("r", "risk-summary", "police", "case", None),
]
CHILD_ITEM = item("cw", "child-welfare", "police", "child", "c")


def case(
    case_id: str,
    *,
    children: bool = False,
    pregnancy: bool = False,
    born: str = "1990-05-01",
    consents: list[dict[str, Any]] | None = None,
    overrides: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    people = [{"id": "v", "role": "victim", "name": "Ana Example", "born": born}]
    items = list(VICTIM_ITEMS)
    if children:
        people.append({"id": "c", "role": "child", "name": "Eva Example", "born": "2019-01-01"})
        items.append(CHILD_ITEM)
    found: dict[str, Any] = {
        "id": case_id,
        "reference": f"REF-{case_id}",
        "children_involved": children,
        "referral": {"date": REFERRED, "agency": "police", "criterion": "visible_high_risk"},
        "people": people,
        "consents": consents or [],
        "overrides": overrides or [],
        "items": items,
    }
    if pregnancy:
        found["pregnancy"] = True
    return found


OTHER_ADULT = {
    "id": "other-adult",
    "reference": "REF-other-adult",
    "children_involved": False,
    "referral": {"date": REFERRED, "agency": "police", "criterion": "visible_high_risk"},
    "people": [
        {"id": "v", "role": "victim", "name": "Ana Example"},
        {"id": "a", "role": "other_adult", "name": "Jon Example"},
    ],
    # Only the adult son agrees, and only to the health services (a group) hearing about
    # his substance use; the victim is not asked.
    "consents": [given(4, ["health"], ["substance-use"], person="a")],
    "items": [
        item("sv", "substance-use", "police", "victim", "v"),
        item("sa", "substance-use", "police", "household", "a"),
    ],
}
OVERRIDE = {
    "categories": ["victim-location"], "agencies": ["housing"], "lawful_basis": "serious-risk",
    "justification": "Threats to kill on 2 Nov; he is released on 19 Nov.",
    "decided_by": "Chair Test", "decided_at": "2026-11-03T10:00:00Z", "until": "2026-11-20",
}  # fmt: skip
CASES = [
    case("no-consent"),
    case("consent", consents=[EVERYTHING]),
    case("children", children=True, consents=[REFUSED]),
    case("children-consent", children=True, consents=[EVERYTHING]),
    case("pregnant", pregnancy=True, consents=[REFUSED]),
    case("pregnant-consent", pregnancy=True, consents=[EVERYTHING]),
    case("seventeen", born="2008-11-03"),
    case("eighteen", born="2008-11-02"),
    case("override", consents=[REFUSED], overrides=[OVERRIDE]),
    OTHER_ADULT,
]


@pytest.fixture(scope="module")
def case_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("eige")
    path = folder / "eige.mara"
    protocol = resource("protocols", "eige-police-guide-example.toml")
    created = run("create", path, "--protocol", protocol, passphrase=PASSPHRASE)
    assert created.returncode == 0, created.stderr
    data = folder / "cases.json"
    data.write_text(
        json.dumps({"format": "mara-interchange/1", "conferences": [], "cases": CASES}), "utf-8"
    )
    imported = run("import", path, data, passphrase=PASSPHRASE)
    assert imported.returncode == 0, imported.stderr
    return path


def seen(path: Path, case_id: str, audience: str, on: str = ON) -> list[str]:
    result = run(
        "view", path, "--case", case_id, "--as", audience, "--json", "--on", on,
        passphrase=PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return sorted(json.loads(result.stdout)["items"])


# (case, audience, items seen): h = victim's health, loc = victim's safe whereabouts,
# r = risk summary (police's), cw = children's welfare (police's), sv/sa = substance use of
# the victim / of her adult son. The idva supplied h and loc, so it is never asked.
EXPECTED = [
    # Consent first: no consent, nothing reaches the GP (rule 4), adult or children's social
    # services (rules 1, 5) or housing (rule 1); police see only their own risk summary.
    ("no-consent", "gp", []),
    ("no-consent", "asc", []),
    ("no-consent", "csc", []),
    ("no-consent", "police", ["r"]),
    # With consent: the health group gets health (rule 4) and every partner the risk (rule 1);
    # the whereabouts go only to police and victim support (rule 3).
    ("consent", "gp", ["h", "r"]),
    ("consent", "drug-alcohol", ["h", "r"]),
    ("consent", "housing", ["r"]),
    ("consent", "police", ["loc", "r"]),
    ("consent", "gp,housing", ["r"]),
    # Adults only: adult social services hear her health with consent (rule 5).
    ("consent", "asc", ["h", "r"]),
    ("consent", "csc", ["r"]),
    # Children involved, consent refused: children's services and police get the children's
    # welfare (rule 10), children's social services the risk (rule 11), nobody her health.
    ("children", "csc", ["cw", "r"]),
    ("children", "education", ["cw"]),
    ("children", "police", ["cw", "r"]),
    ("children", "gp", []),
    ("children", "asc", []),
    # Children involved with consent: rule 5 no longer holds, so adult social services get
    # only what every partner gets (rule 1); the GP still gets her health (rule 4).
    ("children-consent", "asc", ["r"]),
    ("children-consent", "gp", ["h", "r"]),
    # Pregnant, no children listed: counted as children (rules 10, 11; not rule 5).
    ("pregnant", "csc", ["r"]),
    ("pregnant", "asc", []),
    ("pregnant-consent", "asc", ["r"]),
    # A victim of 17 on the referral date: children's social services get her whereabouts and
    # the risk without consent (rule 12), not her health; education gets nothing (rule 12 is
    # children's social services only). Born a day earlier she is 18: nothing.
    ("seventeen", "csc", ["loc", "r"]),
    ("seventeen", "education", []),
    ("seventeen", "gp", []),
    ("eighteen", "csc", []),
    # Consent by another adult opens only his item, only to the group he named: the health
    # group's rule 4 shares substance use; the victim's own item stays withheld; the IDVA
    # (rule 4 too, but outside his consent's scope) gets neither.
    ("other-adult", "drug-alcohol", ["sa"]),
    ("other-adult", "gp", ["sa"]),
    ("other-adult", "idva", []),
    ("other-adult", "housing", []),
]


@pytest.mark.parametrize(("case_id", "audience", "items"), EXPECTED)
def test_who_sees_what_under_the_eige_protocol(case_file, case_id, audience, items):
    assert seen(case_file, case_id, audience) == items


@pytest.mark.parametrize(
    ("on", "items"),
    [("2026-11-03", ["loc"]), ("2026-11-20", ["loc"]), ("2026-11-21", [])],
    ids=["decided", "last-day", "day-after"],
)
def test_a_recorded_override_shares_up_to_and_including_its_last_day(case_file, on, items):
    # Consent refused: nothing by rule. The override (serious risk) names the victim's
    # whereabouts and housing only, until 20 Nov.
    assert seen(case_file, "override", "housing", on) == items
    assert seen(case_file, "override", "fire", on) == []
