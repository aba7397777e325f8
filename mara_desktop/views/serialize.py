"""A case view as JSON-ready data (for `mara-desktop view --json` and other tools).

Only what the view holds can be written, so this is as safe as the view itself.
"""

from __future__ import annotations

from typing import Any

from mara_desktop.domain import moment_text
from mara_desktop.views.model import CaseView


def case_view_data(view: CaseView) -> dict[str, Any]:
    header = view.header
    return {
        "case": view.case_id,
        "audience": view.audience.sorted(),
        "items": [i.id for i in view.items],
        "actions": [a.id for a in view.actions],
        "people": [
            {"id": p.id, "role": p.role.value, "label": p.label, "name": p.name}
            for p in view.people
        ],
        "header": None
        if header is None
        else {
            "reference": header.reference,
            "criterion": header.criterion.value,
            "dash_score": header.dash_score,
            "referral_date": header.referral_date.isoformat(),
            "referring_agency": header.referring_agency,
            "children_involved": header.children_involved,
            "dash_ticks": header.dash_ticks,
            "criteria": [c.value for c in header.criteria],
            "repeat_of": list(header.repeat_of),
        },
        "details": {
            "items": [
                {
                    "id": i.id,
                    "category": i.category,
                    "source": i.source,
                    "subject": i.subject.value,
                    "person": i.person,
                    "text": i.text,
                    "recorded_at": moment_text(i.recorded_at) if i.recorded_at else None,
                }
                for i in view.items
            ],
            "actions": [
                {
                    "id": a.id,
                    "owner": a.owner,
                    "owner_name": a.owner_name,
                    "text": a.text,
                    "due": a.due.isoformat() if a.due else None,
                    "status": a.status.value,
                }
                for a in view.actions
            ],
        },
    }
