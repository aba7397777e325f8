"""Whether a protocol can govern content already recorded under another one.

Replacing a case file's protocol must not leave an item whose category, or a record whose
agency or lawful basis, the new protocol does not know: the rule would then silently
withhold it from everyone, or an override would cite a basis nobody can read.
"""

from __future__ import annotations

from mara_desktop.domain import OBSERVER, WILDCARD, CaseFileContent
from mara_desktop.protocol.model import Protocol


def unknown_ids(protocol: Protocol, content: CaseFileContent) -> list[str]:
    """One sentence per id the content uses and the protocol lacks, in a stable order."""
    agencies: set[str] = set()
    categories: set[str] = set()
    bases: set[str] = set()
    for conference in content.conferences:
        agencies.update(line.agency for line in conference.attendance)
    for case in content.cases:
        agencies.add(case.referral.agency)
        agencies.update(p.source for p in case.people if p.source)
        for item in case.items:
            agencies.add(item.source)
            agencies.update(item.restricted_to)
            categories.add(item.category)
        for action in case.actions:
            agencies.add(action.owner)
            agencies.update(action.restricted_to)
            agencies.update([action.source] if action.source else [])
            categories.add(action.category)
        for record in case.consents:
            agencies.update(record.agencies)
            categories.update(record.categories)
        for override in case.overrides:
            agencies.update(override.agencies)
            categories.update(override.categories)
        bases.update(o.lawful_basis for o in case.overrides)
    known_agencies = {a.id for a in protocol.agencies} | {OBSERVER, WILDCARD}
    known_agencies |= {g.id for g in protocol.groups}
    known_categories = {c.id for c in protocol.categories} | {WILDCARD}
    known_bases = {b.id for b in protocol.lawful_bases}
    return (
        [f'agency "{a}" is used in the case file' for a in sorted(agencies - known_agencies)]
        + [
            f'category "{c}" is used in the case file'
            for c in sorted(categories - known_categories)
        ]
        + [f'lawful basis "{b}" is cited by an override' for b in sorted(bases - known_bases)]
    )
