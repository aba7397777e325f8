"""`locating = true` on a category: optional, false by default, and set in every bundled
protocol on the categories that say where the victim can be found or reached."""

from __future__ import annotations

import pytest

from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.loader import load_protocol, parse_protocol
from mara_desktop.resources import resource
from tests.support.builders import protocol_text, rule

VICTIMS = {"victim-address", "victim-location", "victim-contact"}


@pytest.mark.parametrize(
    "name",
    ["england-wales-marac.toml", "eige-police-guide-example.toml", "example-consent-required.toml"],
)
def test_each_bundled_protocol_marks_the_victims_whereabouts_and_contacts(name):
    protocol = load_protocol(resource("protocols", name))
    assert {c.id for c in protocol.categories if c.locating} >= VICTIMS


def test_locating_is_optional_and_must_be_true_or_false():
    text = protocol_text(rule(["health"], ["idva"]))
    assert not any(c.locating for c in parse_protocol(text, "p.toml").categories)
    marked = text.replace('id = "location"\n', 'id = "location"\nlocating = true\n')
    assert parse_protocol(marked, "p.toml").category("location").locating
    with pytest.raises(ProtocolError, match="locating"):
        parse_protocol(marked.replace("locating = true", 'locating = "yes"'), "p.toml")
