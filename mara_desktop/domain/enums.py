"""The closed vocabularies of a MARAC case file.

Values are the strings of the interchange format (DESIGN.md), so an enum's value is what a
file holds and its label is what a chair reads.
"""

from __future__ import annotations

from enum import StrEnum


class Subject(StrEnum):
    """Whom an item or a category is about."""

    VICTIM = "victim"
    PERPETRATOR = "perpetrator"
    CHILD = "child"
    HOUSEHOLD = "household"
    CASE = "case"


class PersonRole(StrEnum):
    """The part a person plays in a case; decides the subject of their identity."""

    VICTIM = "victim"
    PERPETRATOR = "perpetrator"
    CHILD = "child"
    OTHER_ADULT = "other_adult"

    @property
    def subject(self) -> Subject:
        return {
            PersonRole.VICTIM: Subject.VICTIM,
            PersonRole.PERPETRATOR: Subject.PERPETRATOR,
            PersonRole.CHILD: Subject.CHILD,
            PersonRole.OTHER_ADULT: Subject.HOUSEHOLD,
        }[self]

    @property
    def label(self) -> str:
        return {
            PersonRole.VICTIM: "Victim",
            PersonRole.PERPETRATOR: "Perpetrator",
            PersonRole.CHILD: "Child",
            PersonRole.OTHER_ADULT: "Other adult",
        }[self]


class ReferralCriterion(StrEnum):
    """The route by which a case reached the MARAC (DOMAIN.md, How a case reaches the meeting)."""

    VISIBLE_HIGH_RISK = "visible_high_risk"
    PROFESSIONAL_JUDGEMENT = "professional_judgement"
    ESCALATION = "escalation"
    REPEAT = "repeat"

    @property
    def label(self) -> str:
        return {
            ReferralCriterion.VISIBLE_HIGH_RISK: "Visible high risk (DASH)",
            ReferralCriterion.PROFESSIONAL_JUDGEMENT: "Professional judgement",
            ReferralCriterion.ESCALATION: "Potential escalation",
            ReferralCriterion.REPEAT: "Repeat referral",
        }[self]


class CaseStatus(StrEnum):
    """Whether a case is still the MARAC's: retention counts from the day it stopped being."""

    OPEN = "open"
    CLOSED = "closed"
    TRANSFERRED = "transferred"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    OBSERVER = "observer"


class ConsentState(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    NOT_SOUGHT = "not_sought"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class ActionStatus(StrEnum):
    """Where an agreed action stands; the last two are the review's two reasons for "not done"."""

    OPEN = "open"
    DONE = "done"
    CHANGE_OF_CIRCUMSTANCE = "change_of_circumstance"
    AGENCY_DID_NOT_ACT = "agency_did_not_act"

    @property
    def label(self) -> str:
        return {
            ActionStatus.OPEN: "Open",
            ActionStatus.DONE: "Done",
            ActionStatus.CHANGE_OF_CIRCUMSTANCE: "Not possible: change of circumstance",
            ActionStatus.AGENCY_DID_NOT_ACT: "Not done: agency did not act",
        }[self]
