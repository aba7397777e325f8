"""The values of a case an audience may not see, found by comparing its view with the
chair's: independent of how any screen lays the view out."""

from __future__ import annotations

from mara_desktop.domain import Audience, Case
from mara_desktop.views.builder import ViewBuilder


def withheld_texts(builder: ViewBuilder, case: Case, audience: Audience) -> set[str]:
    """Texts withheld from `audience` that appear nowhere in what it may see (a shared
    owner name shown on a visible action is not a leak when it shows)."""
    seen = builder.case_view(case, audience)
    shown_ids = {i.id for i in seen.items} | {a.id for a in seen.actions}
    named = {p.id for p in seen.people if p.name is not None}
    visible_texts = [i.text for i in seen.items] + [a.text for a in seen.actions]
    visible_texts += [a.owner_name for a in seen.actions] + [p.name or "" for p in seen.people]
    hidden = {i.text for i in case.items if i.id not in shown_ids}
    hidden |= {a.text for a in case.actions if a.id not in shown_ids}
    hidden |= {a.owner_name for a in case.actions if a.id not in shown_ids and a.owner_name}
    hidden |= {p.name for p in case.people if p.id not in named}
    if seen.header is None:
        hidden.add(case.reference)
    return {h for h in hidden if h and not any(h in v for v in visible_texts)}
