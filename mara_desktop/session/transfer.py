"""Transferring a case to another area's MARAC, and receiving one (store/case_pack.py).

The sending side checks what it can before any passphrase is asked for (`check_transfer`),
then writes the pack and marks the case transferred, both or neither. The receiving side
opens the pack read only with the pack's own passphrase (the pack stays as it came) and
adds its case in one transaction. Both are audited, by ids and dates only: the area's name
is kept with the case, never in the log.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mara_desktop.store.case_pack import (
    PackMade,
    PackReceived,
    check_transfer,
    receive_pack,
    write_pack,
)
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.connection import check_can_open


def check_pack(pack: Path) -> None:
    """Refuse a missing file, a folder or a text file as a pack, in one sentence, before
    the chair is asked for its passphrase."""
    check_can_open(pack, writable=False)


class Transfers:
    """Transfers of a `Session` (session.py), over its open case file."""

    _file: CaseFile

    def check_transfer(self, case_id: str, out: Path) -> None:
        """Refuse an `out` that exists, an unknown case or one already transferred, each in
        one sentence (exit 4), before the chair types the pack's passphrase twice."""
        check_transfer(self._file, case_id, out)

    def transfer_case(
        self,
        case_id: str,
        out: Path,
        pack_passphrase: str,
        *,
        to_area: str = "",
        today: date | None = None,
    ) -> PackMade:
        """The case as a new encrypted case file at `out`, under `pack_passphrase` (never
        this file's own) and this file's protocol; the case here becomes transferred (to
        `to_area`, closed today)."""
        return write_pack(self._file, case_id, out, pack_passphrase, to_area, today or date.today())

    def import_pack(self, pack: Path, pack_passphrase: str) -> PackReceived:
        """A transfer pack's case added to this file with its ids, history and audit
        records; refused (nothing changed) when this file already holds the case, or the
        case uses an agency, category or lawful basis this file's protocol lacks."""
        check_pack(pack)
        with CaseFile.open(
            pack, passphrase=pack_passphrase, actor=self._file.actor, read_only=True
        ) as opened:
            return receive_pack(self._file, opened)
