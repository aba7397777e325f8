"""Plain values of the MARAC world: no I/O, no Qt."""

from mara_desktop.domain.audience import Audience
from mara_desktop.domain.case import (
    WILDCARD,
    Action,
    Case,
    Consent,
    Item,
    Override,
    Person,
    Referral,
    RepeatDecision,
)
from mara_desktop.domain.conference import (
    CHAIR,
    OBSERVER,
    Attendance,
    Conference,
    MinutesSections,
)
from mara_desktop.domain.content import CaseFileContent
from mara_desktop.domain.enums import (
    ActionStatus,
    AttendanceStatus,
    CaseStatus,
    ConsentState,
    PersonRole,
    ReferralCriterion,
    Subject,
)
from mara_desktop.domain.moments import (
    instant,
    moment_text,
    parse_date,
    parse_moment,
    when_text,
)

__all__ = [
    "CHAIR",
    "OBSERVER",
    "WILDCARD",
    "Action",
    "ActionStatus",
    "Attendance",
    "AttendanceStatus",
    "Audience",
    "Case",
    "CaseFileContent",
    "CaseStatus",
    "Conference",
    "Consent",
    "ConsentState",
    "Item",
    "MinutesSections",
    "Override",
    "Person",
    "PersonRole",
    "Referral",
    "ReferralCriterion",
    "RepeatDecision",
    "Subject",
    "instant",
    "moment_text",
    "parse_date",
    "parse_moment",
    "when_text",
]
