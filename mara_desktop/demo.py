"""The bundled demo: a synthetic Northshire MARAC, built fresh into a case file on request.

The bundled data is only ever read, so every demo starts from the same pristine state. The
names, addresses and phone numbers in it are invented (ZZ postcodes and Ofcom's drama
numbers do not exist).
"""

from __future__ import annotations

from pathlib import Path

from mara_desktop.resources import default_protocol_path, resource
from mara_desktop.session import Session

DEMO_PASSPHRASE = "northshire demo only"
DEMO_CONFERENCE = "ns-2026-11-26"


def demo_data_path() -> Path:
    return resource("demo", "demo-conference.json")


def create_demo(path: Path) -> Session:
    """A new case file at `path` holding the demo, open and ready."""
    session = Session.create(path, DEMO_PASSPHRASE, default_protocol_path().read_text("utf-8"))
    try:
        session.import_interchange(demo_data_path(), update=False)
    except BaseException:
        session.close()
        raise
    return session
