"""The window the room sees: on the projector, or the one window shared in an online meeting.

It shows one thing at a time, in large type: the confidentiality statement at the start of
the meeting, or the current case as the room may see it (a `CaseView` built for the room's
audience, so it cannot hold anything withheld from anyone present). It never shows reasons,
counts of what was held back, the chair's notes or another case. Blanking removes every
widget that held case text, not just hides it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.protocol.model import Protocol
from mara_desktop.ui.case_models import ActionsModel, person_heading
from mara_desktop.ui.case_page import header_text
from mara_desktop.ui.text import plain_label
from mara_desktop.views.model import CaseView

TITLE = "MARA Desktop — shared screen"
"""The window title names nothing: screen-sharing tools show it to everyone."""


class ParticipantWindow(QWidget):
    def __init__(self, protocol: Protocol) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self._protocol = protocol
        self.setWindowTitle(TITLE)
        self.setAccessibleName("Shared screen")
        self.setObjectName("participantWindow")
        self.blanked = True
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._page: QWidget | None = None
        self.blank()

    # -- what is shown ---------------------------------------------------------------------

    def blank(self) -> None:
        """Nothing but black: the `B` key, locking, and the moment before anything is chosen."""
        page = QWidget()
        page.setObjectName("blank")
        page.setAccessibleName("Blank screen")
        self._replace(page)
        self.blanked = True

    def show_statement(self, room: list[str]) -> None:
        """The start of the meeting: the confidentiality statement, to be read out."""
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self._heading("Confidentiality statement"))
        layout.addWidget(self._text(self._protocol.confidentiality_statement, "statement"))
        layout.addStretch()
        self._replace(self._framed(body, room))

    def show_case(self, view: CaseView, room: list[str]) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(
            self._heading(f"{view.number}. {view.title}" if view.number else view.title)
        )
        if view.header is not None:
            layout.addWidget(self._text(header_text(view), "referral"))
        for person, items in view.groups():
            layout.addWidget(self._subheading(person_heading(person)))
            for item in items:
                layout.addWidget(self._text(f"{item.category_name}: {item.text}", "detail"))
        if view.actions:
            layout.addWidget(self._subheading("Actions"))
            layout.addWidget(self._actions(view))
        if not view.header and not view.items and not view.actions and not view.people:
            layout.addWidget(
                self._text("Nothing about this case may be shown to everyone in the room.", "note")
            )
        layout.addStretch()
        self._replace(self._framed(body, room))

    def _framed(self, body: QWidget, room: list[str]) -> QWidget:
        """Marking at the top, the case in the middle, who it is shown to at the bottom."""
        page = QWidget()
        page.setObjectName("shown")
        layout = QVBoxLayout(page)
        marking = plain_label(self._protocol.marking, "Marking")
        marking.setObjectName("marking")
        marking.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(marking)
        scroll = QScrollArea()
        scroll.setObjectName("shownCase")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        shown_to = plain_label(f"Shown to: {', '.join(room) or 'nobody'}", "Shown to")
        shown_to.setObjectName("shownTo")
        layout.addWidget(shown_to)
        return page

    def _replace(self, page: QWidget) -> None:
        if self._page is not None:
            self._layout.removeWidget(self._page)
            self._page.hide()
            self._page.setParent(None)  # out of the widget tree now, not at the next event
            self._page.deleteLater()
        self._page = page
        self._layout.addWidget(page)
        self.blanked = page.objectName() == "blank"

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = plain_label(text, "Heading")
        label.setObjectName("heading")
        return label

    @staticmethod
    def _subheading(text: str) -> QLabel:
        label = plain_label(text, "Section")
        label.setObjectName("subheading")
        return label

    @staticmethod
    def _text(text: str, name: str) -> QLabel:
        label = plain_label(text, name.capitalize())
        label.setObjectName("text")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        return label

    def _actions(self, view: CaseView) -> QTableView:
        model = ActionsModel(self._protocol, with_access=False)
        model.show(view)
        table = QTableView()
        table.setModel(model)
        model.setParent(table)
        table.setAccessibleName("Actions")
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setMinimumHeight(
            header.height() + sum(table.rowHeight(r) for r in range(model.rowCount())) + 4
        )
        return table

    def scroll_page(self, pages: int) -> None:
        """Move a case longer than the screen on by part of a screen (the chair's
        Ctrl+Page Down / Ctrl+Page Up); the room never has to touch this window."""
        if self._page is None:
            return
        scroll = self._page.findChild(QScrollArea, "shownCase")
        if scroll is not None:
            bar = scroll.verticalScrollBar()
            bar.setValue(bar.value() + pages * bar.pageStep())

    # -- placement -------------------------------------------------------------------------

    def present(self) -> None:
        """Full screen on a second screen when there is one; otherwise a normal window the
        chair can share or drag to the projector."""
        screens = QGuiApplication.screens()
        console_screen = QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not console_screen]
        if others:
            self.setScreen(others[0])
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.resize(1024, 720)
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.blank()
        super().closeEvent(event)
