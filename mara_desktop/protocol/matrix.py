"""The protocol as a table: for each category and agency, when it is shared.

A data protection officer reads a protocol this way: which agency receives what, and on
what condition. Each cell lists the alternatives (one per granting rule), each a set of
conditions; overrides and the source's own items are case by case and not in the table.
"""

from __future__ import annotations

import csv
import io

from mara_desktop.domain import OBSERVER
from mara_desktop.protocol.conditions import TABLE, Condition, of_rule
from mara_desktop.protocol.model import Protocol

Alternative = tuple[Condition, ...]
"""The conditions of one granting rule, all of which must hold."""

LEGEND = "; ".join(f"{c.letter} = {c.label}" for c in TABLE) + (
    "; + = all of these; | = either; blank = never "
    "(except by override, or to the agency that supplied the item)."
)


def cell(protocol: Protocol, category: str, agency: str) -> list[Alternative]:
    """One alternative per granting rule, duplicates dropped, in rule order."""
    seen: list[Alternative] = []
    for rule in protocol.rules:
        if rule.grants(category, agency):
            alternative = of_rule(rule, protocol)
            if alternative not in seen:
                seen.append(alternative)
    return seen


def letters(alternatives: list[Alternative]) -> str:
    """A cell as the matrix prints it: "A", "C+K", "A|K+C"."""
    return "|".join("+".join(c.letter for c in a) for a in alternatives)


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
                    " or ".join(
                        " and ".join(c.id for c in a) for a in cell(protocol, category.id, agency)
                    )
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
            *(letters(cell(protocol, category.id, x)) for x in agencies),
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
    lines += _groups(protocol, agencies)
    lines += ["", LEGEND]
    return "\n".join(lines) + "\n"


def _groups(protocol: Protocol, agencies: list[str]) -> list[str]:
    """Which columns each group stands for: a rule granting to a group fills its members'
    columns, and the reader needs to see why."""
    if not protocol.groups:
        return []
    number = {a: n for n, a in enumerate(agencies, start=1)}
    return [
        "",
        "Groups (a rule naming a group shares with each of its agencies):",
        *(
            f"     {g.id}  {g.name}: " + ", ".join(str(number[a]) for a in g.agencies)
            for g in protocol.groups
        ),
    ]
