"""Reading the records of a `mara-interchange/1` document into domain values
(docs/interchange.md): each record is checked in full, and every problem is reported with
its JSON path. The document as a whole is read by interchange/document.py."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from mara_desktop.domain import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Case,
    CaseStatus,
    Conference,
    Consent,
    ConsentState,
    Item,
    Override,
    Person,
    PersonRole,
    Referral,
    Subject,
)
from mara_desktop.domain.correction import Corrected
from mara_desktop.domain.text_rules import IDENTIFIER, LONG_TEXT, SHORT_TEXT
from mara_desktop.errors import shortened
from mara_desktop.interchange.checker import Checker
from mara_desktop.interchange.history_fields import read_history
from mara_desktop.interchange.referral_fields import (
    PERSON_FIELDS,
    check_whole_case,
    person_extras,
    read_decisions,
    read_referral,
)
from mara_desktop.protocol.model import Protocol
from mara_desktop.protocol.records import People, Problem, RecordRules
from mara_desktop.protocol.risk_tool import RiskTool, bundled_tool

T = TypeVar("T")
FORMAT = "mara-interchange/1"
REFERENCE_KEY = "action_reference_key"
"""The optional top-level field holding the exporting file's key of action references."""

_CONFERENCE_FIELDS = (
    "id",
    "title",
    "date",
    "venue",
    "chair",
    "agenda",
    "attendance",
    "minute_taker",
    "next_meeting",
    "other_business",
)
_ATTENDANCE_FIELDS = (
    "agency",
    "name",
    "status",
    "conditionality_signed",
    "information_sent",
    "received_on",
    "left_at",
)
_CASE_FIELDS = (
    "id",
    "reference",
    "children_involved",
    "pregnancy",
    "status",
    "closed_on",
    "closed_reason",
    "referral",
    "people",
    "consents",
    "overrides",
    "items",
    "actions",
    "repeat_decisions",
    "transferred_to",
    "history",
)
_CONSENT_FIELDS = ("state", "agencies", "categories", "recorded_at", "recorded_by", "person")
_OVERRIDE_FIELDS = (
    "categories",
    "agencies",
    "lawful_basis",
    "justification",
    "decided_by",
    "decided_at",
    "until",
)
_ITEM_FIELDS = (
    "id",
    "category",
    "source",
    "subject",
    "text",
    "restricted_to",
    "person",
    "recorded_at",
)
_ACTION_FIELDS = (
    "id",
    "owner",
    "category",
    "text",
    "due",
    "status",
    "owner_name",
    "source",
    "restricted_to",
    "conference",
)
"""The fields each kind of record may have (docs/interchange.md); any other is refused."""


@dataclass(frozen=True)
class Existing:
    """What a case file holds, given whole: for a document held in memory (a file is read
    asking the case file itself, interchange/document.py)."""

    cases: frozenset[str] = frozenset()
    conferences: frozenset[str] = frozenset()
    update: bool = False

    def case_ids(self, among: Collection[str]) -> set[str]:
        return set(among) & self.cases

    def conference_ids(self, among: Collection[str]) -> set[str]:
        return set(among) & self.conferences


