"""Case file ▸ Import…: cases and conferences from an interchange file, as `mara-desktop
import` brings them in.

The coordinator sends the meeting's cases as a JSON file (docs/interchange.md); the chair
can bring it in here rather than at a terminal. The file is chosen in the app's own file
dialog, which leaves no folder or file name in Qt's settings (file_dialogs.py), then read
and checked by the command's reader and written by the session in one transaction: one
problem anywhere and nothing is imported, and the chair reads that problem in the
command's sentence, which names the file, the field and what is wrong with it. Cases and
conferences already in the file are not replaced here (the command's `--update` does that,
keeping their consent and override history). A transfer file from another area (a case
file holding one case) is recognised by its suffix and asks for its own passphrase.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from mara_desktop.domain import Audience
from mara_desktop.errors import MaraError
from mara_desktop.session import (
    DamagedCaseFile,
    ImportReport,
    Session,
    check_pack,
    is_case_file,
)
from mara_desktop.ui.agenda_panel import conference_label
from mara_desktop.ui.file_dialogs import choose_file_to_import
from mara_desktop.ui.text import count_of

IMPORTED = "Imported"
NOTHING_IMPORTED = "Nothing imported"
PACK_PASSPHRASE = "Passphrase of the transfer file"


def import_chosen_file(session: Session, parent: QWidget) -> bool:
    """Ask for a file and import it; True once something was imported and the chair told
    what. A refusal is shown and nothing changes; damage to the case file is left to the
    caller (the console shows it as its band)."""
    path = choose_file_to_import(parent)
    if path is None:
        return False
    if is_case_file(path):
        return import_pack(session, path, parent)
    try:
        report = session.import_interchange(path, update=False)
    except DamagedCaseFile:
        raise
    except MaraError as error:
        box = QMessageBox(QMessageBox.Icon.Warning, NOTHING_IMPORTED, str(error), parent=parent)
        if len(error.details) > 1:
            box.setInformativeText(f"{len(error.details)} problems in all: see Show Details.")
            box.setDetailedText("\n".join(error.details))
        box.exec()
        return False
    QMessageBox.information(parent, IMPORTED, imported_text(session, path, report))
    return True


def import_pack(session: Session, path: Path, parent: QWidget) -> bool:
    """A transfer file from another area (transfer_dialog.py made it there): its own
    passphrase is asked, then its case is added as `mara-desktop import` adds it."""
    try:
        check_pack(path)
    except MaraError as error:
        QMessageBox.warning(parent, NOTHING_IMPORTED, str(error))
        return False
    passphrase, given = QInputDialog.getText(
        parent,
        PACK_PASSPHRASE,
        f"The passphrase of {path.name}, as the sending area gave it:",
        QLineEdit.EchoMode.Password,
    )
    if not given:
        return False
    try:
        received = session.import_pack(path, passphrase)
    except DamagedCaseFile:
        raise
    except MaraError as error:
        QMessageBox.warning(parent, NOTHING_IMPORTED, str(error))
        return False
    reference = session.case_view(received.case_id, Audience.chair()).title
    lines = [
        f"Imported the case {reference} from {path.name}, with its history and "
        f"{received.audit_records} audit records from the sending area. Add it to a "
        "meeting's agenda to hear it."
    ]
    if received.protocol_differs:
        lines.append(
            "It was sent under another protocol than this file's: from now on it is shown "
            f'and shared under "{session.protocol.name}" (version {session.protocol.version}).'
        )
    lines.append(f"Delete {path.name} once you have checked the case: it still holds it.")
    QMessageBox.information(parent, IMPORTED, "\n".join(lines))
    return True


def imported_text(session: Session, path: Path, report: ImportReport) -> str:
    """What was added, in counts, and the new meetings by name: where the chair finds them."""
    cases = count_of(len(report.cases_added), "case", "cases")
    conferences = count_of(len(report.conferences_added), "meeting", "meetings")
    lines = [f"Imported {path.name}: {cases} and {conferences} added."]
    for conference_id in report.conferences_added:
        conference = session.conference(conference_id)
        if conference is not None:
            lines.append(f"New meeting, under Meeting on the left: {conference_label(conference)}.")
    if report.references_note:
        lines.append(report.references_note)
    return "\n".join(lines)
