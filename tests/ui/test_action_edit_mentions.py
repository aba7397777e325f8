"""An action's words changed in the console's Actions table are checked as the add dialogs
check them: naming a person withheld from its readers asks first; "Reword" keeps the
action as it was, "Record as written" saves it and audits the decision (ids only)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from mara_desktop.domain import Audience
from mara_desktop.ui.case_models import ActionColumn
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.mention_warning import AS_WRITTEN
from tests.ui.test_console_closing import answering

NAMING_SUSAN = "Ask Susan to return the spare key"


def _edit_first_action(console: ChairConsole, text: str) -> tuple[str, str]:
    meeting = console.meeting
    assert meeting is not None
    console.go_to(meeting.order.index("case-09"))
    model = console.page.actions_model
    action = model.action_at(0)
    model.setData(model.index(0, ActionColumn.TEXT), text)
    return "case-09", action.id


def _text_of(console: ChairConsole, case_id: str, action_id: str) -> str:
    assert console.session is not None
    view = console.session.case_view(case_id, Audience.chair())
    return next(a.text for a in view.actions if a.id == action_id)


def _kept(console: ChairConsole) -> list[dict[str, object]]:
    assert console.session is not None
    return [r.details for r in console.session.audit_records() if r.action == "mention-kept"]


def test_reword_keeps_the_action_as_it_was(qtbot: QtBot, console: ChairConsole) -> None:
    asked: list[str] = []
    answering("Reword", asked)
    case_id, action_id = _edit_first_action(console, NAMING_SUSAN)
    assert asked and '"Susan"' in asked[0] and "Police" in asked[0]
    assert _text_of(console, case_id, action_id) != NAMING_SUSAN
    assert not _kept(console)


def test_record_as_written_saves_it_and_audits_ids(qtbot: QtBot, console: ChairConsole) -> None:
    asked: list[str] = []
    answering(AS_WRITTEN, asked)
    case_id, action_id = _edit_first_action(console, NAMING_SUSAN)
    assert asked
    assert _text_of(console, case_id, action_id) == NAMING_SUSAN
    [kept] = _kept(console)
    assert kept["case"] == case_id and kept["entry"] == action_id and kept["withheld"] == ["o1"]
    assert "Susan" not in str(kept)


def test_words_that_mention_nothing_withheld_are_saved_without_a_question(
    qtbot: QtBot, console: ChairConsole
) -> None:
    case_id, action_id = _edit_first_action(console, "Return the spare key to the victim")
    assert _text_of(console, case_id, action_id) == "Return the spare key to the victim"
    assert not _kept(console)
