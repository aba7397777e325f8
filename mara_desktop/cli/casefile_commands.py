"""Commands that create, fill, copy and check a case file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mara_desktop.cli import secrets
from mara_desktop.cli.terminal import say, warn
from mara_desktop.demo import DEMO_PASSPHRASE, create_demo
from mara_desktop.errors import ExitCode, MaraError
from mara_desktop.protocol.loader import load_protocol
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import Anchor, CaseFileError, Head, KeyUnavailable, Session, keychain


class VerifyFailed(MaraError):
    exit_code = ExitCode.DAMAGED


def open_case_file(path: Path, passphrase_file: Path | None, *, read_only: bool = False) -> Session:
    """Open with a given passphrase, else the remembered key, else a terminal prompt.
    `read_only`: nothing is written to the file, not even the record of opening it."""
    passphrase = secrets.given(passphrase_file)
    if passphrase is not None:
        session = Session.open(path, passphrase=passphrase, read_only=read_only)
    else:
        try:
            session = Session.open(path, read_only=read_only)
        except KeyUnavailable:
            if not sys.stdin.isatty():
                raise
            session = Session.open(
                path,
                passphrase=secrets.prompt(f"Passphrase for {path.name}"),
                read_only=read_only,
            )
    for line in session.warnings:
        warn(line)
    return session


def new_passphrase(source: Path | None, env: str) -> str:
    given = secrets.given(source, env)
    return given if given is not None else secrets.prompt("New passphrase", confirm=True)


def create(args: argparse.Namespace) -> int:
    protocol_path = args.protocol or default_protocol_path()
    protocol = load_protocol(protocol_path)
    passphrase = new_passphrase(args.passphrase_file, secrets.ENV_PASSPHRASE)
    with Session.create(args.file, passphrase, protocol.source_text) as session:
        say(f'Created {args.file} under "{protocol.name}" (version {protocol.version}).')
        if args.remember:
            _remember(session)
    return 0


def import_(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        report = session.import_interchange(args.data, update=args.update)
    say(f"Imported {args.data.name}: {report.summary()}")
    for case_id in report.history_kept:
        warn(
            f"case {case_id}: the case file holds consent or override records the import "
            "lacks; they were kept (history is never deleted)."
        )
    return 0


def export(args: argparse.Namespace) -> int:
    """Cases are read and written a batch at a time, all as of one moment (a snapshot)."""
    with open_case_file(args.file, args.passphrase_file) as session:
        cases, conferences = session.export_interchange(args.out)
    counts = f"{cases} cases and {conferences} conferences"
    say(f"Exported {counts} to {args.out}.")
    warn(f"{args.out} holds case data unencrypted: keep it safe and delete it when done.")
    return 0


def verify(args: argparse.Namespace) -> int:
    """Reads only: the file's bytes are the same afterwards, even when it fails."""
    with open_case_file(args.file, args.passphrase_file, read_only=True) as session:
        against = [_anchor_from(session, path) for path in args.against]
        report = session.verify(against)
    if not report.ok:
        raise VerifyFailed(
            f"{args.file}: verification failed: {report.problems[0]}.",
            details=tuple(report.problems) if len(report.problems) > 1 else (),
        )
    chain = f"the audit chain ({report.audit_records} records)"
    say(f"{args.file}: every page, the structure and {chain} check out.")
    for held in report.anchors_held:
        say(f"  It still holds audit {held} and every record before it.")
    return 0


def _anchor_from(session: Session, path: Path) -> Anchor:
    """The newest audit record a minutes manifest or a backup saw in the file."""
    if path.suffix.lower() == ".json":
        from mara_desktop.minutes.manifest import read_witness  # noqa: PLC0415  (verify only)

        witness = read_witness(path)
        return Anchor(path.name, witness.case_file, Head(witness.record, witness.hash))
    anchor = session.anchor_of_copy(path)
    if anchor is None:
        raise CaseFileError(f"{path}: holds no audit record to compare.")
    return anchor


def backup(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        newest = session.backup(args.dest)
    say(f"Backed up to {args.dest}; it opens with the same passphrase.")
    if newest is not None:
        say(
            f"It holds the audit log up to record {newest.record}: later, "
            f"`mara-desktop verify {args.file} --against {args.dest}` shows that no record "
            "up to it was removed."
        )
    return 0


def restore(args: argparse.Namespace) -> int:
    """The backup's passphrase opens it; the restored file keeps that passphrase."""
    with open_case_file(args.backup, args.passphrase_file, read_only=True) as backup_file:
        restored = backup_file.restore_to(args.file)
    say(f"Restored {args.file} from {args.backup}; it opens with the backup's passphrase.")
    if restored.backup_head is not None:
        say(
            f"  Its audit log holds the backup's records 1 to {restored.backup_head.record}, "
            "then the records of this restore."
        )
    if restored.set_aside is not None:
        say(
            f"  The file that was there is kept as {restored.set_aside}: anything written to "
            "it after the backup is only there. Keep it until you have checked."
        )
    return 0


def passphrase(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        new = new_passphrase(args.new_passphrase_file, secrets.ENV_NEW_PASSPHRASE)
        session.change_passphrase(new)
    say(f"The passphrase of {args.file} was changed. Backups made before keep the old one.")
    return 0


def remember(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        _remember(session)
    return 0


def _remember(session: Session) -> None:
    session.remember_on_this_device()
    say(f"This computer now remembers {session.path.name}. {keychain.status().sentence}")


def forget(args: argparse.Namespace) -> int:
    if keychain.forget(args.file):
        say(f"This computer no longer remembers the key of {args.file}.")
    else:
        say(f"This computer did not remember the key of {args.file}; nothing to forget.")
    return 0


def demo(args: argparse.Namespace) -> int:
    if args.file.exists():
        raise CaseFileError(f"{args.file}: already exists; a new case file needs a new name.")
    create_demo(args.file).close()
    say(f"Created the demo case file {args.file}; its passphrase is: {DEMO_PASSPHRASE}")
    return 0
