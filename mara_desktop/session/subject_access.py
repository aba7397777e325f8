"""What the session hands out and takes for a subject access request (issue 17, point 4).

The draft (views/subject_access.py) is the chair's: it holds the withheld entries too, for
the chair to decide on. What may leave the file is its `release` (views/subject_release.py)
with the values a leak check searches the written PDF for. Drafting, each withholding
decision and each release written are audited by ids only.
"""

from __future__ import annotations

from mara_desktop.errors import MaraError, did_you_mean
from mara_desktop.session.reading import UnknownCase
from mara_desktop.store import referral_editing
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.sar_withholding import record_withholding, withholdings
from mara_desktop.views.subject_access import SubjectAccess, subject_access
from mara_desktop.views.subject_release import Release, release


class UnknownPerson(MaraError):
    """A person id the case does not hold (exit code 4)."""


class SubjectAccessRequests:
    """The subject access requests of a `Session` (session.py)."""

    _file: CaseFile

    def subject_access(self, case_id: str, person_id: str) -> SubjectAccess:
        """Everything held about the person, for the chair to review; audited."""
        draft = self._draft(case_id, person_id)
        self._file.record("subject-access-drafted", {"case": case_id, "person": person_id})
        return draft

    def withhold_from_subject(
        self, case_id: str, person_id: str, entry_id: str, reason_id: str | None, note: str = ""
    ) -> SubjectAccess:
        """Hold one entry back from the person's request for a reason of
        domain/withholding.py (None: release it again); the draft as it now stands."""
        self._draft(case_id, person_id)
        record_withholding(self._file, case_id, person_id, entry_id, reason_id, note)
        return self._draft(case_id, person_id)

    def subject_access_release(self, case_id: str, person_id: str) -> tuple[Release, list[str]]:
        """What may leave the file, and every value of the case it must not hold (the texts
        of entries not released, the names of those safe to contact): the leak check's."""
        draft = self._draft(case_id, person_id)
        made = release(draft)
        case = self._file.case(case_id)
        assert case is not None  # _draft found it
        shown = {e.text for e in made.entries}
        texts = [i.text for i in case.items] + [a.text for a in case.actions]
        values = [text for text in texts if text not in shown and not any(text in s for s in shown)]
        if draft.perpetrator:
            values += [p.name for p in case.people if p.safe_contact and p.id != person_id]
        return made, values

    def _draft(self, case_id: str, person_id: str) -> SubjectAccess:
        case = self._file.case(case_id)
        if case is None:
            raise UnknownCase(f'There is no case "{case_id}" in this case file.')
        earlier = [
            (e.person, e.replaced_at, e.replaced_by)
            for e in referral_editing.person_history(self._file, case_id, person_id)
        ]
        held = withholdings(self._file, case_id, person_id)
        draft = subject_access(
            case, person_id, self._file.protocol, earlier=earlier, withholdings=held
        )
        if draft is None:
            ids = [p.id for p in case.people]
            raise UnknownPerson(
                f'Case "{case_id}" has no person "{person_id}"{did_you_mean(person_id, ids)}; '
                f"its people are: {', '.join(ids) or 'none'}."
            )
        return draft
