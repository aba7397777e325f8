"""The plain-language notice that tells a victim or a perpetrator how their information is shared.

The protocol must be "communicated clearly to victims and perpetrators" (DOMAIN.md), so the
notice is written from the protocol alone: which kinds of information about the reader may
be shared, with which agencies, on what lawful basis, when consent is needed and when it may
be set aside, how long it is kept, and the reader's rights. It holds no case data at all, so
one notice serves everyone of that role under the protocol.

Written for a frightened reader: short sentences, "you" and "we", one idea per paragraph.
The perpetrator's notice is a general notice: it lists only what is shared about him and
about the case, and never mentions the victim's consent (whether she agreed is hers to tell,
and a perpetrator who knows her agreement matters may press her to withdraw it).
docs/notices.md says why the notice carries no security marking.

No jurisdiction's words live here: the emergency number, the data protection law and its
authority, the way to complain, the coordinator's contact and what happens after the meeting
come from the protocol's `[notice]` (protocol/notice_texts.py). Without one, the notice says
a neutral sentence or nothing, never another country's number or authority.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from mara_desktop.domain import WILDCARD, Subject
from mara_desktop.protocol.conditions import TABLE, needs_consent, of_rule
from mara_desktop.protocol.model import Category, Protocol, Rule
from mara_desktop.protocol.notice_texts import NoticeTexts


class Reader(StrEnum):
    """Whom a notice is for."""

    VICTIM = "victim"
    PERPETRATOR = "perpetrator"


SUBJECTS = {
    Reader.VICTIM: frozenset({Subject.VICTIM, Subject.HOUSEHOLD, Subject.CASE, Subject.CHILD}),
    Reader.PERPETRATOR: frozenset({Subject.PERPETRATOR, Subject.CASE}),
}
"""The categories a notice speaks of, by their subject: what is about the reader, or the case."""

_NAMES_CONSENT = re.compile(r"\bconsent", re.IGNORECASE)

OTHER_ADULTS = (
    "Information about another adult in your household, such as a partner or a grown-up "
    "son or daughter, is shared only if that person agrees: your agreement does not count "
    "for them."
)
"""Said where information that may be about another adult needs consent: the consent is
that adult's (DESIGN.md: consent read for the item's person), not the reader's."""


class Kind(StrEnum):
    TITLE = "title"
    WARNING = "warning"
    HEADING = "heading"
    TEXT = "text"
    BULLET = "bullet"


@dataclass(frozen=True)
class Block:
    """One piece of the notice; `lead` is printed in bold before the text."""

    kind: Kind
    text: str
    lead: str = ""


def _text(*sentences: str) -> Block:
    return Block(Kind.TEXT, " ".join(sentences))


