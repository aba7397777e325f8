"""`close`, `reopen`, `retention` and `purge`: the end of a case, from the command line.

The same session services as the console's Close case… and Retention… windows. A purge
cannot be undone, so it asks twice, as the app does: the passphrase is typed again (never
the key this computer remembers) and the case's reference is typed to confirm, at a
prompt on a terminal or with `--confirm REFERENCE` when there is none. The file is
claimed as the app claims it, so that no window has it open while its pages are rewritten.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from mara_desktop.cli import secrets
from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say, warn
from mara_desktop.errors import ExitCode, MaraError
from mara_desktop.session import Session, open_claimed
from mara_desktop.session.closing import Kept, RetentionList, purge_summary


class NotConfirmed(MaraError):
    exit_code = ExitCode.USAGE


def close(args: argparse.Namespace) -> int:
    reason = _reason(args)
    with open_case_file(args.file, args.passphrase_file) as session:
        session.close_case(args.case, args.on or date.today(), reason)
    say(f"Closed case {args.case}; the protocol's retention period counts from that day.")
    return 0


def _reason(args: argparse.Namespace) -> str:
    """From a file or a prompt, never an argument: the reason is the case's words, and
    a command line is kept in the shell's history."""
    if args.reason_file is not None:
        try:
            return str(args.reason_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            raise MaraError(f"{args.reason_file}: cannot be read as UTF-8 text.") from None
    if not sys.stdin.isatty():
        raise NotConfirmed("Give the reason for closing with --reason-file, or run in a terminal.")
    return input("Reason for closing: ")


def reopen(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        session.reopen_case(args.case)
    say(f"Reopened case {args.case}.")
    return 0


def retention(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        found = session.retention()
        session.record("retention-listed", {"due": len(found.due)})
    if args.json:
        say(json.dumps(_data(found), ensure_ascii=False, indent=2))
    elif found.years is None:
        say(NO_PERIOD)
    else:
        say(_text(found))
    return 0


NO_PERIOD = (
    "The protocol sets no retention period (retention_years), so no case is due for purging."
)


def _data(found: RetentionList) -> dict[str, object]:
    if found.years is None:
        return {"retention_years": None, "due": []}
    return {
        "retention_years": found.years,
        "due": [_entry(k) for k in found.due],
        "not_heard_for_a_year": [_entry(k) for k in found.not_heard],
    }


def _entry(k: Kept) -> dict[str, object]:
    return {
        "case": k.case_id,
        "reference": k.reference,
        "status": k.status.value,
        "closed_on": k.closed_on.isoformat() if k.closed_on else None,
        "last_heard": k.last_heard.isoformat() if k.last_heard else None,
    }


def _text(found: RetentionList) -> str:
    lines = [f"The protocol keeps a case {found.years} years after it is closed or transferred."]
    if found.due:
        lines.append("Due for purging (mara-desktop purge FILE --case ID):")
        lines += [
            f"  {k.case_id}  {k.reference}, {k.status.value} on {k.closed_on}" for k in found.due
        ]
    else:
        lines.append("No case is due for purging.")
    if found.not_heard:
        lines.append("Open cases not heard for a year (close them, or keep them open):")
        heard = [
            f"last heard {k.last_heard}" if k.last_heard else "never heard" for k in found.not_heard
        ]
        lines += [
            f"  {k.case_id}  {k.reference}, {h}"
            for k, h in zip(found.not_heard, heard, strict=True)
        ]
    return "\n".join(lines)


def purge(args: argparse.Namespace) -> int:
    passphrase = secrets.given(args.passphrase_file)
    if passphrase is None:
        passphrase = secrets.prompt(f"Passphrase for {args.file.name} (typed again to purge)")
    session, claim = open_claimed(args.file, lambda: Session.open(args.file, passphrase=passphrase))
    try:
        with session:
            case = session.purge_check(args.case)
            if session.not_yet_due(case):
                warn(
                    f"Case {case.case_id} was {case.status.value} on {case.closed_on}: the "
                    f"protocol would keep it {session.protocol.retention_years} years from then."
                )
            reference = _confirmation(args)
            report = session.purge(args.case, passphrase=passphrase, reference=reference)
    finally:
        claim.release()
    say("\n".join(purge_summary(report)))
    return 0


def _confirmation(args: argparse.Namespace) -> str:
    if args.confirm is not None:
        return str(args.confirm)
    if not sys.stdin.isatty():
        raise NotConfirmed(
            "A purge cannot be undone: confirm it with --confirm REFERENCE (the case's "
            "reference), or run it in a terminal."
        )
    return input(f"Type the reference of case {args.case} to purge it: ")
