"""The draft impact assessment written to a file: a PDF when the name ends in .pdf (the
minutes' fonts and styles, page furniture and neutral metadata), otherwise Markdown, for
the DPO to paste into their own template.

Before anything is written the draft is searched for every case reference and person's
name in the file (the PDF by the minutes' leak check, the Markdown as text): it is built
from counts and the protocol, so a find is a bug, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from mara_desktop.atomic import write_atomically
from mara_desktop.domain.moments import when_text
from mara_desktop.domain.whole_words import holds_whole_word
from mara_desktop.errors import MaraError
from mara_desktop.minutes import styles
from mara_desktop.minutes.copy_job import Furniture
from mara_desktop.minutes.dpia import TITLE, Block, Kind, dpia_blocks
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.leak_check import find_leaks, normalise
from mara_desktop.minutes.render import render
from mara_desktop.minutes.text import markup
from mara_desktop.session.dpia_facts import DpiaFacts

RECIPIENT = "Draft for the data protection officer"


class DpiaNotSafe(MaraError):
    """The draft would hold a name or a reference from the case file; nothing was written."""


def write_dpia(facts: DpiaFacts, dest: Path, never_in_it: Iterable[str]) -> str:
    """Write the draft to `dest` (owner-only, never over another file); returns "PDF" or
    "Markdown"."""
    blocks = dpia_blocks(facts)
    values = [v for v in never_in_it if v.strip()]
    content: bytes
    if dest.suffix.lower() == ".pdf":
        content, kind = _pdf(blocks, facts), "PDF"
        found = bool(find_leaks(content, values))
    else:
        text = as_markdown(blocks)
        content, kind = text.encode("utf-8"), "Markdown"
        found = holds_any(text, values)
    if found:
        raise DpiaNotSafe(
            f"{dest}: not written; the draft would hold a name or a reference from the case "
            "file. Please report this."
        )

    def write(temp: Path) -> None:
        temp.write_bytes(content)

    write_atomically(dest, write)
    return kind


def holds_any(text: str, values: Iterable[str]) -> bool:
    """Whether any value shows in `text` as a whole word (compared as the leak check
    compares: case, width and spacing set aside)."""
    haystack = normalise(text)
    return any(holds_whole_word(haystack, normalise(value)) for value in values)


# -- Markdown --------------------------------------------------------------------------------


def as_markdown(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if block.kind is Kind.TITLE:
            lines += [f"# {block.text}", ""]
        elif block.kind is Kind.HEADING:
            lines += [f"## {block.text}", ""]
        elif block.kind is Kind.BULLET:
            lines += [f"- {_one_line(block.text)}", ""]
        elif block.kind is Kind.TABLE:
            header, *rows = block.rows
            lines.append("| " + " | ".join(_cell(c) for c in header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
            lines.append("")
        elif block.kind is Kind.TO_COMPLETE:
            lines += [f"*{block.text}*", "", "&nbsp;", "", "&nbsp;", ""]
        else:
            lines += [_one_line(block.text), ""]
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


# -- PDF -------------------------------------------------------------------------------------


def _pdf(blocks: list[Block], facts: DpiaFacts) -> bytes:
    register_fonts()  # a paragraph reads its font when it is made
    furniture = Furniture(facts.protocol.marking, RECIPIENT, f"DPIA {when_text(facts.made_on)}")
    story = [f for block in blocks for f in _flowables(block)]
    return render(story, furniture, reproducible=False, title=TITLE).pdf


_BLANK = TableStyle(
    [("BOX", (0, 0), (-1, -1), 0.5, styles.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
)


def _flowables(block: Block) -> list[Flowable]:
    if block.kind is Kind.TITLE:
        return [Paragraph(markup(block.text), styles.TITLE), Spacer(0, 3 * mm)]
    if block.kind is Kind.HEADING:
        return [Paragraph(markup(block.text), styles.SECTION)]
    if block.kind is Kind.BULLET:
        return [Paragraph(markup(block.text), styles.ITEM, bulletText="\u2022")]
    if block.kind is Kind.TABLE:
        header, *rows = block.rows
        cells = [[Paragraph(markup(c), styles.HEAD_CELL) for c in header]]
        cells += [[Paragraph(markup(c), styles.CELL) for c in row] for row in rows]
        return [Table(cells, repeatRows=1, style=styles.TABLE, hAlign="LEFT"), Spacer(0, 2 * mm)]
    if block.kind is Kind.TO_COMPLETE:
        box = Table([[Paragraph(markup(block.text), styles.SMALL)]], rowHeights=[45 * mm])
        box.setStyle(_BLANK)
        return [box]
    return [Paragraph(markup(block.text), styles.BODY)]
