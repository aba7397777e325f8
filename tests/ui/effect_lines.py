"""Reading back a dialog's preview of what its record would change."""

from __future__ import annotations

from mara_desktop.ui.effect_preview import EffectPreview


def preview_lines(preview: EffectPreview) -> list[str]:
    """Each agency's line, followed by the lines of its entries."""
    tree = preview.tree
    lines = []
    for row in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(row)
        lines.append(top.text(0))
        lines += [top.child(c).text(0) for c in range(top.childCount())]
    return lines
