"""The protocol's signature register and the breach log (format 6's `protocol_signature`
and `breach` tables), read and added to, and the counts a data protection impact
assessment quotes.

Each addition is one transaction with its audit record, which names the new row by its
number, the agency and the dates: never a signer's name nor a breach's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from mara_desktop.domain.accountability import Breach, Signature
from mara_desktop.domain.moments import moment_text, parse_date, parse_moment
from mara_desktop.store import audit
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.connection import Connection
from mara_desktop.store.passphrase import KDF_ITERATIONS, SALT_BYTES


def read_signatures(conn: Connection) -> list[Signature]:
    """Every signature, in the order recorded."""
    rows = conn.execute(
        "SELECT seq, agency, protocol_version, protocol_sha256, signed_by, signed_on, "
        "recorded_at, recorded_by FROM protocol_signature ORDER BY seq"
    ).fetchall()
    return [
        Signature(r[0], r[1], r[2], r[3], r[4], parse_date(r[5]), parse_moment(r[6]), r[7])
        for r in rows
    ]


def read_breaches(conn: Connection) -> list[Breach]:
    """Every breach, in the order recorded."""
    rows = conn.execute(
        "SELECT seq, what, happened_on, found_on, told, recorded_at, recorded_by "
        "FROM breach ORDER BY seq"
    ).fetchall()
    return [_breach(r) for r in rows]


def _breach(r: tuple[object, ...]) -> Breach:
    return Breach(
        int(str(r[0])), str(r[1]), parse_date(str(r[2])) if r[2] else None,
        parse_date(str(r[3])), str(r[4]), parse_moment(str(r[5])), str(r[6]),
    )  # fmt: skip


def add_signature(case_file: CaseFile, agency: str, signed_by: str, signed_on: date) -> Signature:
    """Record that `agency` signed the protocol in force; checked by the caller."""
    protocol = case_file.protocol
    now = _now()
    with case_file.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO protocol_signature (agency, protocol_version, protocol_sha256, "
            "signed_by, signed_on, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "RETURNING seq",
            (agency, protocol.version, protocol.sha256, signed_by, signed_on.isoformat(),
             moment_text(now), case_file.actor),
        )  # fmt: skip
        seq = int(cursor.fetchone()[0])
        audit.append(
            conn,
            case_file.actor,
            "protocol-signed",
            {
                "signature": seq,
                "agency": agency,
                "protocol": {"id": protocol.id, "version": protocol.version},
                "signed_on": signed_on.isoformat(),
            },
        )
    return Signature(
        seq, agency, protocol.version, protocol.sha256, signed_by, signed_on, now,
        case_file.actor,
    )  # fmt: skip


def add_breach(
    case_file: CaseFile, what: str, happened_on: date | None, found_on: date, told: str
) -> Breach:
    """Record a breach; checked by the caller. The audit says only that one was recorded,
    its number and its dates."""
    now = _now()
    with case_file.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO breach (what, happened_on, found_on, told, recorded_at, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING seq",
            (what, happened_on.isoformat() if happened_on else None, found_on.isoformat(),
             told, moment_text(now), case_file.actor),
        )  # fmt: skip
        seq = int(cursor.fetchone()[0])
        audit.append(
            conn,
            case_file.actor,
            "breach-recorded",
            {
                "breach": seq,
                "happened_on": happened_on.isoformat() if happened_on else None,
                "found_on": found_on.isoformat(),
            },
        )
    return Breach(seq, what, happened_on, found_on, told, now, case_file.actor)


@dataclass(frozen=True)
class FileCounts:
    """How much the file holds, in numbers only: what an impact assessment quotes."""

    cases_by_status: dict[str, int]
    people: int
    people_by_role: dict[str, int]
    equality_fields: dict[str, int]
    """How many people have each self-identified field recorded (not what it says)."""
    conferences: int
    audit_records: int


_EQUALITY_FIELDS = ("gender", "ethnicity", "minority_ethnic", "disability", "lgbt")


def file_counts(conn: Connection) -> FileCounts:
    statuses = dict(conn.execute('SELECT status, count(*) FROM "case" GROUP BY status'))
    roles = dict(conn.execute("SELECT role, count(*) FROM person GROUP BY role"))
    recorded = ", ".join(f"count({f})" for f in _EQUALITY_FIELDS)
    equality = conn.execute(f"SELECT {recorded} FROM person").fetchone()

    def count(table: str) -> int:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    return FileCounts(
        {str(k): int(v) for k, v in statuses.items()},
        count("person"),
        {str(k): int(v) for k, v in roles.items()},
        dict(zip(_EQUALITY_FIELDS, map(int, equality), strict=True)),
        count("conference"),
        count("audit"),
    )


@dataclass(frozen=True)
class Encryption:
    """How the open file is encrypted, as SQLCipher reports it, and how its key is made
    from the passphrase (store/passphrase.py: SQLCipher 4's own derivation)."""

    library: str
    cipher: str
    hmac: str
    page_size: int
    key_derivation: str
    iterations: int
    salt_bytes: int


def encryption(conn: Connection) -> Encryption:
    def pragma(name: str) -> str:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        return str(row[0]) if row else ""

    return Encryption(
        f"SQLCipher {pragma('cipher_version')}",
        pragma("cipher"),
        pragma("cipher_hmac_algorithm").replace("_", "-"),
        int(pragma("cipher_page_size") or 0),
        "PBKDF2-HMAC-SHA512",
        KDF_ITERATIONS,
        SALT_BYTES,
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
