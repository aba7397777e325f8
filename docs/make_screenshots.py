"""Make the pictures of the README and the guide from the demo: `python docs/make_screenshots.py`.

Runs the real windows offscreen on a fresh copy of the demo and saves PNGs in docs/images/.
Nothing is drawn by hand: each picture is what a chair would see, so a picture that looks
wrong is a screen that is wrong. Run it again whenever a screen changes. Needs `pdftoppm`
(poppler-utils) for the picture of a page of minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from mara_desktop.demo import create_demo
from mara_desktop.domain import OBSERVER, ConsentState
from mara_desktop.session import Session
from mara_desktop.ui.action_dialog import ActionDialog
from mara_desktop.ui.app import open_demo
from mara_desktop.ui.appearance import application
from mara_desktop.ui.audit_dialog import AuditDialog
from mara_desktop.ui.consent_dialog import ConsentDialog
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.export_dialog import ExportDialog
from mara_desktop.ui.item_dialog import ItemDialog
from mara_desktop.ui.override_dialog import OverrideDialog
from mara_desktop.ui.referral_dialog import ReferralDialog
from mara_desktop.ui.signatures_dialog import SignaturesDialog
from mara_desktop.ui.statistics_dialog import StatisticsDialog
from mara_desktop.ui.unlock import OpenCaseFileDialog

IMAGES = Path(__file__).resolve().parent / "images"
CONFERENCE = "ns-2026-11-26"
OVERRIDE_CASE = "case-03"
INFORMATION_CASE = "case-01"
ACTION_CASE = "case-06"
CONSENT_CASE = "case-01"
MINUTES_AGENCY = "housing"
MINUTES_PAGE = 3  # the first page with a case on it


def save(widget: QWidget, name: str) -> None:
    application().processEvents()
    widget.grab().save(str(IMAGES / name))
    print(IMAGES / name)


def console_pictures(folder: Path) -> None:
    """The console, the shared screen and a preview: the meeting as the room runs it."""
    console = ChairConsole(*open_demo(folder))
    console.resize(1440, 900)
    console.show()
    meeting = console.meeting
    assert meeting is not None
    # The observer has left and the meeting is on its second case (children involved).
    meeting.set_left(OBSERVER, True, at=datetime(2026, 11, 26, 10, 5, tzinfo=UTC))
    console.agenda.show_meeting(meeting)
    console.go_to(1)
    console.page.items_table.selectRow(1)
    save(console, "console.png")
    console.participant.resize(1280, 720)
    console.present()
    console.participant.resize(1280, 720)
    save(console.participant, "shared-screen.png")
    console.view_as.setCurrentIndex(console.view_as.findData("housing"))
    save(console, "view-as-housing.png")
    console.close()


def unlock_picture(folder: Path) -> None:
    """The first thing a chair sees: the file's name and folder, and the passphrase field."""
    path = folder / "northshire.mara"
    create_demo(path).close()
    dialog = OpenCaseFileDialog(path)  # goes to the unlock page (never exec: it would wait)
    dialog.show()
    save(dialog, "unlock.png")
    dialog.close()


def override_picture(session: Session) -> None:
    """An override being prepared: what it shares, with whom, and the preview of its effect."""
    dialog = OverrideDialog(session, OVERRIDE_CASE)
    for category in ("victim-health", "immigration"):
        dialog.categories.boxes[category].setChecked(True)
    for agency in ("police", "idva"):
        dialog.agencies.boxes[agency].setChecked(True)
    dialog.lawful_basis.setCurrentIndex(0)
    dialog.justification.setPlainText(
        "Head injury and passport taken: the police need the medical picture, and the police "
        "and the IDVA her immigration status, to plan her safety before the visa hearing."
    )
    dialog.decided_by.setText("Insp. R. Okafor (chair)")
    dialog.update_preview()
    dialog.show()
    dialog.resize(1160, 820)  # a laptop's screen: the offscreen one is 800 pixels wide
    save(dialog, "override.png")
    dialog.close()


def information_picture(session: Session) -> None:
    """Information being recorded in the room, with who would see it."""
    dialog = ItemDialog(session, INFORMATION_CASE)
    dialog.category.setCurrentIndex(dialog.category.findData("victim-location"))
    dialog.source.setCurrentIndex(dialog.source.findData("idva"))
    dialog.text.setPlainText("Moved to her sister's on Monday; the address is with the IDVA.")
    dialog.show()
    save(dialog, "record-information.png")
    dialog.close()


