"""Exporting from the app gives the same checked PDFs as the command line, and printing
paints that very PDF."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import Action
from mara_desktop.session import Session
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.correction_dialog import CorrectionDialog
from mara_desktop.ui.export_dialog import ExportDialog
from mara_desktop.ui.override_dialog import OverrideDialog
from mara_desktop.ui.pdf_preview import PdfPreviewDialog, load_pdf, paint_pages
from tests.ui.modal import when_shown


def _only(dialog: ExportDialog, agencies: set[str]) -> None:
    for row in range(dialog.agencies.count()):
        item = dialog.agencies.item(row)
        wanted = item.data(Qt.ItemDataRole.UserRole) in agencies
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)


def export_keeping_mentions(dialog: ExportDialog) -> None:
    """Export, keeping as written every mention the free-text check lists (the demo's action
    that names a person withheld from most agencies)."""
    dialog.export()
    for row in range(dialog.mentions.table.rowCount()):
        dialog.mentions.table.selectRow(row)
        dialog.mentions.keep_button.click()
    if dialog.mentions.table.rowCount():
        dialog.export()


def test_the_dialog_exports_checked_minutes_and_lists_them(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    dialog = ExportDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()  # no folder yet
    _only(dialog, {"police", "housing"})
    dialog.chair_copy.setChecked(True)
    out = tmp_path / "minutes"
    dialog.set_folder(out)
    export_keeping_mentions(dialog)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert [f["agency"] for f in manifest["files"]] == ["police", "housing", "chair"]
    assert {f["leak_check"] for f in manifest["files"]} == {"passed"}
    assert dialog.results.rowCount() == 3
    assert [dialog.results.item(r, 3).text() for r in range(3)] == ["passed"] * 3
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    assert dialog.preview_button.isEnabled() and dialog.print_button.isEnabled()


def test_an_export_that_would_overwrite_is_refused_with_a_message(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "2026-11-26-minutes-police.pdf").write_bytes(b"earlier copy")
    warnings: list[str] = []
    monkeypatch.setattr(
        "mara_desktop.ui.export_dialog.QMessageBox.warning",
        lambda _parent, _title, text: warnings.append(text),
    )
    dialog = ExportDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    _only(dialog, {"police"})
    dialog.set_folder(tmp_path)
    export_keeping_mentions(dialog)
    assert warnings and "already exists" in warnings[0]
    assert (tmp_path / "2026-11-26-minutes-police.pdf").read_bytes() == b"earlier copy"
    assert dialog.results.rowCount() == 0


def test_preview_and_print_render_the_exported_pdf(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    dialog = ExportDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    _only(dialog, {"idva"})
    dialog.set_folder(tmp_path / "out")
    export_keeping_mentions(dialog)
    exported = tmp_path / "out" / "2026-11-26-minutes-idva.pdf"
    pages = len(PdfReader(exported).pages)
    preview = PdfPreviewDialog(exported, None, dialog)
    assert preview.document.pageCount() == pages
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert paint_pages(load_pdf(exported, None), printer) == pages
    assert len(PdfReader(printed).pages) == pages


def test_the_print_dialog_leaves_no_path_in_qts_settings(
    qtbot: QtBot, tmp_path: Path, test_home: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintDialog

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "NS-2026-0131-Przykladowa.pdf"
    printer.setOutputFileName(str(target))
    dialog = QPrintDialog(printer)
    QTimer.singleShot(0, dialog.accept)
    dialog.exec()
    with qtbot.waitSignal(dialog.destroyed):
        dialog.deleteLater()
    for path in test_home.rglob("*"):
        if path.is_file():
            assert b"Przykladowa" not in path.read_bytes(), path


def test_the_export_waits_until_each_mention_of_a_withheld_person_is_answered(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    dialog = ExportDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    _only(dialog, {"police", "asc"})
    out = tmp_path / "minutes"
    dialog.set_folder(out)
    dialog.export()
    panel = dialog.mentions
    assert not panel.isHidden() and panel.table.rowCount() == 1
    row = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    assert row[:4] == ["Police", "NS-2026-0139", "action a01", "Susan"]
    assert row[-1] == "not answered yet"
    assert "Nothing was exported" in dialog.message.text()
    assert not out.exists() or not any(out.iterdir())
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert panel.table.item(0, 5).text() == "keep as written"
    dialog.export()
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    checks = {f["agency"]: f["free_text_check"] for f in manifest["files"]}
    assert checks == {"police": "accepted 1", "asc": "passed"}
    kept = [r for r in demo_session.audit_records() if r.action == "minutes-mention"]
    assert [r.details for r in kept] == [
        {"conference": DEMO_CONFERENCE, "case": "case-09", "entry": "a01", "withheld": "o1",
         "agency": "police", "decision": "keep as written"}
    ]  # fmt: skip


def test_reword_closes_the_dialog_without_exporting_and_names_the_case(
    qtbot: QtBot, demo_session: Session, tmp_path: Path, monkeypatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        "mara_desktop.ui.export_dialog.QMessageBox.information",
        lambda _parent, _title, text: told.append(text),
    )
    dialog = ExportDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    _only(dialog, {"housing"})
    dialog.set_folder(tmp_path / "out")
    dialog.export()
    qtbot.mouseClick(dialog.mentions.reword_button, Qt.MouseButton.LeftButton)
    assert dialog.reword_case == "case-09"
    assert told and "Actions table" in told[0]
    assert dialog.result() == dialog.DialogCode.Rejected
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_sharing_without_consent_answers_a_finding_and_the_list_is_checked_again(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    planted = Action("a90", "housing", "actions", "Housing to text her on 07700-900-123.")
    demo_session.save_action("case-01", planted)
    dialog = ExportDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    _only(dialog, {"housing"})
    dialog.set_folder(tmp_path / "out")
    dialog.export()
    panel = dialog.mentions
    rows = [panel.table.item(r, 3).text() for r in range(panel.table.rowCount())]
    assert "07700 900123" in rows
    panel.table.selectRow(rows.index("07700 900123"))
    assert panel.share_button.isEnabled()

    def record(override: OverrideDialog) -> None:
        assert override.categories.chosen() == ("victim-contact",)
        assert override.agencies.chosen() == ("housing",)
        override.lawful_basis.setCurrentIndex(override.lawful_basis.findData("vital-interests"))
        override.justification.setPlainText("She asked Housing to text her; risk of eviction.")
        override.decided_by.setText("DI Sam Example")
        override.record_button.click()

    when_shown(OverrideDialog, record)
    qtbot.mouseClick(panel.share_button, Qt.MouseButton.LeftButton)
    rows = [panel.table.item(r, 3).text() for r in range(panel.table.rowCount())]
    assert "07700 900123" not in rows


def test_several_findings_selected_together_are_kept_with_one_press(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    """The demo's daughter named in an action and an item shows in most agencies' copies:
    Ctrl+A and one press of Keep answers them all; Reword and Share, which answer one
    finding, wait for one to be chosen."""
    dialog = ExportDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    _only(dialog, {"police", "gp", "housing", "probation"})
    out = tmp_path / "minutes"
    dialog.set_folder(out)
    dialog.export()
    panel = dialog.mentions
    found = panel.table.rowCount()
    assert found >= 4 and panel.unanswered() == found
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert panel.keep_button.text() == f"Keep {found} as written"
    assert not panel.reword_button.isEnabled() and not panel.share_button.isEnabled()
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert panel.unanswered() == 0
    assert {panel.table.item(r, 5).text() for r in range(found)} == {"keep as written"}
    dialog.export()
    kept = [r for r in demo_session.audit_records() if r.action == "minutes-mention"]
    assert len(kept) == found
    assert (out / "manifest.json").exists()


def test_reword_of_information_opens_correct_entry_on_it_in_the_console(
    qtbot: QtBot, console: ChairConsole, tmp_path: Path, monkeypatch
) -> None:
    """Information is reworded by correcting it (its earlier wording kept in its history):
    Reword… on a finding in an item takes the console to the case and opens Correct
    entry… on that item."""
    told: list[str] = []
    monkeypatch.setattr(
        "mara_desktop.ui.export_dialog.QMessageBox.information",
        lambda _parent, _title, text: told.append(text),
    )
    opened: list[str] = []

    def reword_the_item(dialog: ExportDialog) -> None:
        _only(dialog, {"gp"})
        dialog.set_folder(tmp_path / "out")
        dialog.export()
        table = dialog.mentions.table
        [row] = [r for r in range(table.rowCount()) if table.item(r, 2).text() == "item i05"]
        table.selectRow(row)
        dialog.mentions.reword_button.click()

    when_shown(ExportDialog, reword_the_item)
    when_shown(CorrectionDialog, lambda dialog: opened.append(dialog.item_id))
    console.export_minutes()
    assert opened == ["i05"]
    assert console._current_case_id() == "case-09"
    assert told and "Correct entry" in told[0]
    assert not (tmp_path / "out" / "manifest.json").exists()
