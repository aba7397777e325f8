"""`protocol sign` and `protocol signatures`: the register of agencies that signed the
protocol in force, kept in the case file.

Signing records who signed for an agency and on what day, against the version and
fingerprint of the protocol the file holds now; the register lists, for that version,
who signed and who has not, then every signature ever recorded.
"""

from __future__ import annotations

import argparse
import json

from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say
from mara_desktop.domain.accountability import Signature
from mara_desktop.protocol.model import Protocol
from mara_desktop.session.accountability import SignatureRegister


def sign(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        signature = session.sign_protocol(args.agency, args.by, args.on)
        protocol = session.protocol
    say(
        f'Recorded: {protocol.agency_name(signature.agency)} signed "{protocol.name}" '
        f"version {signature.protocol_version} on {signature.signed_on:%d %b %Y} "
        f"({signature.signed_by})."
    )
    return 0


def signatures(args: argparse.Namespace) -> int:
    with open_case_file(args.file, args.passphrase_file) as session:
        register = session.signature_register()
        protocol = session.protocol
    if args.json:
        say(json.dumps(register_data(register), ensure_ascii=False, indent=2))
    else:
        say("\n".join(register_lines(register, protocol)))
    return 0


def register_data(register: SignatureRegister) -> dict[str, object]:
    return {
        "protocol_version": register.protocol_version,
        "protocol_sha256": register.protocol_sha256,
        "signed": [_signature(s) for s in register.signed.values()],
        "unsigned": register.unsigned,
        "history": [_signature(s) for s in register.history],
    }


def _signature(s: Signature) -> dict[str, object]:
    return {
        "agency": s.agency,
        "protocol_version": s.protocol_version,
        "protocol_sha256": s.protocol_sha256,
        "signed_by": s.signed_by,
        "signed_on": s.signed_on.isoformat(),
    }


def register_lines(register: SignatureRegister, protocol: Protocol) -> list[str]:
    name = protocol.agency_name
    lines = [f'"{protocol.name}", version {register.protocol_version} (in force):']
    lines += [
        f"  signed      {name(s.agency)}: {s.signed_by}, {s.signed_on:%d %b %Y}"
        for s in register.signed.values()
    ]
    lines += [f"  NOT SIGNED  {name(a)}" for a in register.unsigned]
    earlier = [s for s in register.history if s.protocol_sha256 != register.protocol_sha256]
    if earlier:
        lines += ["", "Signatures of earlier versions:"]
        lines += [
            f"  version {s.protocol_version}: {name(s.agency)}, {s.signed_by}, "
            f"{s.signed_on:%d %b %Y}"
            for s in earlier
        ]
    return lines
