"""`mara-desktop notice`: the plain-language notice of how information is shared.

The notice comes from a protocol and nothing else. Given a case file, the protocol it keeps is
explained (the one its minutes follow), and the notice is checked for every name and
reference in the file before it is written; given `--protocol`, a protocol file is explained
without opening any case file, so a coordinator can print notices in advance.
"""

from __future__ import annotations

import argparse

from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say
from mara_desktop.minutes.notice import Reader
from mara_desktop.minutes.notice_pdf import write_notice
from mara_desktop.protocol.loader import load_protocol


def notice(args: argparse.Namespace) -> int:
    reader = Reader(args.reader)
    if args.protocol is not None:
        protocol = load_protocol(args.protocol)
        write_notice(protocol, reader, args.out)
    else:
        with open_case_file(args.file, args.passphrase_file) as session:
            protocol = session.protocol
            never_in_it = session.names_and_references()
            write_notice(protocol, reader, args.out, never_in_it=never_in_it)
            session.record("notice", {"for": reader.value, "file": args.out.name})
    say(
        f'Wrote the notice for a {reader.value} to {args.out} ("{protocol.name}", version '
        f"{protocol.version}). It holds no case data."
    )
    return 0
