"""The table of conditions is the one place a condition is defined: each entry is whole,
every reader of conditions takes what it says from the entry, and no other module of the
package names a condition."""

from __future__ import annotations

import ast
import csv
import io
import pickle
import re
from pathlib import Path

import pytest

from mara_desktop.minutes.notice import Reader, notice_blocks
from mara_desktop.protocol import matrix
from mara_desktop.protocol.conditions import ALWAYS, TABLE, Condition, by_id
from mara_desktop.protocol.errors import ProtocolError
from tests.support.builders import make_protocol, rule

PACKAGE = Path(__file__).resolve().parents[3] / "mara_desktop"
TABLE_MODULE = PACKAGE / "protocol" / "conditions.py"
NOT_CONDITIONS = {
    ("domain/case.py", "consent"): "the lawful basis an override can never cite",
    ("store/schema.py", "consent"): "the case file's table of consent records",
    ("ui/agenda_panel.py", "children"): "the agenda's word for a children's case",
    ("domain/statistics.py", "children"): "the pinned `stats` key counting children heard",
    ("ui/statistics_dialog.py", "children"): "the pinned `stats` key, put in words",
}
"""Strings that happen to spell a condition's word but mean something else."""

conditions = pytest.mark.parametrize("condition", TABLE, ids=lambda c: c.id)


def test_each_entry_has_its_own_word_letter_and_label() -> None:
    for field in ("id", "letter", "label"):
        values = [getattr(c, field) for c in TABLE]
        assert len(set(values)) == len(values), field
    for condition in TABLE:
        assert re.fullmatch(r"[a-z][a-z_]*", condition.id)
        assert re.fullmatch(r"[A-Z]", condition.letter)
        assert condition.label
        assert by_id(condition.id) is condition


def test_contradictions_name_earlier_entries_of_the_table() -> None:
    for number, condition in enumerate(TABLE):
        for other in condition.contradicts:
            assert other in TABLE[:number], (condition.id, other.id)


@conditions
def test_a_copy_of_an_entry_is_the_entry(condition: Condition) -> None:
    """Minutes are laid out in worker processes, which receive the protocol by pickling."""
    assert pickle.loads(pickle.dumps(condition)) is condition


@conditions
def test_an_entry_reads_the_same_in_every_process(condition: Condition) -> None:
    """A reproducible copy of the minutes takes its id from the repr of its view, whose
    decisions hold rules and their conditions: no memory address may show in it."""
    assert repr(condition) == f"<Condition.{condition.id.upper()}: {condition.id!r}>"


@conditions
def test_the_loader_knows_every_word_of_the_table(condition: Condition) -> None:
    (loaded,) = make_protocol(rule(["health"], ["idva"], [condition.id])).rules
    assert loaded.when == (() if condition is ALWAYS else (condition,))


@pytest.mark.parametrize(
    ("condition", "other"),
    [(c, o) for c in TABLE for o in c.contradicts],
    ids=lambda c: c.id,
)
def test_the_loader_refuses_what_the_table_says_contradicts(
    condition: Condition, other: Condition
) -> None:
    for when in ([other.id, condition.id], [condition.id, other.id]):
        with pytest.raises(ProtocolError) as raised:
            make_protocol(rule(["health"], ["idva"], when))
        assert f'"{other.id}" and "{condition.id}" cannot both hold' in str(raised.value.details)


@conditions
def test_the_matrix_prints_the_letter_and_the_legend_explains_it(condition: Condition) -> None:
    protocol = make_protocol(rule(["health"], ["idva"], [condition.id]))
    assert matrix.letters(matrix.cell(protocol, "health", "idva")) == condition.letter
    assert f"{condition.letter} = {condition.label}" in matrix.LEGEND
    header, *rows = csv.reader(io.StringIO(matrix.as_csv(protocol)))
    health = next(r for r in rows if r[0] == "health")
    assert health[header.index("idva")] == condition.id


@conditions
def test_the_victims_notice_says_a_condition_and_the_perpetrators_never(
    condition: Condition,
) -> None:
    protocol = make_protocol(rule(["health"], ["idva"], [condition.id]))
    victim, perpetrator = (
        " ".join(f"{b.lead} {b.text}" for b in notice_blocks(protocol, reader))
        for reader in (Reader.VICTIM, Reader.PERPETRATOR)
    )
    said = condition.notice[:1].upper() + condition.notice[1:] + ": " if condition.notice else ""
    assert f"Health: {said}Idva." in victim
    assert not [c.notice for c in TABLE if c.notice and c.notice in perpetrator.casefold()]


def test_no_module_but_the_table_names_a_condition() -> None:
    words = {c.id for c in TABLE}
    found = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module == TABLE_MODULE:
            continue
        place = module.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for word in words:
                    named = node.value == word or f'"{word}"' in node.value
                    if named and (place, word) not in NOT_CONDITIONS:
                        found.append(f"{place}:{node.lineno} {word}")
    assert not found, "conditions named outside protocol/conditions.py: " + ", ".join(found)
