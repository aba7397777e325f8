"""Case files built by hand for closing, retention and purging: real SQLCipher files whose
cases hold words found nowhere else, so a search of the raw pages can tell them apart."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mara_desktop.domain import PersonRole
from mara_desktop.domain.review import months_before
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import Session
from tests.conftest import PASSPHRASE
from tests.support.documents import full_case

GONE = "gone"
KEPT = "kept"
OPEN = "open"

GONE_WORDS = (
    "GONE-REF-QX7",
    "Wilhelmina Quxbottom",
    "Earlier-name Quxbottom-Vantablack",
    "Zephyrine item about the garden shed",
    "Override because of Zephyrine threats",
    "Sanctuary for Quxbottom household",
)
"""Words of the case to purge, each found in no other case; the earlier name is only in
its person's history once corrected."""
LONG_TEXT = "".join(f"Quxbottom chronicle line {n:05d}. " for n in range(400))
"""An entry longer than a page: SQLite keeps it across overflow pages."""
KEPT_WORDS = ("KEPT-REF-ML4", "Bartholomew Keepwell", "Keepwell item about the bicycle")


def protocol_text(years: int | None) -> str:
    """The default protocol (which keeps cases 6 years) with another period, or none."""
    text = default_protocol_path().read_text("utf-8")
    setting = "" if years is None else f"retention_years = {years}\n"
    assert "retention_years = 6\n" in text
    return text.replace("retention_years = 6\n", setting, 1)


def _case(case_id: str, reference: str, name: str, text: str, referred: date) -> dict[str, Any]:
    case = copy.deepcopy(full_case(case_id, items=1))
    case["reference"] = reference
    case["referral"]["date"] = referred.isoformat()
    case["people"][0]["name"] = name
    case["items"][0]["text"] = text
    for item in case["items"]:
        item["recorded_at"] = None
    for consent in case["consents"]:
        consent["recorded_at"] = f"{referred.isoformat()}T10:00:00Z"
    case["overrides"][0]["decided_at"] = f"{referred.isoformat()}T11:00:00Z"
    case["overrides"][0]["until"] = None
    case["actions"][0]["due"] = (referred + timedelta(days=14)).isoformat()
    case["actions"][0]["conference"] = None
    return case


def document(today: date, *, heard: date | None = None) -> dict[str, Any]:
    """Three cases referred ten years ago: `gone` and `kept` heard at one conference on
    `heard` (default: nine years ago), `open` never heard."""
    referred = months_before(today, 120)
    gone = _case(GONE, GONE_WORDS[0], GONE_WORDS[2], GONE_WORDS[3], referred)
    gone["overrides"][0]["justification"] = GONE_WORDS[4]
    gone["actions"][0]["text"] = GONE_WORDS[5]
    gone["items"].append({**gone["items"][0], "id": "long", "text": LONG_TEXT})
    kept = _case(KEPT, *KEPT_WORDS, referred)
    still_open = _case(OPEN, "OPEN-REF-77", "Olwen Stillopen", "Stillopen item", referred)
    on = heard or referred + timedelta(days=30)
    return {
        "format": "mara-interchange/1",
        "conferences": [
            {"id": "conf-old", "title": "Northshire MARAC", "date": on.isoformat(),
             "venue": "Room 2", "chair": "DI Sam Example", "agenda": [GONE, KEPT],
             "attendance": []},
        ],
        "cases": [gone, kept, still_open],
    }  # fmt: skip


def build(path: Path, today: date, *, years: int | None = 7) -> Session:
    """The file, open; `gone`'s victim imported under an earlier name, then corrected (the
    earlier name is kept in its history)."""
    session = Session.create(path, PASSPHRASE, protocol_text(years))
    data = path.with_name("data.json")
    data.write_text(json.dumps(document(today)), encoding="utf-8")
    session.import_interchange(data, update=False)
    data.unlink()
    victim = session.person_for_chair(GONE, "p1")
    assert victim is not None and victim.role is PersonRole.VICTIM
    session.correct_person(GONE, dataclasses.replace(victim, name=GONE_WORDS[1]))
    return session
