"""The criteria derived from a referral, never typed: a hand-computed table of ticks,
incidents, repeats and professional judgement against the protocol's thresholds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mara_desktop.domain import Case, Referral, ReferralCriterion
from mara_desktop.domain.criteria import Thresholds, derived_criteria

V, P, E, R = (
    ReferralCriterion.VISIBLE_HIGH_RISK,
    ReferralCriterion.PROFESSIONAL_JUDGEMENT,
    ReferralCriterion.ESCALATION,
    ReferralCriterion.REPEAT,
)


def answers(yes: int, unknown: int = 0) -> tuple[tuple[str, bool | None], ...]:
    return tuple(
        (f"q{n}", True if n <= yes else None if n <= yes + unknown else False) for n in range(1, 25)
    )


def case(yes: int, incidents: int | None = None, *, criterion=V, judgement: str = "",
         repeat_of: tuple[str, ...] = (), unknown: int = 0) -> Case:  # fmt: skip
    referral = Referral(
        date(2026, 11, 2), "police", criterion, None, answers(yes, unknown),
        incidents_12m=incidents, professional_judgement=judgement,
    )  # fmt: skip
    return Case("c", "NS-c", False, referral, repeat_of=repeat_of)


@pytest.mark.parametrize(
    ("made", "ticks", "criteria"),
    [
        (case(13), 13, (V,)),  # the referrer's own criterion stays, whatever the ticks
        (case(13, criterion=E), 13, (E,)),
        (case(14, criterion=E), 14, (V, E)),
        (case(15, 2, criterion=P), 15, (V, P)),
        (case(10, 2, criterion=P), 10, (P,)),
        (case(10, 3, criterion=P), 10, (P, E)),
        (case(10, 4, criterion=P), 10, (P, E)),
        (case(13, unknown=11, criterion=E), 13, (E,)),  # not known is no tick
        (case(24, 0, criterion=R, repeat_of=("old",)), 24, (V, R)),
        (case(5, criterion=R), 5, (R,)),  # typed repeat: the referrer's word, kept
        (case(6, criterion=E, repeat_of=("old",)), 6, (E, R)),
    ],
)
def test_the_table(made, ticks, criteria):
    derived = derived_criteria(made, Thresholds())
    assert (derived.dash_ticks, derived.criteria) == (ticks, criteria)


def test_professional_judgement_raises_a_case_and_never_lowers_one():
    low = case(9, 1, criterion=E, judgement="Threats to the children since the last incident.")
    assert derived_criteria(low, Thresholds()).criteria == (P, E)
    high = case(17, 5, criterion=P, judgement="I judge the risk to be lower than the checklist.")
    assert derived_criteria(high, Thresholds()).criteria == (V, P, E)


def test_the_protocols_thresholds_are_read():
    made = case(12, 2, criterion=P)
    assert derived_criteria(made, Thresholds(12, 2)).criteria == (V, P, E)
    assert derived_criteria(made, Thresholds(13, 3)).criteria == (P,)


def test_without_answers_the_typed_score_counts():
    made = case(0)
    made = replace(made, referral=replace(made.referral, dash_answers=(), dash_score=16))
    assert derived_criteria(made, Thresholds()).dash_ticks == 16
