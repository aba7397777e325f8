"""What a consent record would change: shown to the chair before it is recorded.

A new answer from the victim (or from the other adult it names) can widen sharing
(consent given) or narrow it (refused, withdrawn), for some agencies and some information,
and only if it is that person's latest record: the rule reads each person's latest by the
time it was recorded. The chair sees both directions before recording, decided by the same
rule that will apply afterwards (the case decided as it is and with the record added),
entries described by category and source, never by text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from mara_desktop.domain import Case, Consent
from mara_desktop.views.builder import ViewBuilder
from mara_desktop.views.override_effect import Newly, changes


@dataclass(frozen=True)
class ConsentEffect:
    shown: tuple[Newly, ...]
    """Entries agencies would newly see."""
    hidden: tuple[Newly, ...]
    """Entries agencies see now and would no longer see."""
    decides: bool
    """Whether the record would be the latest (a record dated before the latest one changes
    nothing, whatever it says)."""


def consent_effect(builder: ViewBuilder, case: Case, consent: Consent) -> ConsentEffect:
    after = dataclasses.replace(case, consents=(*case.consents, consent))
    shown, hidden = changes(builder, case, after)
    whose = after.consent_person(consent.person)
    return ConsentEffect(tuple(shown), tuple(hidden), after.latest_consent(whose) is consent)
