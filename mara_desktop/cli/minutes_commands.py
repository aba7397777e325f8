"""`mara-desktop minutes`: one PDF of the minutes per agency, checked for leaks."""

from __future__ import annotations

import argparse

from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say, tell
from mara_desktop.domain import CHAIR
from mara_desktop.errors import ExitCode, MaraError
from mara_desktop.minutes.export import (
    COMMON,
    MinutesRequest,
    MinutesResult,
    distribution,
    export_minutes,
    find_conference,
    prepare_workers_ahead,
)
from mara_desktop.minutes.free_text import MentionsFound, mention_line
from mara_desktop.minutes.passwords import KEYCHAIN_SERVICE
from mara_desktop.protocol.model import Protocol


class MinutesUsage(MaraError):
    exit_code = ExitCode.USAGE


def minutes(args: argparse.Namespace) -> int:
    if not (args.agency or args.all or args.chair or args.common):
        raise MinutesUsage("name the copies to write: --agency ID, --all, --chair or --common.")
    if args.reproducible and args.password:
        raise MinutesUsage(
            "--reproducible and --password cannot be combined: each encrypted copy has a "
            "fresh password and fresh random keys."
        )
    if args.all:  # every agency's copy: as good as always made in worker processes
        prepare_workers_ahead()
    with open_case_file(args.file, args.passphrase_file) as session:
        if args.agency:
            _not_a_group(args.agency, session.protocol)
        conference = find_conference(session, args.conference)
        agencies = distribution(conference) if args.all else [args.agency] if args.agency else []
        if args.chair:
            agencies.append(CHAIR)
        if args.common:
            agencies.append(COMMON)
        request = MinutesRequest(
            conference.id,
            tuple(agencies),
            args.out,
            args.reproducible,
            args.password,
            kept_mentions=None if args.accept_mentions else frozenset(),
        )
        try:
            result = export_minutes(session, request)
        except MentionsFound as found:
            for mention in found.mentions:  # the chair's own terminal: values are shown
                tell(mention_line(mention, session.protocol))
            raise
    _report(result, args)
    return 0


def _not_a_group(agency: str, protocol: Protocol) -> None:
    """Minutes go to one agency at a time (each copy is checked against that agency alone),
    so a group's id is refused with its members named, rather than read as "unknown"."""
    group = protocol.group(agency)
    if group is None:
        return
    members = ", ".join(group.agencies)
    raise MaraError(
        f'"{agency}" is a group ({group.name}: {members}); minutes are written for one '
        f"agency at a time: give --agency with one of {members}, or use --all."
    )


def _report(result: MinutesResult, args: argparse.Namespace) -> None:
    count = len(result.copies)
    copies = "1 copy" if count == 1 else f"{count} copies"
    say(
        f"Wrote {copies} of the minutes of {args.conference} to {args.out}; "
        "each passed the leak check."
    )
    for written in result.copies:
        entry = written.entry
        kept = "" if entry.free_text_check == "passed" else f"; mentions {entry.free_text_check}"
        say(f"  {entry.file}: {entry.pages} pages, copy {entry.copy_id}{kept}")
    say(f"  {result.manifest.name if result.manifest else ''}: the files, their hashes and checks")
    protected = [w for w in result.copies if w.password]
    if not protected:
        return
    if all(w.in_keychain for w in protected):
        say(
            "Each copy is encrypted (AES-256). Its password is kept in this computer's keychain "
            f'under "{KEYCHAIN_SERVICE}", one entry per copy (conference/agency/copy).'
        )
        return
    say("Each copy is encrypted (AES-256). No secure keychain is available, so the passwords")
    say("are shown only now. Send each to its agency separately from the file:")
    for written in protected:
        say(f"  {written.entry.file}: {written.password}")
