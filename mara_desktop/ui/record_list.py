"""What the windows of the MARAC's own registers share (Protocol ▸ Signatures…, Case file ▸
Breach log…): a list of records the chair only ever adds to, a button that opens the form
recording one, and the list read again once it is recorded; and the form's day fields,
which never offer a day after today.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import (
    StatusLine,
    close_row,
    fit_to_screen,
    heading,
    note,
    record_row,
)


class RecordList(QDialog):
    """A heading, a note, `above` the table, the read-only table of `columns` (those at
    the `stretch` positions share the spare width), `below` it, then Close and the button
    `record_label`. Subclasses fill the table (`fill`) and make the form (`form`)."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None,
        *,
        title: tuple[str, str],
        about: tuple[str, str],
        columns: Sequence[str],
        stretch: Sequence[int],
        record_label: str,
        above: Sequence[QWidget] = (),
        below: Sequence[QWidget] = (),
    ) -> None:
        super().__init__(parent)
        self._session = session
        window_title, words = title
        self.setWindowTitle(window_title)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(words))
        layout.addWidget(note(*about))
        for widget in above:
            layout.addWidget(widget)
        self.table = QTableWidget(0, len(columns))
        self.table.setAccessibleName(words)
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        for widget in below:
            layout.addWidget(widget)
        self.record_button = QPushButton(record_label)
        self.record_button.clicked.connect(self.record)
        layout.addWidget(close_row(self, self.record_button))

    def show_filled(self) -> None:
        """Fill the table and size the window to it, within the screen; the subclass calls
        it once its own widgets are made."""
        self.fill()
        fit_to_screen(self)

    def fill(self) -> None:
        raise NotImplementedError

    def form(self) -> QDialog:
        raise NotImplementedError

    def record(self) -> None:
        if self.form().exec():
            self.fill()


class RecordForm(QDialog):
    """The form recording one entry: its heading, the subclass's fields (added to `body`),
    then `finish`: the problem line and Cancel and the recording button. Accepted once the
    session recorded it; `today` is the last day its day fields offer."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None,
        today: date | None,
        *,
        title: str,
        width: int,
        words: str,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._today = today or date.today()
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        self.body = QVBoxLayout(self)
        self.body.addWidget(heading(words))
        self.problem = StatusLine("Problem")

    def finish(self, record_label: str) -> None:
        self.body.addWidget(self.problem)
        self.record_button = record_row(self, self.body, record_label, self.record)

    def record(self) -> None:
        raise NotImplementedError


def day_field(name: str, day: date, latest: date) -> QDateEdit:
    """A day, shown as "2 Dec 2026", with a calendar; none after `latest` can be chosen."""
    edit = QDateEdit(_qdate(day))
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMaximumDate(_qdate(latest))
    return edit


def chosen_day(edit: QDateEdit) -> date:
    day = edit.date().toPython()
    assert isinstance(day, date)
    return day


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
