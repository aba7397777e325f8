"""The values of a case an audience may not see, found by comparing its view with the
chair's (which holds every entry): independent of how any screen lays the view out."""

from __future__ import annotations

from mara_desktop.domain import Audience
from mara_desktop.session import Session


def withheld_texts(session: Session, case_id: str, audience: Audience) -> set[str]:
    """Texts withheld from `audience` that appear nowhere in what it may see (a shared
    owner name shown on a visible action is not a leak when it shows)."""
    everything = session.case_view(case_id, Audience.chair())
    seen = session.case_view(case_id, audience)
    shown_ids = {i.id for i in seen.items} | {a.id for a in seen.actions}
    named = {p.id for p in seen.people if p.name is not None}
    visible_texts = [i.text for i in seen.items] + [a.text for a in seen.actions]
    visible_texts += [a.owner_name for a in seen.actions] + [p.name or "" for p in seen.people]
    hidden = {i.text for i in everything.items if i.id not in shown_ids}
    hidden |= {a.text for a in everything.actions if a.id not in shown_ids}
    hidden |= {a.owner_name for a in everything.actions if a.id not in shown_ids and a.owner_name}
    hidden |= {p.name or "" for p in everything.people if p.id not in named}
    if seen.header is None:
        hidden.add(everything.title)
    return {h for h in hidden if h and not any(h in v for v in visible_texts)}
