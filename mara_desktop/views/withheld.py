"""What one agency may not see of a conference: the values a leak check searches for.

Decided here, by the same rule and the same entries as the agency's own view, so the check
and the minutes cannot disagree about what is withheld. A value the agency may see
elsewhere in the same minutes (an owner's name that is also in the attendance list, a text
that two items share, a stock phrase such as "No information held." that a shown item
also contains) is not counted as withheld: finding it is not a leak, and a check that
cries wolf gets switched off.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date

from mara_desktop.domain import Action, Audience, Case, Conference
from mara_desktop.domain.whole_words import holds_whole_word
from mara_desktop.many_strings import present
from mara_desktop.protocol.rule import Disclosable
from mara_desktop.views.builder import ViewBuilder, case_entries, hearing_order, identity_item
from mara_desktop.views.model import ConferenceView

PREFIX = 48
"""How much of each value's start is looked for in the shown text (mara_desktop/many_strings.py)
before the value is compared whole."""


def withheld_values(
    builder: ViewBuilder,
    conference: Conference,
    cases_by_id: Mapping[str, Case],
    view: ConferenceView,
) -> list[str]:
    """Every text value of the conference's cases that the audience of `view` (its view of
    this conference) may not see: the reference of a withheld header, withheld people's
    names, item texts, action texts and owners.

    Dates of birth and due dates are not listed: a date alone is too common to search for
    without false alarms, and it never identifies anyone without the name beside it.
    """
    if view.conference_id != conference.id:
        raise ValueError("the view is of another conference")
    withheld: list[str] = []
    for case in hearing_order(conference, cases_by_id):
        withheld += _withheld_of(builder, case, view.audience, conference.date)
    return unless_shown(withheld, shown_values(view))


def withheld_of_cases(
    builder: ViewBuilder, cases: Iterable[Case], audience: Audience, on: date
) -> list[str]:
    """Every text value of `cases` that `audience` may not see as of `on` (an action log
    spans cases and meetings); pass the result through `unless_shown`."""
    withheld: list[str] = []
    for case in cases:
        withheld += _withheld_of(builder, case, audience, on)
    return withheld


def unless_shown(withheld: Iterable[str], shown_texts: Iterable[str]) -> list[str]:
    """The withheld values that a document showing `shown_texts` does not also show."""
    folded = {value: _folded(value) for value in withheld}
    shown = "\0".join(_folded(v) for v in shown_texts)
    starts = present((fold[:PREFIX] for fold in folded.values()), [shown])
    return [
        value
        for value, fold in folded.items()
        if fold and not (fold[:PREFIX] in starts and holds_whole_word(shown, fold))
    ]


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _withheld_of(builder: ViewBuilder, case: Case, audience: Audience, on: date) -> list[str]:
    """Decided as of the conference's date, as its minutes are."""

    def hidden(thing: Disclosable) -> bool:
        return not builder.rule.decide(thing, audience, case, on).visible

    values: list[str] = []
    for entry in case_entries(case, builder.protocol).values():
        if hidden(entry):
            # The header's text is the reference, an identity's the person's name.
            values.append(entry.text)
            if isinstance(entry, Action):
                values.append(entry.owner_name)
    for person in case.people:
        if person.school and hidden(identity_item(person, case, builder.protocol)):
            values.append(person.school)  # a child's whereabouts, withheld with the name
    return values + _earlier_values(case)


def _earlier_values(case: Case) -> list[str]:
    """What corrected entries and people said before: no copy prints it for anyone (the
    chair's History window alone shows it), so every copy is searched for it."""
    values = []
    for correction in case.corrections:
        record = json.loads(correction.record)
        values += [str(record[key]) for key in ("text", "name", "school") if record.get(key)]
    return values


def shown_values(view: ConferenceView) -> set[str]:
    """Every text the audience's minutes may print: the meeting's own details and what its
    view of each case holds."""
    shown = {view.title, view.venue, view.chair, view.sections.minute_taker}
    shown.update(line.name for line in view.attendance)
    for case in view.cases:
        shown.add(case.title)
        shown.update(p.name for p in case.people if p.name)
        shown.update(p.school for p in case.people if p.school)
        shown.update(i.text for i in case.items)
        for action in case.actions:
            shown.update((action.text, action.owner_name))
    return shown
