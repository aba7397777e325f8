"""The preview a recording dialog shows before it records: which entries of the case would
become visible to which agencies, and which would become hidden from which.

Entries and agencies are counted apart ("1 entry would become visible to 2 agencies"), both
are named, and entries only by their kind of information and where they came from, never
by their text (views/override_effect.py describes them so).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtWidgets import QGroupBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from mara_desktop.ui.text import count_of, plain_label
from mara_desktop.views.override_effect import Newly

BECOME_VISIBLE = "become visible to"
BECOME_HIDDEN = "become hidden from"


def change_sentence(changes: Sequence[Newly], verb: str) -> str:
    """ "1 entry would become visible to 2 agencies: Housing…, Fire…. The entry: Victim's
    safe contact details." Each entry counts once, however many agencies it reaches."""
    entries = {n.item_id: n.category_name for n in changes}
    agencies = list(dict.fromkeys(n.agency_name for n in changes))
    kinds = Counter(entries.values())
    named = ", ".join(k if n == 1 else f"{k} ({n})" for k, n in kinds.items())
    return (
        f"{count_of(len(entries), 'entry', 'entries')} would {verb} "
        f"{count_of(len(agencies), 'agency', 'agencies')}: {', '.join(agencies)}. "
        f"{'The entry' if len(entries) == 1 else 'The entries'}: {named}."
    )


class EffectPreview(QGroupBox):
    """A sentence for each direction, then the entries under each agency they would reach."""

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.setAccessibleName(title)
        self.summary = plain_label("", "Summary of what would change")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("What would change, by agency")
        self.tree.setHeaderHidden(True)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.tree, 1)

    def ask(self, sentence: str) -> None:
        """Nothing to preview yet: say what the form still needs."""
        self.tree.clear()
        self.summary.setText(sentence)

    def show_changes(self, shown: Sequence[Newly], hidden: Sequence[Newly], nothing: str) -> None:
        """`nothing` is the sentence when neither direction holds an entry."""
        self.tree.clear()
        sentences = [change_sentence(shown, BECOME_VISIBLE)] if shown else []
        if hidden:
            sentences.append(change_sentence(hidden, BECOME_HIDDEN))
        self.summary.setText("\n".join(sentences) or nothing)
        for changes, heading in ((shown, "would newly see"), (hidden, "would no longer see")):
            by_agency: dict[str, list[Newly]] = {}
            for newly in changes:
                by_agency.setdefault(newly.agency_name, []).append(newly)
            for agency_name, entries in by_agency.items():
                parent = QTreeWidgetItem([f"{agency_name} {heading}:"])
                parent.addChildren([QTreeWidgetItem([n.description]) for n in entries])
                self.tree.addTopLevelItem(parent)
        self.tree.expandAll()
