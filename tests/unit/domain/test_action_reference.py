"""An action's printed reference: the same for the same action and key, unguessable without
the key, and readable aloud (no look-alike letters)."""

from __future__ import annotations

import re

from mara_desktop.domain.action_reference import (
    ALPHABET,
    action_id,
    action_reference,
    normal_reference,
)

KEY = bytes(range(32))
SHAPE = re.compile(rf"A-[{ALPHABET}]{{7}}")


def test_the_same_action_and_key_give_the_same_reference():
    assert action_reference(KEY, "case-01", "a1") == action_reference(KEY, "case-01", "a1")
    assert SHAPE.fullmatch(action_reference(KEY, "case-01", "a1"))


def test_another_action_case_or_key_gives_another_reference():
    references = {
        action_reference(KEY, "case-01", "a1"),
        action_reference(KEY, "case-01", "a2"),
        action_reference(KEY, "case-02", "a1"),
        action_reference(bytes(32), "case-01", "a1"),
    }
    assert len(references) == 4


def test_references_carry_no_count_or_order():
    """Consecutive actions get references with nothing in common beyond chance."""
    references = [action_reference(KEY, "case-01", f"a{n}") for n in range(1, 200)]
    assert len(set(references)) == len(references)
    assert sorted(references) != references


def test_the_alphabet_has_no_look_alikes():
    for confusable in "0O1IL5S8B2ZUVMNW":
        assert confusable not in ALPHABET


def test_a_typed_reference_is_read_in_its_printed_form():
    assert normal_reference(" a-7k3qxpc ") == "A-7K3QXPC"
    assert normal_reference("A 7K3QXPC") == "A-7K3QXPC"
    assert action_id("case-01", "a1") == "case-01/a1"
