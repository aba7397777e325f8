"""Choosing files and folders without leaving their paths behind on the computer.

A folder name can itself be sensitive ("Smith family - MARAC"), so nothing here may write a
path outside the case file. Two things would:

- Native dialogs keep their own history: GTK's chooser adds chosen files to
  ~/.local/share/recently-used.xbel and Windows keeps an MRU list in the registry. So the
  dialogs here are always Qt's own (`DontUseNativeDialog`).
- Qt's own dialog, when destroyed, writes `[FileDialog]` to QtProject.conf
  (~/.config/QtProject.conf on Linux): `history` (the folders of its "Look in" list plus the
  current folder) and `lastVisited` (the current folder), besides view settings. So as soon
  as a dialog finishes, its history is emptied and it is moved to the home folder, and what
  Qt writes names only the home folder.

The folder last used is remembered in memory for the session only, so the next dialog opens
there. There is no recent-files list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from mara_desktop.session import SUFFIX

_CASE_FILES = "MARA case files (*.mara)"
_PDF_FILES = "PDF files (*.pdf)"
_INTERCHANGE_FILES = "Interchange files (*.json)"
_TRANSFER_FILES = "Transfer files from another area (*.mara)"
_CSV_FILES = "CSV files (*.csv)"
_session_folder: Path | None = None


def choose_case_file_to_open(parent: QWidget | None) -> Path | None:
    dialog = _dialog(parent, "Open a case file")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters([_CASE_FILES, "All files (*)"])
    return _run(dialog)


def choose_file_to_import(parent: QWidget | None) -> Path | None:
    dialog = _dialog(parent, "Import cases and conferences")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters([_INTERCHANGE_FILES, _TRANSFER_FILES, "All files (*)"])
    return _run(dialog)


def choose_new_case_file(parent: QWidget | None) -> Path | None:
    """A path that does not exist yet, ending in .mara; an existing file is refused and the
    dialog stays open, so nothing is ever created over another file."""
    return _choose_new(parent, "Create a new case file")


def choose_new_pack_file(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Where to save a transfer pack: a new case file, chosen as one."""
    return _choose_new(parent, "Save the transfer file", suggested_name)


def _choose_new(parent: QWidget | None, title: str, suggested_name: str = "") -> Path | None:
    dialog = _NewCaseFileDialog(parent)
    _prepare(dialog, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters([_CASE_FILES])
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    if suggested_name:
        dialog.selectFile(suggested_name)
    return dialog.chosen if _run(dialog) is not None else None


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    dialog = _dialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dialog)


def choose_pdf_to_save(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Qt asks before replacing an existing PDF (a chair re-exporting minutes may want to)."""
    dialog = _dialog(parent, "Save as PDF")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters([_PDF_FILES])
    dialog.setDefaultSuffix("pdf")
    dialog.selectFile(suggested_name)
    return _run(dialog)


def choose_csv_to_save(parent: QWidget | None, title: str, suggested_name: str) -> Path | None:
    dialog = _dialog(parent, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters([_CSV_FILES])
    dialog.setDefaultSuffix("csv")
    dialog.selectFile(suggested_name)
    return _run(dialog)


def with_case_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)


class _NewCaseFileDialog(QFileDialog):
    """Refuses an existing path inside the dialog, where the chair can pick another name."""

    chosen: Path | None = None

    def accept(self) -> None:
        selected = self.selectedFiles()
        if not selected or Path(selected[0]).is_dir():
            super().accept()  # Qt opens the folder typed or selected
            return
        path = with_case_suffix(Path(selected[0]))
        if path.exists() or path.is_symlink():
            QMessageBox.warning(
                self,
                "Create a new case file",
                f"“{path.name}” already exists in this folder. A new case file needs a new "
                "name: nothing is ever created over another file.",
            )
            return
        self.chosen = path
        super().accept()


def _dialog(parent: QWidget | None, title: str) -> QFileDialog:
    dialog = QFileDialog(parent)
    _prepare(dialog, title)
    return dialog


def _prepare(dialog: QFileDialog, title: str) -> None:
    dialog.setWindowTitle(f"{title} — MARA Desktop")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setHistory([])  # what other Qt programs left in QtProject.conf is not shown
    start = _session_folder if _session_folder and _session_folder.is_dir() else None
    dialog.setDirectory(str(start or QDir.homePath()))


def _run(dialog: QFileDialog) -> Path | None:
    """Show the dialog; then, before Qt can save it, leave nothing in it but the home folder."""
    global _session_folder  # noqa: PLW0603 -- the session's only memory of folders
    accepted = bool(dialog.exec())
    selected = dialog.selectedFiles() if accepted else []
    dialog.setHistory([])
    dialog.setDirectory(QDir.homePath())
    dialog.deleteLater()
    if not selected:
        return None
    chosen = Path(selected[0])
    _session_folder = chosen if chosen.is_dir() else chosen.parent
    return chosen
