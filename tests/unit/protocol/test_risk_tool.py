"""The risk checklist is data (resources/risk/dash.toml), checked like a protocol, and the
protocol's `[risk]` sets its thresholds."""

from __future__ import annotations

import pytest

from mara_desktop.domain.criteria import Thresholds
from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.loader import parse_protocol
from mara_desktop.protocol.risk_tool import bundled_tool, parse_risk_tool, protocol_thresholds
from mara_desktop.resources import default_protocol_path

PROTOCOL = default_protocol_path().read_text("utf-8")
GOOD = """\
[tool]
id = "other"
name = "Another checklist"

[thresholds]
high_risk_ticks = 10
escalation_incidents = 2

[[question]]
id = "a1"
text = "Is she afraid?"
"""


def test_the_bundled_checklist_has_the_24_dash_questions():
    tool = bundled_tool()
    assert tool.id == "dash"
    assert tool.question_ids == tuple(f"q{n}" for n in range(1, 25))
    assert tool.questions[1].text == "Are you very frightened?"
    assert tool.thresholds == Thresholds(14, 3)
    assert "safelives" in tool.published.lower()


def test_another_tool_is_a_file_of_the_same_shape():
    tool = parse_risk_tool(GOOD, "other.toml")
    assert tool.question_ids == ("a1",) and tool.thresholds == Thresholds(10, 2)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("escalation_incidents = 2", "escalation_incidents = 0"),
         "other.toml:7 [thresholds] escalation_incidents: must be a whole number from 1"),
        (('name = "Another checklist"', 'name = "Another checklist"\nowner = "x"'),
         'other.toml:4 [tool] owner: unknown key "owner"'),
        (('text = "Is she afraid?"', 'text = "Is she afraid?"\n\n[[question]]\nid = "a1"\ntext = "Again?"'),
         'other.toml:14 [[question]] #2 id: duplicate id "a1"'),
    ],
)  # fmt: skip
def test_a_bad_checklist_is_refused_naming_file_line_and_key(change, problem):
    with pytest.raises(ProtocolError) as caught:
        parse_risk_tool(GOOD.replace(*change), "other.toml")
    assert caught.value.message.startswith(problem)


def test_the_protocols_risk_table_sets_the_thresholds():
    assert protocol_thresholds(parse_protocol(PROTOCOL)) == Thresholds(14, 3)
    protocol = parse_protocol(PROTOCOL + "\n[risk]\nescalation_incidents = 4\n")
    assert protocol_thresholds(protocol) == Thresholds(14, 4)


def test_a_bad_risk_table_names_its_line():
    text = PROTOCOL + "\n[risk]\nhigh_risk_ticks = 0\n"
    line = text.count("\n")
    with pytest.raises(ProtocolError) as caught:
        parse_protocol(text)
    assert caught.value.message == (
        f"protocol.toml:{line} [risk] high_risk_ticks: must be a whole number from 1, like 14"
    )
