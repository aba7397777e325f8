"""The open case file as one Qt-free object: the one door to it for screens (ui/), minutes
(minutes/) and the command line (cli/), none of which names the store.

Besides `Session` and what it hands out, this names what those callers need from the
store: its errors, the passphrase policy, the file suffix, a claim on a file, and the
records of the audit log.
"""

from mara_desktop.session.agenda import Candidate
from mara_desktop.session.claims import open_claimed, ready_to_open
from mara_desktop.session.conference_views import ConferenceViews
from mara_desktop.session.edits import ActionField, changed_action
from mara_desktop.session.meeting import START, AgendaEntry, Meeting, MeetingPlace, case_kind
from mara_desktop.session.reading import UnknownCase
from mara_desktop.session.session import Session
from mara_desktop.session.subject_access import UnknownPerson
from mara_desktop.session.transfer import check_pack
from mara_desktop.store.audit import Anchor, AuditRecord, Head
from mara_desktop.store.case_pack import PackMade, PackReceived, TransferRefused, is_case_file
from mara_desktop.store.casefile import SUFFIX
from mara_desktop.store.editing import EditError
from mara_desktop.store.errors import (
    CaseFileError,
    DamagedCaseFile,
    KeyUnavailable,
    WeakPassphrase,
    WrongPassphrase,
)
from mara_desktop.store.importer import ImportReport
from mara_desktop.store.in_use import CaseFileInUse, InUse
from mara_desktop.store.page_check import Soundness
from mara_desktop.store.passphrase import MINIMUM_LENGTH, check_strength
from mara_desktop.store.referral_editing import EarlierValue
from mara_desktop.store.verification import VerifyReport

__all__ = [
    "MINIMUM_LENGTH",
    "START",
    "SUFFIX",
    "ActionField",
    "AgendaEntry",
    "Anchor",
    "AuditRecord",
    "Candidate",
    "CaseFileError",
    "CaseFileInUse",
    "ConferenceViews",
    "DamagedCaseFile",
    "EarlierValue",
    "EditError",
    "Head",
    "ImportReport",
    "InUse",
    "KeyUnavailable",
    "Meeting",
    "MeetingPlace",
    "PackMade",
    "PackReceived",
    "Session",
    "Soundness",
    "TransferRefused",
    "UnknownCase",
    "UnknownPerson",
    "VerifyReport",
    "WeakPassphrase",
    "WrongPassphrase",
    "case_kind",
    "changed_action",
    "check_pack",
    "check_strength",
    "is_case_file",
    "open_claimed",
    "ready_to_open",
]
