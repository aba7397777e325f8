"""A draft data protection impact assessment (DPIA), for the data protection officer to
complete: what the app can say of the processing, from the protocol and the case file's
own facts (session/dpia_facts.py), laid out as blocks that the Markdown and PDF writers
(minutes/dpia_files.py) both print.

The app states facts and quotes the protocol; it draws no legal conclusion. Where a
question is the DPO's (is this category special category data?), the draft marks what the
words suggest and says "for the DPO to confirm". It is built from counts, ids and the
protocol only: it has no case data to print.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from mara_desktop.domain import PersonRole
from mara_desktop.domain.moments import when_text
from mara_desktop.protocol import matrix
from mara_desktop.protocol.conditions import ALWAYS
from mara_desktop.protocol.model import Category, Protocol
from mara_desktop.session.dpia_facts import DpiaFacts

TITLE = "Data protection impact assessment (draft)"
TO_CONFIRM = "for the DPO to confirm"
TO_COMPLETE = "For the DPO to complete."

SPECIAL_WORDS: dict[str, tuple[str, ...]] = {
    "health": ("health", "medical", "mental", "disab", "substance", "drug", "alcohol", "pregnan"),
    "racial or ethnic origin": ("ethnic", "racial", "race"),
    "religious or philosophical beliefs": ("religio", "belief", "faith"),
    "sex life or sexual orientation": ("sexual", "sex life", "lgbt"),
    "political opinions": ("politic",),
    "trade union membership": ("trade union",),
    "genetic or biometric data": ("genetic", "biometric"),
}
"""The kinds of special category data, each with the word stems that suggest it in a
category's id, name or description. docs/guide.md prints this table: a DPO who disagrees
with a mark can see why it was made."""
OFFENCE_WORDS = ("criminal", "offence", "offense", "conviction", "bail", "court", "prosecut")
"""Word stems that suggest criminal offence data (its own rules, apart from special
category data)."""

EQUALITY_FIELDS = {
    "gender": "gender",
    "ethnicity": "ethnicity (own words)",
    "minority_ethnic": "from a minority ethnic group",
    "disability": "disability",
    "lgbt": "lesbian, gay, bisexual or trans",
}


class Kind(Enum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    TABLE = "table"
    TO_COMPLETE = "to complete"
    """An empty space the DPO fills in."""


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    """A table's rows, the first its header."""


def _heading(text: str) -> Block:
    return Block(Kind.HEADING, text)


def _para(text: str) -> Block:
    return Block(Kind.PARAGRAPH, text)


def _table(*rows: tuple[str, ...]) -> Block:
    return Block(Kind.TABLE, rows=tuple(rows))


def special_kinds(category: Category) -> list[str]:
    """The kinds of special category data (and "criminal offence data") that the
    category's words suggest; empty when none does."""
    words = f"{category.id} {category.name} {category.description}".casefold()
    kinds = [k for k, stems in SPECIAL_WORDS.items() if any(s in words for s in stems)]
    if any(s in words for s in OFFENCE_WORDS):
        kinds.append("criminal offence data")
    return kinds


def dpia_blocks(facts: DpiaFacts) -> list[Block]:
    return [
        *_opening(facts),
        *_purpose(facts.protocol),
        *_categories(facts),
        *_agencies(facts),
        *_lawful_bases(facts.protocol),
        *_recipients(facts.protocol),
        *_retention(facts.protocol),
        *_storage(facts),
        *_audit(facts),
        *_counts(facts),
        *_signatures(facts),
        *_breaches(facts),
        *_to_complete(),
    ]


def _opening(facts: DpiaFacts) -> list[Block]:
    p = facts.protocol
    return [
        Block(Kind.TITLE, TITLE),
        _para(
            f"A draft made by MARA Desktop on {when_text(facts.made_on)} from the case file "
            f"{facts.file_id} and the protocol it holds, for the data protection officer (DPO) "
            "to check and complete. It holds no case data: no names, no case references, "
            "only counts. Where it says \u201c" + TO_CONFIRM + "\u201d, the app has read the "
            "protocol's words and decided nothing; the sections at the end are the DPO's."
        ),
        _para(f"Marking of the meetings' papers under this protocol: {p.marking}."),
    ]


def _purpose(p: Protocol) -> list[Block]:
    return [
        _heading("1. Purpose of the processing"),
        _para(
            f"The case file of a multi-agency risk assessment conference (MARAC), kept under "
            f"\u201c{p.name}\u201d, version {p.version}, approved {when_text(p.approved_on)}, "
            f"to be reviewed by {when_text(p.review_by)}; jurisdiction: {p.jurisdiction}."
        ),
        _para("The confidentiality statement read at the start of every meeting:"),
        Block(Kind.BULLET, p.confidentiality_statement),
    ]


