"""The command line's shape (DESIGN.md, "Command line"); argparse, exit code 1 on misuse."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import NoReturn

from mara_desktop import __version__
from mara_desktop.cli.terminal import shown
from mara_desktop.domain import parse_date


class Parser(argparse.ArgumentParser):
    """Usage errors exit with 1, as pinned, not argparse's 2 (which means "key" here)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage()
        self.exit(1, shown(f"{self.prog}: {message}\n"))  # it may repeat what was typed


def _file(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("file", type=Path, metavar="FILE", help="the case file (.mara)")
    sub.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="P",
        help="read the passphrase from the first line of this file "
        "(or set MARA_PASSPHRASE; otherwise you are asked)",
    )


def _day(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a date: write it as YYYY-MM-DD, like 2026-11-26'
        ) from None


def _on(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--on",
        type=_day,
        metavar="YYYY-MM-DD",
        help="decide as of this date (default: today); an override applies up to its last day",
    )


def build() -> Parser:
    parser = Parser(
        prog="mara-desktop",
        description="The MARAC chair's encrypted case file, meeting walkthrough and minutes.",
        epilog="Without a command, opens the app: mara-desktop [FILE] or mara-desktop --demo.",
    )
    parser.add_argument("--version", action="version", version=f"MARA Desktop {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    sub = commands.add_parser("create", help="create a new, empty case file")
    _file(sub)
    sub.add_argument(
        "--protocol", type=Path, metavar="P.toml", help="protocol file (default: England and Wales)"
    )
    sub.add_argument("--remember", action="store_true", help="remember the key on this computer")

    sub = commands.add_parser("import", help="import cases and conferences from JSON")
    _file(sub)
    sub.add_argument("data", type=Path, metavar="DATA.json")
    sub.add_argument(
        "--update", action="store_true", help="replace cases and conferences already in the file"
    )
    _pack_passphrase(sub, "with a transfer pack (.mara) for DATA: the pack's passphrase")

    sub = commands.add_parser("export", help="export the whole case file as JSON (unencrypted)")
    _file(sub)
    sub.add_argument("out", type=Path, metavar="OUT.json")

    sub = commands.add_parser(
        "verify", help="check every page and the audit chain (changes nothing)"
    )
    _file(sub)
    sub.add_argument(
        "--against",
        type=Path,
        action="append",
        default=[],
        metavar="X",
        help="a minutes manifest.json or a backup: check that the file still holds the newest "
        "audit record it saw (may be given more than once)",
    )

    sub = commands.add_parser("backup", help="write an encrypted copy")
    _file(sub)
    sub.add_argument("dest", type=Path, metavar="DEST")

    sub = commands.add_parser(
        "restore", help="put a backup back in place of a case file (the old file is kept)"
    )
    sub.add_argument("backup", type=Path, metavar="BACKUP", help="the backup to restore")
    sub.add_argument("file", type=Path, metavar="FILE", help="the case file to restore to")
    sub.add_argument(
        "--passphrase-file", type=Path, metavar="P", help="the backup's passphrase, as for FILE"
    )

    sub = commands.add_parser("passphrase", help="change the passphrase")
    _file(sub)
    sub.add_argument(
        "--new-passphrase-file", type=Path, metavar="P", help="or set MARA_NEW_PASSPHRASE"
    )

    sub = commands.add_parser("remember", help="remember the key in this computer's keychain")
    _file(sub)

    sub = commands.add_parser("forget", help="remove the key from this computer's keychain")
    sub.add_argument("file", type=Path, metavar="FILE")

    sub = commands.add_parser("demo", help="create a case file holding the demo conference")
    sub.add_argument("file", type=Path, metavar="FILE")

    _transfer_command(commands)
    _disclosure_commands(commands)
    _minutes_command(commands)
    _notice_command(commands)
    _agenda_commands(commands)
    _actions_command(commands)
    sub = commands.add_parser(
        "dpia", help="a draft data protection impact assessment for the DPO (no case data)"
    )
    _file(sub)
    sub.add_argument(
        "--out", required=True, type=Path, metavar="F", help="F.pdf for a PDF, else Markdown"
    )
    _subject_access_command(commands)
    _retention_commands(commands)
    return parser


def _pack_passphrase(sub: argparse.ArgumentParser, meaning: str) -> None:
    sub.add_argument(
        "--pack-passphrase-file",
        type=Path,
        metavar="F",
        help=f"{meaning}, from the first line of F (otherwise you are asked)",
    )


def _transfer_command(commands: argparse._SubParsersAction[Parser]) -> None:
    sub = commands.add_parser(
        "transfer", help="one case as a new encrypted file for another area's MARAC"
    )
    _file(sub)
    sub.add_argument("--case", required=True, metavar="ID")
    sub.add_argument(
        "--out", required=True, type=Path, metavar="PACK.mara", help="the pack to write (new)"
    )
    sub.add_argument("--to", dest="area", default="", metavar="AREA", help="the receiving area")
    _pack_passphrase(sub, "the pack's own passphrase")


def _disclosure_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    sub = commands.add_parser("view", help="what an audience may see of a case")
    _file(sub)
    sub.add_argument("--case", required=True, metavar="ID")
    sub.add_argument("--as", dest="audience", required=True, metavar="AGENCY[,AGENCY...]")
    sub.add_argument("--json", action="store_true", help="print JSON")
    _on(sub)

    sub = commands.add_parser(
        "stats", help="the quarterly return's figures for the meetings in a date range"
    )
    _file(sub)
    sub.add_argument("--from", dest="start", type=_day, required=True, metavar="YYYY-MM-DD")
    sub.add_argument("--to", dest="end", type=_day, required=True, metavar="YYYY-MM-DD")
    sub.add_argument("--json", action="store_true", help="print JSON (every count as it is)")
    sub.add_argument(
        "--csv",
        type=Path,
        metavar="OUT.csv",
        help="write a CSV to send outside the area: counts of 1 to 4 are written as <5",
    )

    sub = commands.add_parser("explain", help="why an agency may or may not see an item")
    _file(sub)
    sub.add_argument("--case", required=True, metavar="ID")
    sub.add_argument("--item", required=True, metavar="ID")
    sub.add_argument("--as", dest="audience", required=True, metavar="AGENCY[,AGENCY...]")
    _on(sub)

    protocol = commands.add_parser("protocol", help="check, show or replace a protocol")
    actions = protocol.add_subparsers(
        dest="protocol_command", metavar="ACTION", parser_class=Parser
    )
    actions.required = True
    sub = actions.add_parser("check", help="check a protocol file")
    sub.add_argument("protocol_file", type=Path, metavar="P.toml")
    sub = actions.add_parser("matrix", help="agencies x categories, with conditions")
    sub.add_argument("protocol_file", type=Path, metavar="P.toml")
    sub.add_argument("--csv", action="store_true")
    sub = actions.add_parser("set", help="replace the protocol kept in a case file")
    _file(sub)
    sub.add_argument("protocol_file", type=Path, metavar="P.toml")
    sub = actions.add_parser("show", help="print the protocol kept in a case file")
    _file(sub)
    sub = actions.add_parser(
        "sign", help="record that an agency signed the protocol the case file holds now"
    )
    _file(sub)
    sub.add_argument("--agency", required=True, metavar="ID", help="the agency that signed")
    sub.add_argument("--by", required=True, metavar="NAME", help="who signed for it")
    sub.add_argument("--on", required=True, type=_day, metavar="YYYY-MM-DD", help="the day")
    sub = actions.add_parser(
        "signatures", help="which agencies signed the protocol in force, and which have not"
    )
    _file(sub)
    sub.add_argument("--json", action="store_true", help="print JSON")


def _minutes_command(commands: argparse._SubParsersAction[Parser]) -> None:
    sub = commands.add_parser("minutes", help="write each agency's minutes as a PDF")
    _file(sub)
    sub.add_argument("--conference", required=True, metavar="ID")
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--agency", metavar="ID", help="one agency's copy")
    who.add_argument(
        "--all", action="store_true", help="a copy for every agency present or sending apologies"
    )
    sub.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write to")
    sub.add_argument("--chair", action="store_true", help="also the chair's copy (not to send)")
    sub.add_argument(
        "--common",
        action="store_true",
        help="also one common copy holding only what every agency present may receive",
    )
    sub.add_argument(
        "--reproducible", action="store_true", help="identical bytes for identical input"
    )
    sub.add_argument(
        "--password", action="store_true", help="encrypt each copy with its own password"
    )
    sub.add_argument(
        "--accept-mentions",
        action="store_true",
        help="keep as written every entry that mentions a person or value withheld from its "
        "reader (audited; without it such entries stop the export)",
    )


def _notice_command(commands: argparse._SubParsersAction[Parser]) -> None:
    sub = commands.add_parser(
        "notice", help="a plain-language notice for a victim or perpetrator (no case data)"
    )
    source = sub.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="the case file whose protocol to explain"
    )
    source.add_argument(
        "--protocol", type=Path, metavar="P.toml", help="or a protocol file (no passphrase needed)"
    )
    sub.add_argument("--passphrase-file", type=Path, metavar="P", help="as for the other commands")
    sub.add_argument("--for", dest="reader", required=True, choices=["victim", "perpetrator"])
    sub.add_argument("--out", required=True, type=Path, metavar="X.pdf")


