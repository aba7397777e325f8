"""The free-text check before minutes are written: never silent, never a refusal.

Each copy's mentions of people and values withheld from its agency (views/mentions.py) are
found before any PDF is written. The export goes ahead only when the chair has answered
every one: reworded (the mention is then gone), shared without consent (an override: the
mention is then no longer of something withheld), or kept as written. A kept mention is
audited with ids only (conference, case, entry, agency, decision) and counted in the
manifest ("free_text_check": "accepted N"); a copy without mentions "passed".
"""

from __future__ import annotations

from collections.abc import Iterable

from mara_desktop.domain import CHAIR, Audience
from mara_desktop.errors import MaraError
from mara_desktop.protocol.model import Protocol
from mara_desktop.session import ConferenceViews, Session
from mara_desktop.views.mentions import Mention, MentionKind

KEEP = "keep as written"
"""The audited decision of a mention the chair keeps."""

MentionKey = tuple[str, str, str, str]


class MentionsFound(MaraError):
    """Visible text mentions something withheld from its reader and the chair has not said
    what to do; nothing was written. `mentions` are for the chair's eyes only."""

    def __init__(self, mentions: list[Mention]) -> None:
        count = len(mentions)
        agencies = len({m.audience for m in mentions})
        super().__init__(
            f"{count} {'entry mentions' if count == 1 else 'entries mention'} a person or a "
            f"value withheld from the agency reading it ({agencies} "
            f"{'copy' if agencies == 1 else 'copies'}); nothing was written. Reword the "
            "entries, share without consent, or keep them as written (--accept-mentions)."
        )
        self.mentions = mentions


def copy_mentions(views: ConferenceViews, agencies: Iterable[str]) -> dict[str, list[Mention]]:
    """Each agency's copy's mentions (the chair's copy withholds nothing: it has none)."""
    wanted = [a for a in agencies if a != CHAIR]
    found = views.mentions([Audience.of([a]) for a in wanted])
    return {agency: found[Audience.of([agency])] for agency in wanted}


def find_mentions(session: Session, conference_id: str, agencies: Iterable[str]) -> list[Mention]:
    """The mentions the copies for `agencies` would print, as the export would find them
    (the Export minutes dialog lists them before it exports); none for an unknown
    conference (the export then says it is unknown)."""
    views = session.conference_views(conference_id)
    if views is None:
        return []
    return [m for mentions in copy_mentions(views, agencies).values() for m in mentions]


def answered(
    session: Session,
    conference_id: str,
    found: dict[str, list[Mention]],
    kept: frozenset[MentionKey] | None,
) -> dict[str, int]:
    """How many mentions the chair kept in each copy; MentionsFound when one is not
    answered. `kept` None keeps every mention (the command line's --accept-mentions).
    Every kept mention is audited before anything is written."""
    unanswered = [
        m for mentions in found.values() for m in mentions if kept is not None and m.key not in kept
    ]
    if unanswered:
        raise MentionsFound(unanswered)
    session.record_each(
        "minutes-mention",
        [
            {
                "conference": conference_id,
                "case": mention.case_id,
                "entry": mention.entry_id,
                "withheld": mention.withheld_id,
                "agency": agency,
                "decision": KEEP,
            }
            for agency, mentions in found.items()
            for mention in mentions
        ],
    )
    return {agency: len(mentions) for agency, mentions in found.items()}


def check_result(kept: int) -> str:
    """The manifest's "free_text_check" of a copy."""
    return "passed" if kept == 0 else f"accepted {kept}"


def mention_line(mention: Mention, protocol: Protocol) -> str:
    """One mention in words, for the chair: the withheld words are shown."""
    readers = ", ".join(protocol.agency_name(a) for a in mention.audience)
    what = "a person" if mention.kind is MentionKind.NAME else "information"
    return (
        f"Case {mention.case_reference}, {mention.entry_kind} {mention.entry_id}: "
        f"{readers} may read it, but it mentions "
        + ", ".join(f'"{m}"' for m in mention.mentioned)
        + f" ({what} withheld: {mention.reason.rstrip('.')})."
    )
