"""One rule for a value found as whole words, held to a plain reading of it: at some place
in the text, each edge of the value that is a letter, digit or "_" meets a text's edge or
a character that is none of those."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mara_desktop.domain.whole_words import holds_whole_word, whole_word_pattern


def word(character: str) -> bool:
    return re.fullmatch(r"\w", character) is not None


def held_at_some_place(text: str, value: str) -> bool:
    for start in range(len(text) - len(value) + 1):
        end = start + len(value)
        if text[start:end] != value:
            continue
        open_before = start == 0 or not word(value[0]) or not word(text[start - 1])
        open_after = end == len(text) or not word(value[-1]) or not word(text[end])
        if open_before and open_after:
            return True
    return False


@pytest.mark.parametrize(
    ("text", "value", "held"),
    [
        ("alison", "ali", False),
        ("kali", "ali", False),
        ("ali's", "ali", True),
        ("(ali)", "ali", True),
        ("x(ali)", "(ali)", True),
        ("dr.smith", "dr.", True),
        ("ali_b", "ali", False),
        ("ali ali", "ali ali", True),
        ("anything", "", False),
        ("3 nov 2026", "nov 2026", True),
        ("ns-2026-01381", "ns-2026-0138", False),
    ],
)
def test_whole_words(text, value, held):
    assert holds_whole_word(text, value) is held


letters = st.sampled_from("ab_1 .(-'é")


@given(st.text(letters, max_size=12), st.text(letters, min_size=1, max_size=4))
def test_the_rule_is_its_plain_reading(text, value):
    assert holds_whole_word(text, value) is held_at_some_place(text, value)
    assert (re.search(whole_word_pattern(value), text) is not None) is held_at_some_place(
        text, value
    )