def _agenda_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    meeting = commands.add_parser("conference", help="add a new conference (meeting)")
    actions = meeting.add_subparsers(
        dest="conference_command", metavar="ACTION", parser_class=Parser
    )
    actions.required = True
    sub = actions.add_parser("new", help="a new conference with an empty agenda; prints its id")
    _file(sub)
    sub.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD")
    sub.add_argument("--venue", required=True, metavar="V")
    sub.add_argument("--chair", required=True, metavar="C", help="who chairs it")
    sub.add_argument("--title", metavar="T", help="default: the latest conference's title")
    sub.add_argument("--minute-taker", default="", metavar="NAME", help="who takes the minutes")
    sub.add_argument(
        "--next-meeting", type=_day, metavar="YYYY-MM-DD", help="the next meeting's date"
    )
    sub.add_argument(
        "--other-business-file",
        type=Path,
        metavar="F",
        help="any other business, read from this UTF-8 text file (- for standard input; "
        "not an argument, which shell history keeps); printed in every copy of the minutes",
    )

    sub = commands.add_parser("agenda", help="change a conference's agenda, or list reviews due")
    _file(sub)
    sub.add_argument("--conference", required=True, metavar="ID")
    change = sub.add_mutually_exclusive_group(required=True)
    change.add_argument(
        "--add", metavar="CASE", help="add a case (children's cases after the last children's)"
    )
    change.add_argument("--remove", metavar="CASE", help="take a case off the agenda")
    change.add_argument("--up", metavar="CASE", help="move a case up among cases of its kind")
    change.add_argument("--down", metavar="CASE", help="move a case down among its kind")
    change.add_argument(
        "--review",
        action="store_true",
        help="list cases 12 months or more since their last hearing, not on the agenda",
    )
    sub.add_argument("--json", action="store_true", help="with --review: print JSON")


