"""`mara-desktop sar`: what the case file holds about one person of a case, as an
owner-only PDF and JSON for the reviewer (docs/guide.md, "Subject access requests")."""

from __future__ import annotations

import argparse

from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say
from mara_desktop.minutes.subject_access_export import write_subject_access


def sar(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        written = write_subject_access(session, args.case, args.person, args.out)
    say(str(written.pdf))
    say(str(written.json))
    return 0
