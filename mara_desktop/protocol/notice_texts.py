"""The texts of the notices that differ from one jurisdiction to another: `[notice]`.

A notice for a victim or a perpetrator (minutes/notice.py) is written from the protocol. Most
of it follows from the rules; but the emergency number, the data protection law and the
authority that enforces it, the way to complain, the coordinator's contact and what happens
after the meeting belong to a country and to a local MARAC. They are protocol text, so no
country's words live in code and a notice made under one jurisdiction's protocol never
tells a reader to call another country's number.

Each key is defined once here: the loader takes the keys and their kind of text from these
fields, the notice prints the values, and `protocol check` says, from `without`, what the
notice does when a key is not given (a neutral sentence, or nothing). Never a guess at a
jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _text(kind: str, without: str) -> Any:
    """A `[notice]` key: `kind` is the loader's kind of text ("short" or "long"), `without`
    what the notices do when the protocol does not give it."""
    return field(default="", metadata={"kind": kind, "without": without})


@dataclass(frozen=True)
class NoticeTexts:
    """The values of a protocol's `[notice]` table; "" for each key it does not give."""

    emergency: str = _text(
        "long", 'the victim\'s notice warns "call the emergency services", naming no number'
    )
    """The warning that opens the victim's notice: whom to call in danger, and how."""
    support_worker: str = _text("long", "the victim's notice names no kind of support worker")
    """Who usually speaks for the victim at the meeting (the support worker's usual role)."""
    after_the_meeting: str = _text(
        "long", 'the victim\'s notice has no "What happens after the meeting" part'
    )
    """What the victim can expect once her case has been heard (victim's notice only)."""
    data_protection_law: str = _text(
        "short", 'the notices name no law ("The law gives you rights")'
    )
    """The law that gives the rights, as it fits "The law (...) gives you rights"."""
    complaints: str = _text("long", "the notices say only that the reader may complain")
    """How to complain about the way information is used."""
    data_protection_authority: str = _text("long", "the notices name no data protection authority")
    """The authority that enforces the data protection law, and how to reach it."""
    coordinator_contact: str = _text(
        "long", "the notices tell the reader to ask for the MARAC coordinator's contact"
    )
    """How to reach the MARAC coordinator: a role and an office, not a person's name."""

    def given(self) -> list[str]:
        """The keys the protocol gives, in the order above."""
        return [key for key in KEYS if getattr(self, key)]


KEYS: dict[str, tuple[str, str]] = {
    f.name: (f.metadata["kind"], f.metadata["without"]) for f in fields(NoticeTexts)
}
"""Every `[notice]` key: (kind of text, what the notices do without it)."""
