"""Keeping action references across an export and an import (docs/interchange.md, "Action
references").

An action's printed reference is made from its ids with the case file's own key
(domain/action_reference.py), so a file made by importing an export would print other
references than the minutes already sent, and agencies' update sheets naming them would no
longer match. A whole file's export therefore carries the key (it is plaintext JSON holding
every name and address already, and each minutes manifest maps action ids to references:
the key adds nothing a reader of the export lacks). An import takes the document's key only
into a file that holds no action yet, whose own key has printed nothing; a file with
actions keeps its key, since changing it would change every reference it has printed.
"""

from __future__ import annotations

from enum import StrEnum

from mara_desktop.store import schema
from mara_desktop.store.connection import Connection


class KeyOutcome(StrEnum):
    """What an import did with a document's key of action references (audited)."""

    NONE = "none"
    """The document carried no key (a coordinator's agenda, an older export)."""
    SAME = "same"
    ADOPTED = "adopted"
    """The file held no action: it now prints the exporting file's references."""
    KEPT = "kept"
    """The file already held actions: it keeps its own key, so the imported actions print
    references other than the exporting file's."""


def holds_actions(conn: Connection) -> bool:
    """Asked of the primary key's index (one look-up, however many actions): a scan of
    the table would cost an import of a few cases seconds in a large file."""
    return conn.execute("SELECT min(case_id) FROM action").fetchone()[0] is not None


def take_key(conn: Connection, key: bytes | None, *, held_actions: bool) -> KeyOutcome:
    """Inside the import's transaction: adopt `key` when the file held no action before."""
    if key is None:
        return KeyOutcome.NONE
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (schema.ACTION_KEY,)).fetchone()
    if row is not None and row[0] == key.hex():
        return KeyOutcome.SAME
    if held_actions:
        return KeyOutcome.KEPT
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (schema.ACTION_KEY, key.hex())
    )
    return KeyOutcome.ADOPTED
