"""The bundled demo: a synthetic Northshire MARAC, built fresh into a case file on request.

The bundled data is only ever read, so every demo starts from the same pristine state. The
names, addresses and phone numbers in it are invented (ZZ postcodes and Ofcom's drama
numbers do not exist).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mara_desktop.resources import default_protocol_path, resource
from mara_desktop.session import Session

DEMO_PASSPHRASE = "northshire demo only"
DEMO_CONFERENCE = "ns-2026-11-26"
DEMO_UNSIGNED = "drug-alcohol"
"""The one agency of the demo that has not signed the protocol in force (it joined the
MARAC late), present at the demo meeting: the attendance shows how the chair is warned."""


def demo_data_path() -> Path:
    return resource("demo", "demo-conference.json")


def create_demo(path: Path) -> Session:
    """A new case file at `path` holding the demo, open and ready."""
    session = Session.create(path, DEMO_PASSPHRASE, default_protocol_path().read_text("utf-8"))
    try:
        session.import_interchange(demo_data_path(), update=False)
        _sign_for_demo(session)
    except BaseException:
        session.close()
        raise
    return session


def _sign_for_demo(session: Session) -> None:
    """Every agency but one signed the protocol in the weeks after it was approved, each by
    a role (a demo names no real person)."""
    approved = session.protocol.approved_on
    for number, agency in enumerate(session.protocol.agencies):
        if agency.id != DEMO_UNSIGNED:
            day = date.fromordinal(approved.toordinal() + 7 + 2 * number)
            session.sign_protocol(agency.id, "Head of safeguarding", day, today=day)
