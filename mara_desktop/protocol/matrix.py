"""The protocol as a table: for each category and agency, when it is shared.

A data protection officer reads a protocol this way: which agency receives what, and on
what condition. Each cell lists the alternatives (one per granting rule), each a set of
conditions; overrides and the source's own items are case by case and not in the table.
"""

from __future__ import annotations

import csv
import io

from mara_desktop.domain import OBSERVER
from mara_desktop.protocol.model import Condition, ConsentMode, Protocol, Rule

SYMBOLS = {
    "always": "A",
    Condition.CONSENT.value: "C",
    Condition.CHILDREN.value: "K",
    Condition.ADULTS_ONLY.value: "N",
}
LEGEND = (
    "A = always; C = with the victim's consent; K = only when children are involved; "
    "N = only in adults-only cases; + = all of these; | = either; blank = never "
    "(except by override, or to the agency that supplied the item)."
)


def conditions(rule: Rule, protocol: Protocol) -> tuple[str, ...]:
    """The rule's effective conditions, consent added where the protocol requires it."""
    found = [c.value for c in rule.when]
    if protocol.consent_mode is ConsentMode.REQUIRED and Condition.CONSENT.value not in found:
        found.insert(0, Condition.CONSENT.value)
    return tuple(found) or ("always",)


def cell(protocol: Protocol, category: str, agency: str) -> list[tuple[str, ...]]:
    """One alternative per granting rule, duplicates dropped, in rule order."""
    seen: list[tuple[str, ...]] = []
    for rule in protocol.rules:
        if rule.grants(category, agency):
            alternative = conditions(rule, protocol)
            if alternative not in seen:
                seen.append(alternative)
    return seen


def columns(protocol: Protocol) -> list[str]:
    return [a.id for a in protocol.agencies] + [OBSERVER]


def as_csv(protocol: Protocol) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    agencies = columns(protocol)
    writer.writerow(["category", *agencies])
    for category in protocol.categories:
        writer.writerow(
            [
                category.id,
                *(
                    " or ".join(" and ".join(a) for a in cell(protocol, category.id, agency))
                    for agency in agencies
                ),
            ]
        )
    return out.getvalue()


def as_text(protocol: Protocol) -> str:
    agencies = columns(protocol)
    rows = [
        [
            category.id,
            *(
                "|".join("+".join(SYMBOLS[c] for c in a) for a in cell(protocol, category.id, x))
                for x in agencies
            ),
        ]
        for category in protocol.categories
    ]
    headers = ["", *(str(n) for n in range(1, len(agencies) + 1))]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [f"{protocol.name} (version {protocol.version}, consent {protocol.consent_mode})", ""]
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
        for r in [headers, *rows]
    ]
    lines += ["", "Agencies:"]
    lines += [f"{n:>3}  {a}  {protocol.agency_name(a)}" for n, a in enumerate(agencies, start=1)]
    lines += ["", LEGEND]
    return "\n".join(lines) + "\n"
