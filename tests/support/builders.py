"""Small protocols and cases built in code, so each test shows exactly what it relies on."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mara_desktop.domain import (
    Action,
    Case,
    Consent,
    ConsentState,
    Item,
    Override,
    Referral,
    ReferralCriterion,
    Subject,
)
from mara_desktop.protocol.loader import parse_protocol
from mara_desktop.protocol.model import Protocol

AGENCIES = ("police", "idva", "housing", "health", "csc")
CATEGORIES = ("referral", "health", "location", "children", "actions")

HEADER = """
[protocol]
id = "test"
name = "Test protocol"
version = "1"
jurisdiction = "Testland"
approved_on = 2026-01-01
review_by = 2027-01-01
marking = "OFFICIAL-SENSITIVE"
consent_mode = "{mode}"

[[lawful_basis]]
id = "public-task"
text = "Public task"

[[lawful_basis]]
id = "vital"
text = "Vital interests"
"""


def protocol_text(rules: str, *, mode: str = "preferred") -> str:
    agencies = "".join(
        f'\n[[agency]]\nid = "{a}"\nname = "{a.title()}"\ntype = "t"\n' for a in AGENCIES
    )
    subjects = {"health": "victim", "location": "victim", "children": "child"}
    categories = "".join(
        f'\n[[category]]\nid = "{c}"\nname = "{c.title()}"\nsubject = "{subjects.get(c, "case")}"\n'
        for c in CATEGORIES
    )
    return HEADER.format(mode=mode) + agencies + categories + rules


def make_protocol(rules: str, *, mode: str = "preferred") -> Protocol:
    return parse_protocol(protocol_text(rules, mode=mode), "test.toml")


def rule(categories: list[str], agencies: list[str], when: list[str] | None = None) -> str:
    quoted = ", ".join(f'"{w}"' for w in when or [])
    return (
        f"\n[[rule]]\ncategories = {categories!r}\nagencies = {agencies!r}\n"
        f'when = [{quoted}]\nlawful_basis = "public-task"\n'
    ).replace("'", '"')


def moment(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def consent(
    state: ConsentState,
    day: int = 1,
    agencies: tuple[str, ...] = ("*",),
    categories: tuple[str, ...] = ("*",),
) -> Consent:
    return Consent(state, agencies, categories, moment(day), "IDVA Test")


def override(categories: tuple[str, ...], agencies: tuple[str, ...], day: int = 2) -> Override:
    return Override(
        categories,
        agencies,
        "vital",
        "Threats to kill made on 1 Nov; bail breached.",
        "Chair",
        moment(day),
    )


def item(
    category: str = "health",
    source: str = "health",
    restricted_to: tuple[str, ...] = (),
    item_id: str = "i1",
) -> Item:
    return Item(item_id, category, source, Subject.VICTIM, f"secret {item_id}", restricted_to)


def action(owner: str = "housing", category: str = "actions", action_id: str = "a1") -> Action:
    return Action(action_id, owner, category, "Do something", date(2026, 12, 1))


def case(
    *,
    children: bool = False,
    consents: tuple[Consent, ...] = (),
    overrides: tuple[Override, ...] = (),
    items: tuple[Item, ...] = (),
    actions: tuple[Action, ...] = (),
) -> Case:
    return Case(
        "c1",
        "REF-1",
        children,
        Referral(date(2026, 11, 1), "police", ReferralCriterion.VISIBLE_HIGH_RISK, 16),
        items=items,
        actions=actions,
        consents=consents,
        overrides=overrides,
    )
