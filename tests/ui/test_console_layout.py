"""The console at its default size: the information gets the height, and every agency's
name shows in full (it wraps, it is never cut short with "…")."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle, QTableView

from mara_desktop.ui.case_models import ActionColumn, ItemColumn
from mara_desktop.ui.case_page import WHY_LINES
from mara_desktop.ui.console import ChairConsole

HOUSING = "Housing and registered social landlords"


def _cut_cells(table: QTableView, column: int) -> list[str]:
    """Texts of `column` that the table cannot draw whole: one line too wide when it does
    not wrap; a word wider than the column, or more lines than the row's height, when it
    does. Qt draws a cell's text inside a margin on either side, and elides what is left."""
    model = table.model()
    metrics = table.fontMetrics()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    width = table.columnWidth(column) - 2 * margin
    cut = []
    for row in range(model.rowCount()):
        text = str(model.data(model.index(row, column)) or "")
        if not table.wordWrap():
            fits = metrics.horizontalAdvance(text) <= width
        else:
            wrapped = metrics.boundingRect(
                QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text
            )
            words_fit = all(metrics.horizontalAdvance(word) <= width for word in text.split())
            fits = words_fit and wrapped.height() <= table.rowHeight(row)
        if not fits:
            cut.append(text)
    return cut


def test_the_information_table_gets_most_of_the_height(console: ChairConsole) -> None:
    assert console.size().width() == 1360 and console.size().height() == 860
    console.go_to(0)
    page = console.page
    page.items_table.selectRow(0)
    table, why = page.items_table, page.item_detail
    assert why.toPlainText()  # the explanation of the selected row is there, and short
    assert why.height() <= why.fontMetrics().lineSpacing() * (WHY_LINES + 1)
    assert table.height() >= 3 * why.height()
    assert table.height() >= 1.5 * page.actions_table.height()
    assert table.height() >= 1.5 * page.records.height()
    bottom_row = table.rowAt(table.viewport().height() - 1)
    assert bottom_row == -1 or bottom_row >= 3  # four rows or more in view


def test_agency_names_are_never_cut_short(console: ChairConsole) -> None:
    attendance = console.agenda.attendance
    names = [attendance.item(row, 1).text() for row in range(attendance.rowCount())]
    assert HOUSING in names
    assert _cut_cells(attendance, 1) == []
    console.go_to(1)  # case-02: the override gave housing the victim's whereabouts
    page = console.page
    seen_by = [page.items_model.index(row, ItemColumn.SEEN_BY) for row in range(3)]
    assert any(HOUSING in str(index.data()) for index in seen_by)
    for column in (ItemColumn.SOURCE, ItemColumn.SEEN_BY):
        assert _cut_cells(page.items_table, column) == []
    for column in (ActionColumn.OWNER, ActionColumn.SEEN_BY):
        assert _cut_cells(page.actions_table, column) == []
