"""What a MARAC keeps to show it answers for the data it holds: the register of agencies
that signed the information-sharing protocol, and the breach log.

Both are history (the file's triggers refuse changes): a signature or a breach once
recorded is never edited; a later record says what changed. A breach's texts may name the
people it touched, so they stay inside the encrypted file; the audit log names the record
by its number only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Signature:
    """An agency signed a version of the protocol: who signed for it, on what day. The
    version is named by its number and the fingerprint (sha256) of the text signed, so a
    text changed under the same number is not taken as signed."""

    seq: int
    agency: str
    protocol_version: str
    protocol_sha256: str
    signed_by: str
    signed_on: date
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class Breach:
    """A personal data breach as the chair recorded it: what happened, when (if known),
    when it was found, and who was told (the data protection authority, the people
    affected, the data protection officer), in the chair's words."""

    seq: int
    what: str
    happened_on: date | None
    found_on: date
    told: str
    recorded_at: datetime
    recorded_by: str
