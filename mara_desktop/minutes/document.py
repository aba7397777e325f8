"""One copy of the minutes as a list of reportlab flowables, built from a conference view.

The view is the only case data this module gets, already filtered for the copy's reader;
the protocol supplies the fixed texts (confidentiality statement, withheld notice, handling
instructions). Each part of the minutes follows DOMAIN.md ("Minutes") in its order.
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from mara_desktop.domain import AttendanceStatus
from mara_desktop.domain.action_reference import action_id
from mara_desktop.domain.action_update import ActionUpdate
from mara_desktop.domain.review import due_for_review
from mara_desktop.minutes import styles
from mara_desktop.minutes.case_section import (
    MIN_ROW_PART,
    case_section,
    long_date,
    ruled_table,
    status_text,
)
from mara_desktop.minutes.copy_job import Copy
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.meeting_sections import meeting_sections, minute_taker
from mara_desktop.minutes.paragraphs import SharedParagraph
from mara_desktop.minutes.text import markup
from mara_desktop.protocol.model import Protocol
from mara_desktop.views import ActionView, CaseView, ConferenceView

WIDTH = 174 * mm
"""The text width of an A4 page within the margins."""


def minutes_story(view: ConferenceView, protocol: Protocol, copy: Copy) -> list[Flowable]:
    register_fonts()  # paragraphs resolve their font when made, not when drawn
    story: list[Flowable] = [*_front(view, protocol, copy)]
    story += _attendance(view, protocol)
    story += _confidentiality(protocol)
    story += _review(view, copy)
    story += _twelve_months(view, copy)
    cases_heading = SharedParagraph("Cases", styles.SECTION)
    if not view.cases:
        story += [cases_heading, SharedParagraph("No cases were heard.", styles.BODY)]
    last_heard = dict(copy.last_heard)
    for number, case in enumerate(view.cases):
        story += case_section(
            case,
            protocol,
            view.conference_id,
            view.date,
            chair=copy.chair,
            last_heard=last_heard.get(case.case_id),
            lead_in=() if number else (cases_heading,),
        )
    story += meeting_sections(view.sections)
    story += _closing(protocol, copy)
    return story


def _front(view: ConferenceView, protocol: Protocol, copy: Copy) -> list[Flowable]:
    rows = [
        ("Date", long_date(view.date)),
        ("Venue", view.venue),
        ("Chair", view.chair),
        ("Minute-taker", minute_taker(view.sections)),
        ("Prepared for", copy.recipient),
        ("Protocol", f"{protocol.name}, version {protocol.version}"),
    ]
    details = Table(
        [[label, SharedParagraph(markup(value), styles.BODY)] for label, value in rows],
        colWidths=[32 * mm, WIDTH - 32 * mm],
        style=styles.DETAILS,
        splitInRow=MIN_ROW_PART,
        hAlign="LEFT",
    )
    story: list[Flowable] = [
        SharedParagraph(markup(view.title), styles.TITLE),
        SharedParagraph(f"Minutes of the meeting of {long_date(view.date)}", styles.SUBTITLE),
        details,
    ]
    if copy.chair:
        story.append(SharedParagraph(CHAIR_WARNING, styles.WARNING))
    return story


CHAIR_WARNING = (
    "<b>Chair's copy: not for distribution.</b> It holds everything recorded on these "
    "cases, including what was withheld from each agency, and says which agencies' copies "
    "hold each entry. Keep it in the chair's own file; send each agency its own copy."
)
"""On the chair's copy's front page, in the text as well as in every page's header: a
header is easily overlooked, and this copy must never be sent."""


def _attendance(view: ConferenceView, protocol: Protocol) -> list[Flowable]:
    """Present (agency, name, and when it left if it left early); apologies with whether
    information was sent and when it arrived; observers with whether they signed the
    conditionality statement (and when they left)."""
    lines = {
        status: [a for a in view.attendance if a.status is status] for status in AttendanceStatus
    }
    present = [
        [protocol.agency_name(a.agency) + _left_note(a.left_at), a.name]
        for a in lines[AttendanceStatus.PRESENT]
    ]
    apologies = [
        [
            protocol.agency_name(a.agency),
            a.name,
            _information_note(a.information_sent, a.received_on),
        ]
        for a in lines[AttendanceStatus.APOLOGIES]
    ]
    observers = [
        [a.name + _left_note(a.left_at), "Signed" if a.conditionality_signed else "Not signed"]
        for a in lines[AttendanceStatus.OBSERVER]
    ]
    story: list[Flowable] = [SharedParagraph("Attendance", styles.SECTION)]
    for title, header, rows in (
        ("Present", ("Agency", "Name"), present),
        ("Apologies", ("Agency", "Name", "Information for the meeting"), apologies),
        ("Observers", ("Name", "Conditionality statement"), observers),
    ):
        story.append(SharedParagraph(title, styles.GROUP))
        if not rows:
            story.append(SharedParagraph("None.", styles.BODY))
            continue
        cells: list[list[object]] = [
            [SharedParagraph(markup(c), styles.CELL) for c in row] for row in rows
        ]
        story.append(ruled_table(header, cells, [60 * mm] * (len(header) - 1) + [50 * mm]))
    return story


def _left_note(left_at: datetime | None) -> str:
    """When an agency left, by the clock of the chair's computer (the time recorded)."""
    return f", left at {left_at:%H:%M}" if left_at else ""


