"""present() finds exactly the strings that occur in the texts, whatever their overlaps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mara_desktop.many_strings import present

LETTERS = st.text(alphabet="abé \n\x00", max_size=6)


def test_strings_overlapping_and_inside_each_other_are_all_found():
    found = present(["she", "he", "hers", "his", "ers"], ["ushers"])
    assert found == {"she", "he", "hers", "ers"}


def test_a_string_is_found_in_any_of_the_texts_and_never_across_two():
    assert present(["ab", "cd", "bc"], ["xab", "cdx"]) == {"ab", "cd"}


def test_nothing_to_look_for_finds_nothing_and_the_empty_string_is_never_found():
    assert present([], ["anything"]) == set()
    assert present([""], ["anything"]) == set()


@given(st.lists(LETTERS, max_size=8), st.lists(LETTERS, max_size=3))
def test_present_is_the_strings_a_plain_search_finds(strings, texts):
    expected = {s for s in strings if s and any(s in text for text in texts)}
    assert present(strings, texts) == expected
