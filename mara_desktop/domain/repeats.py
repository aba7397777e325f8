"""Whether a referral is a repeat: the same victim referred in the 12 months before.

DESIGN.md pins the match: the victim's name compared with case and accents folded and all
white space removed, and the same date of birth. Anything less certain (the same folded
name with another or a missing date of birth; the same date of birth and a name a slip
away) is a near match: never a repeat by itself, shown to the chair to confirm or reject
(domain/case.py RepeatDecision). Nothing here merges people or cases.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mara_desktop.domain.case import Case, RepeatDecision
from mara_desktop.domain.moments import instant
from mara_desktop.domain.review import months_before

NEAR_EDITS = 2
"""Folded names this many letters apart (or fewer) are close: a typing slip, a letter
dropped from a transliterated name."""


@dataclass(frozen=True)
class Referred:
    """What matching reads of another case: its id, its victim and when it was referred."""

    case_id: str
    name_key: str
    born: date | None
    referred: date


@dataclass(frozen=True)
class Matches:
    repeat_of: tuple[str, ...]
    """Earlier cases of the same victim within the window (confirmed near matches too)."""
    near: tuple[str, ...]
    """Cases whose victim may be the same, awaiting the chair's answer (any date)."""


_STROKED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "ı": "i", "æ": "ae", "œ": "oe", "ð": "d"}
)
"""Letters whose accent is a stroke or a ligature: Unicode does not decompose them."""


def name_key(name: str) -> str:
    """The name as matching compares it: case folded, accents taken off (é → e, and the
    stroked letters, ł → l), every kind of white space removed. The case file stores each
    person's key (indexed for victims): a change here needs a migration that recomputes
    them."""
    decomposed = unicodedata.normalize("NFKD", name.casefold()).translate(_STROKED)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())


def window_start(referred: date) -> date:
    """The date 12 calendar months before `referred` (29 February becomes the 28th)."""
    return months_before(referred, 12)


def in_window(earlier: date, referred: date) -> bool:
    """Whether a referral on `earlier` makes one on `referred` a repeat: on or after the
    date 12 calendar months before, and before it."""
    return window_start(referred) <= earlier < referred


def close_names(a: str, b: str) -> bool:
    """Folded names at most NEAR_EDITS letters apart (insertions, deletions, changes)."""
    if abs(len(a) - len(b)) > NEAR_EDITS:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > NEAR_EDITS:
            return False
        previous = current
    return previous[-1] <= NEAR_EDITS


def is_exact(key: str, born: date | None, other: Referred) -> bool:
    return born is not None and other.born == born and other.name_key == key


def is_near(key: str, born: date | None, other: Referred) -> bool:
    """The same folded name without the same known date of birth, or the same date of birth
    and a close name: perhaps the same person, for the chair to say."""
    if is_exact(key, born, other):
        return False
    if other.name_key == key:
        return True
    return born is not None and other.born == born and close_names(key, other.name_key)


def latest_decisions(decisions: Iterable[RepeatDecision]) -> dict[str, bool]:
    """The chair's answer that speaks now about each other case: the latest recorded."""
    answers: dict[str, bool] = {}
    for decision in sorted(decisions, key=lambda d: instant(d.decided_at)):
        answers[decision.other] = decision.confirmed
    return answers


def matches(case: Case, others: Iterable[Referred]) -> Matches:
    """The case's repeats and near matches among `others` (the case itself is skipped).
    A case the chair answered about is never a near match."""
    victim = case.victim()
    if victim is None:
        return Matches((), ())
    key, born = name_key(victim.name), victim.born
    answers = latest_decisions(case.repeat_decisions)
    near = [
        other.case_id
        for other in _others_in_order(case, others)
        if other.case_id not in answers and is_near(key, born, other)
    ]
    return Matches(repeats_of(case, others), tuple(near))


def repeats_of(case: Case, others: Iterable[Referred]) -> tuple[str, ...]:
    """The case's repeats among `others`: what every read of a case finds (Case.repeat_of),
    without the near matches, which compare names letter by letter and are asked for only
    about one case at a time. A rejected case is never a repeat, even when the names and
    dates agree; a confirmed near match counts as the same victim."""
    victim = case.victim()
    if victim is None:
        return ()
    key, born, referred = name_key(victim.name), victim.born, case.referral.date
    answers = latest_decisions(case.repeat_decisions)
    return tuple(
        other.case_id
        for other in _others_in_order(case, others)
        if answers.get(other.case_id, is_exact(key, born, other))
        and in_window(other.referred, referred)
    )


def confirmed_others(case: Case) -> list[str]:
    """The other cases the chair confirmed as the same victim (the latest answer speaks)."""
    return [other for other, same in latest_decisions(case.repeat_decisions).items() if same]


def _others_in_order(case: Case, others: Iterable[Referred]) -> list[Referred]:
    """Oldest referral first; the case itself left out."""
    ordered = sorted(others, key=lambda other: (other.referred, other.case_id))
    return [other for other in ordered if other.case_id != case.id]
