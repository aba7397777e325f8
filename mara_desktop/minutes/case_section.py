"""One case in the minutes: its heading, referral, what was shared by person, its actions.

Only what the case view holds is printed. Where the view says something was held back and
the protocol asks for it, one fixed sentence says so: never a box, a blank or a count
that would hint at the size or kind of what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Table

from mara_desktop.domain.review import due_for_review
from mara_desktop.minutes import styles
from mara_desktop.minutes.fonts import REGULAR
from mara_desktop.minutes.item_block import ItemBlock
from mara_desktop.minutes.overrides import override_records, shared_without_consent
from mara_desktop.minutes.paragraphs import SharedParagraph
from mara_desktop.minutes.render import RunningHead
from mara_desktop.minutes.text import markup
from mara_desktop.protocol.model import Protocol
from mara_desktop.views import Access, ActionView, CaseHeader, CaseView, ItemView, PersonView

MIN_ROW_PART = 36
"""Points: about three lines of a table cell."""
ACTION_WIDTHS = [22 * mm, 51 * mm, 30 * mm, 28 * mm, 21 * mm, 22 * mm]


def long_date(day: date | None, *, short: bool = False) -> str:
    """26 November 2026, or 26 Nov 2026 in a table: never 11/26, which readers misread."""
    if day is None:
        return ""
    return f"{day.day} {day:%b %Y}" if short else f"{day.day} {day:%B %Y}"


def status_text(action: ActionView) -> str:
    return f"{action.status.label} (overdue)" if action.overdue else action.status.label


class _RuledTable(Table):  # type: ignore[misc]  # reportlab ships no type hints
    """A table whose rows split across pages into parts of at least MIN_ROW_PART.

    reportlab refuses to split a row whose last part would be shorter than that, rather
    than splitting it higher up: a row taller than a page whose rest, on a fresh page, is
    a little taller than the page stopped the export (a long action text in the chair's
    copy). Asked again with MIN_ROW_PART less room, it splits higher and leaves at least
    that much for the next page. The parts it makes are of this class too.

    reportlab splits between rows first, even when that leaves most of the page empty
    under a short row, and then lays the rest out on the same page under a second copy of
    the header: a long action read as a new table in mid-page. Where a split between rows
    would leave room for three lines or more, the row that does not fit is split instead;
    and the rest always starts on the next page, under the repeated header."""

    def split(self, available_width: float, available_height: float) -> list[Any]:
        parts = self._parts(available_width, available_height)
        if len(parts) < 2:
            return parts
        return [parts[0], FrameBreak(), *parts[1:]]

    def _parts(self, available_width: float, available_height: float) -> list[Any]:
        parts: list[Any] = super().split(available_width, available_height)
        if len(parts) == 2:
            _, used = parts[0].wrap(available_width, available_height)
            if available_height - used >= 2 * MIN_ROW_PART:
                in_row: list[Any] = self._splitRows(available_height, doInRowSplit=1)
                if len(in_row) == 2:
                    return in_row
        if parts or available_height < 2 * MIN_ROW_PART:
            return parts
        higher: list[Any] = super().split(available_width, available_height - MIN_ROW_PART)
        return higher


def ruled_table(header: Sequence[str], rows: list[list[object]], widths: list[float]) -> Table:
    """A table whose header row repeats when it breaks across pages.

    A row may itself break across pages, but only into parts of at least three lines: a
    row taller than a page (a long action text) would otherwise stop the whole export,
    and a short row is better moved whole to the next page."""
    return _RuledTable(
        [list(header), *rows],
        colWidths=widths,
        style=styles.TABLE,
        repeatRows=1,
        splitInRow=MIN_ROW_PART,
        hAlign="LEFT",
    )


def case_section(
    case: CaseView,
    protocol: Protocol,
    conference_id: str,
    meeting: date,
    *,
    chair: bool,
    last_heard: date | None = None,
    lead_in: Sequence[Flowable] = (),
) -> list[Flowable]:
    """The actions table holds the actions agreed at this meeting (or recorded without a
    meeting); earlier meetings' actions are in the review, later ones in later minutes.
    The chair's copy records the case's overrides (the view carries them only for the
    chair) after the referral; `meeting` is the meeting's date, which says whether an
    override had ended by then. `last_heard` is when an earlier meeting last heard the case,
    printed with the referral (only where the reader may see the case's header).

    The case's heading keeps with it everything up to its first entry (a person's or the
    case's first item, or what says there is none), and `lead_in` (a heading above the
    case): reportlab keeps a heading with the next flowable, but not with a group kept
    together, so "Cases" could end page 1 alone. Every page the case continues on begins
    with its reference (render.RunningHead)."""
    title = f"{case.number}. {markup(case.title)}"
    if case.header is not None and not chair:
        title += shared_without_consent(case.header.access, protocol, size=8)
    story: list[Flowable] = [
        *lead_in,
        SharedParagraph(title, styles.CASE),
        RunningHead(f"{case.title} (continued)"),
    ]
    story += _referral(case, protocol, meeting, last_heard)
    if case.held_back and protocol.withheld_notice and not chair:
        story.append(SharedParagraph(markup(protocol.withheld_notice), styles.NOTICE))
    story += override_records(case.overrides, protocol, meeting)
    entries = len(story)
    groups = case.groups()
    if not groups:
        story.append(SharedParagraph("No information about this case was shared.", styles.BODY))
    for person, items in groups:
        story.append(SharedParagraph(_group_heading(person, protocol, chair=chair), styles.GROUP))
        story += [_item(item, protocol, chair=chair) for item in items]
    actions = [a for a in case.actions if a.conference in (None, conference_id)]
    story.append(SharedParagraph("Actions agreed", styles.GROUP))
    if actions:
        rows = [_action_row(a, protocol, chair=chair) for a in actions]
        header = ("Ref.", "Action", "Agency", "Owner", "Due", "Status")
        story.append(ruled_table(header, rows, ACTION_WIDTHS))
    else:
        story.append(SharedParagraph("None.", styles.BODY))
    story.append(RunningHead(None))
    lead = _first_entry(story, entries) + 1
    return [KeepTogether(story[:lead]), *story[lead:]]


def _first_entry(story: list[Flowable], start: int) -> int:
    """The index of the first flowable from `start` (where the case's entries begin, after
    its referral and records) that is not a heading kept with what follows it."""
    return next(i for i in range(start, len(story)) if not story[i].getKeepWithNext())


def _referral(
    case: CaseView, protocol: Protocol, meeting: date, last_heard: date | None
) -> list[Flowable]:
    """The referral, whether the victim knows of it and consents, and when the case was
    last heard: all part of the case's header, printed only for readers who may see it."""
    header = case.header
    if header is None:
        return []
    parts = [" + ".join(c.label for c in header.criteria or (header.criterion,))]
    if header.dash_ticks is not None:
        parts.append(f"DASH score {header.dash_ticks}")
    parts.append(
        f"referred by {protocol.agency_name(header.referring_agency)} "
        f"on {long_date(header.referral_date)}"
    )
    parts.append("children involved" if header.children_involved else "adults only")
    lines = [
        f"<b>Referral:</b> {markup('; '.join(parts))}",
        f"<b>The victim and the referral:</b> {_victim_knows(header)}",
    ]
    if last_heard is not None:
        due = due_for_review(last_heard, meeting)
        review = " (12 months or more ago: due for review)" if due else ""
        lines.append(f"<b>Last heard:</b> {long_date(last_heard)}{review}")
    return [SharedParagraph("<br/>".join(lines), styles.BODY)]


