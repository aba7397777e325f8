"""This computer's keychain as a witness of one case file's audit log.

When the key is remembered here, the keychain entry also keeps the newest audit record
this computer saw when it last closed the file (store/keychain.py). Opening checks the log
still holds it; closing moves it on to the new newest record, unless records were found
missing (then the older record must stay, to go on saying so) or the file is a backup
(which lacks, rightly, what came after it and must not move the case file's witness back).
"""

from __future__ import annotations

import contextlib

from mara_desktop.store import audit, keychain
from mara_desktop.store.audit import Anchor, Head
from mara_desktop.store.connection import Connection
from mara_desktop.store.errors import KeyUnavailable
from mara_desktop.store.verification import KEYCHAIN_WITNESS, LOST_RECORDS


class KeychainWitness:
    def __init__(self, salt: bytes, remembered: keychain.Remembered | None) -> None:
        self._salt = salt
        self._seen = remembered.audit if remembered else None
        self.remembered = remembered is not None
        self._lost = False
        self._moved_on_purpose = False

    def check(self, conn: Connection, name: str) -> str | None:
        """A warning when the log no longer holds the record this computer saw."""
        if self._seen is None or audit.holds(conn, self._seen):
            return None
        self._lost = True
        lost = LOST_RECORDS.format(record=self._seen.record, where=KEYCHAIN_WITNESS)
        return (
            f"The audit log of {name}: {lost}. Make a backup of the file now, before more is "
            "recorded, run verify, and tell the data protection officer."
        )

    def anchors(self) -> list[Anchor]:
        return [Anchor(KEYCHAIN_WITNESS, None, self._seen)] if self._seen else []

    def remember(self, conn: Connection, key: bytes) -> None:
        """Keep the key (KeyUnavailable without a secure keychain) and the newest record."""
        newest = audit.head(conn)
        keychain.remember(self._salt, key, newest)
        self._seen, self.remembered = newest, True

    def forget(self) -> bool:
        forgotten = keychain.forget(self._salt)
        self._seen, self.remembered = None, False
        return forgotten

    def restored(self) -> None:
        """The file was restored from a backup: the records newer than it are, knowingly,
        elsewhere, so the witness moves to this file's newest record when it closes."""
        self._moved_on_purpose = True

    def leave(self, conn: Connection, key: bytes) -> None:
        """On closing: the newest record for next time, if it is safe to move on."""
        if not self.remembered or self._lost:
            return
        kept = self._seen is None or self._moved_on_purpose or audit.holds(conn, self._seen)
        if not kept:
            return  # cut while open: the older record must stay to say so
        newest: Head | None = audit.head(conn)
        if newest is None or newest == self._seen:
            return
        with contextlib.suppress(KeyUnavailable):  # a locked keychain keeps the older one
            keychain.remember(self._salt, key, newest)
