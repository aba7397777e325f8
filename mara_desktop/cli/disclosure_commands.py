"""Commands that show what an audience may see, and why, and that handle protocols."""

from __future__ import annotations

import argparse
import json
import textwrap
from datetime import date

from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.protocol_register import sign, signatures
from mara_desktop.cli.terminal import say, warn
from mara_desktop.errors import ExitCode, MaraError
from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.loader import load_protocol
from mara_desktop.protocol.matrix import as_csv, as_text
from mara_desktop.protocol.model import Protocol
from mara_desktop.protocol.notice_texts import KEYS as NOTICE_KEYS
from mara_desktop.views import CaseView
from mara_desktop.views.audiences import parse_audience
from mara_desktop.views.serialize import case_view_data


class UnknownEntry(MaraError):
    exit_code = ExitCode.INPUT


def view(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        audience = parse_audience(args.audience, session.protocol)
        shown = session.case_view(args.case, audience, on=args.on)
        session.record("view", {"case": args.case, "audience": audience.sorted(), **_on(args)})
    if args.json:
        say(json.dumps(case_view_data(shown), ensure_ascii=False, indent=2))
    else:
        say(_as_text(shown, session.protocol))
    return 0


def _as_text(shown: CaseView, p: Protocol) -> str:
    who = ", ".join(p.agency_name(a) for a in shown.audience.sorted())
    lines = [f"{p.marking}: shown to {who}", ""]
    if shown.header:
        h = shown.header
        referrer = p.agency_name(h.referring_agency)
        lines.append(
            f"{h.reference}: {h.criteria_text}; referred by {referrer} on {h.referral_date}"
        )
    else:
        lines.append(shown.title)
    if shown.held_back and p.withheld_notice:
        lines += ["", textwrap.fill(p.withheld_notice, 96)]
    for person, items in shown.groups():
        heading = (
            "About the case"
            if person is None
            else person.label + (f": {person.name}" if person.name else "")
        )
        lines += ["", heading]
        for item in items:
            body = textwrap.fill(item.text, 96, initial_indent="    ", subsequent_indent="    ")
            lines += [f"  [{item.id}] {item.category_name} (from {item.source_name})", body]
    if shown.actions:
        lines += ["", "Actions"]
        for a in shown.actions:
            due = a.due.isoformat() if a.due else "no date"
            owner = f"{a.owner_agency_name}" + (f", {a.owner_name}" if a.owner_name else "")
            lines.append(f"  [{a.id}] {a.text} ({owner}; due {due}; {a.status.label})")
    return "\n".join(lines)


def explain(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        audience = parse_audience(args.audience, session.protocol)
        decision = session.explain(args.case, args.item, audience, on=args.on)
        if decision is None:
            raise UnknownEntry(f'case "{args.case}" has no item, action or person "{args.item}".')
        session.record(
            "explain",
            {"case": args.case, "item": args.item, "audience": audience.sorted(), **_on(args)},
        )
    say(("Shown. " if decision.visible else "Withheld. ") + decision.reason)
    return 0


def _on(args: argparse.Namespace) -> dict[str, str]:
    """The date a view or explanation was asked as of, for the audit, when one was given."""
    return {"on": args.on.isoformat()} if args.on else {}


def protocol(args: argparse.Namespace) -> int:
    return {
        "check": _check,
        "matrix": _matrix,
        "set": _set,
        "show": _show,
        "sign": sign,
        "signatures": signatures,
    }[args.protocol_command](args)


def _check(args: argparse.Namespace) -> int:
    try:
        loaded = load_protocol(args.protocol_file)
    except ProtocolError as error:
        for line in error.details or (error.message,):
            say(line)
        return int(ExitCode.INPUT)
    say(
        f"{args.protocol_file}: valid. {loaded.name}, version {loaded.version}: "
        f"{len(loaded.agencies)} agencies, "
        f"{_groups(len(loaded.groups))}"
        f"{len(loaded.categories)} categories, "
        f"{len(loaded.rules)} rules; review by {loaded.review_by}."
    )
    for line in _notice_texts(loaded):
        say(line)
    return 0


def _notice_texts(loaded: Protocol) -> list[str]:
    """Which of the notices' jurisdiction texts the protocol gives, and what the notices say
    in place of each one it does not (an author sees what a reader would miss)."""
    given = loaded.notice.given()
    lines = [
        f"Notice texts ([notice]): {', '.join(given)}."
        if given
        else "No notice texts ([notice]): the notices name no country's emergency number, law "
        "or authority."
    ]
    lines += [
        f"  no {key}: {without}." for key, (_, without) in NOTICE_KEYS.items() if key not in given
    ]
    return lines


def _groups(count: int) -> str:
    return "" if not count else "1 group, " if count == 1 else f"{count} groups, "


def _matrix(args: argparse.Namespace) -> int:
    loaded = load_protocol(args.protocol_file)
    say(as_csv(loaded) if args.csv else as_text(loaded), end="")
    return 0


def _set(args: argparse.Namespace) -> int:
    new = load_protocol(args.protocol_file)
    with open_case_file(args.file, args.passphrase_file) as session:
        old = session.protocol
        session.replace_protocol(new)
    say(f'{args.file}: the protocol is now "{new.name}" version {new.version}.')
    say(f'It replaces "{old.name}" version {old.version}, which stays in the file\'s history.')
    if new.is_past_review(date.today()):
        warn(f"the new protocol was due for review by {new.review_by}.")
    return 0


def _show(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        say(session.protocol.source_text, end="")
    return 0
