"""Retention counts whole years back from today: a case closed exactly the period ago is
kept one more day; open cases are never due; open cases not heard for a year are listed."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mara_desktop.domain import CaseStatus, Conference
from mara_desktop.domain.retention import due_for_purging, not_heard_for_a_year, purge_from
from mara_desktop.domain.review import last_hearings, standing
from tests.support.builders import case

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("closed_on", "due"),
    [
        (date(2019, 12, 2), False),  # exactly seven years: not more than the period
        (date(2019, 12, 1), True),  # a day more
        (date(2019, 12, 3), False),  # a day less
    ],
)
def test_a_case_is_due_only_once_more_than_the_period_has_passed(closed_on, due):
    assert due_for_purging(CaseStatus.CLOSED, closed_on, 7, TODAY) is due
    assert due_for_purging(CaseStatus.TRANSFERRED, closed_on, 7, TODAY) is due


def test_an_open_case_is_never_due_however_old():
    assert not due_for_purging(CaseStatus.OPEN, date(1990, 1, 1), 7, TODAY)
    assert not due_for_purging(CaseStatus.CLOSED, None, 7, TODAY)


def test_the_29th_of_february_reaches_back_to_the_28th_in_a_shorter_year():
    assert purge_from(date(2028, 2, 29), 1) == date(2027, 2, 28)
    assert due_for_purging(CaseStatus.CLOSED, date(2027, 2, 27), 1, date(2028, 2, 29))
    assert not due_for_purging(CaseStatus.CLOSED, date(2027, 2, 28), 1, date(2028, 2, 29))


def test_open_cases_not_heard_for_a_year_count_from_the_last_hearing_or_the_referral():
    def referred(case_id: str, on: date, status: CaseStatus = CaseStatus.OPEN):
        c = case()
        return dataclasses.replace(
            c, id=case_id, status=status, referral=dataclasses.replace(c.referral, date=on)
        )

    cases = [
        referred("a", date(2024, 1, 10)),  # heard exactly 12 months ago
        referred("b", date(2024, 1, 10)),  # heard a day less than 12 months ago
        referred("c", date(2025, 12, 2)),  # never heard, referred 12 months ago
        referred("d", date(2025, 12, 3)),  # never heard, referred a day later
        referred("e", date(2020, 1, 1), CaseStatus.CLOSED),  # closed: not the chair's to keep
    ]
    last = {"a": date(2025, 12, 2), "b": date(2025, 12, 3), "e": date(2020, 2, 1)}
    found = not_heard_for_a_year([standing(c) for c in cases], last, TODAY)
    assert [k.case_id for k in found] == ["c", "a"]
    assert found[1].last_heard == date(2025, 12, 2)


def test_last_hearings_take_the_latest_conference_before_the_day():
    conferences = [
        Conference("c1", "M", date(2025, 1, 1), "v", "ch", ("a",)),
        Conference("c2", "M", date(2025, 6, 1), "v", "ch", ("a", "b")),
        Conference("c3", "M", date(2026, 12, 2), "v", "ch", ("b",)),
    ]
    assert last_hearings(conferences, TODAY) == {"a": date(2025, 6, 1), "b": date(2025, 6, 1)}
