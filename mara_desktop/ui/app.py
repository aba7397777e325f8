"""Starting the app: the first window, on a case file or on a fresh copy of the demo.

`--demo` builds a fresh copy of the bundled demo in a private temporary folder (encrypted
like any case file, and removed when the app closes), so the bundled data stays pristine.
Either way the window claims its file first (session/claims.py) and keeps the claim until
it closes.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mara_desktop.demo import create_demo
from mara_desktop.errors import MaraError
from mara_desktop.session import InUse, Session, open_claimed
from mara_desktop.ui.appearance import application
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.unlock import OpenCaseFileDialog


def open_demo(folder: Path) -> tuple[Session, InUse]:
    path = folder / "demo.mara"
    return open_claimed(path, lambda: create_demo(path))


def quit_on_signals(app: QApplication) -> QTimer:
    """Ctrl+C or a polite kill (SIGTERM, as at logout) closes the app normally, so the
    console closes its case file and the demo's temporary copy is removed. Python only
    sees a signal when it runs, hence the idle tick."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.closeAllWindows() or app.quit())
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(300)
    return tick


def report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """A bug inside a window: one sentence naming only the kind of problem (an exception's
    message or traceback may quote case data), the full traceback only with MARA_DEBUG.
    An app error that a window did not catch is no bug in what it says: its sentence
    names files and ids, never case data, and tells the chair what to do."""
    if os.environ.get("MARA_DEBUG"):
        traceback.print_exception(kind, error, trace)
    if isinstance(error, MaraError):
        print(error.message, file=sys.stderr)
        QMessageBox.warning(None, "MARA Desktop", error.message)
        return
    message = (
        f"MARA Desktop met an unexpected problem ({kind.__name__}). What you saved before is "
        "safe in the case file; if this happens again, lock, reopen the case file and report "
        "what you were doing."
    )
    print(message, file=sys.stderr)
    QMessageBox.critical(None, "MARA Desktop", message)


def run(file: Path | None, *, demo: bool = False) -> int:
    app = application()
    quit_on_signals(app)
    sys.excepthook = report_unexpected
    folder = Path(tempfile.mkdtemp(prefix="mara-demo-")) if demo else None
    try:
        opened = _first_case_file(file, folder)
        if opened is None:
            return 0
        console = ChairConsole(*opened)
        console.show()
        return app.exec()
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _first_case_file(file: Path | None, demo_folder: Path | None) -> tuple[Session, InUse] | None:
    if demo_folder is not None:
        try:
            return open_demo(demo_folder)
        except MaraError as error:
            QMessageBox.critical(None, "MARA Desktop", str(error))
            return None
    dialog = OpenCaseFileDialog(file)
    if dialog.exec() and dialog.session is not None and dialog.claim is not None:
        return dialog.session, dialog.claim
    return None