def _victim_knows(header: CaseHeader) -> str:
    """Whether the victim knows of the referral and consents to it, in words; what was not
    recorded is said to be so, never guessed."""
    if header.victim_aware is None:
        return "not recorded whether the victim knows of it."
    if not header.victim_aware:
        return "does not know of it."
    return {
        True: "knows of it and consents to it.",
        False: "knows of it and does not consent to it.",
        None: "knows of it; whether the victim consents to it was not recorded.",
    }[header.victim_consents_to_referral]


def _group_heading(person: PersonView | None, protocol: Protocol, *, chair: bool) -> str:
    if person is None:
        return "About the case"
    heading = markup(person.label)
    if person.name is not None:
        heading += f": {markup(person.name)}"
        if person.born is not None:
            heading += f" <font name='{REGULAR}'>(born {long_date(person.born)})</font>"
        if person.school is not None:
            heading += f" <font name='{REGULAR}'>(school: {markup(person.school)})</font>"
    if chair:
        heading += _may_see(person.access, protocol, size=8)
    else:
        heading += shared_without_consent(person.access, protocol, size=8)
    return heading


def _item(item: ItemView, protocol: Protocol, *, chair: bool) -> ItemBlock:
    about = f"{markup(item.category_name)} · from {markup(item.source_name)}"
    text = markup(item.text)
    if chair:
        text += _may_see(item.access, protocol, size=7.5)
    else:
        text += shared_without_consent(item.access, protocol, size=7.5)
    return ItemBlock(
        SharedParagraph(about, styles.ITEM_HEADING), SharedParagraph(text, styles.ITEM)
    )


def _action_row(action: ActionView, protocol: Protocol, *, chair: bool) -> list[object]:
    """An action is named by its reference, the same in every copy (a number by its place
    would differ between copies that show different actions)."""
    text = markup(action.text)
    if chair:
        text += _may_see(action.access, protocol, size=7)
    else:
        text += shared_without_consent(action.access, protocol, size=7)
    return [
        action.reference,
        SharedParagraph(text, styles.CELL),
        SharedParagraph(markup(action.owner_agency_name), styles.CELL),
        SharedParagraph(markup(action.owner_name or "Not named"), styles.CELL),
        long_date(action.due, short=True) if action.due else "None",
        SharedParagraph(markup(status_text(action)), styles.CELL),
    ]


def _may_see(access: Access | None, protocol: Protocol, *, size: float) -> str:
    """For the chair's copy: whose copies hold this entry, said the shorter way round."""
    if access is None:
        return ""
    agencies = [a.id for a in protocol.agencies]
    seen = [a for a in agencies if a in access.visible_to]
    unseen = [a for a in agencies if a not in access.visible_to]
    if not unseen:
        who = "In every agency's copy."
    elif not seen:
        who = "In no agency's copy."
    elif len(unseen) <= len(seen):
        who = "Withheld from: " + ", ".join(protocol.agency_name(a) for a in unseen) + "."
    else:
        who = "Only in: " + ", ".join(protocol.agency_name(a) for a in seen) + "."
    return f"<br/><font name='{REGULAR}' size='{size}' color='#8a4b00'>{markup(who)}</font>"
