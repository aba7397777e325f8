"""Audience-specific views of cases and conferences: the only door to case data."""

from mara_desktop.views.builder import ViewBuilder, conference_view, hearing_order
from mara_desktop.views.model import (
    Access,
    ActionView,
    CaseHeader,
    CaseView,
    ConferenceView,
    ItemView,
    PersonView,
)

__all__ = [
    "Access",
    "ActionView",
    "CaseHeader",
    "CaseView",
    "ConferenceView",
    "ItemView",
    "PersonView",
    "ViewBuilder",
    "conference_view",
    "hearing_order",
]
