"""`conference new` and `agenda` as a user runs them: a new meeting from an empty agenda to
cases on it, the review list as JSON, and bad input refused with one line and exit code 4
(a date that is no date: 1, as any misuse), nothing written."""

from __future__ import annotations

import json

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import Session
from tests.support.cli import run
from tests.support.files import digest


def _new(path, *extra: str):
    return run(
        "conference", "new", path, "--date", "2027-11-26", "--venue", "Room 4",
        "--chair", "DI Example", *extra, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip


def test_a_new_conference_gets_cases_and_lists_reviews_due(demo_path):
    made = _new(demo_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout == "marac-2027-11-26\n"
    review = run(
        "agenda", demo_path, "--conference", "marac-2027-11-26", "--review", "--json",
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert review.returncode == 0, review.stderr
    due = json.loads(review.stdout)
    assert due["conference"] == "marac-2027-11-26"
    assert {entry["last_heard"] for entry in due["due"]} == {"2026-11-26"}
    first, children = (
        due["due"][0]["case"],
        [e["case"] for e in due["due"] if e["children_involved"]],
    )
    for case_id in (first, children[-1]):
        added = run(
            "agenda", demo_path, "--conference", "marac-2027-11-26", "--add", case_id,
            passphrase=DEMO_PASSPHRASE,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
    expected = [children[-1], first] if first not in children else [first, children[-1]]
    assert added.stdout.splitlines() == [f"{n}. {c}" for n, c in enumerate(expected, start=1)]
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        conference = session.conference("marac-2027-11-26")
        actions = [r.action for r in session.audit_records()]
    assert conference is not None and list(conference.agenda) == expected
    assert (conference.venue, conference.chair) == ("Room 4", "DI Example")
    assert actions.count("agenda-case-added") == 2
    assert "conference-created" in actions and "agenda-review" in actions


def test_the_title_defaults_to_the_latest_conference_and_may_be_given(demo_path):
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        latest = session.conferences()[-1].title
    assert _new(demo_path).returncode == 0
    assert _new(demo_path, "--title", "Extra MARAC").stdout == "marac-2027-11-26-2\n"
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        titles = {c.id: c.title for c in session.conferences()}
    assert titles["marac-2027-11-26"] == latest
    assert titles["marac-2027-11-26-2"] == "Extra MARAC"


@pytest.mark.parametrize(
    ("args", "code", "sentence"),
    [
        (["agenda", "--conference", "ns-2026-11-26", "--add", "nope"], 4,
         'There is no case "nope" in this case file.'),
        (["agenda", "--conference", "ns-2026-11-26", "--add", "case-01"], 4,
         'Case "case-01" is already on this meeting\'s agenda.'),
        (["agenda", "--conference", "ns-2026-11-26", "--remove", "case-01"], 4,
         'Case "case-01" has actions agreed at this meeting, so it stays on its agenda.'),
        (["agenda", "--conference", "nowhere", "--review"], 4,
         'There is no conference "nowhere" in this case file.'),
        (["conference", "new", "--date", "2027-02-30", "--venue", "V", "--chair", "C"], 1,
         '"2027-02-30" is not a date'),
        (["conference", "new", "--date", "2027-02-03", "--venue", " ", "--chair", "C"], 4,
         "Give the meeting's venue."),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_changes_nothing(demo_path, args, code, sentence):
    before = digest(demo_path)
    command, *rest = args
    if command == "conference":
        done = run(command, rest[0], demo_path, *rest[1:], passphrase=DEMO_PASSPHRASE)
    else:
        done = run(command, demo_path, *rest, passphrase=DEMO_PASSPHRASE)
    assert done.returncode == code
    assert sentence in done.stderr
    assert "Traceback" not in done.stderr
    if code == 1:
        assert digest(demo_path) == before
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        actions = {r.action for r in session.audit_records()}
        agenda = session.conference("ns-2026-11-26")
    assert not actions & {"conference-created", "agenda-case-added", "agenda-case-removed"}
    assert agenda is not None and "case-01" in agenda.agenda


def test_a_wrong_passphrase_is_exit_code_2(demo_path):
    done = run(
        "agenda", demo_path, "--conference", "ns-2026-11-26", "--review",
        passphrase="not the passphrase at all",
    )  # fmt: skip
    assert done.returncode == 2


def test_the_review_list_in_words(demo_path):
    assert _new(demo_path).returncode == 0
    review = run(
        "agenda", demo_path, "--conference", "marac-2027-11-26", "--review",
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert review.returncode == 0, review.stderr
    lines = review.stdout.splitlines()
    assert lines and all(line.endswith("last heard 2026-11-26") for line in lines)
    assert any("(with children)" in line for line in lines)
    assert any("(adults only)" in line for line in lines)
    early = run(
        "agenda", demo_path, "--conference", "ns-2026-11-26", "--review",
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert early.stdout == (
        "No case reaches 12 months since its last hearing by this meeting's date.\n"
    )
