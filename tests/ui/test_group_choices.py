"""The consent and override dialogs offer the protocol's groups of agencies: a ticked group
is recorded by its id and reaches exactly its members, through the real dialogs and the
session's views."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import Audience, Consent, ConsentState, Override
from mara_desktop.protocol.loader import parse_protocol
from mara_desktop.session import Session
from mara_desktop.ui.consent_dialog import ConsentDialog
from mara_desktop.ui.override_dialog import OverrideDialog

HEALTH = ("gp", "hospital", "mental-health", "drug-alcohol")
GROUPS = f"""
[[group]]
id = "health-bodies"
name = "All health bodies"
agencies = {list(HEALTH)!r}

[[group]]
id = "justice-bodies"
name = "Justice"
agencies = ["police", "probation"]
""".replace("'", '"')
JUSTIFICATION = "He found the leaflet; she is at risk of being taken abroad."


@pytest.fixture
def grouped(demo_path: Path) -> Iterator[Session]:
    """The demo governed by its protocol plus two groups (ids of this test's own)."""
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        session.replace_protocol(parse_protocol(session.protocol.source_text + GROUPS))
        yield session


def seen_by_each(session: Session, case_id: str) -> dict[str, set[str]]:
    return {
        a.id: {i.id for i in session.case_view(case_id, Audience.of([a.id])).items}
        for a in session.protocol.agencies
    }


def shown(qtbot, dialog: ConsentDialog | OverrideDialog) -> None:
    """On screen, so clicks land where a chair's would."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)


def reached(
    session: Session, before: dict[str, set[str]], record: Consent | Override, members: set[str]
) -> None:
    """The record names exactly the group's members (as the rule reads it), in the views
    no agency outside the group came to see more, and naming the members one by one instead
    would change nothing."""
    groups = session.protocol.group_members
    named = {
        a.id for a in session.protocol.agencies if record.covers(a.id, "victim-health", groups)
    }
    assert named == members
    after = seen_by_each(session, "case-03")
    assert all(before[a] <= after[a] for a in before)
    assert {a for a in before if after[a] != before[a]} <= members
    # The same record naming the members one by one would change nothing: the group
    # reached exactly them, whatever the protocol's rules make of it for this case.
    later = record.recorded_at if isinstance(record, Consent) else record.decided_at
    if isinstance(record, Consent):
        twin = replace(record, agencies=tuple(members), recorded_at=later + timedelta(minutes=1))
        effect = session.consent_effect("case-03", twin)
        assert effect.decides and not effect.shown and not effect.hidden
    else:
        twin_override = replace(record, agencies=tuple(members))
        assert session.override_effect("case-03", twin_override) == []


def test_ticking_a_group_ticks_and_greys_its_members_and_gives_back_their_own_ticks(qtbot, grouped):
    dialog = OverrideDialog(grouped, "case-03")
    shown(qtbot, dialog)
    choices = dialog.agencies
    groups = [g.id for g in grouped.protocol.groups]
    assert groups[-2:] == ["health-bodies", "justice-bodies"]
    assert list(choices.boxes)[: len(groups)] == groups
    assert choices.boxes["health-bodies"].text() == "All health bodies (4 agencies)"
    assert choices.boxes["health-bodies"].toolTip() == (
        "Primary care (GP), Acute hospital trust, Mental health services, Drug and alcohol service"
    )
    qtbot.mouseClick(choices.boxes["gp"], Qt.MouseButton.LeftButton)
    choices.boxes["police"].setChecked(True)
    choices.boxes["health-bodies"].setChecked(True)
    for member in HEALTH:
        assert choices.boxes[member].isChecked() and not choices.boxes[member].isEnabled()
    assert choices.chosen() == ("health-bodies", "police")
    choices.boxes["health-bodies"].setChecked(False)
    assert choices.chosen() == ("police", "gp")
    assert all(choices.boxes[m].isEnabled() for m in HEALTH)


def test_a_consent_given_to_a_group_is_recorded_by_its_id_and_reaches_its_members(qtbot, grouped):
    before = seen_by_each(grouped, "case-03")
    dialog = ConsentDialog(grouped, "case-03")
    shown(qtbot, dialog)
    dialog.state_buttons[ConsentState.GIVEN].setChecked(True)
    dialog.agencies.choose([])
    qtbot.mouseClick(dialog.agencies.boxes["health-bodies"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.recorded_by, "Jo Bloggs (IDVA)")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    recorded = grouped.case_records("case-03").consents[0]
    assert recorded.agencies == ("health-bodies",)
    reached(grouped, before, recorded, set(HEALTH))
    again = ConsentDialog(grouped, "case-03")
    shown(qtbot, again)
    assert again.history.topLevelItem(0).text(3) == "All health bodies"


def test_an_override_for_a_group_is_recorded_by_its_id_and_reaches_its_members(qtbot, grouped):
    before = seen_by_each(grouped, "case-03")
    every = [c.id for c in grouped.protocol.categories]
    dialog = OverrideDialog(grouped, "case-03", categories=every)
    shown(qtbot, dialog)
    qtbot.mouseClick(dialog.agencies.boxes["justice-bodies"], Qt.MouseButton.LeftButton)
    dialog.lawful_basis.setCurrentIndex(dialog.lawful_basis.findData("vital-interests"))
    dialog.justification.setPlainText(JUSTIFICATION)
    qtbot.keyClicks(dialog.decided_by, "MARAC chair")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value, dialog.problem.text()
    recorded = grouped.case_records("case-03").overrides[0]
    assert recorded.agencies == ("justice-bodies",)
    reached(grouped, before, recorded, {"police", "probation"})
