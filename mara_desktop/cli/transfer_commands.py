"""`transfer`: one case to another area's MARAC as an encrypted pack; and `import` of such
a pack, which `import` tells from an interchange file by its suffix or first bytes.

A pack has a passphrase of its own, never an argument: from `--pack-passphrase-file`
(first line, as `--passphrase-file`) or asked on the terminal (twice when it is new).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mara_desktop.cli import casefile_commands, secrets
from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say, warn
from mara_desktop.session import KeyUnavailable, check_pack, is_case_file


def pack_passphrase(source: Path | None, pack: Path, *, new: bool) -> str:
    if source is not None:
        return secrets.from_file(source)
    if not sys.stdin.isatty():
        raise KeyUnavailable(
            f"No passphrase for the pack {pack.name}: give --pack-passphrase-file, or run in "
            "a terminal."
        )
    label = "New passphrase for the pack" if new else f"Passphrase of the pack {pack.name}"
    return secrets.prompt(label, confirm=new)


def transfer(args: argparse.Namespace) -> int:
    """Everything that can be refused is, before the pack's passphrase is asked for."""
    with open_case_file(args.file, args.passphrase_file) as session:
        session.check_transfer(args.case, args.out)
        passphrase = pack_passphrase(args.pack_passphrase_file, args.out, new=True)
        made = session.transfer_case(args.case, args.out, passphrase, to_area=args.area)
    to = f" to {args.area.strip()}" if args.area.strip() else ""
    say(
        f"Case {made.case_id} was transferred{to}: {args.out} holds it alone, with its history "
        f"and {made.audit_records} audit records, under its own passphrase."
    )
    say(f"In {args.file.name} the case is now marked transferred, closed today.")
    warn(
        f"Send {args.out} and its passphrase by different routes, and delete your copy of the "
        "pack once the receiving area has imported it."
    )
    return 0


def import_(args: argparse.Namespace) -> int:
    """A transfer pack, or else an interchange file (casefile_commands.import_)."""
    if not is_case_file(args.data):
        return casefile_commands.import_(args)
    check_pack(args.data)
    with open_case_file(args.file, args.passphrase_file) as session:
        passphrase = pack_passphrase(args.pack_passphrase_file, args.data, new=False)
        received = session.import_pack(args.data, passphrase)
        protocol = session.protocol
    say(
        f"Imported case {received.case_id} from the transfer pack {args.data.name}, with its "
        f"history and {received.audit_records} audit records from the sending area."
    )
    if received.protocol_differs:
        warn(
            f"The pack was made under another protocol than this file's: the case is shown "
            f'and shared under "{protocol.name}" (version {protocol.version}) from now on.'
        )
    warn(f"{args.data} still holds the case: delete it once you have checked the case here.")
    return 0
