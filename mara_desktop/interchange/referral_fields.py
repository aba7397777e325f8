"""The fields of a referral as entered in the app (DESIGN.md, pinned additions), read from an
interchange document: the risk checklist's answers, the incidents, the victim's knowledge
and consent, the professional judgement, the referrer; the people's self-identified
fields; the chair's answers about near matches. And the checks that only make sense once
a case is whole: a victim named when the checklist is recorded, no date of birth in the
future, no child 18 or older on the referral date.

A problem names the field and never repeats a person's value (a name, a date of birth):
the sentence may be read aloud in a room.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from mara_desktop.domain import (
    Case,
    CaseStatus,
    PersonRole,
    Referral,
    ReferralCriterion,
    RepeatDecision,
)
from mara_desktop.domain.case import Answer
from mara_desktop.domain.text_rules import IDENTIFIER, LONG_TEXT, SHORT_TEXT
from mara_desktop.errors import shortened
from mara_desktop.interchange.checker import Checker
from mara_desktop.protocol.risk_tool import RiskTool

REFERRAL_FIELDS = (
    "date",
    "agency",
    "criterion",
    "dash_score",
    "dash_answers",
    "dash_answered_by",
    "incidents_12m",
    "victim_aware",
    "victim_consents_to_referral",
    "professional_judgement",
    "referrer",
)
PERSON_FIELDS = (
    "id",
    "role",
    "name",
    "born",
    "source",
    "gender",
    "ethnicity",
    "minority_ethnic",
    "disability",
    "lgbt",
    "feared",
    "safe_contact",
    "school",
)
T = TypeVar("T")
DECISION_FIELDS = ("case", "confirmed", "decided_by", "decided_at")
MAX_INCIDENTS = 1000
ADULT_AGE = 18


def read_referral(
    check: Checker, raw: Any, path: str, agencies: set[str], tool: RiskTool
) -> Referral | None:
    if raw is None:
        check.problem(path.rsplit(".", 1)[0], 'the field "referral" is missing')
        return None
    obj = check.table(raw, path, REFERRAL_FIELDS)
    if obj is None:
        return None
    day = check.day(obj, "date", path)
    agency = check.known(obj, "agency", path, agencies, "agency")
    criterion = check.choice(obj, "criterion", path, ReferralCriterion)
    score = check.integer(obj, "dash_score", path, 0, len(tool.questions))
    answers = _answers(check, obj, path, tool)
    answered_by = _answered_by(check, obj, path, tool)
    incidents = check.integer(obj, "incidents_12m", path, 0, MAX_INCIDENTS)
    judgement = check.text(obj, "professional_judgement", path, LONG_TEXT, required=False)
    referrer = check.text(obj, "referrer", path, SHORT_TEXT, required=False)
    ticks = sum(1 for _, answer in answers if answer is True)
    every_answer_read = len(answers) == len(obj.get("dash_answers") or {})
    if answers and every_answer_read and score is not None and score != ticks:
        check.problem(
            f"{path}.dash_score",
            f"says {score}, but dash_answers has {ticks} yes answers (leave dash_score out: "
            "it is counted from the answers)",
        )
    if day is None or agency is None or criterion is None:
        return None
    return Referral(
        day,
        agency,
        criterion,
        score if score is not None or not answers else ticks,
        answers,
        answered_by,
        incidents,
        check.maybe(obj, "victim_aware", path),
        check.maybe(obj, "victim_consents_to_referral", path),
        judgement or "",
        referrer or "",
    )


def _answers(
    check: Checker, obj: dict[str, Any], path: str, tool: RiskTool
) -> tuple[tuple[str, Answer], ...]:
    def answer(raw: dict[str, Any], key: str, where: str) -> tuple[bool, Answer]:
        value = raw[key]
        if value is None or isinstance(value, bool):
            return True, value
        check.problem(f"{where}.{key}", "must be true (yes), false (no) or null (not known)")
        return False, None

    example = '{"q1": true, "q2": null}'
    return _by_question(check, obj, path, tool, "dash_answers", example, answer)


def _answered_by(
    check: Checker, obj: dict[str, Any], path: str, tool: RiskTool
) -> tuple[tuple[str, str], ...]:
    def who(raw: dict[str, Any], key: str, where: str) -> tuple[bool, str]:
        text = check.text(raw, key, where, SHORT_TEXT)
        return text is not None, text or ""

    example = '{"q1": "the victim"}'
    return _by_question(check, obj, path, tool, "dash_answered_by", example, who)


def _by_question(
    check: Checker,
    obj: dict[str, Any],
    path: str,
    tool: RiskTool,
    field: str,
    example: str,
    read: Callable[[dict[str, Any], str, str], tuple[bool, T]],
) -> tuple[tuple[str, T], ...]:
    """An object keyed by the checklist's question ids, in the checklist's order; a key
    that is no question names how many the checklist has."""
    raw = obj.get(field)
    if raw is None:
        return ()
    where = f"{path}.{field}"
    if not isinstance(raw, dict):
        check.problem(where, f"must be an object, like {example}")
        return ()
    known = tool.question_ids
    given: dict[str, T] = {}
    for key in raw:
        if key not in known:
            check.problem(
                f"{where}.{shortened(key)}",
                f"the checklist has {len(known)} questions ({known[0]} to {known[-1]}); "
                f'there is no "{shortened(key)}"',
            )
            continue
        good, value = read(raw, key, where)
        if good:
            given[key] = value
    return tuple((q, given[q]) for q in known if q in given)


def person_extras(check: Checker, obj: dict[str, Any], path: str) -> dict[str, Any]:
    """The optional fields of a person beyond id, role, name, born and source."""
    return {
        "gender": check.text(obj, "gender", path, SHORT_TEXT, required=False),
        "ethnicity": check.text(obj, "ethnicity", path, SHORT_TEXT, required=False),
        "school": check.text(obj, "school", path, SHORT_TEXT, required=False) or None,
        **{
            key: check.maybe(obj, key, path)
            for key in ("minority_ethnic", "disability", "lgbt", "feared", "safe_contact")
        },
    }


def read_decisions(check: Checker, obj: dict[str, Any], path: str) -> tuple[RepeatDecision, ...]:
    decisions = []
    for index, raw in enumerate(check.items(obj, "repeat_decisions", path)):
        where = f"{path}.repeat_decisions[{index}]"
        entry = check.table(raw, where, DECISION_FIELDS)
        if entry is None:
            continue
        other = check.text(entry, "case", where, IDENTIFIER)
        confirmed = check.boolean(entry, "confirmed", where)
        by = check.text(entry, "decided_by", where, SHORT_TEXT)
        at = check.moment(entry, "decided_at", where)
        if other is not None and by is not None and at is not None:
            decisions.append(RepeatDecision(other, confirmed, by, at))
    return tuple(decisions)


def check_whole_case(check: Checker, case: Case, path: str, today: date) -> None:
    """What only the whole case can say (the people against the referral)."""
    if case.referral.dash_answers and case.victim() is None:
        check.problem(f"{path}.people", "the referral has no victim: add a person with role victim")
    for index, person in enumerate(case.people):
        if person.school is not None and person.role is not PersonRole.CHILD:
            check.problem(f"{path}.people[{index}].school", "a school is recorded for a child only")
        born = person.born
        if born is None:
            continue
        where = f"{path}.people[{index}].born"
        if born > today:
            check.problem(where, "a date of birth cannot be in the future")
        elif person.role is PersonRole.CHILD and _age(born, case.referral.date) >= ADULT_AGE:
            check.problem(
                where,
                f"a child must be under {ADULT_AGE} on the referral date; list this person as "
                "an other adult or the victim",
            )
    if case.closed_on is not None and case.status is CaseStatus.OPEN:
        check.problem(f"{path}.closed_on", 'an open case has no "closed_on"; set "status"')
    if case.closed_reason and case.status is CaseStatus.OPEN:
        check.problem(f"{path}.closed_reason", 'an open case has no "closed_reason"; set "status"')


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
