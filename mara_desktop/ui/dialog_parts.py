"""Pieces the chair's dialogs share: headings, notes, the problem line, lists of checkboxes.

The problem line sets its own colours (text and background together) so it reads the same
in the light and the dark palette; everything else follows the palette.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import WILDCARD, Audience
from mara_desktop.errors import MaraError
from mara_desktop.session import EditError, Session

_PROBLEM_STYLE = (
    "QLabel { background: #fdecea; color: #8c1d18; border: 1px solid #e6a09a; "
    "border-radius: 4px; padding: 6px 8px; }"
)
_GOOD_STYLE = (
    "QLabel { background: #e8f3ea; color: #1e4d2b; border: 1px solid #9cc8a6; "
    "border-radius: 4px; padding: 6px 8px; }"
)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def note(text: str, accessible_name: str) -> QLabel:
    """Explanatory text, wrapped, in the normal colour: a grey note is hard to read at 9 a.m."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    return label


def case_dialog_top(
    dialog: QDialog,
    session: Session,
    case_id: str,
    *,
    title: str,
    width: int,
    what: str,
    about: tuple[str, str],
) -> QVBoxLayout:
    """The top of a dialog that records something on one case: its window title (never the
    case's), its least width, a heading saying what is recorded on which case (by the
    chair's reference) and the note `about` (its text and accessible name). Returns the
    dialog's layout, for the rest of it."""
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(width)
    layout = QVBoxLayout(dialog)
    reference = session.case_view(case_id, Audience.chair()).title
    layout.addWidget(heading(f"{what} — {reference}"))
    layout.addWidget(note(*about))
    return layout


class StatusLine(QLabel):
    """One sentence saying what is wrong (or, for hints, that all is well); hidden when empty."""

    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName(accessible_name)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def problem(self, sentence: str) -> None:
        self._show(sentence, _PROBLEM_STYLE)

    def good(self, sentence: str) -> None:
        self._show(sentence, _GOOD_STYLE)

    def clear(self) -> None:
        self.setText("")
        self.hide()

    def _show(self, sentence: str, style: str) -> None:
        self.setStyleSheet(style)
        self.setText(sentence)
        self.setAccessibleDescription(sentence)
        self.show()


class Choices(QGroupBox):
    """Checkboxes for agencies or categories, in columns, optionally with an "all" box that
    stands for the wildcard and disables the others while ticked."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        options: Sequence[tuple[str, str]],
        *,
        all_label: str | None = None,
        columns: int = 2,
    ) -> None:
        super().__init__(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        self.all_box: QCheckBox | None = None
        if all_label is not None:
            self.all_box = QCheckBox(all_label)
            self.all_box.setAccessibleName(all_label)
            self.all_box.toggled.connect(self._all_toggled)
            layout.addWidget(self.all_box)
        grid = QGridLayout()
        layout.addLayout(grid)
        self.boxes: dict[str, QCheckBox] = {}
        rows = (len(options) + columns - 1) // columns
        for index, (option_id, name) in enumerate(options):
            box = QCheckBox(name)
            box.setAccessibleName(f"{title}: {name}")
            box.toggled.connect(self.changed)
            grid.addWidget(box, index % rows, index // rows)
            self.boxes[option_id] = box
        layout.addStretch()

    def chosen(self) -> tuple[str, ...]:
        """The ids ticked, or the wildcard alone when "all" is ticked."""
        if self.all_box is not None and self.all_box.isChecked():
            return (WILDCARD,)
        return tuple(i for i, box in self.boxes.items() if box.isChecked())

    def choose(self, ids: Sequence[str]) -> None:
        if self.all_box is not None:
            self.all_box.setChecked(WILDCARD in ids)
        for option_id, box in self.boxes.items():
            box.setChecked(option_id in ids)

    def _all_toggled(self, checked: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not checked)
        self.changed.emit()


def record_row(
    dialog: QDialog, layout: QVBoxLayout, label: str, record: Callable[[], None]
) -> QPushButton:
    """Cancel and the dialog's one recording button, at the right under `layout`; returns
    the latter. Neither is a default button: Enter in a field must never record a
    half-filled form."""
    cancel = QPushButton("Cancel")
    cancel.clicked.connect(dialog.reject)
    button = QPushButton(label)
    button.clicked.connect(record)
    row = QHBoxLayout()
    row.addStretch()
    for each in (cancel, button):
        each.setAutoDefault(False)
        row.addWidget(each)
    layout.addLayout(row)
    return button


def write_or_say_why(
    dialog: QDialog,
    problem: StatusLine,
    write: Callable[[], None],
    fields: Mapping[str, QWidget] | None = None,
) -> None:
    """Write the dialog's change and close it as accepted; or, when the session refuses it
    (nothing then is written), say why on its problem line, in the words of the record's
    rule, and leave it open to mend, with the keyboard in the field at fault (`fields`: the
    dialog's widget for each field of the record)."""
    try:
        write()
    except MaraError as error:
        problem.problem(str(error))
        at_fault = (fields or {}).get(error.field or "") if isinstance(error, EditError) else None
        if at_fault is not None:
            at_fault.setFocus()
        return
    dialog.accept()


def fit_to_screen(window: QWidget) -> None:
    """The size the window asks for, within the screen's free area.

    Qt caps a new window at two thirds of the screen's height, which on a 768-pixel laptop
    screen squeezes a dialog of checkboxes until its rows overlap.
    """
    screen = window.screen().availableGeometry()
    hint = window.sizeHint()
    window.resize(min(hint.width(), screen.width()), min(hint.height(), screen.height()))
