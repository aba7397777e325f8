"""The quarterly return's figures for a date range, with cases and repeats per meeting.

The figures read the self-identified fields, so they are the chair's: the dialog opens
only from the chair's console. The table gives every count as it is; "Save CSV…" writes
the copy meant to leave the area with the same code as `mara-desktop stats --csv`
(counts of 1 to 4 written as "<5"), owner-only, and records it in the audit log. The chart
is drawn with QPainter: no chart library to install.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.cli.stats_commands import write_csv
from mara_desktop.domain import when_text
from mara_desktop.domain.statistics import Statistics
from mara_desktop.errors import MaraError
from mara_desktop.session import Session
from mara_desktop.ui.dates import DAY_FORMAT
from mara_desktop.ui.dialog_parts import StatusLine, heading, note
from mara_desktop.ui.file_dialogs import choose_csv_to_save
from mara_desktop.ui.referral_fields import day_of_edit

TITLE = "Statistics — MARA Desktop"
WORDS = {
    "cases": "Cases heard",
    "repeats": "Repeat cases",
    "children": "Children in the households",
    "victims_male": "Male victims",
    "victims_16_17": "Victims aged 16 or 17",
    "victims_disabled": "Victims with a disability",
    "victims_lgbt": "LGBT+ victims",
    "victims_minority_ethnic": "Victims from a minority ethnic group",
}
CASES_COLOUR = QColor("#4a78b5")
REPEATS_COLOUR = QColor("#d9822b")


def figure_words(key: str, agency_name: str) -> str:
    if key.startswith("referrals_by_agency."):
        return f"Referred by {agency_name}"
    return WORDS.get(key, key)


class MeetingsChart(QWidget):
    """Two bars a meeting date: cases heard (blue) and repeats among them (orange)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Cases and repeats per meeting")
        self.setMinimumHeight(180)
        self.bars: list[tuple[date, int, int]] = []

    def show_bars(self, bars: list[tuple[date, int, int]]) -> None:
        self.bars = bars
        self.setAccessibleDescription(
            "; ".join(f"{when_text(day)}: {c} cases, {r} repeats" for day, c, r in bars)
            or "No meetings in these dates."
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        if not self.bars:
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, "No meetings in these dates."
            )
            return
        legend_y = line
        for x, colour, words in ((10, CASES_COLOUR, "Cases"), (110, REPEATS_COLOUR, "Repeats")):
            painter.fillRect(QRectF(x, legend_y - line * 0.7, line * 0.7, line * 0.7), colour)
            painter.drawText(int(x + line), legend_y, words)
        top, bottom = 2 * line, self.height() - 2 * line
        tallest = max(max(c, r) for _, c, r in self.bars) or 1
        slot = (self.width() - 20) / len(self.bars)
        bar = min(40.0, slot / 3)
        for index, (day, cases, repeats) in enumerate(self.bars):
            left = 10 + index * slot + (slot - 2 * bar) / 2
            for offset, value, colour in (
                (0.0, cases, CASES_COLOUR),
                (bar, repeats, REPEATS_COLOUR),
            ):
                height = (bottom - top) * value / tallest
                painter.fillRect(QRectF(left + offset, bottom - height, bar - 2, height), colour)
                painter.drawText(
                    QRectF(left + offset, bottom - height - line, bar, line),
                    Qt.AlignmentFlag.AlignCenter,
                    str(value),
                )
            painter.drawText(
                QRectF(10 + index * slot, bottom + 4, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                when_text(day),
            )
        painter.drawLine(10, int(bottom), self.width() - 10, int(bottom))


class StatisticsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE)
        today = date.today()
        start = (today.replace(day=1) - timedelta(days=62)).replace(day=1)
        self.start = self._date_edit("From", start)
        self.end = self._date_edit("To", today)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Figures")
        self.table.setHorizontalHeaderLabels(["Figure", "Count"])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chart = MeetingsChart()
        self.problem = StatusLine("Problem")
        self.save_button = QPushButton("Save CSV…")
        self.save_button.setAutoDefault(False)
        self.save_button.setToolTip("The copy for the quarterly return: counts of 1 to 4 as <5")
        self.save_button.clicked.connect(self.save_csv)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Statistics for the quarterly return"))
        dates = QHBoxLayout()
        for label, edit in (("&From:", self.start), ("&To:", self.end)):
            words = QLabel(label)
            words.setBuddy(edit)
            dates.addWidget(words)
            dates.addWidget(edit)
        dates.addStretch()
        layout.addLayout(dates)
        layout.addWidget(
            note(
                "Every hearing at a meeting dated from–to counts once. These figures read the "
                "victims' self-identified answers: they are for you. The CSV, meant to leave "
                "the area, writes counts of 1 to 4 as <5.",
                "About the figures",
            )
        )
        columns = QHBoxLayout()
        columns.addWidget(self.table, 1)
        columns.addWidget(self.chart, 1)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.figures = Statistics()
        self.start.dateChanged.connect(self.count)
        self.end.dateChanged.connect(self.count)
        self.count()
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width()), min(560, screen.height()))

    @staticmethod
    def _date_edit(name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DAY_FORMAT)
        return edit

    def dates(self) -> tuple[date, date]:
        return day_of_edit(self.start), day_of_edit(self.end)

    def count(self) -> None:
        start, end = self.dates()
        if end < start:
            self.problem.problem("To: the last date must not come before the first.")
            self.save_button.setEnabled(False)
            return
        self.problem.clear()
        self.save_button.setEnabled(True)
        self.figures = self.session.statistics(start, end)
        protocol = self.session.protocol
        rows = self.figures.rows()
        self.table.setRowCount(len(rows))
        for row, (key, count) in enumerate(rows):
            agency = protocol.agency_name(key.removeprefix("referrals_by_agency."))
            for column, text in enumerate((figure_words(key, agency), str(count))):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        days = sorted({c.date for c in self.session.conferences() if start <= c.date <= end})
        bars = []
        for day in days:
            heard = self.session.statistics(day, day)
            bars.append((day, heard.cases, heard.repeats))
        self.chart.show_bars(bars)

    def save_csv(self) -> None:
        start, end = self.dates()
        path = choose_csv_to_save(self, "Save the statistics", f"marac-return-{start}-{end}.csv")
        if path is None:
            return
        try:
            write_csv(path, self.figures)
            self.session.record(
                "stats", {"from": start.isoformat(), "to": end.isoformat(), "csv": True}
            )
        except MaraError as error:
            self.problem.problem(str(error))
            return
        self.problem.good(f"Saved {path.name}: counts of 1 to 4 are written as <5.")
