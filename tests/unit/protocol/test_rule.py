"""Each step of the pinned disclosure rule, each proved by a case that fails if it is wrong."""

from __future__ import annotations

from mara_desktop.domain import Audience, ConsentState
from mara_desktop.protocol.rule import DisclosureRule, Step
from tests.support.builders import action, case, consent, item, make_protocol, override, rule

OPEN = make_protocol(rule(["health"], ["idva"]))
CONSENT = make_protocol(rule(["health"], ["idva", "housing"], ["consent"]))


def decide(protocol, thing, agencies, the_case=None):
    return DisclosureRule(protocol).decide(thing, Audience.of(agencies), the_case or case())


def test_step1_the_source_always_sees_what_it_supplied():
    nothing = make_protocol("")
    decision = decide(nothing, item(source="health", restricted_to=("police",)), ["health"])
    assert decision.visible and decision.step is Step.SOURCE


def test_step2_the_owner_of_an_action_sees_it():
    nothing = make_protocol("")
    decision = decide(nothing, action(owner="housing"), ["housing"])
    assert decision.visible and decision.step is Step.OWNER
    assert not decide(nothing, action(owner="housing"), ["police"]).visible


def test_step2_does_not_apply_to_items():
    nothing = make_protocol("")
    assert not decide(nothing, item(source="health"), ["housing"]).visible


def test_step3_restriction_beats_a_rule():
    restricted = item(restricted_to=("police",))
    decision = decide(OPEN, restricted, ["idva"])
    assert not decision.visible and decision.step is Step.RESTRICTED
    assert "restricted this to Police" in decision.reason


def test_step3_restriction_beats_an_override():
    the_case = case(overrides=(override(("health",), ("idva",)),))
    decision = decide(OPEN, item(restricted_to=("police",)), ["idva"], the_case)
    assert not decision.visible and decision.step is Step.RESTRICTED


def test_step3_an_agency_named_in_the_restriction_still_needs_a_grant():
    nothing = make_protocol("")
    assert not decide(nothing, item(restricted_to=("idva",)), ["idva"]).visible
    assert decide(OPEN, item(restricted_to=("idva",)), ["idva"]).visible


def test_step4_override_shares_without_consent():
    the_case = case(
        consents=(consent(ConsentState.REFUSED),), overrides=(override(("health",), ("housing",)),)
    )
    decision = decide(CONSENT, item(), ["housing"], the_case)
    assert decision.visible and decision.step is Step.OVERRIDE
    assert "Vital interests" in decision.reason


def test_step4_override_covers_only_its_categories_and_agencies():
    the_case = case(overrides=(override(("health",), ("housing",)),))
    assert not decide(CONSENT, item(category="location"), ["housing"], the_case).visible
    assert not decide(CONSENT, item(), ["police"], the_case).visible


def test_step5_a_rule_grants_with_its_lawful_basis():
    decision = decide(OPEN, item(), ["idva"])
    assert decision.visible and decision.step is Step.RULE
    assert decision.rule is not None and decision.rule.number == 1
    assert decision.lawful_basis is not None and decision.lawful_basis.id == "public-task"


def test_step5_wildcards_grant_to_every_agency_but_never_observers():
    everyone = make_protocol(rule(["*"], ["*"]))
    assert decide(everyone, item(category="location"), ["housing"]).visible
    assert not decide(everyone, item(), ["observer"]).visible


def test_step5_observers_only_when_named():
    observers = make_protocol(rule(["referral"], ["observer"]))
    assert decide(observers, item(category="referral"), ["observer"]).visible


def test_step6_deny_by_default():
    decision = decide(OPEN, item(), ["housing"])
    assert not decision.visible and decision.step is Step.NOT_GRANTED
    assert "does not share Health with Housing" in decision.reason


def test_consent_given_and_covering_holds():
    the_case = case(
        consents=(consent(ConsentState.GIVEN, agencies=("housing",), categories=("health",)),)
    )
    assert decide(CONSENT, item(), ["housing"], the_case).visible


def test_consent_scope_must_cover_agency_and_category():
    scoped = consent(ConsentState.GIVEN, agencies=("idva",), categories=("health",))
    the_case = case(consents=(scoped,))
    decision = decide(CONSENT, item(), ["housing"], the_case)
    assert not decision.visible and "does not cover" in decision.reason


def test_latest_consent_speaks_refusal_after_given():
    the_case = case(consents=(consent(ConsentState.GIVEN, 1), consent(ConsentState.WITHDRAWN, 5)))
    decision = decide(CONSENT, item(), ["idva"], the_case)
    assert not decision.visible and "withdrawn on 5 Nov 2026" in decision.reason


def test_latest_consent_is_by_recorded_at_not_by_order():
    the_case = case(consents=(consent(ConsentState.GIVEN, 9), consent(ConsentState.REFUSED, 2)))
    assert decide(CONSENT, item(), ["idva"], the_case).visible


def test_not_sought_and_no_record_do_not_hold():
    assert not decide(CONSENT, item(), ["idva"], case()).visible
    the_case = case(consents=(consent(ConsentState.NOT_SOUGHT),))
    assert "not sought" in decide(CONSENT, item(), ["idva"], the_case).reason


def test_children_and_adults_only_conditions():
    kids = make_protocol(
        rule(["children"], ["csc"], ["children"]) + rule(["health"], ["csc"], ["adults_only"])
    )
    with_children, adults = case(children=True), case(children=False)
    assert decide(kids, item(category="children"), ["csc"], with_children).visible
    assert not decide(kids, item(category="children"), ["csc"], adults).visible
    assert decide(kids, item(), ["csc"], adults).visible
    assert not decide(kids, item(), ["csc"], with_children).visible


def test_consent_required_mode_adds_consent_to_every_rule():
    required = make_protocol(rule(["health"], ["idva"]), mode="required")
    assert not decide(required, item(), ["idva"]).visible
    the_case = case(consents=(consent(ConsentState.GIVEN),))
    assert decide(required, item(), ["idva"], the_case).visible


def test_consent_required_mode_still_honours_overrides():
    required = make_protocol(rule(["health"], ["idva"]), mode="required")
    the_case = case(overrides=(override(("health",), ("idva",)),))
    assert decide(required, item(), ["idva"], the_case).visible


def test_audience_sees_only_what_every_member_may_see():
    assert decide(OPEN, item(), ["idva"]).visible
    decision = decide(OPEN, item(), ["idva", "housing"])
    assert not decision.visible and decision.agency == "housing"


def test_empty_audience_sees_nothing_and_chair_sees_everything():
    assert not decide(OPEN, item(), []).visible
    assert DisclosureRule(OPEN).decide(item(), Audience.chair(), case()).visible


def test_first_applicable_rule_explains():
    two = make_protocol(rule(["health"], ["idva"], ["consent"]) + rule(["health"], ["idva"]))
    decision = decide(two, item(), ["idva"])
    assert decision.visible and decision.rule is not None and decision.rule.number == 2
