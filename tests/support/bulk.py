"""Large synthetic interchange documents for crash tests and benchmarks."""

from __future__ import annotations

from typing import Any

CATEGORIES = (
    "victim-health", "victim-location", "perpetrator-history", "criminal-justice", "housing",
    "risk-summary", "victim-views", "substance-use",
)  # fmt: skip
SOURCES = ("police", "idva", "gp", "housing", "probation", "hospital")


def bulk_document(cases: int, items: int, *, canary: str = "CANARY") -> dict[str, Any]:
    return {
        "format": "mara-interchange/1",
        "conferences": [],
        "cases": [
            {
                "id": f"bulk-{c:05d}",
                "reference": f"NS-2026-{c:05d}",
                "children_involved": False,
                "referral": {"date": "2026-10-01", "agency": "police", "criterion": "visible_high_risk", "dash_score": 15},
                "people": [{"id": "v", "role": "victim", "name": f"{canary}-NAME-{c}"}],
                "items": [
                    {
                        "id": f"i{n}",
                        "category": CATEGORIES[n % len(CATEGORIES)],
                        "source": SOURCES[n % len(SOURCES)],
                        "subject": "victim",
                        "text": f"{canary}-{c}-{n} Lives at {n} Sample Road, Sampletown ZZ1 {c % 9}AB; "
                        "contact only on the safe number between 10:00 and 12:00.",
                        "person": "v",
                    }
                    for n in range(items)
                ],
            }
            for c in range(cases)
        ],
    }  # fmt: skip
