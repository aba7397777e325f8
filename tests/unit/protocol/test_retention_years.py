"""`[protocol] retention_years`: the period after which a closed or transferred case is due
for purging; optional, a whole number from 1."""

from __future__ import annotations

import pytest

from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.loader import parse_protocol
from mara_desktop.resources import default_protocol_path

PROTOCOL = default_protocol_path().read_text("utf-8")


def _with_years(value: str) -> str:
    lines = [line for line in PROTOCOL.splitlines() if not line.startswith("retention_years")]
    at = lines.index("[protocol]") + 1
    return "\n".join([*lines[:at], f"retention_years = {value}", *lines[at:]]) + "\n"


def test_the_bundled_protocol_keeps_cases_six_years():
    assert parse_protocol(PROTOCOL).retention_years == 6


def test_without_the_key_no_period_is_set():
    assert (
        parse_protocol(_with_years("1").replace("retention_years = 1\n", "")).retention_years
        is None
    )


@pytest.mark.parametrize("value", ["0", "-2", '"six"', "6.5"])
def test_a_bad_period_names_its_line(value):
    with pytest.raises(ProtocolError) as caught:
        parse_protocol(_with_years(value))
    assert "[protocol] retention_years: must be a whole number from 1" in caught.value.message
