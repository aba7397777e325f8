"""A meeting of many cases with texts of every length, for the minutes' page breaks.

The lengths come from a seeded generator, so a meeting is the same on every run, while
different seeds put headings, items and action rows at every height of a page. Built for
the bundled protocol (its agency and category ids); the chair sees everything.
"""

from __future__ import annotations

import random
from datetime import date

from mara_desktop.domain import (
    Action,
    Attendance,
    AttendanceStatus,
    Case,
    Conference,
    Item,
    Person,
    PersonRole,
    Referral,
    ReferralCriterion,
    Subject,
)

DAY = date(2026, 11, 26)
AGENCIES = ("police", "idva", "housing", "gp", "csc", "probation")
ITEMS = (
    ("risk-summary", Subject.CASE, None),
    ("victim-health", Subject.VICTIM, "v"),
    ("victim-views", Subject.VICTIM, "v"),
    ("perpetrator-history", Subject.PERPETRATOR, "p"),
    ("child-welfare", Subject.CHILD, "c1"),
    ("housing", Subject.HOUSEHOLD, None),
)
WORDS = (
    "victim", "reported", "threats", "to", "kill", "after", "the", "separation", "and",
    "contact", "with", "the", "children", "was", "stopped", "by", "the", "court", "order",
)  # fmt: skip


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def long_meeting(seed: int, cases: int = 8) -> tuple[Conference, dict[str, Case]]:
    """`cases` cases of 1-6 items of 5-400 words each and 1-5 actions of 3-900 words."""
    rng = random.Random(seed)
    built: dict[str, Case] = {}
    for n in range(1, cases + 1):
        people = (
            Person("v", PersonRole.VICTIM, f"Victim Name{n}", date(1990, 1, n)),
            Person("p", PersonRole.PERPETRATOR, f"Perpetrator Name{n}", date(1988, 2, n)),
            Person("c1", PersonRole.CHILD, f"Child Name{n}", date(2019, 3, n)),
            Person("c2", PersonRole.CHILD, f"Other Child{n}", date(2021, 4, n)),
        )
        items = tuple(
            Item(f"i{k}", category, rng.choice(AGENCIES), subject,
                 _text(rng, rng.choice((5, 20, 60, 150, 400))), person=person)
            for k, (category, subject, person) in enumerate(
                rng.sample(ITEMS, rng.randint(1, len(ITEMS))), start=1
            )
        )  # fmt: skip
        actions = tuple(
            Action(f"a{k}", rng.choice(AGENCIES), "actions",
                   _text(rng, rng.choice((3, 12, 40, 300, 900))), DAY, owner_name="Owner")
            for k in range(1, rng.randint(1, 5) + 1)
        )  # fmt: skip
        built[f"case-{n:02d}"] = Case(
            f"case-{n:02d}",
            f"NS-2026-{n:04d}",
            n % 2 == 0,
            Referral(DAY, "police", ReferralCriterion.VISIBLE_HIGH_RISK, 15),
            people=people,
            items=items,
            actions=actions,
        )
    attendance = tuple(Attendance(a, f"Member {a}", AttendanceStatus.PRESENT) for a in AGENCIES)
    conference = Conference("long", "Long MARAC", DAY, "Room", "Chair", tuple(built), attendance)
    return conference, built
