"""`mara-desktop dpia FILE --out F`: a draft data protection impact assessment for the
data protection officer (minutes/dpia.py), PDF or Markdown by the name's ending."""

from __future__ import annotations

import argparse

from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say
from mara_desktop.minutes.dpia_files import write_dpia


def dpia(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        never_in_it = session.names_and_references()
        facts = session.dpia_facts(never_in_it)
        kind = write_dpia(facts, args.out, never_in_it)
        session.record("dpia", {"file": args.out.name, "audit_verified": facts.audit.verified})
    say(
        f"Wrote a draft data protection impact assessment ({kind}) to {args.out}, for the "
        "data protection officer to complete. It holds no case data."
    )
    return 0
