"""What the shared screen shows, written as one text document in large type.

One read-only text view lays a case out and paints it far faster than a widget per line
and a table widget for the actions: every new widget is polished against the app's style
sheet (about 2 ms apiece on the 2-core machine the benchmarks run on), and a table sizes
every row by asking Python for every cell. The document is written afresh for each case.

Every piece of case text goes in through a cursor as plain text, never as markup, so a note
containing "<b>" shows as written; what is inserted is only what the room's view holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from mara_desktop.protocol.model import Protocol
from mara_desktop.ui.case_models import (
    NO_VALUE,
    OVERDUE,
    ActionColumn,
    action_cells,
    person_heading,
)
from mara_desktop.ui.case_page import header_text
from mara_desktop.views.model import ActionView, CaseView

NOTHING_SHOWN = "Nothing about this case may be shown to everyone in the room."
STATEMENT_HEADING = "Confidentiality statement"


@dataclass(frozen=True)
class _Style:
    """A kind of line, at the size it has in a 1024x720 window at normal zoom; `scale`
    (ui/shared_zoom.py) grows the type and the spacing together."""

    points: float
    weight: QFont.Weight
    above: float = 0.0
    indent: float = 0.0

    def block(self, scale: float, hang: float = 0.0) -> QTextBlockFormat:
        """`hang`: the first line starts that far left of the others (an action's reference)."""
        block = QTextBlockFormat()
        block.setTopMargin(self.above * scale)
        block.setBottomMargin(6 * scale)
        block.setLeftMargin(self.indent * scale + hang)
        if hang:
            block.setTextIndent(-hang)
            block.setTabPositions([QTextOption.Tab(hang, QTextOption.TabType.LeftTab)])
        return block

    def chars(self, scale: float) -> QTextCharFormat:
        chars = QTextCharFormat()
        chars.setFontPointSize(self.points * scale)
        chars.setFontWeight(self.weight)
        return chars


HEADING = _Style(30, QFont.Weight.Bold)
SUBHEADING = _Style(22, QFont.Weight.DemiBold, above=12)
TEXT = _Style(20, QFont.Weight.Normal, indent=16)
ACTION = _Style(20, QFont.Weight.Normal, above=10, indent=16)
"""An action's reference and words: as large as the case's text."""
ACTION_FACTS = _Style(17, QFont.Weight.Normal, indent=16)
"""The line under an action: agency, owner, due date, status."""
SEPARATOR = " · "


class _Writer:
    """Writes a document anew, laid out once when done (not after every insertion)."""

    def __init__(self, document: QTextDocument, scale: float) -> None:
        document.setUndoRedoEnabled(False)  # no copy of an earlier case kept for undoing
        document.clear()
        self.scale = scale
        self.cursor = QTextCursor(document)
        self.cursor.beginEditBlock()
        self._first = True

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *_: object) -> None:
        self.cursor.endEditBlock()

    def new_block(self, block: QTextBlockFormat) -> None:
        if self._first:
            self.cursor.setBlockFormat(block)
            self._first = False
        else:
            self.cursor.insertBlock(block)

    def block(self, text: str, style: _Style) -> None:
        self.new_block(style.block(self.scale))
        self.cursor.insertText(text, style.chars(self.scale))

    def actions(self, actions: tuple[ActionView, ...], protocol: Protocol) -> None:
        """One block per action, not a table: the reference and the action's words in
        large type, and under them its agency, owner, due date and status, so every field
        wraps and shows at any width (no Who may see it: that is the chair's knowledge).
        The reference is the one the minutes and the action log print."""
        number_chars = ACTION.chars(self.scale)
        number_chars.setFontWeight(QFont.Weight.Bold)
        metrics = QFontMetricsF(number_chars.font())
        hang = max((metrics.horizontalAdvance(f"{a.reference}  ") for a in actions), default=0)
        facts = ACTION_FACTS.block(self.scale)
        facts.setLeftMargin(facts.leftMargin() + hang)
        overdue = ACTION_FACTS.chars(self.scale)
        overdue.setForeground(OVERDUE)
        overdue.setFontWeight(QFont.Weight.Bold)
        for action in actions:
            cells = action_cells(action, protocol)
            self.new_block(ACTION.block(self.scale, hang))
            self.cursor.insertText(f"{cells[ActionColumn.REFERENCE]}\t", number_chars)
            self.cursor.insertText(action.text, ACTION.chars(self.scale))
            self.new_block(facts)
            self._facts(cells, overdue if action.overdue else None)

    def _facts(self, cells: tuple[str, ...], overdue: QTextCharFormat | None) -> None:
        """The line "Agency · Owner · Due … · Status"; an overdue date red and marked."""
        plain = ACTION_FACTS.chars(self.scale)
        due = cells[ActionColumn.DUE]
        parts = [
            (cells[ActionColumn.OWNER], plain),
            (cells[ActionColumn.OWNER_NAME], plain),
            (f"Due {due}" if due != NO_VALUE else "No due date", overdue or plain),
            (cells[ActionColumn.STATUS], plain),
        ]
        shown = [(text, chars) for text, chars in parts if text != NO_VALUE]
        for place, (text, chars) in enumerate(shown):
            if place:
                self.cursor.insertText(SEPARATOR, plain)
            self.cursor.insertText(text, chars)


def write_case(
    document: QTextDocument, view: CaseView, protocol: Protocol, scale: float = 1.0
) -> None:
    """The case as the room may see it: title, referral, what is known of each person,
    the actions."""
    with _Writer(document, scale) as writer:
        writer.block(f"{view.number}. {view.title}" if view.number else view.title, HEADING)
        if view.header is not None:
            writer.block(header_text(view), TEXT)
        for person, items in view.groups():
            writer.block(person_heading(person), SUBHEADING)
            for item in items:
                writer.block(f"{item.category_name}: {item.text}", TEXT)
        if view.actions:
            writer.block("Actions", SUBHEADING)
            writer.actions(view.actions, protocol)
        if not view.header and not view.items and not view.actions and not view.people:
            writer.block(NOTHING_SHOWN, TEXT)


def write_statement(document: QTextDocument, statement: str, scale: float = 1.0) -> None:
    """The start of the meeting: the confidentiality statement, to be read out."""
    with _Writer(document, scale) as writer:
        writer.block(STATEMENT_HEADING, HEADING)
        writer.block(statement, TEXT)
