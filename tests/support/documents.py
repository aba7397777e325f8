"""Interchange documents built in code, complete (every field) so round trips are exact."""

from __future__ import annotations

import copy
from typing import Any


def full_case(case_id: str = "case-1", *, items: int = 3) -> dict[str, Any]:
    return {
        "id": case_id,
        "reference": f"NS-{case_id}",
        "children_involved": True,
        "referral": {"date": "2026-11-02", "agency": "police", "criterion": "visible_high_risk", "dash_score": 17},
        "people": [
            {"id": "p1", "role": "victim", "name": "Zofia Przykładowa", "born": "1990-04-02", "source": "police"},
            {"id": "p2", "role": "perpetrator", "name": "Mark Specimen", "born": None, "source": None},
            {"id": "p3", "role": "child", "name": "Nguyễn Thị Mẫu", "born": "2019-01-05", "source": "csc"},
        ],
        "consents": [
            {"state": "given", "agencies": ["*"], "categories": ["victim-health"],
             "recorded_at": "2026-11-03T10:15:00Z", "recorded_by": "IDVA Priya Placeholder",
             "person": None},
            {"state": "withdrawn", "agencies": ["*"], "categories": ["*"],
             "recorded_at": "2026-11-10T09:00:00+01:00", "recorded_by": "IDVA Priya Placeholder",
             "person": "p1"},
        ],
        "overrides": [
            {"categories": ["victim-location"], "agencies": ["housing"], "lawful_basis": "vital-interests",
             "justification": "Threats to kill on 1 Nov; the perpetrator knows the current address.",
             "decided_by": "DI Sam Example", "decided_at": "2026-10-29T11:00:00Z", "until": "2030-06-30"},
        ],
        "items": [
            {"id": f"i{n}", "category": "victim-health", "source": "gp", "subject": "victim",
             "text": f"Health note {n} <b>& more</b>", "restricted_to": [], "person": "p1",
             "recorded_at": None}
            for n in range(1, items + 1)
        ] + [
            {"id": "intel", "category": "perpetrator-history", "source": "police", "subject": "perpetrator",
             "text": "Intelligence: firearm access.", "restricted_to": ["police", "probation"],
             "person": "p2", "recorded_at": "2026-11-04T08:30:00"},
        ],
        "actions": [
            {"id": "a1", "owner": "housing", "category": "actions", "text": "Sanctuary scheme referral",
             "due": "2026-12-03", "status": "open", "owner_name": "Jo Placeholder", "source": "idva",
             "restricted_to": [], "conference": "conf-1"},
        ],
    }  # fmt: skip


def full_document(cases: int = 2) -> dict[str, Any]:
    return {
        "format": "mara-interchange/1",
        "conferences": [
            {
                "id": "conf-1",
                "title": "Northshire MARAC",
                "date": "2026-11-26",
                "venue": "Sampletown Police Station, Room 2",
                "chair": "DI Sam Example",
                "agenda": [f"case-{n}" for n in range(1, cases + 1)],
                "attendance": [
                    {"agency": "police", "name": "DI Sam Example", "status": "present",
                     "conditionality_signed": False, "information_sent": False, "received_on": None},
                    {"agency": "gp", "name": "Dr Ada Placeholder", "status": "apologies",
                     "conditionality_signed": False, "information_sent": True, "received_on": "2026-11-24"},
                    {"agency": "observer", "name": "Student social worker", "status": "observer",
                     "conditionality_signed": True, "information_sent": False, "received_on": None},
                ],
            }
        ],
        "cases": [full_case(f"case-{n}") for n in range(1, cases + 1)],
    }  # fmt: skip


def minimal_case(case_id: str = "min-1") -> dict[str, Any]:
    return {
        "id": case_id,
        "reference": "NS-MIN",
        "children_involved": False,
        "referral": {"date": "2026-11-02", "agency": "idva", "criterion": "professional_judgement"},
    }


def changed(document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(document)
