"""What an action log holds of a case (`ViewBuilder.actions_view`: the header and the
actions put to the rule, nothing else) is what the case's whole view says of them, for
the chair and for any agencies, on any date."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mara_desktop.domain import Audience
from mara_desktop.views import ViewBuilder
from tests.support.strategies import FIRST_DECIDED, audiences, cases, days_from, protocols

KEY = b"k" * 32


@given(
    protocols(),
    cases(),
    st.one_of(st.none(), audiences),
    st.one_of(st.none(), days_from(FIRST_DECIDED)),
)
def test_a_logs_view_of_a_case_is_what_its_whole_view_says(protocol, case, agencies, on):
    audience = Audience.chair() if agencies is None else Audience.of(agencies)
    whole = ViewBuilder(protocol, KEY).case_view(case, audience, on=on)
    reference, actions = ViewBuilder(protocol, KEY).actions_view(case, audience, on)
    assert reference == (whole.header.reference if whole.header is not None else None)
    assert actions == list(whole.actions)
