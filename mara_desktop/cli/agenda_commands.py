"""`conference new` and `agenda`: a meeting prepared from the command line, as in the app.

The same session services as the console's New conference and Agenda dialogs: each
change checked, written and audited by the store; a refusal is one sentence, exit code 4.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say
from mara_desktop.domain import MinutesSections
from mara_desktop.errors import MaraError
from mara_desktop.session import Candidate, Session, case_kind


def conference(args: argparse.Namespace) -> int:
    """`conference new`: the only action so far; prints the new conference's id."""
    business = _other_business(args.other_business_file)
    sections = MinutesSections(args.minute_taker, args.next_meeting, business)
    with open_case_file(args.file, args.passphrase_file) as session:
        new_id = session.new_conference(args.date, args.venue, args.chair, args.title, sections)
    say(new_id)
    return 0


def _other_business(path: Path | None) -> str:
    """The text of `--other-business-file` (`-`: standard input), read before the case
    file is opened, so that a file that cannot be read changes nothing."""
    if path is None:
        return ""
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        raise MaraError(f"{path}: the other business cannot be read ({reason}).") from None


def agenda(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        if args.review:
            return _review(session, args.conference, as_json=args.json)
        if args.add:
            session.add_to_agenda(args.conference, args.add)
        elif args.remove:
            session.remove_from_agenda(args.conference, args.remove)
        else:
            session.move_on_agenda(args.conference, args.up or args.down, -1 if args.up else 1)
        meeting = session.meeting(args.conference)
        order = meeting.order if meeting is not None else []
    say("\n".join(f"{n}. {case_id}" for n, case_id in enumerate(order, start=1)))
    return 0


def _review(session: Session, conference_id: str, *, as_json: bool) -> int:
    due = session.due_for_review(conference_id)
    session.record("agenda-review", {"conference": conference_id, "due": len(due)})
    if as_json:
        say(json.dumps({"conference": conference_id, "due": [_entry(c) for c in due]}, indent=2))
    elif due:
        for c in due:
            kind = case_kind(c.children_involved)
            say(f"{c.case_id}  {c.reference} ({kind}), last heard {c.last_heard}")
    else:
        say("No case reaches 12 months since its last hearing by this meeting's date.")
    return 0


def _entry(candidate: Candidate) -> dict[str, object]:
    return {
        "case": candidate.case_id,
        "reference": candidate.reference,
        "children_involved": candidate.children_involved,
        "last_heard": candidate.last_heard.isoformat() if candidate.last_heard else None,
    }
