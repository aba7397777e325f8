"""The one definition of what typed text may hold: each refused character is named by code,
short name and position; tabs and line breaks only in long text; limits are inclusive."""

from __future__ import annotations

import pytest

from mara_desktop.domain.text_rules import (
    IDENTIFIER,
    LONG_TEXT,
    SHORT_TEXT,
    UNSAFE_CHARACTERS,
    text_problem,
)


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\x00", "the control character NUL (U+0000 at character 4)"),
        ("\x07", "the control character BEL (U+0007 at character 4)"),
        ("\x1b", "the control character ESC (U+001B at character 4)"),
        ("\x7f", "the control character DEL (U+007F at character 4)"),
        ("\x9b", "the control character CSI (U+009B at character 4)"),
        ("\u202e", "the invisible right-to-left override (U+202E at character 4)"),
        ("\u2066", "the invisible left-to-right isolate (U+2066 at character 4)"),
        ("\ud800", "half of a broken character pair (U+D800 at character 4)"),
    ],
)
def test_a_refused_character_is_named_with_its_position(char, named):
    for kind in (LONG_TEXT, SHORT_TEXT, IDENTIFIER):
        problem = text_problem(f"Ann{char}[2J", kind)
        assert problem is not None and problem.startswith(f"holds {named}")


def test_a_carriage_return_is_refused_with_the_way_to_write_it():
    assert text_problem("first\r\nsecond", LONG_TEXT) == (
        "holds a carriage return (U+000D at character 6), which can hide the text before "
        "it: use a plain line break"
    )
    assert text_problem("Ann\rSmith", SHORT_TEXT) == (
        "holds a carriage return (U+000D at character 4): write it on one line"
    )


def test_tabs_and_line_breaks_belong_to_long_text_only():
    assert text_problem("first line\n\tsecond line", LONG_TEXT) is None
    assert text_problem("Ann\nSmith", SHORT_TEXT) == (
        "holds a line break (U+000A at character 4): write it on one line"
    )
    assert text_problem("Ann\tSmith", IDENTIFIER) == (
        "holds a tab (U+0009 at character 4): write it on one line"
    )


def test_right_to_left_letters_and_other_scripts_are_text():
    for name in ("Fatima Al-Zahra فاطمة", "דבורה כהן", "Nguyễn Thị Mẫu", "Zoë Łukasz"):
        assert text_problem(name, SHORT_TEXT) is None


@pytest.mark.parametrize(
    ("kind", "limit"), [(LONG_TEXT, 50_000), (SHORT_TEXT, 200), (IDENTIFIER, 64)]
)
def test_each_limit_is_the_longest_text_allowed(kind, limit):
    assert kind.limit == limit
    assert text_problem("x" * limit, kind) is None
    assert text_problem("x" * (limit + 1), kind) == (
        f"is {limit + 1:,} characters long; the limit is {limit:,}"
    )


def test_what_a_terminal_must_never_receive_raw_is_what_long_text_refuses():
    unsafe = {chr(c) for c in range(0x10000) if UNSAFE_CHARACTERS.match(chr(c))}
    refused = {c for c in map(chr, range(0x10000)) if text_problem(c, LONG_TEXT)}
    assert unsafe == refused
    assert "\t" not in unsafe and "\n" not in unsafe and "\r" in unsafe
