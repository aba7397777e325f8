"""The MARAC's own accountability records, for screens and commands: who signed which
version of the protocol, and the breach log.

Every record is checked here, once, for the command line and the app alike: a refusal is
one sentence (exit code 4) and nothing is written. A signature counts for the protocol in
force only when it was given to that very text (same version, same fingerprint): a
protocol replaced under the same number must be signed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mara_desktop.domain import OBSERVER
from mara_desktop.domain.accountability import Breach, Signature
from mara_desktop.domain.text_rules import LONG_TEXT, SHORT_TEXT, TextKind, text_problem
from mara_desktop.errors import did_you_mean
from mara_desktop.protocol.model import Protocol
from mara_desktop.session import dpia_facts as facts
from mara_desktop.session.dpia_facts import DpiaFacts
from mara_desktop.store import accountability
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import EditError


class AccountabilityError(EditError):
    """A signature or a breach that cannot be recorded as given; nothing was written.
    `field` names the part of the form to mend, as for any other record."""


@dataclass(frozen=True)
class SignatureRegister:
    """The register as the version in force reads it: each agency's signature of it (the
    latest, if signed more than once), the agencies that have not signed it, and every
    signature ever recorded (earlier versions included), oldest first."""

    protocol_version: str
    protocol_sha256: str
    signed: dict[str, Signature]
    unsigned: list[str]
    history: list[Signature]


def signed_in_force(protocol: Protocol, signatures: list[Signature]) -> dict[str, Signature]:
    """Each agency's latest signature of the protocol text in force."""
    return {
        s.agency: s
        for s in signatures
        if s.protocol_version == protocol.version and s.protocol_sha256 == protocol.sha256
    }


class Accountability:
    """The signature register and breach log of a `Session` (session.py)."""

    _file: CaseFile

    # -- signatures ----------------------------------------------------------------------

    def signatures(self) -> list[Signature]:
        with self._file.reading() as conn:
            return accountability.read_signatures(conn)

    def signature_register(self) -> SignatureRegister:
        protocol = self._file.protocol
        history = self.signatures()
        latest = signed_in_force(protocol, history)
        signed = {a.id: latest[a.id] for a in protocol.agencies if a.id in latest}
        unsigned = [a.id for a in protocol.agencies if a.id not in latest]
        return SignatureRegister(protocol.version, protocol.sha256, signed, unsigned, history)

    def unsigned_agencies(self, agencies: list[str]) -> list[str]:
        """Those of `agencies` (ids) that have not signed the protocol in force, in the
        order given; observers sign a conditionality statement instead, never the protocol."""
        signed = signed_in_force(self._file.protocol, self.signatures())
        return [a for a in agencies if a != OBSERVER and a not in signed]

    def sign_protocol(
        self, agency: str, signed_by: str, signed_on: date, *, today: date | None = None
    ) -> Signature:
        """Record that `agency` signed the protocol in force, by `signed_by` on
        `signed_on`; refused for an agency the protocol does not name, a day after
        `today`, and no name."""
        protocol = self._file.protocol
        known = [a.id for a in protocol.agencies]
        if agency not in known:
            raise AccountabilityError(
                f'The protocol names no agency "{agency}"{did_you_mean(agency, known)}; '
                "nothing was recorded.",
                field="agency",
            )
        who = signed_by.strip()
        _check_text("The name of who signed", who, SHORT_TEXT, "signed_by")
        _not_after(signed_on, today or date.today(), "The day it was signed", "signed_on")
        return accountability.add_signature(self._file, agency, who, signed_on)

    # -- breaches ------------------------------------------------------------------------

    def breaches(self) -> list[Breach]:
        with self._file.reading() as conn:
            return accountability.read_breaches(conn)

    def record_breach(
        self,
        what: str,
        happened_on: date | None,
        found_on: date,
        told: str,
        *,
        today: date | None = None,
    ) -> Breach:
        """Add a breach to the log; refused without a description, with a day after
        `today`, or when it happened after it was found."""
        today = today or date.today()
        what, told = what.strip(), told.strip()
        _check_text("What happened", what, LONG_TEXT, "what")
        _check_text("Who was told", told, LONG_TEXT, "told", may_be_empty=True)
        _not_after(found_on, today, "The day it was found", "found_on")
        if happened_on is not None:
            _not_after(happened_on, today, "The day it happened", "happened_on")
            if happened_on > found_on:
                raise AccountabilityError(
                    f"It cannot have happened ({happened_on:%d %b %Y}) after it was found "
                    f"({found_on:%d %b %Y}); nothing was recorded.",
                    field="happened_on",
                )
        return accountability.add_breach(self._file, what, happened_on, found_on, told)

    # -- the impact assessment -----------------------------------------------------------

    def dpia_facts(self, names_and_references: list[str], today: date | None = None) -> DpiaFacts:
        """What a draft impact assessment says of this file, checked as of now (the audit
        chain and every page verified); `names_and_references` are the values it must not
        hold (the folder is left out when its name holds one)."""
        case_file = self._file
        report = case_file.verify()
        with case_file.snapshot(), case_file.reading() as conn:
            counts = accountability.file_counts(conn)
            encryption = accountability.encryption(conn)
            breaches = accountability.read_breaches(conn)
        return facts.DpiaFacts(
            made_on=today or date.today(),
            protocol=case_file.protocol,
            folder=facts.folder_of(case_file.path, names_and_references),
            file_id=case_file.file_id,
            encryption=encryption,
            counts=counts,
            audit=facts.AuditState(counts.audit_records, report.ok, tuple(report.problems)),
            register=self.signature_register(),
            breaches=tuple(facts.BreachDates(b.seq, b.happened_on, b.found_on) for b in breaches),
        )


def _check_text(
    label: str, text: str, kind: TextKind, field: str, *, may_be_empty: bool = False
) -> None:
    if not text and not may_be_empty:
        raise AccountabilityError(f"{label} is empty; nothing was recorded.", field=field)
    problem = text_problem(text, kind)
    if problem is not None:
        raise AccountabilityError(f"{label} {problem}; nothing was recorded.", field=field)


def _not_after(day: date, today: date, label: str, field: str) -> None:
    if day > today:
        raise AccountabilityError(
            f"{label}, {day:%d %b %Y}, is in the future; nothing was recorded.", field=field
        )
