"""The minutes' sections about the meeting itself rather than its cases: any other business
and the next meeting's date (DOMAIN.md, The meeting, step 5, and Minutes).

They are the meeting's, not a case's: every copy prints them the same. Any other business
is written by the chair for everyone present, so it is printed whole; it is not an entry
put to the protocol, and the leak check searches it like every other text of the copy: a
withheld value written into it stops the export. A section not recorded says so rather
than disappear, so a reader can tell "none" from "forgotten".
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from mara_desktop.domain import MinutesSections
from mara_desktop.minutes import styles
from mara_desktop.minutes.case_section import long_date
from mara_desktop.minutes.paragraphs import SharedParagraph
from mara_desktop.minutes.text import markup

NO_OTHER_BUSINESS = "None recorded."
NO_NEXT_MEETING = "Not yet set."


def meeting_sections(sections: MinutesSections) -> list[Flowable]:
    """Any other business, then the next meeting's date, after the cases."""
    lines = [line.strip() for line in sections.other_business.splitlines() if line.strip()]
    business = [SharedParagraph(markup(line), styles.BODY) for line in lines] or [
        SharedParagraph(NO_OTHER_BUSINESS, styles.BODY)
    ]
    heading = SharedParagraph("Any other business", styles.SECTION)
    next_day = sections.next_meeting
    return [
        KeepTogether([heading, business[0]]),
        *business[1:],
        KeepTogether(
            [
                SharedParagraph("Next meeting", styles.SECTION),
                SharedParagraph(
                    long_date(next_day) + "." if next_day else NO_NEXT_MEETING, styles.BODY
                ),
            ]
        ),
    ]


def minute_taker(sections: MinutesSections) -> str:
    """The front page's line: who took the minutes."""
    return sections.minute_taker or "Not recorded"
