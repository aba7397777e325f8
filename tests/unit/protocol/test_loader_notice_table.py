"""`[notice]`: the notices' jurisdiction texts are protocol text, checked like any other."""

from __future__ import annotations

import pytest

from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.loader import load_protocol, parse_protocol
from mara_desktop.protocol.notice_texts import KEYS, NoticeTexts
from tests.support.builders import protocol_text, rule


def with_notice(table: str) -> str:
    return protocol_text(rule(["health"], ["idva"])) + "\n[notice]\n" + table


def problems_of(path) -> list[str]:
    with pytest.raises(ProtocolError) as caught:
        load_protocol(path)
    return list(caught.value.details)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_every_key_is_read_and_a_protocol_without_the_table_has_none():
    table = "".join(f'{key} = "Text of {key}"\n' for key in KEYS)
    texts = parse_protocol(with_notice(table), "p.toml").notice
    assert texts == NoticeTexts(**{key: f"Text of {key}" for key in KEYS})
    assert texts.given() == list(KEYS)
    bare = parse_protocol(protocol_text(rule(["health"], ["idva"])), "p.toml").notice
    assert bare == NoticeTexts() and bare.given() == []


def test_a_table_giving_some_keys_leaves_the_others_empty():
    texts = parse_protocol(with_notice('complaints = "Write to us."\n'), "p.toml").notice
    assert texts.complaints == "Write to us." and texts.emergency == ""
    assert texts.given() == ["complaints"]


def test_an_unknown_key_is_refused_by_line_with_a_suggestion(tmp_path):
    text = with_notice('emergncy = "Call 555."\n')
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    assert problems_of(path) == [
        f'p.toml:{line_of(text, "emergncy")} [notice] emergncy: unknown key "emergncy" '
        '(did you mean "emergency"?)'
    ]


def test_notice_texts_obey_the_text_rules_by_line_and_key(tmp_path):
    text = with_notice(
        'emergency = "Call\\u202E 555."\n'
        'data_protection_law = """The Act\nof 2001"""\n'
        "complaints = 12.5e3\n"
        f'after_the_meeting = "{"x" * 50_001}"\n'
        "coordinator_contact = true\n"
    )
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    assert problems_of(path) == [
        f"p.toml:{line_of(text, 'emergency')} [notice] emergency: holds the invisible "
        "right-to-left override (U+202E at character 5), which changes the order text is "
        "shown in: remove it",
        f"p.toml:{line_of(text, 'after_the_meeting')} [notice] after_the_meeting: is 50,001 "
        "characters long; the limit is 50,000",
        f"p.toml:{line_of(text, 'data_protection_law')} [notice] data_protection_law: holds "
        "a line break (U+000A at character 8): write it on one line",
        f"p.toml:{line_of(text, 'coordinator_contact')} [notice] coordinator_contact: must "
        "be text in quotes",
    ]


def test_a_list_of_notice_tables_and_an_empty_text_are_refused():
    text = protocol_text(rule(["health"], ["idva"])) + '\n[[notice]]\nemergency = "Call 555."\n'
    with pytest.raises(ProtocolError) as caught:
        parse_protocol(text, "p.toml")
    assert list(caught.value.details) == [
        f"p.toml:{line_of(text, '[[notice]]')} [[notice]] #1: must be a single table, "
        "written [notice]"
    ]
    with pytest.raises(ProtocolError, match=r"\[notice\] complaints: must not be empty"):
        parse_protocol(with_notice('complaints = "  "\n'), "p.toml")
