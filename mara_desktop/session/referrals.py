"""What the session takes for a referral entered in the app and the people of a case, and
what it tells the chair about repeats (store/referral_editing.py does the work).

Every change is checked by the importer's rules, written in one transaction and audited
with ids, kinds and field names, never values. The earlier values of a corrected person and
the near matches are for the chair: a screen shows them only in the chair's console.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from mara_desktop.domain import Case, Person
from mara_desktop.domain.criteria import Thresholds
from mara_desktop.domain.repeats import Matches
from mara_desktop.domain.statistics import Statistics, statistics
from mara_desktop.protocol.risk_tool import RiskTool, bundled_tool, protocol_thresholds
from mara_desktop.store import referral_editing
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.referral_editing import EarlierValue


class Referrals:
    """The referral and people changes of a `Session` (session.py)."""

    _file: CaseFile

    @staticmethod
    def risk_tool() -> RiskTool:
        """The checklist's questions and default thresholds, for the referral form."""
        return bundled_tool()

    def thresholds(self) -> Thresholds:
        """The ticks and incidents at which a criterion holds, as this file's protocol sets
        them: the referral form counts against them as the chair answers."""
        return protocol_thresholds(self._file.protocol)

    def new_case_id(self) -> str:
        """An id no case of the file uses yet: case-01, case-02, …"""
        taken = self._file.case_ids()
        number = len(taken) + 1
        while f"case-{number:02d}" in taken:
            number += 1
        return f"case-{number:02d}"

    def save_referral(self, case: Case) -> Matches:
        """Save a new case from a referral (its people and checklist answers included);
        returns the earlier cases it repeats and the near matches to put to the chair."""
        return referral_editing.save_referral(self._file, case)

    def matches(self, case_id: str) -> Matches:
        """The case's repeats and the near matches still awaiting the chair's answer."""
        return referral_editing.match_report(self._file, case_id)

    def decide_near_match(self, case_id: str, other: str, *, confirmed: bool) -> None:
        """The chair's answer: the victim of `other` is (or is not) this case's victim.
        Recorded and audited; a rejected match is never a repeat; nothing is merged."""
        referral_editing.decide_near_match(self._file, case_id, other, confirmed=confirmed)

    def add_person(self, case_id: str, person: Person) -> None:
        referral_editing.add_person(self._file, case_id, person)

    def correct_person(self, case_id: str, person: Person, reason: str = "") -> None:
        """Replace the person with the same id; the earlier values stay in the history,
        with the reason the chair gave."""
        referral_editing.correct_person(self._file, case_id, person, reason)

    def person_for_chair(self, case_id: str, person_id: str) -> Person | None:
        """A person's whole record, self-identified fields and who is feared included: for
        the chair's console only (an agency's view never carries these fields)."""
        case = self._file.case(case_id)
        return case.person(person_id) if case is not None else None

    def header_for_chair(self, case_id: str) -> Case | None:
        """The case's header as recorded (reference, children, pregnancy, status, closing
        date and the whole referral with its checklist answers), for the chair's "Edit
        referral…": its people, information, actions and records are left out."""
        case = self._file.case(case_id)
        if case is None:
            return None
        return dataclasses.replace(
            case, people=(), items=(), actions=(), consents=(), overrides=(), repeat_decisions=()
        )

    def person_history(self, case_id: str, person_id: str) -> list[EarlierValue]:
        """A person's earlier values, oldest first: for the chair's console only."""
        return referral_editing.person_history(self._file, case_id, person_id)

    def edit_header(self, case_id: str, **changes: Any) -> None:
        """Change the case's reference, children, pregnancy, status, closing date or
        referral (referral_editing.HEADER_FIELDS)."""
        referral_editing.edit_header(self._file, case_id, **changes)

    def statistics(self, start: date, end: date) -> Statistics:
        """The quarterly return's figures for the hearings of conferences dated from
        `start` to `end` (both included). They read the self-identified fields: the
        chair's, never an agency's."""
        conferences = [c for c in self._file.conferences() if start <= c.date <= end]
        ids = sorted({case_id for c in conferences for case_id in c.agenda})
        cases = {case.id: case for case in self._file.cases(ids)}
        return statistics(conferences, cases, start, end, protocol_thresholds(self._file.protocol))