def _protocol_text(text: str) -> list[Block]:
    """A text of the protocol as it is written, a paragraph for each run of lines between
    blank lines; nothing for an empty text."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return [Block(Kind.TEXT, p) for p in paragraphs if p]


def _heading(text: str) -> Block:
    return Block(Kind.HEADING, text)


def _bullets(texts: Iterable[str]) -> list[Block]:
    return [Block(Kind.BULLET, text) for text in texts]


def notice_blocks(protocol: Protocol, reader: Reader) -> list[Block]:
    """The whole notice, in reading order."""
    blocks = _opening(protocol.notice, reader)
    blocks += _what_is_shared(protocol, reader)
    if reader is Reader.VICTIM:
        blocks += _agreement(protocol)
    else:
        blocks += [
            _heading("Do services need your agreement?"),
            _text(
                "No. Services do not need your agreement to share this information.",
                "The law allows them to share it to prevent crime and to protect people.",
            ),
        ]
    blocks += _law(protocol, reader)
    blocks += [
        _heading("How long we keep it"),
        _text(protocol.retention or "Ask the MARAC coordinator how long information is kept."),
    ]
    return blocks + _rights(protocol.notice, reader)


def _opening(texts: NoticeTexts, reader: Reader) -> list[Block]:
    if reader is Reader.VICTIM:
        emergency = texts.emergency or "If you are in danger now, call the emergency services."
        return [
            Block(Kind.TITLE, "How we share information to keep you safe"),
            Block(Kind.WARNING, " ".join(emergency.split())),
            _heading("What is a MARAC?"),
            _text("A MARAC is a meeting about keeping people safe from domestic abuse."),
            _text(
                "People from local services meet and share what they know.",
                "Together they make a plan to keep you and your family safe.",
            ),
            _text(
                "You do not go to the meeting.",
                "Your support worker tells the meeting what you want and what worries you.",
                *([" ".join(texts.support_worker.split())] if texts.support_worker else []),
            ),
            *_part("What happens after the meeting", texts.after_the_meeting),
        ]
    return [
        Block(Kind.TITLE, "How services share information about you"),
        _heading("What is a MARAC?"),
        _text(
            "A MARAC is a meeting of local services, such as the police, probation and health",
            "services. They work together to keep people safe from domestic abuse and to",
            "prevent crime.",
        ),
        _text(
            "This notice tells you what information about you these services may share,",
            "who they share it with, and what your rights are.",
        ),
    ]


def _what_is_shared(protocol: Protocol, reader: Reader) -> list[Block]:
    blocks = [
        _heading("What we share, and who gets it"),
        _text("We share only what is needed to keep people safe. We may share:"),
    ]
    for category in _categories(protocol, reader):
        rules = _granting(protocol, category)
        if reader is Reader.VICTIM:
            said = _who_and_when(protocol, rules, _about_others(category))
        else:  # one list, no conditions: a condition could hint at the victim's consent
            said = _sentence(_who(protocol, [a for r in rules for a in r.reached]))
        said = said or "only if the meeting decides there is a serious risk"
        blocks.append(Block(Kind.BULLET, said + ".", lead=_addressed(category.name, reader) + ":"))
    blocks.append(_heading("The services that may get information about you"))
    wanted = {a for r in _rules_about(protocol, reader) for a in r.reached}
    blocks += _bullets(a.name for a in protocol.agencies if WILDCARD in wanted or a.id in wanted)
    return blocks


def _who_and_when(protocol: Protocol, rules: list[Rule], about_others: bool) -> str:
    """Who gets one kind of information and when ("Police and IDVA service. If you agree:
    GP"); each condition is said once, agencies that get it anyway are not repeated.
    `about_others`: the information may be about another adult, whose consent it needs."""
    groups: dict[str, list[str]] = {}
    for rule in rules:
        groups.setdefault(_condition(protocol, rule, about_others), []).extend(rule.reached)
    if _everyone(protocol, groups.get("", [])):
        return _sentence(_who(protocol, [WILDCARD]))
    always = set(_who(protocol, groups.get("", [])))
    parts = []
    for condition, agencies in sorted(groups.items()):  # "" (always) first
        names = [n for n in _who(protocol, agencies) if condition == "" or n not in always]
        if names:
            parts.append(condition + _sentence(names))
    return ". ".join(p[:1].upper() + p[1:] for p in parts)


def _condition(protocol: Protocol, rule: Rule, about_others: bool) -> str:
    """The rule's conditions as the victim's notice says them ("if you agree and if children
    are involved: "), in the table's order, so that two rules with the same conditions say
    them the same way; "" when it shares always."""
    governing = of_rule(rule, protocol)
    phrases = [
        (about_others and c.notice_about_others) or c.notice
        for c in TABLE
        if c.notice and c in governing
    ]
    return " and ".join(phrases) + ": " if phrases else ""


def _agreement(protocol: Protocol) -> list[Block]:
    categories = _categories(protocol, Reader.VICTIM)
    asked = [
        c for c in categories if any(needs_consent(r, protocol) for r in _granting(protocol, c))
    ]
    blocks = [_heading("Do we need your agreement?")]
    if asked and len(asked) == len(categories):
        blocks.append(_text("We ask you before we share information about you."))
    elif asked:
        blocks.append(
            _text("For some information, we ask you first. We share it only if you agree:")
        )
        blocks += _bullets(_addressed(c.name, Reader.VICTIM) for c in asked)
        blocks.append(_text("We share other information without asking you first."))
    else:
        blocks.append(_text("We share this information without asking you first."))
    if any(_about_others(c) for c in asked):
        blocks.append(_text(OTHER_ADULTS))
    return [
        *blocks,
        _text(
            "You can say no. You can change your mind at any time.",
            "Tell your support worker or the MARAC coordinator.",
        ),
        _heading("When we may share without your agreement"),
        _text(
            "Sometimes the risk to you or to someone else is very serious.",
            "Then the meeting can decide to share information without your agreement,",
            "even if you said no.",
        ),
        _text(
            "They must write down why, and which law allows it.",
            "They share only what is needed, and only with the services that need it.",
        ),
    ]


def _law(protocol: Protocol, reader: Reader) -> list[Block]:
    """The lawful bases of the rules that share the reader's information. The perpetrator's
    notice leaves out any basis that names consent (it is the victim's); if nothing is left
    (a protocol that shares only with consent), it names the protocol's other bases, which
    are what a decision to share without consent relies on."""
    ids = {r.lawful_basis for r in _rules_about(protocol, reader)}
    bases = [b for b in protocol.lawful_bases if b.id in ids]
    if reader is Reader.PERPETRATOR:
        bases = [b for b in bases if not _NAMES_CONSENT.search(b.text)]
        bases = bases or [b for b in protocol.lawful_bases if not _NAMES_CONSENT.search(b.text)]
    return [
        _heading("The law we rely on"),
        _text("Services may share information only when the law allows it. We rely on:"),
        *_bullets(b.text for b in bases),
    ]


def _rights(texts: NoticeTexts, reader: Reader) -> list[Block]:
    law = f"The law ({texts.data_protection_law})" if texts.data_protection_law else "The law"
    return [
        _heading("Your rights"),
        _text(f"{law} gives you rights. You can:"),
        *_bullets(
            [
                "ask to see the information we hold about you;",
                "ask us to correct information that is wrong;",
                "object to how we use your information;",
                "complain if you are not happy with how we use your information.",
            ]
        ),
        _text(
            "Sometimes the law lets us keep some information back,",
            "for example when showing it could put someone in danger.",
        ),
        *_part("If you are not happy", f"{texts.complaints}\n\n{texts.data_protection_authority}"),
        _heading("Who to contact"),
        *_contact(texts, reader),
    ]


def _contact(texts: NoticeTexts, reader: Reader) -> list[Block]:
    """The protocol's way to reach the coordinator, else where to ask for it."""
    if reader is Reader.PERPETRATOR:
        return _protocol_text(texts.coordinator_contact) or [
            _text("Ask the service that gave you this notice how to contact the MARAC coordinator.")
        ]
    in_touch = "Your support worker, or the person who gave you this notice, can put you in touch."
    if texts.coordinator_contact:
        return [*_protocol_text(texts.coordinator_contact), _text(in_touch)]
    return [_text("Ask the MARAC coordinator.", in_touch)]


def _part(heading: str, text: str) -> list[Block]:
    """A heading and the protocol's text under it; nothing when the protocol gives none."""
    said = _protocol_text(text)
    return [_heading(heading), *said] if said else []


def _about_others(category: Category) -> bool:
    """Whether the category may hold information about another adult: what is about the
    household may be about a partner or a grown-up son, whose own consent it needs."""
    return category.subject is Subject.HOUSEHOLD


def _categories(protocol: Protocol, reader: Reader) -> list[Category]:
    return [c for c in protocol.categories if c.subject in SUBJECTS[reader]]


def _granting(protocol: Protocol, category: Category) -> list[Rule]:
    return [r for r in protocol.rules if WILDCARD in r.categories or category.id in r.categories]


def _rules_about(protocol: Protocol, reader: Reader) -> list[Rule]:
    """The rules that share some category about the reader (or the case)."""
    return [r for c in _categories(protocol, reader) for r in _granting(protocol, c)]


def _who(protocol: Protocol, agencies: Iterable[str]) -> list[str]:
    """Agency names in the protocol's order; `*`, or a group of every agency ("all MARAC
    partners"), is every service at the meeting (never observers)."""
    wanted = set(agencies)
    if _everyone(protocol, wanted):
        return ["every service at the meeting"]
    return [a.name for a in protocol.agencies if a.id in wanted]


def _everyone(protocol: Protocol, agencies: Iterable[str]) -> bool:
    wanted = set(agencies)
    return WILDCARD in wanted or wanted >= {a.id for a in protocol.agencies}


def _sentence(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _addressed(name: str, reader: Reader) -> str:
    """ "Victim's safe contact details" reads "Your safe contact details" in the victim's
    notice: the protocol names categories for professionals, the notice speaks to one."""
    prefix = f"{reader.value.capitalize()}'s "
    return "Your " + name[len(prefix) :] if name.startswith(prefix) else name