def _categories(facts: DpiaFacts) -> list[Block]:
    p = facts.protocol
    rows = [("Category", "About", "Special category or offence data? (" + TO_CONFIRM + ")")]
    for category in p.categories:
        kinds = special_kinds(category)
        rows.append(
            (category.name, category.subject.value, "; ".join(kinds) if kinds else "none suggested")
        )
    recorded = facts.counts.equality_fields
    equality = ", ".join(
        f"{label} ({recorded.get(field, 0)} recorded)" for field, label in EQUALITY_FIELDS.items()
    )
    return [
        _heading("2. Categories of personal data"),
        _para(
            "The protocol's categories of information, and whom each is about. A category is "
            "marked when its id, name or description uses a word of a kind of special "
            "category data or of criminal offence data (the words are listed in the user "
            "guide, \u201cA draft DPIA\u201d); the mark is a prompt, " + TO_CONFIRM + "."
        ),
        _table(*rows),
        _para(
            "Besides these, a person's record may hold fields the person identified "
            f"themselves with, each optional: {equality}. Several of these may be special "
            f"category data ({TO_CONFIRM})."
        ),
    ]


def _agencies(facts: DpiaFacts) -> list[Block]:
    p = facts.protocol
    signed = facts.register.signed
    rows = [("Agency", "Type", "Serves only children", "Signed the version in force")]
    rows += [
        (
            a.name,
            a.type,
            "yes" if a.children_only else "no",
            f"yes, {when_text(signed[a.id].signed_on)}" if a.id in signed else "NO",
        )
        for a in p.agencies
    ]
    blocks = [_heading("3. Agencies and groups"), _table(*rows)]
    if p.groups:
        blocks.append(_para("Groups (a rule naming a group shares with each of its agencies):"))
        blocks += [
            Block(Kind.BULLET, f"{g.name}: " + ", ".join(p.agency_name(a) for a in g.agencies))
            for g in p.groups
        ]
    blocks.append(
        _para(
            "Observers may attend a meeting after signing a conditionality statement; "
            + (
                "the protocol grants them information by its rules (see 5)."
                if any(r.grants(c.id, "observer") for r in p.rules for c in p.categories)
                else "the protocol grants them nothing, so they see no case information."
            )
        )
    )
    return blocks


def _lawful_bases(p: Protocol) -> list[Block]:
    blocks = [
        _heading("4. Lawful bases"),
        _para(
            "The protocol's lawful bases, in its own words, and the rules that rely on each. "
            "An override (sharing without consent because of serious risk) names one of them."
        ),
    ]
    for basis in p.lawful_bases:
        rules = [r for r in p.rules if r.lawful_basis == basis.id]
        used = (
            "rules " + ", ".join(str(r.number) for r in rules)
            if rules
            else "no rule; overrides may name it"
        )
        blocks.append(Block(Kind.BULLET, f"{basis.text} ({used})."))
    return blocks


def _recipients(p: Protocol) -> list[Block]:
    rows = [("Category", "Shared with, always", "Shared with, on conditions")]
    everyone = [a.id for a in p.agencies]
    for category in p.categories:
        always: list[str] = []
        on: dict[str, list[str]] = {}
        for agency in matrix.columns(p):
            alternatives = matrix.cell(p, category.id, agency)
            if any(a == (ALWAYS,) for a in alternatives):
                always.append(agency)
            elif alternatives:
                words = " or ".join(" and ".join(c.label for c in a) for a in alternatives)
                on.setdefault(words, []).append(agency)
        rows.append(
            (
                category.name,
                _agency_list(p, always, everyone),
                "; ".join(f"{w}: {_agency_list(p, a, everyone)}" for w, a in on.items()) or "none",
            )
        )
    return [
        _heading("5. Who receives what"),
        _para(
            f"From the protocol's rules (consent {p.consent_mode.value}). Besides these, the "
            "agency that supplied an item always sees it, a handling restriction by that "
            "agency beats every rule, and a recorded override shares named categories with "
            "named agencies. The minutes each agency receives hold only what it may see, "
            "and are searched for every withheld value before they are written."
        ),
        _table(*rows),
    ]


def _agency_list(p: Protocol, agencies: list[str], everyone: list[str]) -> str:
    if agencies == everyone:
        return "every agency"
    return ", ".join(p.agency_name(a) for a in agencies) or "none"


