"""Repeats found, never typed: hand-computed tables of the 12-month window, the folding of
names and the near matches the chair is asked about."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mara_desktop.domain import Case, Person, PersonRole, Referral, ReferralCriterion
from mara_desktop.domain.case import RepeatDecision
from mara_desktop.domain.repeats import Referred, in_window, matches, name_key, window_start

BORN = date(1990, 4, 2)


def case(referred: date, name: str = "Zofia Przykładowa", born: date | None = BORN, *,
         decisions: tuple[RepeatDecision, ...] = ()) -> Case:  # fmt: skip
    return Case(
        "new",
        "NS-new",
        False,
        Referral(referred, "police", ReferralCriterion.VISIBLE_HIGH_RISK),
        (Person("v", PersonRole.VICTIM, name, born),),
        repeat_decisions=decisions,
    )


def earlier(case_id: str, referred: date, name: str = "Zofia Przykładowa",
            born: date | None = BORN) -> Referred:  # fmt: skip
    return Referred(case_id, name_key(name), born, referred)


@pytest.mark.parametrize(
    ("referred", "start"),
    [
        (date(2026, 3, 15), date(2025, 3, 15)),
        (date(2028, 2, 29), date(2027, 2, 28)),
        (date(2026, 1, 1), date(2025, 1, 1)),
    ],
)
def test_the_window_starts_12_calendar_months_before(referred, start):
    assert window_start(referred) == start


@pytest.mark.parametrize(
    ("earlier_on", "repeat"),
    [
        (date(2025, 3, 14), False),  # 12 months and a day before
        (date(2025, 3, 15), True),  # exactly 12 months before
        (date(2025, 3, 16), True),  # 12 months less a day
        (date(2026, 3, 14), True),  # the day before
        (date(2026, 3, 15), False),  # the same day: not before it
        (date(2026, 3, 16), False),  # after it
    ],
)
def test_twelve_months_less_and_more_a_day(earlier_on, repeat):
    assert in_window(earlier_on, date(2026, 3, 15)) is repeat
    found = matches(case(date(2026, 3, 15)), [earlier("old", earlier_on)])
    assert found.repeat_of == (("old",) if repeat else ())


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Zofia Przykładowa", "ZOFIA PRZYKŁADOWA", True),  # case
        ("Zofia Przykładowa", "Zofia Przykladowa", True),  # a stroke is an accent too
        ("Søren Kierkegaard", "soren kierkegaard", True),
        ("Zoë Ángel", "Zoe Angel", True),  # accents
        ("Zoë Ángel", "zoeangel", True),  # all white space
        ("Anne  Marie\tSmith", "AnneMarie Smith", True),
        ("Nguyễn Thị Mẫu", "nguyen thi mau", True),
        ("Anne Smith", "Anna Smith", False),
    ],
)
def test_names_are_folded_for_case_accents_and_white_space(a, b, same):
    assert (name_key(a) == name_key(b)) is same


def test_the_same_name_with_another_date_of_birth_is_only_a_near_match():
    found = matches(
        case(date(2026, 3, 15)), [earlier("old", date(2026, 1, 1), born=date(1991, 4, 2))]
    )
    assert found.repeat_of == () and found.near == ("old",)


def test_a_missing_date_of_birth_is_only_a_near_match():
    found = matches(case(date(2026, 3, 15), born=None), [earlier("old", date(2026, 1, 1))])
    assert found.repeat_of == () and found.near == ("old",)


def test_the_same_date_of_birth_and_a_close_name_is_a_near_match():
    others = [
        earlier("slip", date(2026, 1, 1), "Zofia Przykadowa"),
        earlier("other", date(2026, 1, 1), "Maria Kowalska"),
    ]
    found = matches(case(date(2026, 3, 15)), others)
    assert found.repeat_of == () and found.near == ("slip",)


def test_a_confirmed_near_match_is_a_repeat_and_a_rejected_match_never_is():
    at = datetime(2026, 3, 15, 10, tzinfo=UTC)
    others = [
        earlier("near", date(2026, 1, 1), born=date(1991, 4, 2)),
        earlier("exact", date(2026, 2, 1)),
    ]
    decisions = (
        RepeatDecision("near", True, "DI Sam Example", at),
        RepeatDecision("exact", False, "DI Sam Example", at),
    )
    found = matches(case(date(2026, 3, 15), decisions=decisions), others)
    assert found.repeat_of == ("near",) and found.near == ()


def test_the_latest_answer_speaks():
    first, later = datetime(2026, 3, 15, 10, tzinfo=UTC), datetime(2026, 3, 16, 10, tzinfo=UTC)
    decisions = (
        RepeatDecision("near", True, "DI Sam Example", later),
        RepeatDecision("near", False, "DI Sam Example", first),
    )
    others = [earlier("near", date(2026, 1, 1), born=None)]
    assert matches(case(date(2026, 3, 15), decisions=decisions), others).repeat_of == ("near",)
