"""Previewing and printing minutes: always the very PDF that was written and leak-checked.

There is no second layout for paper. Pages are rendered from the PDF by QtPdf and painted
onto the printer, so what is printed is what was checked. The print job is named neutrally
("MARAC minutes"): print queues show job names to anyone who looks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QVBoxLayout, QWidget

from mara_desktop.ui.dialog_parts import close_row

JOB_NAME = "MARAC minutes"


def load_pdf(path: Path, password: str | None, parent: QObject | None = None) -> QPdfDocument:
    owner = parent if parent is not None else QCoreApplication.instance()
    assert owner is not None, "a QApplication exists before any window"
    document = QPdfDocument(owner)
    if password:
        document.setPassword(password)
    document.load(str(path))
    return document


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, password: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Minutes preview — MARA Desktop")
        self._path, self._password = path, password
        self.document = load_pdf(path, password, self)
        view = QPdfView(self)
        view.setAccessibleName("Minutes preview")
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(self.document)
        print_button = QPushButton("Print…")
        print_button.clicked.connect(lambda: print_pdf(self._path, self._password, self))
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(close_row(self, print_button))
        self.resize(820, 1000)
        fit_within_screen(self)


def fit_within_screen(window: QWidget) -> None:
    available = window.screen().availableGeometry()
    window.resize(
        min(window.width(), available.width()), min(window.height(), available.height() - 40)
    )


def paint_pages(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page onto the printer, scaled to the printable area; returns the count.

    QtPdf renders onto a transparent image, so each page is painted on white first."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = QImage(size, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.white)
            rendered = document.render(page, size)
            page_painter = QPainter(image)
            page_painter.drawImage(0, 0, rendered)
            page_painter.end()
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return document.pageCount()


def print_pdf(path: Path, password: str | None, parent: QWidget | None = None) -> None:
    document = load_pdf(path, password)
    if document.status() is not QPdfDocument.Status.Ready:
        QMessageBox.warning(parent, "Cannot print", "The minutes could not be read for printing.")
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(JOB_NAME)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print minutes")
    if dialog.exec() == QDialog.DialogCode.Accepted:
        paint_pages(document, printer)
