"""`children` reads a pregnancy as it reads children; `young_victim` reads the victim's age
on the referral date, and does not hold when no date of birth is recorded."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mara_desktop.domain import Person, PersonRole
from mara_desktop.protocol.rule import DisclosureRule
from tests.support.builders import case, item, make_protocol, rule

LOCATION = item(category="location", source="idva")


def decide(when: str, case_value):
    protocol = make_protocol(rule(["location"], ["csc"], [when]))
    return DisclosureRule(protocol).decide_for(LOCATION, "csc", case_value)


@pytest.mark.parametrize(
    ("children", "pregnancy", "with_children"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_children_holds_with_children_or_a_pregnancy_and_adults_only_is_its_negation(
    children: bool, pregnancy: bool, with_children: bool
) -> None:
    value = dataclasses.replace(case(children=children), pregnancy=pregnancy)
    assert decide("children", value).visible is with_children
    assert decide("adults_only", value).visible is not with_children


def test_a_pregnancy_is_named_in_the_reason() -> None:
    pregnant = dataclasses.replace(case(), pregnancy=True)
    assert decide("adults_only", pregnant).reason == (
        "Withheld from Csc: rule 1 shares Location with Csc only in adults-only cases, "
        "and the victim is pregnant."
    )


def with_victim(born: date | None, role: PersonRole = PersonRole.VICTIM):
    """The builders' case is referred on 1 Nov 2026."""
    return dataclasses.replace(case(), people=(Person("v", role, "Ann Example", born),))


@pytest.mark.parametrize(
    ("born", "young"),
    [
        (date(2008, 11, 2), True),  # 17, a day before the 18th birthday
        (date(2008, 11, 1), False),  # 18 on the referral date
        (date(2010, 1, 1), True),
        (date(1990, 1, 1), False),
    ],
)
def test_young_victim_holds_for_a_victim_under_18_on_the_referral_date(
    born: date, young: bool
) -> None:
    assert decide("young_victim", with_victim(born)).visible is young


def test_young_victim_needs_a_date_of_birth_and_a_victim() -> None:
    unknown = decide("young_victim", with_victim(None))
    assert not unknown.visible
    assert unknown.reason.endswith("the victim's date of birth is not recorded.")
    assert not decide("young_victim", with_victim(date(2010, 1, 1), PersonRole.CHILD)).visible
    assert not decide("young_victim", case()).visible


def test_a_leap_day_birthday_comes_of_age_on_1_march() -> None:
    born = date(2008, 2, 29)
    assert (
        dataclasses.replace(
            with_victim(born), referral=dataclasses.replace(case().referral, date=date(2026, 2, 28))
        ).victim_age()
        == 17
    )
    assert (
        dataclasses.replace(
            with_victim(born), referral=dataclasses.replace(case().referral, date=date(2026, 3, 1))
        ).victim_age()
        == 18
    )


def test_one_rule_answers_anew_when_only_the_victims_age_or_a_pregnancy_changes() -> None:
    """The decision memory keys on what each condition reads: the age and the pregnancy."""
    aged = DisclosureRule(make_protocol(rule(["location"], ["csc"], ["young_victim"])))
    for born, young in [
        (date(1990, 1, 1), False),
        (date(2009, 1, 1), True),
        (date(1990, 1, 1), False),
    ]:
        assert aged.decide_for(LOCATION, "csc", with_victim(born)).visible is young
    adults = DisclosureRule(make_protocol(rule(["location"], ["csc"], ["adults_only"])))
    for pregnancy in (False, True, False):
        value = dataclasses.replace(case(), pregnancy=pregnancy)
        assert adults.decide_for(LOCATION, "csc", value).visible is not pregnancy
