"""The referral criteria that hold for a case, derived from what was recorded, never typed.

DOMAIN.md, How a case reaches the meeting; DESIGN.md, pinned additions: visible high risk
at the protocol's `high_risk_ticks` yes answers, potential escalation at its
`escalation_incidents` police-recorded incidents in 12 months, repeat when the same victim
was referred in the 12 months before (domain/repeats.py, read by the store into
`Case.repeat_of`), and the referrer's own criterion. Professional judgement may raise a case
(it is listed whenever the referrer gave it, in words or as the criterion) and never
lowers it: the other criteria are counted whatever the judgement says.
"""

from __future__ import annotations

from dataclasses import dataclass

from mara_desktop.domain.case import Case
from mara_desktop.domain.enums import ReferralCriterion

HIGH_RISK_TICKS = 14
ESCALATION_INCIDENTS = 3
"""The thresholds where a protocol sets none (DOMAIN.md: 14 of 24; commonly 3 incidents)."""


@dataclass(frozen=True)
class Thresholds:
    high_risk_ticks: int = HIGH_RISK_TICKS
    escalation_incidents: int = ESCALATION_INCIDENTS


@dataclass(frozen=True)
class Criteria:
    dash_ticks: int | None
    criteria: tuple[ReferralCriterion, ...]
    """Every criterion that holds, in ReferralCriterion's order."""
    repeat_of: tuple[str, ...]


_IN_ORDER = tuple(ReferralCriterion)
"""Iterating the enum itself costs more than the rest of deriving a case's criteria."""


def derived_criteria(case: Case, thresholds: Thresholds) -> Criteria:
    referral = case.referral
    ticks = referral.dash_ticks
    holding = {referral.criterion}
    if ticks is not None and ticks >= thresholds.high_risk_ticks:
        holding.add(ReferralCriterion.VISIBLE_HIGH_RISK)
    incidents = referral.incidents_12m
    if incidents is not None and incidents >= thresholds.escalation_incidents:
        holding.add(ReferralCriterion.ESCALATION)
    if case.repeat_of:
        holding.add(ReferralCriterion.REPEAT)
    if referral.professional_judgement.strip():
        holding.add(ReferralCriterion.PROFESSIONAL_JUDGEMENT)
    ordered = tuple(c for c in _IN_ORDER if c in holding)
    return Criteria(ticks, ordered, case.repeat_of)
