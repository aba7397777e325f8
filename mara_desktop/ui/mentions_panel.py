"""The free-text check's findings in the Export minutes dialog, each waiting for the chair.

An entry an agency may see that mentions a person or a value withheld from that agency is
listed here before any PDF is written (minutes/free_text.py finds them). The chair answers
each one: reword it (the console then shows its case, and opens Correct entry… for a
piece of information), share without consent (the
override dialog, filled in for that information and agency; the finding then goes away),
or keep it as written. The export waits until every finding has an answer. This panel is
on the chair's screen only, so it shows what is mentioned.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.minutes.free_text import MentionKey, mention_line
from mara_desktop.protocol.model import Protocol
from mara_desktop.ui.text import plain_label
from mara_desktop.views.mentions import Mention

COLUMNS = ("Copy for", "Case", "Entry", "Mentions", "Why they may not see it", "Your answer")
UNANSWERED = "not answered yet"
KEPT = "keep as written"


def reword_hint(mention: Mention) -> str:
    """Where the chair rewords the entry."""
    if mention.entry_kind == "action":
        return (
            f"Reword action {mention.entry_id} of case {mention.case_reference}: in the "
            "console's Actions table, double-click its text and change it. Then export again."
        )
    return (
        f"Reword information {mention.entry_id} of case {mention.case_reference} in the "
        "Correct entry window, which opens next: the earlier wording stays in the entry's "
        "history with your reason, and no copy prints it. Then export again."
    )


class MentionsPanel(QGroupBox):
    """The findings, and the three answers to the one selected."""

    reword = Signal(object)
    """The chair will reword the entry of this Mention."""

    def __init__(
        self,
        protocol: Protocol,
        share: Callable[[Mention], bool],
        parent: QWidget | None = None,
    ) -> None:
        """`share` opens the override dialog for a finding; True once one was recorded."""
        super().__init__("Before the export: entries that mention what their reader may not see")
        self.setAccessibleName("Entries that mention what their reader may not see")
        self.setParent(parent)
        self._protocol, self._share = protocol, share
        self.mentions: list[Mention] = []
        self.kept: set[MentionKey] = set()
        self.explanation = plain_label(
            "Each entry below is in a copy whose agency may not see the person or the "
            "information it mentions. Answer each one before the export: reword it, share "
            "the information without consent, or keep it as written (your decision is "
            "audited). Select several findings (Shift or Ctrl and click, or Ctrl+A) to keep "
            "them as written together.",
            "What these findings are",
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Findings of the free-text check")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected_changed)
        self.detail = plain_label("", "The selected finding in full")
        self.reword_button = QPushButton("Reword…")
        self.reword_button.clicked.connect(self._reword)
        self.share_button = QPushButton("Share without consent…")
        self.share_button.clicked.connect(self._share_selected)
        self.keep_button = QPushButton("Keep as written")
        self.keep_button.setToolTip("Keep every selected finding as written (audited)")
        self.keep_button.clicked.connect(self._keep)
        buttons = QHBoxLayout()
        for button in (self.reword_button, self.share_button, self.keep_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.setVisible(False)

    def show_mentions(self, mentions: list[Mention]) -> None:
        """List `mentions`; answers already given to the same findings stand."""
        self.mentions = mentions
        self.kept &= {m.key for m in mentions}
        self.table.setRowCount(len(mentions))
        for row, mention in enumerate(mentions):
            cells = (
                ", ".join(self._protocol.agency_name(a) for a in mention.audience),
                mention.case_reference,
                f"{mention.entry_kind} {mention.entry_id}",
                ", ".join(mention.mentioned),
                mention.reason,
                KEPT if mention.key in self.kept else UNANSWERED,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.setVisible(bool(mentions))
        if mentions:
            self.table.selectRow(0)
        self._selected_changed()

    def unanswered(self) -> int:
        return sum(1 for m in self.mentions if m.key not in self.kept)

    def _selected(self) -> Mention | None:
        row = self.table.currentRow()
        return self.mentions[row] if 0 <= row < len(self.mentions) else None

    def _selected_rows(self) -> list[int]:
        """The rows selected, in order; the current row when the selection is empty."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        current = self.table.currentRow()
        return rows or ([current] if 0 <= current < len(self.mentions) else [])

    def _selected_changed(self) -> None:
        """Reword and Share answer one finding (the current one); Keep every one selected."""
        mention = self._selected()
        selected = len(self._selected_rows())
        several = selected > 1
        self.detail.setText("" if mention is None else mention_line(mention, self._protocol))
        self.keep_button.setEnabled(mention is not None)
        self.keep_button.setText(f"Keep {selected} as written" if several else "Keep as written")
        self.reword_button.setEnabled(mention is not None and not several)
        can_share = mention is not None and not several and bool(mention.withheld_category)
        self.share_button.setEnabled(can_share)
        self.share_button.setToolTip(
            "Record an override for this information and this agency"
            if can_share
            else "No kind of information in the protocol covers it: an override cannot share it"
        )

    def _keep(self) -> None:
        """Keep every selected finding, then go to the next one not answered yet."""
        rows = self._selected_rows()
        for row in rows:
            self.kept.add(self.mentions[row].key)
            self.table.setItem(row, len(COLUMNS) - 1, QTableWidgetItem(KEPT))
        following = [r for r in range(len(self.mentions)) if r > max(rows, default=-1)]
        unanswered = [r for r in following if self.mentions[r].key not in self.kept]
        if unanswered:
            self.table.selectRow(unanswered[0])
        elif following:
            self.table.selectRow(following[0])

    def _share_selected(self) -> None:
        mention = self._selected()
        if mention is not None:
            self._share(mention)

    def _reword(self) -> None:
        mention = self._selected()
        if mention is not None:
            self.reword.emit(mention)
