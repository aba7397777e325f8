"""The figures of the quarterly MARAC return (DESIGN.md, pinned `stats` keys).

Every hearing of a case at a conference dated in the range (both ends included) counts
once: a case heard at two meetings of the quarter is two hearings, as the return counts
them. Ages are on the referral date; a self-identified flag counts when it is true (not
known counts as no). These figures read the self-identified fields, which only the chair
sees: the statistics are the chair's, and the copy that leaves the area has small numbers
suppressed (`suppressed`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mara_desktop.domain.case import Case
from mara_desktop.domain.conference import Conference
from mara_desktop.domain.criteria import Thresholds, derived_criteria
from mara_desktop.domain.enums import PersonRole, ReferralCriterion

SMALL = range(1, 5)
"""Counts of 1 to 4 could point at a person in a small area: suppressed in a copy that
leaves it (0 stays: it points at nobody)."""
SUPPRESSED = "<5"


@dataclass(frozen=True)
class Statistics:
    cases: int = 0
    repeats: int = 0
    children: int = 0
    referrals_by_agency: dict[str, int] = field(default_factory=dict)
    victims_male: int = 0
    victims_16_17: int = 0
    victims_disabled: int = 0
    victims_lgbt: int = 0
    victims_minority_ethnic: int = 0

    def as_json(self) -> dict[str, Any]:
        """The pinned keys, in their pinned order."""
        return {
            "cases": self.cases,
            "repeats": self.repeats,
            "children": self.children,
            "referrals_by_agency": dict(self.referrals_by_agency),
            "victims_male": self.victims_male,
            "victims_16_17": self.victims_16_17,
            "victims_disabled": self.victims_disabled,
            "victims_lgbt": self.victims_lgbt,
            "victims_minority_ethnic": self.victims_minority_ethnic,
        }

    def rows(self) -> list[tuple[str, int]]:
        """One (key, count) a line; an agency's referrals as `referrals_by_agency.ID`."""
        data = self.as_json()
        by_agency = data.pop("referrals_by_agency")
        rows = [(key, int(value)) for key, value in data.items()]
        rows[3:3] = [(f"referrals_by_agency.{a}", n) for a, n in by_agency.items()]
        return rows


def suppressed(count: int) -> str:
    return SUPPRESSED if count in SMALL else str(count)


def statistics(
    conferences: Iterable[Conference],
    cases: Mapping[str, Case],
    start: date,
    end: date,
    thresholds: Thresholds,
) -> Statistics:
    heard = [
        cases[case_id]
        for conference in conferences
        if start <= conference.date <= end
        for case_id in conference.agenda
        if case_id in cases
    ]
    counts: Counter[str] = Counter()
    by_agency: Counter[str] = Counter()
    for case in heard:
        by_agency[case.referral.agency] += 1
        criteria = derived_criteria(case, thresholds).criteria
        counts["repeats"] += ReferralCriterion.REPEAT in criteria
        counts["children"] += sum(1 for p in case.people if p.role is PersonRole.CHILD)
        victim = case.victim()
        if victim is None:
            continue
        counts["victims_male"] += victim.gender == "male"
        counts["victims_16_17"] += case.victim_age() in (16, 17)
        counts["victims_disabled"] += victim.disability is True
        counts["victims_lgbt"] += victim.lgbt is True
        counts["victims_minority_ethnic"] += victim.minority_ethnic is True
    return Statistics(
        cases=len(heard), referrals_by_agency=dict(sorted(by_agency.items())), **counts
    )
