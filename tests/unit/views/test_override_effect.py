"""The override preview lists exactly what the rule would newly show, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

from mara_desktop.domain import Audience, Override
from mara_desktop.views.builder import ViewBuilder
from mara_desktop.views.override_effect import override_effect

NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)


def override(categories: tuple[str, ...], agencies: tuple[str, ...]) -> Override:
    return Override(
        categories, agencies, "vital-interests",
        "He found the leaflet; she is at risk of being moved abroad.", "DI Sam Example", NOW,
    )  # fmt: skip


def test_sharing_safe_contact_with_housing_shows_the_item_to_housing(demo_file):
    case = demo_file.case("case-03")
    builder = ViewBuilder(demo_file.protocol)
    effect = override_effect(builder, case, override(("victim-contact",), ("housing",)))
    assert [(n.agency, n.item_id) for n in effect] == [("housing", "i04")]
    newly = effect[0]
    assert newly.agency_name == "Housing and registered social landlords"
    assert newly.category_name == "Victim's safe contact details"
    assert newly.description == "Victim's safe contact details (from By-and-for specialist service)"


def test_the_preview_agrees_with_the_rule_for_every_agency_and_entry(demo_file):
    """Listed exactly when withheld before and visible after, for a wide override."""
    protocol = demo_file.protocol
    builder = ViewBuilder(protocol)
    wide = override(
        tuple(c.id for c in protocol.categories), tuple(a.id for a in protocol.agencies)
    )
    for case in demo_file.cases():
        listed = {(n.agency, n.item_id) for n in override_effect(builder, case, wide)}
        after = type(case)(**{**case.__dict__, "overrides": (*case.overrides, wide)})
        ids = ["#header", *(p.id for p in case.people), *(i.id for i in case.items)]
        ids += [a.id for a in case.actions]
        expected = set()
        for agency in protocol.agencies:
            audience = Audience.of([agency.id])
            before = builder.decisions_for(case, audience, ids)
            now = builder.decisions_for(after, audience, ids)
            expected |= {(agency.id, i) for i in ids if now[i].visible and not before[i].visible}
        assert listed == expected, case.id


def test_a_handling_restriction_still_beats_the_override(demo_file):
    case = demo_file.case("case-10")
    effect = override_effect(
        ViewBuilder(demo_file.protocol),
        case,
        override(("criminal-justice", "actions"), ("housing",)),
    )
    assert not {"i03", "a02"} & {n.item_id for n in effect}


def test_nothing_is_listed_when_the_agency_already_sees_the_category(demo_file):
    case = demo_file.case("case-03")
    effect = override_effect(
        ViewBuilder(demo_file.protocol), case, override(("victim-contact",), ("specialist",))
    )
    assert effect == []


def test_the_preview_never_carries_an_entrys_text(demo_file):
    protocol = demo_file.protocol
    builder = ViewBuilder(protocol)
    wide = override(
        tuple(c.id for c in protocol.categories), tuple(a.id for a in protocol.agencies)
    )
    for case in demo_file.cases():
        texts = [i.text for i in case.items] + [a.text for a in case.actions]
        texts += [p.name for p in case.people] + [case.reference]
        for newly in override_effect(builder, case, wide):
            shown = " ".join(vars(newly).values())
            assert not any(t in shown for t in texts), (case.id, newly)
