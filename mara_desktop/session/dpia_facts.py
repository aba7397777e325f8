"""The case file's own facts that a draft data protection impact assessment quotes: the
protocol that governs it, where it lives, how it is encrypted, its audit log, how much it
holds (numbers only), the signature register and the breach log's dates.

Nothing here holds case data: no case reference, no name, no breach's text (it may name
the people it touched; the DPO reads it in the app). The draft is built from these facts
alone (minutes/dpia.py), so it cannot print what it was never given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mara_desktop.domain.whole_words import holds_whole_word
from mara_desktop.protocol.model import Protocol
from mara_desktop.store.accountability import Encryption, FileCounts

if TYPE_CHECKING:  # the register is the session's, which gathers these facts
    from mara_desktop.session.accountability import SignatureRegister


@dataclass(frozen=True)
class BreachDates:
    """A breach as the assessment lists it: its number and dates, never its words."""

    seq: int
    happened_on: date | None
    found_on: date


@dataclass(frozen=True)
class AuditState:
    records: int
    verified: bool
    """Every page, the structure and the hash chain checked when the draft was made."""
    problems: tuple[str, ...]


@dataclass(frozen=True)
class DpiaFacts:
    made_on: date
    protocol: Protocol
    folder: Path | None
    """The folder the file lives in; None when the folder's own name holds a name or a
    reference of the file (it is then not printed, and the draft says to move the file)."""
    file_id: str
    encryption: Encryption
    counts: FileCounts
    audit: AuditState
    register: SignatureRegister
    breaches: tuple[BreachDates, ...]


def folder_of(path: Path, names_and_references: list[str]) -> Path | None:
    """The file's folder, unless its path names a case or a person of the file as a whole
    word (a folder called after a victim tells anyone who sees the disk who is in it)."""
    folder = path.absolute().parent
    words = str(folder).casefold()
    held = any(holds_whole_word(words, value.strip().casefold()) for value in names_and_references)
    return None if held else folder