def _information_note(sent: bool, received: date | None) -> str:
    if not sent:
        return "No information sent"
    return f"Sent; received {long_date(received)}" if received else "Sent"


def _confidentiality(protocol: Protocol) -> list[Flowable]:
    return [
        SharedParagraph("Confidentiality", styles.SECTION),
        SharedParagraph(
            "The chair read the confidentiality statement below at the start of the meeting, "
            "and those present signed it.",
            styles.BODY,
        ),
        SharedParagraph(markup(protocol.confidentiality_statement), styles.NOTICE),
    ]


def _review(view: ConferenceView, copy: Copy) -> list[Flowable]:
    """Actions agreed at earlier meetings on the cases heard, as this reader may see them."""
    heading = SharedParagraph("Review of actions from earlier meetings", styles.SECTION)
    story: list[Flowable] = [heading]
    rows = []
    progress = dict(copy.progress)
    for case in view.cases:
        for action in _earlier(case, copy.earlier_conferences):
            latest = progress.get(action_id(case.case_id, action.id))
            rows.append(_review_row(case, action, latest))
    if not rows:
        story.append(SharedParagraph("No actions from earlier meetings to review.", styles.BODY))
        return story
    header = ("Case", "Ref.", "Action and latest update", "Owner", "Due", "Status")
    widths = [24 * mm, 19 * mm, 56 * mm, 26 * mm, 20 * mm, WIDTH - 145 * mm]
    story.append(ruled_table(header, rows, widths))
    return story


def _twelve_months(view: ConferenceView, copy: Copy) -> list[Flowable]:
    """The cases reaching 12 months since their last hearing (DOMAIN.md, The meeting): those
    heard at this meeting, named only where the reader may see the case's header (when a
    case was last heard is part of its history); in the chair's copy also the open cases
    that were due but not on the agenda."""
    story: list[Flowable] = [
        SharedParagraph("Cases reaching 12 months since their last hearing", styles.SECTION)
    ]
    last_heard = dict(copy.last_heard)
    lines = [
        f"{markup(case.title)}: heard at this meeting; last heard on {long_date(day)}."
        for case in view.cases
        if case.header is not None
        and (day := last_heard.get(case.case_id)) is not None
        and due_for_review(day, view.date)
    ]
    lines += [
        f"{markup(reference)}: not on this meeting's agenda; last heard on {long_date(day)}."
        for reference, day in copy.due_not_heard
    ]
    story += [SharedParagraph(line, styles.BODY) for line in lines or ["None."]]
    return story


def _earlier(case: CaseView, earlier: frozenset[str]) -> list[ActionView]:
    return [a for a in case.actions if a.conference in earlier]


def _review_row(case: CaseView, action: ActionView, latest: ActionUpdate | None) -> list[object]:
    """The action with its newest progress report (what the agency reported, who, when),
    and its owner: the agency and the person named."""
    owner = markup(action.owner_agency_name)
    if action.owner_name:
        owner += f"<br/>{markup(action.owner_name)}"
    return [
        SharedParagraph(markup(case.title), styles.CELL),
        action.reference,
        SharedParagraph(f"{markup(action.text)}<br/>{_update_text(latest)}", styles.CELL),
        SharedParagraph(owner, styles.CELL),
        long_date(action.due, short=True) if action.due else "None",
        SharedParagraph(markup(status_text(action)), styles.CELL),
    ]


def _update_text(latest: ActionUpdate | None) -> str:
    if latest is None:
        return "<b>Latest update:</b> no progress reported."
    when = long_date(latest.updated_on, short=True)
    said = f"{latest.status.label}. {latest.note}".strip()
    return f"<b>Latest update</b> ({when}, {markup(latest.updated_by)}): {markup(said)}"


def _closing(protocol: Protocol, copy: Copy) -> list[Flowable]:
    """Handling instructions and distribution stay together: they are read as one. The
    protocol's fingerprint ends the minutes, with what it is for: on the front page it
    was 64 characters no reader understood."""
    distribution = ", ".join(copy.distribution) or "None"
    return [
        Spacer(1, 6 * mm),
        KeepTogether(
            [
                SharedParagraph("Handling instructions", styles.SECTION),
                SharedParagraph(markup(protocol.handling_instructions), styles.NOTICE),
                SharedParagraph("Distribution", styles.SECTION),
                SharedParagraph(markup(distribution), styles.BODY),
            ]
        ),
        KeepTogether(
            [
                SharedParagraph("Checking the protocol", styles.SECTION),
                SharedParagraph(
                    f"These minutes were made under {markup(protocol.name)}, version "
                    f"{markup(protocol.version)}. The protocol file's fingerprint (SHA-256) "
                    "is below: anyone can check that the protocol the steering group approved "
                    "has the same fingerprint (the app shows it in the protocol's window), "
                    "and so that these minutes were made under that protocol and no other.",
                    styles.BODY,
                ),
                SharedParagraph(protocol.sha256, styles.HASH),
            ]
        ),
    ]
