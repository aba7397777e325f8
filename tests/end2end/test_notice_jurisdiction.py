"""The notices' jurisdiction words come from the protocol's `[notice]`, through the real
`notice` and `protocol check` commands: a protocol's own words are printed, and a protocol
without them gets neutral sentences, never the UK's number, law or authority."""

from __future__ import annotations

import re

import pytest

from mara_desktop.minutes.notice import Reader
from mara_desktop.protocol.loader import load_protocol
from mara_desktop.protocol.notice_texts import KEYS
from mara_desktop.resources import resource
from tests.end2end.test_notice_command import text_of
from tests.support.builders import protocol_text, rule
from tests.support.cli import run
from tests.test_no_jurisdiction_in_code import JURISDICTION_WORDS

TESTLAND = {
    "emergency": "If you are in danger now, call 555 0199 at any hour.",
    "support_worker": "This is often a Testland safety adviser.",
    "after_the_meeting": "After the meeting, your safety adviser phones you\n\nwhen it is safe.",
    "data_protection_law": "the Testland Privacy Act",
    "complaints": "Write to the Testland complaints desk.",
    "data_protection_authority": "The Testland Data Office checks us: data.example.",
    "coordinator_contact": "The coordinator's office: telephone 555 0100.",
}
"""Invented words for every key: whatever the notice says of them came from the protocol."""
VICTIM_ONLY = ("emergency", "support_worker", "after_the_meeting")


def plain(text: str) -> str:
    return " ".join(text.split())


def notices(protocol_file, folder) -> dict[Reader, str]:
    made = {}
    for reader in Reader:
        out = folder / f"notice-{reader}.pdf"
        result = run("notice", "--protocol", protocol_file, "--for", reader, "--out", out)
        assert result.returncode == 0, result.stderr
        made[reader] = text_of(out)
    return made


def write_testland(folder, notice_table: str):
    path = folder / "testland.toml"
    path.write_text(protocol_text(rule(["health"], ["idva"])) + notice_table, encoding="utf-8")
    return path


def test_a_protocols_own_notice_texts_are_what_the_notices_say(tmp_path):
    table = "\n[notice]\n" + "".join(f'{key} = """{text}"""\n' for key, text in TESTLAND.items())
    made = notices(write_testland(tmp_path, table), tmp_path)
    victim, perpetrator = made[Reader.VICTIM], made[Reader.PERPETRATOR]
    for key, text in TESTLAND.items():
        for paragraph in text.split("\n\n"):
            assert plain(paragraph) in victim, key
            assert (plain(paragraph) in perpetrator) is (key not in VICTIM_ONLY), key
    assert "The law (the Testland Privacy Act) gives you rights." in victim
    assert "What happens after the meeting" in victim
    for text in made.values():
        assert not JURISDICTION_WORDS.search(text), JURISDICTION_WORDS.search(text)
        assert "emergency services" not in text and "Ask the MARAC coordinator." not in text


def test_without_notice_texts_the_notices_are_neutral_and_name_no_country(tmp_path):
    made = notices(write_testland(tmp_path, ""), tmp_path)
    victim, perpetrator = made[Reader.VICTIM], made[Reader.PERPETRATOR]
    assert "If you are in danger now, call the emergency services." in victim
    assert "The law gives you rights. You can:" in victim
    assert "complain if you are not happy with how we use your information." in victim
    assert "Ask the MARAC coordinator. Your support worker" in victim
    assert "how to contact the MARAC coordinator" in perpetrator
    for text in made.values():
        assert not JURISDICTION_WORDS.search(text), JURISDICTION_WORDS.search(text)
        assert "What happens after the meeting" not in text
        assert "If you are not happy" not in text


def test_the_uk_words_are_the_england_and_wales_protocols_own(tmp_path):
    path = resource("protocols", "england-wales-marac.toml")
    texts = load_protocol(path).notice
    assert texts.given() == [k for k in KEYS if k != "coordinator_contact"]
    made = notices(path, tmp_path)
    victim, perpetrator = made[Reader.VICTIM], made[Reader.PERPETRATOR]
    assert "If you are in danger now, call 999." in victim
    assert "The law (UK GDPR and the Data Protection Act 2018) gives you rights." in victim
    for key in texts.given():
        assert plain(getattr(texts, key)) in victim, key
    assert "call 999" not in perpetrator and "IDVA or support worker" not in perpetrator
    assert "complain to the Information Commissioner's Office (ICO)" in perpetrator
    assert "ico.org.uk, telephone 0303 123 1113" in perpetrator


def test_the_consent_required_example_gives_the_eu_number_and_no_uk_authority(tmp_path):
    made = notices(resource("protocols", "example-consent-required.toml"), tmp_path)
    assert "If you are in danger now, call 112." in made[Reader.VICTIM]
    for text in made.values():
        assert not re.search(r"\b999\b|\bICO\b|Information Commissioner|0303", text)
        assert "the data protection authority of the country you live in" in text


@pytest.mark.parametrize("given", [True, False], ids=["with-notice", "without-notice"])
def test_protocol_check_says_which_notice_texts_the_protocol_gives(tmp_path, given):
    table = '\n[notice]\nemergency = "Call 555 0199."\ncomplaints = "Write to us."\n'
    result = run("protocol", "check", write_testland(tmp_path, table if given else ""))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    missing = [k for k in KEYS if not given or k not in ("emergency", "complaints")]
    assert lines[1] == (
        "Notice texts ([notice]): emergency, complaints."
        if given
        else "No notice texts ([notice]): the notices name no country's emergency number, "
        "law or authority."
    )
    assert [line.split(":")[0] for line in lines[2:]] == [f"  no {k}" for k in missing]
    if not given:
        assert lines[2] == (
            '  no emergency: the victim\'s notice warns "call the emergency services", '
            "naming no number."
        )


def test_protocol_check_refuses_an_unknown_notice_key_by_line(tmp_path):
    path = write_testland(tmp_path, '\n[notice]\ncomplaint = "Write to us."\n')
    result = run("protocol", "check", path)
    assert result.returncode == 4
    line = path.read_text("utf-8").splitlines().index('complaint = "Write to us."') + 1
    assert result.stdout.strip() == (
        f'testland.toml:{line} [notice] complaint: unknown key "complaint" '
        '(did you mean "complaints"?)'
    )
