"""The window the room sees: on the projector, or the one window shared in an online meeting.

It shows one thing at a time, in large type: the confidentiality statement at the start of
the meeting, or the current case as the room may see it (a `CaseView` built for the room's
audience, so it cannot hold anything withheld from anyone present). It never shows reasons,
counts of what was held back, the chair's notes or another case.

While it shows something, one page stays up (the marking, the text, who it is shown to) and
its text is written afresh for each case (ui/shared_page.py): building that page again at
every case, a widget per line, was most of what the chair waited for at each Page Down.
Blanking removes that page and every widget that held case text, not just hides it; the
next case shown builds a new one.

The room never touches this window: the chair scrolls it and sizes its type from the
console. A band at the bottom says when the case goes on below the screen, because the
room cannot see a scroll bar's thumb from the back (there is none: it is the chair's to
scroll). Changing the type's size writes what is shown again, from the same view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit, QVBoxLayout, QWidget

from mara_desktop.protocol.model import Protocol
from mara_desktop.ui.shared_page import write_case, write_statement
from mara_desktop.ui.shared_zoom import save_zoom, saved_zoom, scale, zoomed
from mara_desktop.ui.text import plain_label
from mara_desktop.views.model import CaseView

TITLE = "MARA Desktop — shared screen"
"""The window title names nothing: screen-sharing tools show it to everyone."""
MORE_BELOW = "▼   More below — the chair scrolls   ▼"

Writing = Callable[[QTextDocument, float], None]
"""Writes what is shown into the page's document at a scale of the type."""


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
        self._text: QTextEdit | None = None
        self._shown_to: QLabel | None = None
        self._more_below: QLabel | None = None
        self._writing: Writing | None = None
        self.zoom = saved_zoom()
        """The chair's zoom of the type, in per cent."""
        self._scale = scale(self.zoom, self.size())
        self.blank()

    # -- what is shown ---------------------------------------------------------------------

    def blank(self) -> None:
        """Nothing but black: the `B` key, locking, and the moment before anything is chosen."""
        page = QWidget()
        page.setObjectName("blank")
        page.setAccessibleName("Blank screen")
        self._replace(page)

    def show_statement(self, room: list[str]) -> None:
        """The start of the meeting: the confidentiality statement, to be read out."""
        statement = self._protocol.confidentiality_statement
        self._show(room, lambda document, size: write_statement(document, statement, size))

    def show_case(self, view: CaseView, room: list[str]) -> None:
        protocol = self._protocol
        self._show(room, lambda document, size: write_case(document, view, protocol, size))

    def _show(self, room: list[str], writing: Writing) -> None:
        text = self._shown_page(room)
        self._writing = writing
        writing(text.document(), self._scale)
        self._from_the_top(text)

    def _shown_page(self, room: list[str]) -> QTextEdit:
        """The page that shows the room something (made anew after a blank), told who it
        is shown to; returns the view of the text to write into."""
        if self._text is None or self._shown_to is None:
            self._text, self._shown_to = self._framed()
        self._shown_to.setText(f"Shown to: {', '.join(room) or 'nobody'}")
        return self._text

    @staticmethod
    def _from_the_top(text: QTextEdit) -> None:
        """Writing moves the view's own cursor to the end, and the view follows its cursor."""
        text.moveCursor(QTextCursor.MoveOperation.Start)
        text.verticalScrollBar().setValue(0)

    def _framed(self) -> tuple[QTextEdit, QLabel]:
        """Marking at the top, the case in the middle, who it is shown to at the bottom."""
        page = QWidget()
        page.setObjectName("shown")
        layout = QVBoxLayout(page)
        marking = plain_label(self._protocol.marking, "Marking")
        marking.setObjectName("marking")
        marking.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(marking)
        text = QTextEdit()
        text.setObjectName("shownCase")
        text.setAccessibleName("What the room is shown")
        text.setReadOnly(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        text.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        text.setFrameShape(QFrame.Shape.NoFrame)
        text.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        text.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(text, 1)
        more_below = plain_label(MORE_BELOW, "More below")
        more_below.setObjectName("moreBelow")
        more_below.setAlignment(Qt.AlignmentFlag.AlignCenter)
        more_below.hide()
        layout.addWidget(more_below)
        bar = text.verticalScrollBar()
        bar.rangeChanged.connect(self._show_whether_more_below)
        bar.valueChanged.connect(self._show_whether_more_below)
        shown_to = plain_label("", "Shown to")
        shown_to.setObjectName("shownTo")
        layout.addWidget(shown_to)
        self._replace(page)
        self._more_below = more_below
        return text, shown_to

    def _show_whether_more_below(self) -> None:
        if self._text is not None and self._more_below is not None:
            bar = self._text.verticalScrollBar()
            self._more_below.setVisible(bar.value() < bar.maximum())

    @property
    def more_below(self) -> bool:
        """Whether the band tells the room that the case goes on below the screen."""
        return self._more_below is not None and not self._more_below.isHidden()

    def _replace(self, page: QWidget) -> None:
        if self._page is not None:
            self._layout.removeWidget(self._page)
            self._page.hide()
            self._page.setParent(None)  # out of the widget tree now, not at the next event
            self._page.deleteLater()
        self._text = self._shown_to = self._more_below = None
        self._writing = None
        self._page = page
        self._layout.addWidget(page)
        self.blanked = page.objectName() == "blank"

    def scroll_page(self, pages: int) -> None:
        """Move a case longer than the screen on by part of a screen (the chair's
        Ctrl+Page Down / Ctrl+Page Up); the room never has to touch this window."""
        if self._text is not None:
            bar = self._text.verticalScrollBar()
            bar.setValue(bar.value() + pages * bar.pageStep())

    def zoom_by(self, steps: int) -> int:
        """The chair's Ctrl+plus (+1), Ctrl+minus (-1) or Ctrl+0 (0: back to normal);
        remembered for the next meeting. Returns the zoom, in per cent."""
        self.zoom = zoomed(self.zoom, steps)
        save_zoom(self.zoom)
        self._rescale()
        return self.zoom

    def _rescale(self) -> None:
        """Write what is shown again at the type's new size, about where the room was."""
        size = scale(self.zoom, self.size())
        if size == self._scale:
            return
        self._scale = size
        if self._text is None or self._writing is None:
            return
        bar = self._text.verticalScrollBar()
        read = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._writing(self._text.document(), size)
        self._text.moveCursor(QTextCursor.MoveOperation.Start)  # see _from_the_top
        self._text.document().size()  # lays the document out, which sets the bar's range
        bar.setValue(round(read * bar.maximum()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._rescale()

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
