"""The notice says what the protocol says, in the reader's words, and prints protocol text
exactly as written."""

from __future__ import annotations

import dataclasses
import io

from pypdf import PdfReader

from mara_desktop.minutes.notice import OTHER_ADULTS, Kind, Reader, notice_blocks
from mara_desktop.minutes.notice_pdf import render_notice
from mara_desktop.protocol.loader import load_protocol
from mara_desktop.resources import resource
from tests.support.builders import make_protocol, rule


def words(protocol, reader: Reader) -> str:
    return " ".join(f"{b.lead} {b.text}" for b in notice_blocks(protocol, reader))


def test_the_victim_is_told_who_gets_her_address_and_what_needs_her_agreement(protocol):
    text = words(protocol, Reader.VICTIM)
    assert "Your home address: every service at the meeting." in text  # rule 1, all partners
    assert (
        "Your safe or confidential whereabouts: Police, IDVA service and By-and-for specialist "
        "service. If you are under 18: Children's social care." in text
    )
    assert (
        "Your health and mental health: IDVA service, Adult social care, Primary care (GP), "
        "Acute hospital trust, Mental health services, Drug and alcohol service and By-and-for "
        "specialist service. If children are involved or you are pregnant: Children's social "
        "care. If you agree: every service at the meeting." in text
    )
    assert (
        "Children's identity: If children are involved or you are pregnant: every service at the meeting."
        in text
    )


def test_a_consent_only_protocol_gives_the_perpetrator_the_other_lawful_bases():
    protocol = load_protocol(resource("protocols", "example-consent-required.toml"))
    blocks = notice_blocks(protocol, Reader.PERPETRATOR)
    text = " ".join(b.text for b in blocks)
    assert "consent" not in text.casefold()
    law = blocks.index(next(b for b in blocks if b.text == "The law we rely on"))
    bases = [b.text for b in blocks[law:] if b.kind is Kind.BULLET][:2]
    assert bases == [protocol.lawful_bases[0].text, protocol.lawful_bases[1].text]


def test_protocol_text_prints_literally_and_the_same_protocol_gives_the_same_bytes(protocol):
    odd = dataclasses.replace(protocol, retention="Kept <b>6</b> years & then destroyed.")
    pdf = render_notice(odd, Reader.VICTIM)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Kept <b>6</b> years & then destroyed." in text
    assert render_notice(odd, Reader.VICTIM) == pdf


HOUSEHOLD = '\n[[category]]\nid = "household"\nname = "Household"\nsubject = "household"\n'


def test_information_about_another_adult_is_never_said_to_need_the_victims_agreement():
    """Consent to what is about a partner or a grown-up son is theirs (DESIGN.md): the
    victim's notice must not tell her it is shared "if you agree"."""
    protocol = make_protocol(
        HOUSEHOLD
        + rule(["household"], ["police"], ["consent"])
        + rule(["health"], ["health"], ["consent"])
    )
    text = words(protocol, Reader.VICTIM)
    assert (
        "Household: If you agree or, when it is about another adult, if that person agrees: "
        "Police." in text
    )
    assert "Household: If you agree:" not in text
    assert "Health: If you agree: Health." in text
    assert OTHER_ADULTS in text
    assert "consent" not in words(protocol, Reader.PERPETRATOR).casefold()


def test_the_other_adults_sentence_is_said_only_where_their_information_needs_consent():
    for rules in (
        HOUSEHOLD + rule(["household"], ["police"]) + rule(["health"], ["health"], ["consent"]),
        rule(["health"], ["health"], ["consent"]),
    ):
        assert OTHER_ADULTS not in words(make_protocol(rules), Reader.VICTIM)
    required = make_protocol(HOUSEHOLD + rule(["household"], ["police"]), mode="required")
    assert OTHER_ADULTS in words(required, Reader.VICTIM)
