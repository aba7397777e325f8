"""Pieces the chair's dialogs share: headings, notes, the problem line, lists of checkboxes,
the wait cursor.

The problem line sets its own colours (text and background together) so it reads the same
in the light and the dark palette; everything else follows the palette.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
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
from mara_desktop.protocol.model import Protocol
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


class GroupChoice(NamedTuple):
    """A group of the protocol as `Choices` offers it."""

    id: str
    label: str
    """Its name and size, short enough for a column: "Health (4 agencies)"."""
    members: tuple[str, ...]
    member_names: str


def group_options(protocol: Protocol) -> list[GroupChoice]:
    """The protocol's groups, each with its members: a chair ticks "Health" knowing which
    agencies it reaches (the box says how many, its tooltip and accessible name say who,
    and ticking it ticks them)."""
    every = {a.id for a in protocol.agencies}
    found = []
    for g in protocol.groups:
        size = "every agency" if set(g.agencies) == every else f"{len(g.agencies)} agencies"
        names = ", ".join(protocol.agency_name(a) for a in g.agencies)
        found.append(GroupChoice(g.id, f"{g.name} ({size})", g.agencies, names))
    return found


class Choices(QGroupBox):
    """Checkboxes for agencies or categories, in columns, optionally with an "all" box that
    stands for the wildcard and disables the others while ticked.

    `groups` (the protocol's groups of agencies) come first and are chosen by their id: a
    record naming a group reaches its members as the protocol defines them. A ticked
    group's members show ticked and greyed (what the chair sees is who is reached); they
    are not chosen one by one, and get back their own tick when the group is unticked."""

    changed = Signal()

    def __init__(
        self,
        title: str,
        options: Sequence[tuple[str, str]],
        *,
        all_label: str | None = None,
        columns: int = 2,
        groups: Sequence[GroupChoice] = (),
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
        self.boxes: dict[str, QCheckBox] = {}
        self._members = {g.id: g.members for g in groups}
        self._own: dict[str, bool] = {}
        """Each agency covered by a ticked group: its own tick, given back when uncovered."""
        if groups:
            layout.addLayout(self._grid(title, [(g.id, g.label) for g in groups], columns))
            for g in groups:
                self.boxes[g.id].setAccessibleName(f"{title}: {g.label}: {g.member_names}")
                self.boxes[g.id].setToolTip(g.member_names)
                self.boxes[g.id].toggled.disconnect(self.changed)
                self.boxes[g.id].toggled.connect(self._cover)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            layout.addWidget(line)
        layout.addLayout(self._grid(title, options, columns))
        layout.addStretch()

    def _grid(self, title: str, options: Sequence[tuple[str, str]], columns: int) -> QGridLayout:
        grid = QGridLayout()
        rows = (len(options) + columns - 1) // columns
        for index, (option_id, name) in enumerate(options):
            box = QCheckBox(name)
            box.setAccessibleName(f"{title}: {name}")
            box.toggled.connect(self.changed)
            grid.addWidget(box, index % rows, index // rows)
            self.boxes[option_id] = box
        return grid

    def chosen(self) -> tuple[str, ...]:
        """The ids ticked (groups first, then agencies not reached through them), or the
        wildcard alone when "all" is ticked."""
        if self.all_box is not None and self.all_box.isChecked():
            return (WILDCARD,)
        return tuple(i for i, box in self.boxes.items() if box.isChecked() and i not in self._own)

    def choose(self, ids: Sequence[str]) -> None:
        """Tick exactly `ids` (groups, agencies or the wildcard), then reach through groups."""
        self._own.clear()
        for option_id, box in self._every_box():
            box.blockSignals(True)
            box.setChecked(option_id in ids)
            box.blockSignals(False)
        self._cover()

    def _every_box(self) -> list[tuple[str, QCheckBox]]:
        found = [(WILDCARD, self.all_box)] if self.all_box is not None else []
        return found + list(self.boxes.items())

    def _cover(self) -> None:
        """Tick and grey the members of the ticked groups; give the others back their own."""
        covered = {
            m for g, members in self._members.items() if self.boxes[g].isChecked() for m in members
        }
        everything = self.all_box is not None and self.all_box.isChecked()
        for option_id, box in self.boxes.items():
            box.blockSignals(True)
            if option_id in covered and option_id not in self._own:
                self._own[option_id] = box.isChecked()
                box.setChecked(True)
            elif option_id not in covered and option_id in self._own:
                box.setChecked(self._own.pop(option_id))
            box.setEnabled(not everything and option_id not in covered)
            box.blockSignals(False)
        self.changed.emit()

    def _all_toggled(self, checked: bool) -> None:
        self._cover()


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


def close_row(dialog: QDialog, *actions: QPushButton) -> QDialogButtonBox:
    """Close, and a window's own action buttons beside it (the caller connects their
    clicks): the foot of every window that shows rather than records."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    for action in actions:
        buttons.addButton(action, QDialogButtonBox.ButtonRole.ActionRole)
    buttons.rejected.connect(dialog.reject)
    return buttons


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
    screen squeezes a dialog of checkboxes until its rows overlap. A least width wider than
    the screen gives way to it: on a 1024-pixel screen a long label is cut rather than the
    Record button.
    """
    screen = window.screen().availableGeometry()
    window.setMinimumWidth(min(window.minimumWidth(), screen.width()))
    hint = window.sizeHint()
    window.resize(min(hint.width(), screen.width()), min(hint.height(), screen.height()))


@contextlib.contextmanager
def waiting() -> Iterator[None]:
    """The wait cursor while the chair waits: the key derived (a fifth of a second, but
    felt), the action log of a file kept for years read (seconds)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