def _actions_command(commands: argparse._SubParsersAction[Parser]) -> None:
    sub = commands.add_parser(
        "actions", help="the action log across cases and meetings (list, CSV or PDF)"
    )
    _file(sub)
    sub.add_argument("--agency", metavar="ID", help="only what this agency may see")
    sub.add_argument(
        "--overdue", action="store_true", help="only open actions due before --on (or today)"
    )
    sub.add_argument(
        "--on", type=_day, metavar="YYYY-MM-DD", help="as of this date (default: today)"
    )
    sub.add_argument(
        "--status",
        metavar="S",
        help="only actions with this status: open, done, not-possible (change of "
        "circumstance) or not-done (agency did not act)",
    )
    out = sub.add_mutually_exclusive_group()
    out.add_argument("--csv", type=Path, metavar="OUT.csv", help="write the log as CSV")
    out.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write the log as a PDF")
    out.add_argument(
        "--update",
        type=Path,
        metavar="U.csv",
        help="record progress reports (columns action,status,note,updated_by,updated_on); "
        "with --agency, from that agency, on its own actions only",
    )


def _subject_access_command(commands: argparse._SubParsersAction[Parser]) -> None:
    sub = commands.add_parser(
        "sar", help="what is held about one person of a case: a PDF and a JSON for review"
    )
    _file(sub)
    sub.add_argument("--case", required=True, metavar="ID")
    sub.add_argument("--person", required=True, metavar="PID", help="the person's id in the case")
    sub.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="folder to write to (made if missing)",
    )


def _retention_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    sub = commands.add_parser("close", help="close a case (retention counts from that day)")
    _file(sub)
    sub.add_argument("--case", required=True, metavar="ID")
    sub.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="default: today")
    sub.add_argument(
        "--reason-file", type=Path, metavar="R.txt", help="the reason (otherwise you are asked)"
    )
    sub = commands.add_parser("reopen", help="open a closed case again")
    _file(sub)
    sub.add_argument("--case", required=True, metavar="ID")
    sub = commands.add_parser(
        "retention", help="cases kept longer than the protocol's retention period"
    )
    _file(sub)
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub = commands.add_parser(
        "purge", help="remove a closed case from every page of the file (cannot be undone)"
    )
    _file(sub)
    sub.add_argument("--case", required=True, metavar="ID")
    sub.add_argument(
        "--confirm",
        metavar="REFERENCE",
        help="the case's reference, to confirm when not run in a terminal",
    )


def build_app() -> Parser:
    parser = Parser(prog="mara-desktop", description="Open the MARA Desktop app.")
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="a case file to open")
    parser.add_argument("--demo", action="store_true", help="open a fresh copy of the demo")
    parser.add_argument("--version", action="version", version=f"MARA Desktop {__version__}")
    return parser