def _retention(p: Protocol) -> list[Block]:
    years = (
        f"A case is due for purging {p.retention_years} years after it was closed or "
        "transferred (`mara-desktop retention` lists the cases due); open cases are never due."
        if p.retention_years is not None
        else "The protocol sets no number of years (retention_years), so the app finds no "
        "case due for purging."
    )
    said = p.retention or "The protocol says nothing of retention."
    return [_heading("6. Retention"), _para(f"The protocol: \u201c{said}\u201d"), _para(years)]


def _storage(facts: DpiaFacts) -> list[Block]:
    e = facts.encryption
    where = (
        f"The case file lives in the folder {facts.folder}, on the chair's computer."
        if facts.folder is not None
        else "The case file's folder is not printed: its name holds a name or a reference "
        "from the case file. Move the file to a folder with a neutral name."
    )
    return [
        _heading("7. Where the file lives"),
        _para(where),
        _para(
            "Everything is in that one encrypted file (and its -wal and -shm files beside "
            "it) and its encrypted backups; the app's settings hold only its appearance and "
            "idle time. Printing and the operating system's swap are outside the app: "
            "require full-disk encryption on the chair's computer."
        ),
        _heading("8. Encryption"),
        _table(
            ("Setting", "Value"),
            ("Library", e.library),
            ("Pages", f"{e.cipher}, each checked by {e.hmac}; {e.page_size}-byte pages"),
            (
                "Key",
                f"{e.key_derivation}, {e.iterations:,} iterations, {e.salt_bytes}-byte "
                "random salt, from a passphrase of at least 12 characters",
            ),
            ("Keychain", "only if the chair chose to remember the key on this computer"),
        ),
    ]


def _audit(facts: DpiaFacts) -> list[Block]:
    a = facts.audit
    verdict = (
        "Every page, the file's structure and the log's hash chain were checked when this "
        "draft was made: sound."
        if a.verified
        else "Checked when this draft was made: NOT sound: " + "; ".join(a.problems) + "."
    )
    return [
        _heading("9. Audit log"),
        _para(
            f"{a.records:,} records. Each names who did what, when, to which ids, never a "
            "value, and is chained to the one before by its hash."
        ),
        _para(verdict),
    ]


def _counts(facts: DpiaFacts) -> list[Block]:
    c = facts.counts
    status = c.cases_by_status
    rows = [
        ("What", "How many"),
        ("Cases open", str(status.get("open", 0))),
        ("Cases closed", str(status.get("closed", 0))),
        ("Cases transferred", str(status.get("transferred", 0))),
        ("People", str(c.people)),
        *((f"People: {_role(role)}", str(n)) for role, n in sorted(c.people_by_role.items())),
        ("Conferences (meetings)", str(c.conferences)),
    ]
    return [_heading("10. How much the file holds"), _table(*rows)]


def _role(value: str) -> str:
    roles = {r.value: r.label.lower() for r in PersonRole}
    return roles.get(value, value)


def _signatures(facts: DpiaFacts) -> list[Block]:
    register, p = facts.register, facts.protocol
    rows = [("Agency", "Signed by", "On")]
    rows += [
        (p.agency_name(s.agency), s.signed_by, when_text(s.signed_on))
        for s in register.signed.values()
    ]
    blocks = [
        _heading("11. Signatures of the protocol"),
        _para(f"Version {register.protocol_version} (fingerprint {register.protocol_sha256}):"),
        _table(*rows),
        _para(
            "Not signed: " + ", ".join(p.agency_name(a) for a in register.unsigned) + "."
            if register.unsigned
            else "Every agency of the protocol has signed this version."
        ),
    ]
    earlier = [s for s in register.history if s.protocol_sha256 != register.protocol_sha256]
    if earlier:
        blocks.append(_para(f"{len(earlier)} signatures of earlier versions are kept."))
    return blocks


def _breaches(facts: DpiaFacts) -> list[Block]:
    said = (
        "What happened and who was told stay in the case file: those words may name the "
        "people a breach touched. The DPO reads them in the app (Case file \u25b8 Breach "
        "log\u2026) with the chair."
    )
    if not facts.breaches:
        return [_heading("12. Breach log"), _para("No breach has been recorded.")]
    rows = [("Number", "Happened", "Found")]
    rows += [
        (str(b.seq), when_text(b.happened_on) if b.happened_on else "not known",
         when_text(b.found_on))
        for b in facts.breaches
    ]  # fmt: skip
    return [
        _heading("12. Breach log"),
        _para(f"{len(facts.breaches)} recorded. {said}"),
        _table(*rows),
    ]


def _to_complete() -> list[Block]:
    sections = (
        "13. Risks to the people whose data is held",
        "14. Measures to reduce the risks",
        "15. The DPO's advice and sign-off",
    )
    return [b for s in sections for b in (_heading(s), Block(Kind.TO_COMPLETE, TO_COMPLETE))]
