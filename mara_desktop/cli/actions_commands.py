"""`mara-desktop actions`: the action log across cases and meetings (docs/actions.md).

Without `--agency` it is the chair's log: every action. With it, only what that agency may
see under the protocol, as its minutes would show it (views/action_log.py). `--csv` and
`--pdf` write that log to a file only its owner can read; the PDF is checked for leaks
like a copy of the minutes. Every log made is audited. `--update` records progress reports
from a CSV, all or none, each kept as history and audited.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say
from mara_desktop.domain import ActionStatus, Audience
from mara_desktop.domain.action_update import STATUS_WORDS, status_from_word
from mara_desktop.errors import ExitCode, MaraError, did_you_mean
from mara_desktop.interchange.action_csv import read_update_rows, write_log_csv
from mara_desktop.minutes.case_section import long_date, status_text
from mara_desktop.protocol.model import Protocol
from mara_desktop.session import Session
from mara_desktop.views.action_log import ActionLogEntry, LogFilter


class ActionsUsage(MaraError):
    exit_code = ExitCode.USAGE


def actions(args: argparse.Namespace) -> int:
    if args.update:
        return _update(args)
    status = _status(args.status)
    on = args.on or date.today()
    with open_case_file(args.file, args.passphrase_file) as session:
        audience = _audience(args.agency, session.protocol)
        narrowed = LogFilter(overdue=args.overdue, status=status)
        entries = session.action_log(audience, on, narrowed)
        recipient = _recipient(args.agency, session.protocol)
        out = args.csv or args.pdf
        if args.pdf:
            pages = _write_pdf(session, args, entries, audience, on, recipient)
        elif args.csv:
            write_log_csv(args.csv, entries)
        session.record(
            "action-log",
            {
                "agency": args.agency,
                "on": on.isoformat(),
                "overdue": args.overdue,
                "status": status.value if status else None,
                "file": out.name if out else None,
                "actions": len(entries),
            },
        )
    if args.pdf:
        say(f"Wrote the action log for {recipient} to {args.pdf}: {len(entries)} action(s), "
            f"{pages} page(s); it passed the leak check.")  # fmt: skip
    elif args.csv:
        say(f"Wrote the action log for {recipient} to {args.csv}: {len(entries)} action(s).")
    else:
        _print(entries, recipient, on)
    return 0


def _update(args: argparse.Namespace) -> int:
    """Progress reports from a CSV: all recorded, or none (one line naming the first bad
    row). With --agency, each row's action must be that agency's own."""
    if args.overdue or args.status or args.on:
        raise ActionsUsage("--update records reports; --overdue, --status and --on only list.")
    rows = read_update_rows(args.update)
    with open_case_file(args.file, args.passphrase_file) as session:
        if args.agency is not None:
            _audience(args.agency, session.protocol)
        updates = session.record_action_updates(
            rows, agency=args.agency, source=args.update.name, today=date.today()
        )
        who = _recipient(args.agency, session.protocol)
    say(f"Recorded {len(updates)} update(s) from {args.update.name} for {who}.")
    return 0


def _status(word: str | None) -> ActionStatus | None:
    if word is None:
        return None
    status = status_from_word(word)
    if status is None:
        raise ActionsUsage(
            f'--status "{word}" is not a status; use one of: {", ".join(STATUS_WORDS)}.'
        )
    return status


def _audience(agency: str | None, protocol: Protocol) -> Audience:
    if agency is None:
        return Audience.chair()
    known = [a.id for a in protocol.agencies]
    if agency in known:
        return Audience.of([agency])
    group = protocol.group(agency)
    if group is not None:
        raise MaraError(
            f'"{agency}" is a group ({group.name}); an action log is for one agency at a '
            f"time: give --agency with one of {', '.join(group.agencies)}."
        )
    raise MaraError(
        f'unknown agency "{agency}"{did_you_mean(agency, known)}; '
        "the protocol's agencies are: " + ", ".join(known) + "."
    )


def _recipient(agency: str | None, protocol: Protocol) -> str:
    return "the chair" if agency is None else protocol.agency_name(agency)


def _narrowing(args: argparse.Namespace, status: ActionStatus | None, on: date) -> str:
    parts = []
    if args.overdue:
        parts.append(f"open actions due before {long_date(on)}")
    if status is not None:
        parts.append(f"status {status.label}")
    return "Only " + " and ".join(parts) + "." if parts else "Every action."


def _write_pdf(
    session: Session,
    args: argparse.Namespace,
    entries: list[ActionLogEntry],
    audience: Audience,
    on: date,
    recipient: str,
) -> int:
    # reportlab and pypdf only when a PDF is asked for: the listing must start fast
    from mara_desktop.minutes.action_log_pdf import (  # noqa: PLC0415
        action_log_story,
        write_action_log_pdf,
    )

    narrowing = _narrowing(args, _status(args.status), on)
    story = action_log_story(entries, recipient, on, narrowing)
    line = (
        "The chair's log: not for distribution"
        if audience.is_chair
        else (f"Prepared for: {recipient}")
    )
    withheld = [] if audience.is_chair else session.withheld_from_log(audience, on)
    path: Path = args.pdf
    return write_action_log_pdf(path, story, (session.protocol.marking, line), withheld)


def _print(entries: list[ActionLogEntry], recipient: str, on: date) -> None:
    say(f"Action log for {recipient}, as of {long_date(on)}: {len(entries)} action(s).")
    for entry in entries:
        action = entry.action
        owner = action.owner_agency_name + (f" ({action.owner_name})" if action.owner_name else "")
        due = f"due {long_date(action.due, short=True)}" if action.due else "no due date"
        case = entry.case_reference or "case not shown"
        say(f"{action.reference}  {case}  {owner}  {due}  {status_text(action)}")
        say(f"    {action.text}")
        latest = entry.latest
        if latest is not None:
            note = f": {latest.note}" if latest.note else ""
            say(f"    Latest update {long_date(latest.updated_on, short=True)}, "
                f"{latest.updated_by}{note}")  # fmt: skip