class RecordReader:
    """Each record of a document (a case and what it holds, a conference) checked and
    built; `check` collects the problems of every record it was given.

    Here the fields are read as JSON (present, of the right type, a date, one of a list of
    words); what makes a consent, override, item, action or attendance line valid under the
    protocol is judged by the same rules as a record typed in the app (protocol/records.py).
    """

    def __init__(self, protocol: Protocol, tool: RiskTool | None = None) -> None:
        self.check = Checker()
        self.rules = RecordRules(protocol)
        self.agencies = {a.id for a in protocol.agencies}
        self.tool = tool or bundled_tool()
        self.today = date.today()

    def _judged(self, problems: list[Problem], path: str) -> bool:
        """Report the rules' problems at `path`; True when there were none."""
        for problem in problems:
            self.check.problems.append(problem.at(path))
        return not problems

    def conference(self, raw: Any, path: str, known_cases: set[str]) -> Conference | None:
        c = self.check
        obj = c.table(raw, path, _CONFERENCE_FIELDS)
        if obj is None:
            return None
        agenda = c.known_list(obj, "agenda", path, known_cases, "case", required=True)
        raw_lines = c.items(obj, "attendance", path, required=True)
        lines = self._each(obj, "attendance", path, self.attendance)
        conference_id = c.text(obj, "id", path, IDENTIFIER)
        title = c.text(obj, "title", path, SHORT_TEXT)
        day = c.day(obj, "date", path)
        venue = c.text(obj, "venue", path, SHORT_TEXT)
        chair = c.text(obj, "chair", path, SHORT_TEXT)
        taker = c.text(obj, "minute_taker", path, SHORT_TEXT, required=False)
        next_meeting = c.day(obj, "next_meeting", path, required=False)
        other_business = c.text(obj, "other_business", path, LONG_TEXT, required=False)
        if day is not None and next_meeting is not None and next_meeting <= day:
            c.problem(f"{path}.next_meeting", "must be after the meeting's date")
        if (
            conference_id is None
            or title is None
            or day is None
            or venue is None
            or chair is None
            or len(lines) != len(raw_lines)
        ):
            return None
        return Conference(
            conference_id, title, day, venue, chair, agenda, tuple(lines),
            (taker or "").strip(), next_meeting, other_business or "",
        )  # fmt: skip

    def attendance(self, raw: Any, path: str) -> Attendance | None:
        c = self.check
        obj = c.table(raw, path, _ATTENDANCE_FIELDS)
        if obj is None:
            return None
        agency = c.text(obj, "agency", path, IDENTIFIER)
        name = c.string(obj, "name", path)
        status = c.choice(obj, "status", path, AttendanceStatus)
        signed = c.boolean(obj, "conditionality_signed", path, default=False)
        sent = c.boolean(obj, "information_sent", path, default=False)
        received = c.day(obj, "received_on", path, required=False)
        left = c.moment(obj, "left_at", path, required=False)
        judged = self.rules.attendance(agency=agency, status=status, name=name, left_at=left)
        if not self._judged(judged, path) or agency is None or name is None or status is None:
            return None
        return Attendance(agency, name, status, signed, sent, received, left)

    def case(self, raw: Any, path: str) -> Case | None:
        c = self.check
        obj = c.table(raw, path, _CASE_FIELDS)
        if obj is None:
            return None
        case_id = c.text(obj, "id", path, IDENTIFIER)
        reference = c.text(obj, "reference", path, SHORT_TEXT)
        children = c.boolean(obj, "children_involved", path)
        pregnancy = c.boolean(obj, "pregnancy", path, default=False)
        status = c.choice(obj, "status", path, CaseStatus) if "status" in obj else CaseStatus.OPEN
        closed_on = c.day(obj, "closed_on", path, required=False)
        transferred_to = c.text(obj, "transferred_to", path, SHORT_TEXT, required=False) or ""
        if transferred_to and status is not CaseStatus.TRANSFERRED:
            c.problem(f"{path}.transferred_to", 'only a transferred case has "transferred_to"')
        closed_reason = c.text(obj, "closed_reason", path, LONG_TEXT, required=False) or ""
        decisions = read_decisions(c, obj, path)
        referral = self.referral(obj.get("referral"), f"{path}.referral")
        people = self._each(obj, "people", path, self.person)
        person_roles = _raw_roles(obj)
        consents = self._each(obj, "consents", path, lambda r, p: self.consent(r, p, person_roles))
        overrides = self._each(obj, "overrides", path, self.override)
        items = self._each(obj, "items", path, lambda r, p: self.item(r, p, person_roles))
        actions = self._each(obj, "actions", path, self.action)
        history = read_history(
            c,
            obj,
            path,
            {Corrected.PERSON: PERSON_FIELDS, Corrected.ITEM: _ITEM_FIELDS},
            {Corrected.PERSON: set(person_roles), Corrected.ITEM: _raw_ids(obj, "items")},
        )
        self._unique_within(obj, ("people",), path)
        self._unique_within(obj, ("items", "actions"), path)
        self._children_listed(obj, children, path)
        if case_id is None or reference is None or referral is None or status is None:
            return None
        case = Case(
            case_id,
            reference,
            children,
            referral,
            tuple(people),
            tuple(items),
            tuple(actions),
            tuple(consents),
            tuple(overrides),
            pregnancy,
            status,
            closed_on,
            decisions,
            transferred_to=transferred_to,
            corrections=history,
            closed_reason=closed_reason,
        )
        check_whole_case(c, case, path, self.today)
        return case

    def _each(
        self, obj: dict[str, Any], key: str, path: str, build: Callable[[Any, str], T | None]
    ) -> list[T]:
        """Build every entry of a list (so each reports its problems); keep the good ones."""
        prefix = f"{path}.{key}" if path else key
        built = [build(r, f"{prefix}[{i}]") for i, r in enumerate(self.check.items(obj, key, path))]
        return [b for b in built if b is not None]

    def _unique_within(self, obj: dict[str, Any], keys: tuple[str, ...], path: str) -> None:
        """Ids unique across the named lists, reported at the entry's own JSON index."""
        seen: set[str] = set()
        for key in keys:
            for index, entry in enumerate(obj.get(key) or []):
                entry_id = entry.get("id") if isinstance(entry, dict) else None
                if not isinstance(entry_id, str):
                    continue
                where = f"{path}.{key}[{index}].id" if path else f"{key}[{index}].id"
                if entry_id in seen:
                    shared = " (items and actions share ids)" if len(keys) > 1 else ""
                    self.check.problem(where, f'duplicate id "{shortened(entry_id)}"{shared}')
                seen.add(entry_id)

    def _children_listed(self, obj: dict[str, Any], children: bool, path: str) -> None:
        if children:
            return
        for index, person in enumerate(obj.get("people") or []):
            if isinstance(person, dict) and person.get("role") == PersonRole.CHILD.value:
                self.check.problem(
                    f"{path}.people[{index}].role",
                    'a child is listed, but "children_involved" is false',
                )

    def referral(self, raw: Any, path: str) -> Referral | None:
        return read_referral(self.check, raw, path, self.agencies, self.tool)

    def person(self, raw: Any, path: str) -> Person | None:
        c = self.check
        obj = c.table(raw, path, PERSON_FIELDS)
        if obj is None:
            return None
        person_id, role, name = (
            c.text(obj, "id", path, IDENTIFIER),
            c.choice(obj, "role", path, PersonRole),
            c.text(obj, "name", path, SHORT_TEXT),
        )
        born = c.day(obj, "born", path, required=False)
        source = c.known(obj, "source", path, self.agencies, "agency", required=False)
        extras = person_extras(c, obj, path)
        if person_id is None or role is None or name is None:
            return None
        return Person(person_id, role, name, born, source, **extras)

    def consent(self, raw: Any, path: str, people: People) -> Consent | None:
        c = self.check
        obj = c.table(raw, path, _CONSENT_FIELDS)
        if obj is None:
            return None
        state = c.choice(obj, "state", path, ConsentState)
        agencies = c.identifiers(obj, "agencies", path, required=True)
        categories = c.identifiers(obj, "categories", path, required=True)
        at = c.moment(obj, "recorded_at", path)
        by = c.string(obj, "recorded_by", path)
        person = c.text(obj, "person", path, IDENTIFIER, required=False)
        judged = self.rules.consent(
            agencies=agencies, categories=categories, recorded_by=by, person=person, people=people
        )
        if not self._judged(judged, path):
            return None
        if state is None or agencies is None or categories is None or at is None or by is None:
            return None
        return Consent(state, agencies, categories, at, by, person)

    def override(self, raw: Any, path: str) -> Override | None:
        c = self.check
        obj = c.table(raw, path, _OVERRIDE_FIELDS)
        if obj is None:
            return None
        categories = c.identifiers(obj, "categories", path, required=True)
        agencies = c.identifiers(obj, "agencies", path, required=True)
        basis = c.text(obj, "lawful_basis", path, IDENTIFIER)
        justification = c.string(obj, "justification", path)
        by = c.string(obj, "decided_by", path)
        at = c.moment(obj, "decided_at", path)
        until = c.day(obj, "until", path, required=False)
        judged = self.rules.override(
            categories=categories,
            agencies=agencies,
            lawful_basis=basis,
            justification=justification,
            decided_by=by,
            decided_at=at,
            until=until,
        )
        if not self._judged(judged, path):
            return None
        if categories is None or agencies is None or basis is None or at is None:
            return None
        if justification is None or by is None:
            return None
        return Override(categories, agencies, basis, justification, by, at, until)

    def item(self, raw: Any, path: str, people: People) -> Item | None:
        c = self.check
        obj = c.table(raw, path, _ITEM_FIELDS)
        if obj is None:
            return None
        item_id = c.text(obj, "id", path, IDENTIFIER)
        category = c.text(obj, "category", path, IDENTIFIER)
        source = c.text(obj, "source", path, IDENTIFIER)
        subject = c.choice(obj, "subject", path, Subject)
        text = c.string(obj, "text", path)
        restricted = c.identifiers(obj, "restricted_to", path)
        person = c.text(obj, "person", path, IDENTIFIER, required=False)
        at = c.moment(obj, "recorded_at", path, required=False)
        judged = self.rules.item(
            category=category,
            source=source,
            restricted_to=restricted,
            text=text,
            subject=subject,
            person=person,
            people=people,
        )
        if not self._judged(judged, path) or item_id is None or category is None:
            return None
        if source is None or subject is None or text is None or restricted is None:
            return None
        return Item(item_id, category, source, subject, text, restricted, person, at)

    def action(self, raw: Any, path: str) -> Action | None:
        c = self.check
        obj = c.table(raw, path, _ACTION_FIELDS)
        if obj is None:
            return None
        action_id = c.text(obj, "id", path, IDENTIFIER)
        owner = c.text(obj, "owner", path, IDENTIFIER)
        category = c.text(obj, "category", path, IDENTIFIER)
        text = c.string(obj, "text", path)
        due = c.day(obj, "due", path, required=False)
        status = c.choice(obj, "status", path, ActionStatus)
        owner_name = c.string(obj, "owner_name", path, required=False)
        source = c.text(obj, "source", path, IDENTIFIER, required=False)
        restricted = c.identifiers(obj, "restricted_to", path)
        conference = c.text(obj, "conference", path, IDENTIFIER, required=False)
        judged = self.rules.action(
            owner=owner,
            category=category,
            text=text,
            owner_name=owner_name,
            source=source,
            restricted_to=restricted,
        )
        if not self._judged(judged, path) or action_id is None or owner is None:
            return None
        if category is None or text is None or status is None or restricted is None:
            return None
        return Action(
            action_id,
            owner,
            category,
            text,
            due,
            status,
            owner_name or "",
            source,
            restricted,
            conference,
        )


def _raw_ids(obj: dict[str, Any], key: str) -> set[str]:
    """The ids written in one of the case's lists, even of entries with other problems."""
    entries = obj.get(key)
    if not isinstance(entries, list):
        return set()
    return {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}


def _raw_roles(obj: dict[str, Any]) -> People:
    """The case's people as written, even those with other problems, so that one bad entry
    does not make every item about that person a second problem: each id with its role, or
    None where the role cannot be read (the person's own entry says so)."""
    entries = obj.get("people")
    if not isinstance(entries, list):
        return {}
    roles = {role.value: role for role in PersonRole}
    return {
        e["id"]: roles.get(str(e.get("role")))
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("id"), str)
    }
