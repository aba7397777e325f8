"""One audience's action log as a PDF, laid out and checked like a copy of the minutes.

The same page furniture (marking, whom it is for, page numbers, a random copy id), the same
neutral metadata (a fixed title, no names), the same tables; written atomically and owner
only, then read back from the disk and searched for every value withheld from the
audience. A finding deletes the file: a log that may have leaked is never left behind.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from mara_desktop.atomic import write_atomically
from mara_desktop.errors import MaraError
from mara_desktop.minutes import styles
from mara_desktop.minutes.case_section import long_date, ruled_table, status_text
from mara_desktop.minutes.copy_job import Furniture
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.leak_check import find_leaks
from mara_desktop.minutes.paragraphs import SharedParagraph
from mara_desktop.minutes.render import render
from mara_desktop.minutes.text import drawn_forms, markup
from mara_desktop.views.action_log import ActionLogEntry

TITLE = "MARAC action log"
WIDTHS = [22 * mm, 24 * mm, 50 * mm, 27 * mm, 21 * mm, 30 * mm]


class ActionLogLeak(MaraError):
    """The written log held a value withheld from its reader; the file was deleted."""


def action_log_story(
    entries: Sequence[ActionLogEntry], recipient: str, on: date, narrowed: str
) -> list[Flowable]:
    register_fonts()  # paragraphs resolve their font when made, not when drawn
    story: list[Flowable] = [
        SharedParagraph("Action log", styles.TITLE),
        SharedParagraph(
            markup(f"Prepared for {recipient}, as of {long_date(on)}"), styles.SUBTITLE
        ),
        SharedParagraph(markup(narrowed), styles.BODY),
    ]
    if not entries:
        story.append(SharedParagraph("No actions.", styles.BODY))
        return story
    header = ("Ref.", "Case", "Action", "Agency", "Due", "Status, update")
    story.append(ruled_table(header, [_row(e) for e in entries], WIDTHS))
    return story


def _row(entry: ActionLogEntry) -> list[object]:
    action = entry.action
    owner = action.owner_agency_name + (f" ({action.owner_name})" if action.owner_name else "")
    status = markup(status_text(action))
    latest = entry.latest
    if latest is not None:
        said = f"{long_date(latest.updated_on, short=True)}, {latest.updated_by}"
        status += f"<br/>{markup(said)}" + (f": {markup(latest.note)}" if latest.note else "")
    return [
        action.reference,
        SharedParagraph(markup(entry.case_reference or "Not shown"), styles.CELL),
        SharedParagraph(markup(action.text), styles.CELL),
        SharedParagraph(markup(owner), styles.CELL),
        long_date(action.due, short=True) if action.due else "None",
        SharedParagraph(status, styles.CELL),
    ]


def write_action_log_pdf(
    path: Path,
    story: list[Flowable],
    furniture_line: tuple[str, str],
    withheld: Sequence[str],
) -> int:
    """Write and check the log; its page count. `furniture_line` is the marking and the
    line saying whom it is for."""
    marking, line = furniture_line
    furniture = Furniture(marking, line, secrets.token_hex(4).upper())
    rendered = render(story, furniture, reproducible=False, title=TITLE)

    def fill(temp: Path) -> None:
        temp.write_bytes(rendered.pdf)

    write_atomically(path, fill, overwrite=True)
    needles = [form for value in withheld for form in drawn_forms(value)]
    try:
        leaks = find_leaks(path.read_bytes(), needles)
    except BaseException:
        path.unlink()
        raise
    if leaks:
        path.unlink()
        places = sorted({leak.where for leak in leaks})
        raise ActionLogLeak(
            f"{path.name}: the leak check found {len({k.value_index for k in leaks})} value(s) "
            f"withheld from its reader ({', '.join(places[:3])}); the file was deleted. An "
            "action's text or update may quote something withheld (such as a name): reword "
            "it, or report a bug."
        )
    return rendered.pages
