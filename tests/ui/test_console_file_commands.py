"""Export and Import need the file open and writable; one place decides, from both, so the
order in which locking, unlocking and damage are told to the console cannot matter."""

from __future__ import annotations

import itertools

from mara_desktop.ui.console import ChairConsole


def file_commands(console: ChairConsole) -> tuple[bool, bool]:
    return console.commands.export.isEnabled(), console.commands.import_file.isEnabled()


def test_export_and_import_follow_both_open_and_writable_in_either_order(
    console: ChairConsole,
) -> None:
    assert file_commands(console) == (True, True)
    for is_open, writable in itertools.product((True, False), repeat=2):
        expected = (is_open and writable,) * 2
        console._allow_meeting_commands(is_open)
        console._allow_editing(writable)
        assert file_commands(console) == expected, ("open, then writable", is_open, writable)
        console._allow_editing(writable)
        console._allow_meeting_commands(is_open)
        assert file_commands(console) == expected, ("writable, then open", is_open, writable)


def test_damage_then_a_lock_and_its_undoing_leave_export_and_import_off(
    console: ChairConsole,
) -> None:
    """A damaged file stays unwritable whatever the meeting commands do afterwards."""
    console._damaged("the case file is damaged")
    assert file_commands(console) == (False, False)
    console._allow_meeting_commands(False)
    console._allow_meeting_commands(True)
    assert file_commands(console) == (False, False)
    assert console.commands.audit.isEnabled()
