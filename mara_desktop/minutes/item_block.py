"""An item in the minutes: its small heading line (what kind of information, and from whom)
above its text, kept together as one block.

The two were once one paragraph, the heading in smaller grey type ended by a line break.
reportlab breaks a paragraph of one style into lines by a quick path, and a paragraph of
several by a general one that weighs every word's fragment: seven times as slow, and
breaking items into lines was most of the time a copy took (the first copy of
benchmarks/minutes.py: 0.6 of its 1.0 s). As two paragraphs, the text takes the quick path
and the block looks the same: the heading's line is as high as before and the text begins
where its second line began. At the foot of a page the block splits as the paragraph did:
the heading and at least one line of text, or the whole block on the next page.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph


class ItemBlock(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    def __init__(self, heading: Paragraph, text: Paragraph) -> None:
        super().__init__()
        self.heading = heading
        self.text = text
        self._heading_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, self._heading_height = self.heading.wrap(available_width, available_height)
        _, text_height = self.text.wrap(available_width, available_height - self._heading_height)
        self.width, self.height = available_width, self._heading_height + text_height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        self.wrap(available_width, available_height)
        room = available_height - self._heading_height
        parts = self.text.split(available_width, room) if room > 0 else []
        if parts == [self.text]:
            return [self]
        if len(parts) != 2:  # not even one line of text fits under the heading
            return []
        return [ItemBlock(self.heading, parts[0]), parts[1]]

    def draw(self) -> None:
        self.heading.drawOn(self.canv, 0, self.height - self._heading_height)
        self.text.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:  # noqa: N802  (reportlab's name)
        return float(self.heading.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.text.getSpaceAfter())
