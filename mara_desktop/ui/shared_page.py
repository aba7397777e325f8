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
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)

from mara_desktop.protocol.model import Protocol
from mara_desktop.ui.case_models import ACTION_HEADERS, OVERDUE, action_cells, person_heading
from mara_desktop.ui.case_page import header_text
from mara_desktop.views.model import ActionView, CaseView

NOTHING_SHOWN = "Nothing about this case may be shown to everyone in the room."
STATEMENT_HEADING = "Confidentiality statement"


@dataclass(frozen=True)
class _Style:
    points: float
    weight: QFont.Weight
    above: float = 0.0
    indent: float = 0.0

    def block(self) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setTopMargin(self.above)
        block.setBottomMargin(6)
        block.setLeftMargin(self.indent)
        return block

    def chars(self) -> QTextCharFormat:
        chars = QTextCharFormat()
        chars.setFontPointSize(self.points)
        chars.setFontWeight(self.weight)
        return chars


HEADING = _Style(30, QFont.Weight.Bold)
SUBHEADING = _Style(22, QFont.Weight.DemiBold, above=12)
TEXT = _Style(20, QFont.Weight.Normal, indent=16)
TABLE_HEADER = _Style(14, QFont.Weight.DemiBold)
TABLE_CELL = _Style(16, QFont.Weight.Normal)
ACTION_TEXT_SHARE = 40
"""Per cent of the table's width for the action's own words; the other columns fit theirs."""


class _Writer:
    """Writes a document anew, laid out once when done (not after every insertion)."""

    def __init__(self, document: QTextDocument) -> None:
        document.setUndoRedoEnabled(False)  # no copy of an earlier case kept for undoing
        document.clear()
        self.cursor = QTextCursor(document)
        self.cursor.beginEditBlock()
        self._first = True

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *_: object) -> None:
        self.cursor.endEditBlock()

    def block(self, text: str, style: _Style) -> None:
        if self._first:
            self.cursor.setBlockFormat(style.block())
            self._first = False
        else:
            self.cursor.insertBlock(style.block())
        self.cursor.insertText(text, style.chars())

    def actions(self, actions: tuple[ActionView, ...], protocol: Protocol) -> None:
        """The room's actions as a table with a heading row (no Who may see it column: that
        is the chair's knowledge)."""
        headers = ACTION_HEADERS[:-1]
        table_format = QTextTableFormat()
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table_format.setHeaderRowCount(1)
        table_format.setCellPadding(4)
        table_format.setCellSpacing(0)
        table_format.setBorder(1)
        table_format.setBorderBrush(QColor("#999999"))
        table_format.setBorderCollapse(True)
        widths = [QTextLength()] * len(headers)
        widths[1] = QTextLength(QTextLength.Type.PercentageLength, ACTION_TEXT_SHARE)
        table_format.setColumnWidthConstraints(widths)
        table = self.cursor.insertTable(len(actions) + 1, len(headers), table_format)
        for column, header in enumerate(headers):
            table.cellAt(0, column).firstCursorPosition().insertText(header, TABLE_HEADER.chars())
        overdue = TABLE_CELL.chars()
        overdue.setForeground(OVERDUE)
        for row, action in enumerate(actions, start=1):
            cells = action_cells(row, action, protocol)[: len(headers)]
            for column, text in enumerate(cells):
                due = column == headers.index("Due") and action.overdue
                cursor = table.cellAt(row, column).firstCursorPosition()
                cursor.insertText(text, overdue if due else TABLE_CELL.chars())
        self.cursor.movePosition(QTextCursor.MoveOperation.End)


def write_case(document: QTextDocument, view: CaseView, protocol: Protocol) -> None:
    """The case as the room may see it: title, referral, what is known of each person,
    the actions."""
    with _Writer(document) as writer:
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


def write_statement(document: QTextDocument, statement: str) -> None:
    """The start of the meeting: the confidentiality statement, to be read out."""
    with _Writer(document) as writer:
        writer.block(STATEMENT_HEADING, HEADING)
        writer.block(statement, TEXT)