def action_picture(session: Session) -> None:
    """An action given to the fire service, which may not see the victim's address."""
    meeting = session.meeting(CONFERENCE)
    assert meeting is not None
    meeting.go_to(meeting.number_of(ACTION_CASE) - 1)
    dialog = ActionDialog.for_current_case(session, meeting)
    assert dialog is not None
    dialog.text.setPlainText("Fit a letterbox guard and smoke alarms at the victim's home.")
    dialog.owner.setCurrentIndex(dialog.owner.findData("fire"))
    dialog.owner_name.setText("Watch manager J. Example")
    dialog.needed["victim-location"].setChecked(True)
    dialog.show()
    save(dialog, "add-action.png")
    dialog.close()


def consent_picture(session: Session) -> None:
    """The victim withdraws consent: what would become hidden from whom, before recording."""
    dialog = ConsentDialog(session, CONSENT_CASE)
    dialog.state_buttons[ConsentState.WITHDRAWN].setChecked(True)
    dialog.recorded_by.setText("Sam Idva (IDVA)")
    dialog.show()
    dialog.resize(1160, 820)  # a laptop's screen: the offscreen one is 800 pixels wide
    save(dialog, "record-consent.png")
    dialog.close()


def export_pictures(session: Session, folder: Path) -> None:
    """The export dialog stopped by the free-text check, then after an export (every
    mention kept as written), and one page of one agency's minutes."""
    out = folder / "minutes"
    out.mkdir()
    dialog = ExportDialog(session, CONFERENCE)
    dialog.resize(900, 720)
    dialog.set_folder(out)
    dialog.show()
    dialog.export()
    save(dialog, "export-mentions.png")
    for row in range(dialog.mentions.table.rowCount()):
        dialog.mentions.table.selectRow(row)
        dialog.mentions.keep_button.click()
    dialog.export()
    if dialog.results.rowCount():
        dialog.results.selectRow(0)
    save(dialog, "export.png")
    dialog.close()
    audit = AuditDialog(session)
    audit.resize(1100, 600)
    audit.show()
    save(audit, "audit.png")
    audit.close()
    pdfs = sorted(out.glob(f"*-minutes-{MINUTES_AGENCY}.pdf"))
    if not pdfs or shutil.which("pdftoppm") is None:
        print("no minutes page: pdftoppm (poppler-utils) is missing", file=sys.stderr)
        return
    page = str(MINUTES_PAGE)
    prefix = folder / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, "-singlefile", pdfs[0], prefix],
        check=True,
    )
    shutil.copyfile(prefix.with_suffix(".png"), IMAGES / "minutes-page.png")
    print(IMAGES / "minutes-page.png")


def referral_picture(session: Session) -> None:
    """A new referral's risk checklist, partly answered, with what it makes of it."""
    dialog = ReferralDialog(session)
    dialog.resize(800, 600)
    for number, box in enumerate(dialog.checklist.answers.values(), start=1):
        box.setCurrentIndex(box.findData("yes" if number % 5 else "no"))
    dialog.checklist.given_by.setText("the victim")
    dialog.checklist.incidents.setValue(2)
    dialog.tabs.setCurrentIndex(2)
    dialog.show()
    save(dialog, "referral.png")
    dialog.close()


def statistics_picture(session: Session) -> None:
    """The quarter's figures and the chart of cases and repeats per meeting."""
    dialog = StatisticsDialog(session)
    dialog.resize(800, 560)
    dialog.start.setDate(QDate(2026, 10, 1))
    dialog.end.setDate(QDate(2026, 12, 31))
    dialog.show()
    save(dialog, "statistics.png")
    dialog.close()


def signatures_picture(session: Session) -> None:
    """The register of who signed the protocol in force: the demo's one agency unsigned."""
    dialog = SignaturesDialog(session)
    dialog.resize(800, 560)
    dialog.show()
    save(dialog, "signatures.png")
    dialog.close()


def main() -> int:
    app = application()
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "console").mkdir()
        console_pictures(folder / "console")
        (folder / "unlock").mkdir()
        unlock_picture(folder / "unlock")
        with create_demo(folder / "dialogs.mara") as session:
            override_picture(session)
            information_picture(session)
            action_picture(session)
            consent_picture(session)
            referral_picture(session)
            statistics_picture(session)
            signatures_picture(session)
            export_pictures(session, folder)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
