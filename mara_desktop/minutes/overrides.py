"""Decisions to share without consent, as the minutes record them.

A data protection officer or a court asks first for the record of information shared
without consent: what, with whom, on what lawful basis, by whose decision, when and until
when, and why. The chair's copy holds each override of a case in full. An agency's copy
marks each entry it holds only because of an override with the lawful basis and the date
of the decision; never the justification or the name of who decided, which may name
people the agency is not told about. Which entries those are is the view's to say: the
rule's decision that showed the entry (`Access.shown_because`, step `override`).
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from mara_desktop.domain import Override
from mara_desktop.minutes import styles
from mara_desktop.minutes.fonts import REGULAR
from mara_desktop.minutes.paragraphs import SharedParagraph
from mara_desktop.minutes.text import markup
from mara_desktop.protocol.model import Protocol
from mara_desktop.protocol.rule import Step
from mara_desktop.views import Access

MARK = "Shared without consent"


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def shared_without_consent(access: Access | None, protocol: Protocol, *, size: float) -> str:
    """For an agency's copy: the marker of an entry shown to it by an override, as markup to
    append to the entry's text ("" for any other entry)."""
    decision = access.shown_because if access is not None else None
    if decision is None or decision.step is not Step.OVERRIDE or decision.override is None:
        return ""
    override = decision.override
    basis = decision.lawful_basis.text if decision.lawful_basis else override.lawful_basis
    words = (
        f"{MARK} because of serious risk. Lawful basis: {basis}. "
        f"Decided on {_long(override.decided_at.date())}."
    )
    return f"<br/><font name='{REGULAR}' size='{size}' color='#8a4b00'>{markup(words)}</font>"


def override_records(
    overrides: tuple[Override, ...], protocol: Protocol, meeting: date
) -> list[Flowable]:
    """For the chair's copy: every override of the case, oldest first, in words."""
    if not overrides:
        return []
    story: list[Flowable] = [SharedParagraph(f"{MARK} (overrides)", styles.GROUP)]
    for override in overrides:
        story.append(SharedParagraph(_record(override, protocol, meeting), styles.OVERRIDE))
    return story


def _record(override: Override, protocol: Protocol, meeting: date) -> str:
    basis = protocol.lawful_basis(override.lawful_basis)
    decided = override.decided_at  # in its own offset, as reasons write it
    information = ", ".join(protocol.category_name(c) for c in override.categories)
    agencies = ", ".join(protocol.agency_name(a) for a in override.agencies)
    if override.until is None:
        until = "no end date"
    elif override.until < meeting:
        until = f"{_long(override.until)} (ended before this meeting)"
    else:
        until = _long(override.until)
    lines = [
        ("Information", information),
        ("Shared with", agencies),
        ("Lawful basis", basis.text if basis else override.lawful_basis),
        ("Decided by", override.decided_by),
        ("Decided on", f"{_long(decided.date())} at {decided:%H:%M}"),
        ("Until", until),
        ("Justification", override.justification),
    ]
    return "<br/>".join(f"<b>{label}:</b> {markup(value)}" for label, value in lines)
