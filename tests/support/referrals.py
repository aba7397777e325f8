"""Cases with a referral as entered in the app (DESIGN.md, pinned additions): checklist
answers, incidents, the victim's knowledge and consent, self-identified fields."""

from __future__ import annotations

from typing import Any


def answers(yes: int, *, unknown: int = 0) -> dict[str, bool | None]:
    """The 24 answers: the first `yes` true, the next `unknown` not known, the rest false."""
    return {
        f"q{n}": True if n <= yes else None if n <= yes + unknown else False for n in range(1, 25)
    }


def referred_case(
    case_id: str,
    *,
    date: str = "2026-11-02",
    victim: str = "Zofia Przykładowa",
    born: str | None = "1990-04-02",
    yes: int = 15,
    incidents: int | None = 1,
    criterion: str = "visible_high_risk",
    judgement: str = "",
    **victim_fields: Any,
) -> dict[str, Any]:
    referral: dict[str, Any] = {
        "date": date,
        "agency": "police",
        "criterion": criterion,
        "dash_score": yes,
        "dash_answers": answers(yes),
        "dash_answered_by": {"q1": "the victim", "q2": "the victim"},
        "victim_aware": True,
        "victim_consents_to_referral": False,
        "referrer": "PC Alex Placeholder",
    }
    if incidents is not None:
        referral["incidents_12m"] = incidents
    if judgement:
        referral["professional_judgement"] = judgement
    return {
        "id": case_id,
        "reference": f"NS-{case_id}",
        "children_involved": False,
        "referral": referral,
        "people": [
            {"id": "v", "role": "victim", "name": victim, "born": born, "source": "police",
             **victim_fields},
            {"id": "p", "role": "perpetrator", "name": "Mark Specimen", "born": None,
             "source": None, "feared": True},
        ],
        "consents": [],
        "overrides": [],
        "items": [],
        "actions": [],
    }  # fmt: skip


def document_of(
    *cases: dict[str, Any], conferences: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"format": "mara-interchange/1", "conferences": conferences or [], "cases": list(cases)}
