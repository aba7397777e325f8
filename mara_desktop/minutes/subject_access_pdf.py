"""A subject access request's release as a PDF, laid out like a copy of the minutes.

The same styles, fonts and page furniture (the protocol's marking and a line saying it is a
draft for review on every page, page numbers, a random copy id), the same neutral metadata
(a fixed title, no names). It is made from a `Release` only (views/subject_release.py), so
a withheld entry's text never reaches it. The reviewer's part comes last, after a page
break, so it can be taken off before the rest is released.
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table

from mara_desktop.minutes import styles
from mara_desktop.minutes.case_section import MIN_ROW_PART, long_date
from mara_desktop.minutes.document import WIDTH
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.item_block import ItemBlock
from mara_desktop.minutes.paragraphs import SharedParagraph
from mara_desktop.minutes.text import markup
from mara_desktop.views.subject_access import NAMES_OTHERS, Detail, HeldEntry, HeldOverride
from mara_desktop.views.subject_release import Release

TITLE = "MARAC subject access request"
"""The PDF's metadata title: what the document is, never whose."""
DRAFT_LINE = "Subject access draft: review before release"
DRAFT_WARNING = (
    "<b>Draft for review: not for release as it stands.</b> Read every entry marked "
    "“names other people” before release. The last part, “For the reviewer”, lists them and "
    "the entries withheld, with the reasons: take it off before the rest is released."
)


def subject_access_story(made: Release, on: date) -> list[Flowable]:
    register_fonts()  # paragraphs resolve their font when made, not when drawn
    story: list[Flowable] = [
        SharedParagraph("Information held about you", styles.TITLE),
        SharedParagraph(
            markup(f"MARAC case {made.reference}, as held on {long_date(on)}"), styles.SUBTITLE
        ),
        SharedParagraph(DRAFT_WARNING, styles.WARNING),
        SharedParagraph("Your details", styles.SECTION),
        _details(made.person.details),
    ]
    for correction in made.person.corrections:
        story += [
            SharedParagraph(
                markup(
                    f"Before a correction on {long_date(correction.replaced_at.date())} "
                    f"by {correction.replaced_by}, the record said:"
                ),
                styles.GROUP,
            ),
            _details(correction.earlier),
        ]
    story.append(SharedParagraph("Information held, by the agency that gave it", styles.SECTION))
    if not made.groups:
        story.append(SharedParagraph("None.", styles.BODY))
    for group in made.groups:
        story.append(SharedParagraph(markup(group.source_name), styles.GROUP))
        story += [_entry(entry) for entry in group.entries]
    story += _consents(made)
    story += _overrides(made.overrides)
    story += _reviewer(made)
    return story


def _details(details: tuple[Detail, ...]) -> Table:
    return Table(
        [[d.label, SharedParagraph(markup(d.value), styles.BODY)] for d in details]
        or [["", SharedParagraph("None recorded.", styles.BODY)]],
        colWidths=[48 * mm, WIDTH - 48 * mm],
        style=styles.DETAILS,
        splitInRow=MIN_ROW_PART,
        hAlign="LEFT",
    )


def _entry(entry: HeldEntry) -> Flowable:
    said = [entry.category_name]
    if entry.recorded_at is not None:
        said.append(f"recorded {long_date(entry.recorded_at.date(), short=True)}")
    if entry.kind.value == "action":
        said.append("action" + (f" due {long_date(entry.due, short=True)}" if entry.due else ""))
        said.append(entry.status)
    said.append(entry.id)
    heading = markup(" · ".join(said))
    if entry.names_others:
        heading += f" · <b>{markup(NAMES_OTHERS)}</b>"
    return ItemBlock(
        SharedParagraph(heading, styles.ITEM_HEADING),
        SharedParagraph(markup(entry.text), styles.ITEM),
    )


def _consents(made: Release) -> list[Flowable]:
    if not made.consents:
        return []
    story: list[Flowable] = [SharedParagraph("Your answers about sharing", styles.SECTION)]
    for consent in made.consents:
        line = (
            f"{_moment(consent.recorded_at)}: {consent.state}, for "
            f"{', '.join(consent.agencies)}; information: {', '.join(consent.categories)}. "
            f"Recorded by {consent.recorded_by}."
        )
        story.append(SharedParagraph(markup(line), styles.BODY))
    return story


def _overrides(overrides: tuple[HeldOverride, ...]) -> list[Flowable]:
    if not overrides:
        return []
    story: list[Flowable] = [SharedParagraph("Decisions to share without consent", styles.SECTION)]
    for override in overrides:
        line = (
            f"{_moment(override.decided_at)}: {', '.join(override.categories)} shared with "
            f"{', '.join(override.agencies)}. Lawful basis: {override.lawful_basis}. "
            f"Decided by {override.decided_by}."
        )
        if override.until is not None:
            line += f" Until {long_date(override.until)}."
        if override.justification:
            line += f" Why: {override.justification}"
        text = markup(line)
        if override.names_others:
            text += f" <b>({markup(NAMES_OTHERS)})</b>"
        story.append(SharedParagraph(text, styles.OVERRIDE))
    return story


def _reviewer(made: Release) -> list[Flowable]:
    story: list[Flowable] = [
        PageBreak(),
        SharedParagraph("For the reviewer: take this part off before release", styles.SECTION),
        SharedParagraph("To read before release (they name other people):", styles.GROUP),
        SharedParagraph(markup(", ".join(made.to_review) or "None."), styles.BODY),
        SharedParagraph("Withheld from this release:", styles.GROUP),
    ]
    lines = [
        f"{w.entry} ({w.category_name}, from {w.source_name}): withheld: {w.reason}"
        for w in made.withheld
    ]
    story += [SharedParagraph(markup(line), styles.BODY) for line in lines or ["None."]]
    story += [SharedParagraph(markup(note), styles.NOTICE) for note in made.reviewer_notes]
    return story


def _moment(moment: datetime) -> str:
    return long_date(moment.date())
