"""`mara-desktop notice` as a coordinator runs it: a plain notice from the protocol, never a
word of case data, and the perpetrator's notice silent about the victim."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from mara_desktop.demo import DEMO_PASSPHRASE, demo_data_path
from mara_desktop.domain import WILDCARD
from mara_desktop.minutes.notice import SUBJECTS, Reader
from mara_desktop.resources import resource
from tests.support.cli import run
from tests.support.files import private_copy


def text_of(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def demo_values() -> list[str]:
    data = json.loads(demo_data_path().read_text("utf-8"))
    values = [case["reference"] for case in data["cases"]]
    values += [person["name"] for case in data["cases"] for person in case.get("people", [])]
    values += [conference[key] for conference in data["conferences"] for key in ("venue", "chair")]
    return values


def receiving(protocol, reader: Reader) -> list[str]:
    """Names of the agencies some rule lets receive a category about `reader` or the case."""
    about = {c.id for c in protocol.categories if c.subject in SUBJECTS[reader]}
    wanted = {
        agency
        for rule in protocol.rules
        if WILDCARD in rule.categories or about & set(rule.categories)
        for agency in rule.agencies
    }
    return [a.name for a in protocol.agencies if WILDCARD in wanted or a.id in wanted]


@pytest.fixture(scope="module")
def notices(_demo_template, tmp_path_factory):
    """Both notices, made once for the module from a private copy of the demo."""
    folder = tmp_path_factory.mktemp("notices")
    demo_path = folder / "demo.mara"
    private_copy(_demo_template, demo_path)
    made = {}
    for reader in Reader:
        out = folder / f"notice-{reader}.pdf"
        result = run("notice", demo_path, "--for", reader, "--out", out, passphrase=DEMO_PASSPHRASE)
        assert result.returncode == 0, result.stderr
        made[reader] = out
    return made


def test_the_victims_notice_names_every_receiving_agency_consent_and_the_right_to_complain(
    notices, protocol
):
    text = text_of(notices[Reader.VICTIM])
    for name in receiving(protocol, Reader.VICTIM):
        assert name in text
    assert "If you agree" in text and "without your agreement" in text
    assert "consent" in text
    assert "complain to the Information Commissioner's Office" in text
    assert protocol.retention in text
    for basis in ("public-task", "vital-interests", "children-act"):
        assert protocol.lawful_basis(basis).text in text


def test_no_notice_holds_a_name_a_reference_or_a_place_of_the_demo(notices):
    for path in notices.values():
        text = text_of(path).casefold()
        for value in demo_values():
            assert value.casefold() not in text, value


def test_the_perpetrators_notice_says_nothing_of_consent_or_where_the_victim_is(notices, protocol):
    text = text_of(notices[Reader.PERPETRATOR])
    assert "consent" not in text.casefold()
    assert "agree" not in text.replace("agreement", "").casefold()
    for category in protocol.categories:
        if category.subject.value in ("victim", "child", "household"):
            assert category.name not in text
    for name in receiving(protocol, Reader.PERPETRATOR):
        assert name in text
    assert "Your address and whereabouts" in text
    assert "complain to the Information Commissioner's Office" in text


def test_the_notice_file_is_whole_neutral_and_unmarked(notices):
    for path in notices.values():
        data = path.read_bytes()
        assert data.count(b"%%EOF") == 1
        reader = PdfReader(io.BytesIO(data))
        meta = reader.metadata
        assert meta.title == "Information notice"
        assert meta.author == "MARA Desktop"
        assert not meta.subject and not meta.get("/Keywords")
        assert "OFFICIAL" not in text_of(path)
        assert not list(path.parent.glob(".*.partial"))


def test_a_protocol_file_alone_makes_a_notice_without_a_passphrase(tmp_path):
    out = tmp_path / "notice.pdf"
    protocol_path = resource("protocols", "example-consent-required.toml")
    result = run("notice", "--protocol", protocol_path, "--for", "victim", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "We ask you before we share information about you." in text_of(out)


def test_misuse_and_an_existing_file_fail_with_one_line_and_change_nothing(demo_path, tmp_path):
    out = tmp_path / "taken.pdf"
    out.write_bytes(b"mine")
    result = run("notice", demo_path, "--for", "victim", "--out", out, passphrase=DEMO_PASSPHRASE)
    assert result.returncode == 4
    assert result.stderr.strip().count("\n") == 0 and "already exists" in result.stderr
    assert out.read_bytes() == b"mine"
    both = run("notice", demo_path, "--protocol", "p.toml", "--for", "victim", "--out", out)
    assert both.returncode == 1
    wrong = run(
        "notice", demo_path, "--for", "victim", "--out", tmp_path / "n.pdf", passphrase="no"
    )
    assert wrong.returncode == 2
    assert not (tmp_path / "n.pdf").exists()
