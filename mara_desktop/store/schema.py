"""The case file's tables, and the migrations that bring an older file up to date.

`PRAGMA user_version` holds the schema version. Migration N turns version N-1 into N; a new
file runs them all from 0. An older file is copied (encrypted) beside itself, then migrated
in one transaction: a crash half-way leaves the old version intact. A newer file is refused,
because an older app would misread it.

Consent, override and audit rows are history: triggers refuse to change or delete them,
so a change of mind can only ever be a new record.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from mara_desktop import __version__
from mara_desktop.domain.repeats import name_key
from mara_desktop.protocol.loader import protocol_hash
from mara_desktop.store import audit
from mara_desktop.store.connection import Connection

FORMAT_NAME = "mara-casefile"

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE protocol (
    seq INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    set_at TEXT NOT NULL,
    set_by TEXT NOT NULL
);

CREATE TABLE "case" (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    reference TEXT NOT NULL,
    children_involved INTEGER NOT NULL,
    referral_date TEXT NOT NULL,
    referral_agency TEXT NOT NULL,
    referral_criterion TEXT NOT NULL,
    dash_score INTEGER
);

CREATE TABLE person (
    case_id TEXT NOT NULL REFERENCES "case"(id),
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    born TEXT,
    source TEXT,
    PRIMARY KEY (case_id, id)
);

CREATE TABLE item (
    case_id TEXT NOT NULL REFERENCES "case"(id),
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    category TEXT NOT NULL,
    source TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    restricted_to TEXT NOT NULL,
    person TEXT,
    recorded_at TEXT,
    PRIMARY KEY (case_id, id)
);

CREATE TABLE action (
    case_id TEXT NOT NULL REFERENCES "case"(id),
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    owner TEXT NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    due TEXT,
    status TEXT NOT NULL,
    owner_name TEXT NOT NULL,
    source TEXT,
    restricted_to TEXT NOT NULL,
    conference TEXT,
    PRIMARY KEY (case_id, id)
);

CREATE TABLE consent (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    state TEXT NOT NULL,
    agencies TEXT NOT NULL,
    categories TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE TABLE override (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    categories TEXT NOT NULL,
    agencies TEXT NOT NULL,
    lawful_basis TEXT NOT NULL,
    justification TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);

CREATE TABLE conference (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    venue TEXT NOT NULL,
    chair TEXT NOT NULL
);

CREATE TABLE agenda (
    conference_id TEXT NOT NULL REFERENCES conference(id),
    position INTEGER NOT NULL,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    PRIMARY KEY (conference_id, position)
);

CREATE TABLE attendance (
    conference_id TEXT NOT NULL REFERENCES conference(id),
    position INTEGER NOT NULL,
    agency TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    conditionality_signed INTEGER NOT NULL,
    information_sent INTEGER NOT NULL,
    received_on TEXT,
    PRIMARY KEY (conference_id, position)
);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE INDEX item_by_case ON item(case_id, position);
CREATE INDEX action_by_case ON action(case_id, position);
CREATE INDEX person_by_case ON person(case_id, position);
CREATE INDEX consent_by_case ON consent(case_id, seq);
CREATE INDEX override_by_case ON override(case_id, seq);
"""


def history_triggers(table: str) -> list[str]:
    """The triggers that make `table` history: its rows can be added, never changed or
    deleted. Purging a case (the one deletion the law requires) drops and remakes them."""
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} records are history and cannot be changed'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def _make_history(conn: Connection, *tables: str) -> None:
    for table in tables:
        for statement in history_triggers(table):
            conn.execute(statement)


def _to_v1(conn: Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    _make_history(conn, "consent", "override", "audit")


def _to_v2(conn: Connection) -> None:
    """When an agency left the meeting, so that the room stays as the chair set it after
    locking and the minutes can say when it went; NULL for every line until now."""
    conn.execute("ALTER TABLE attendance ADD COLUMN left_at TEXT")


def _to_v3(conn: Connection) -> None:
    """What the protocol language of DESIGN.md's second round reads of a case: whether the
    victim is pregnant (0 for every case until now), whose consent a record is (NULL: the
    victim's, as every record until now), and the last day an override applies (NULL: no
    end, as every override until now)."""
    conn.execute('ALTER TABLE "case" ADD COLUMN pregnancy INTEGER NOT NULL DEFAULT 0')
    conn.execute("ALTER TABLE consent ADD COLUMN person TEXT")
    conn.execute('ALTER TABLE override ADD COLUMN "until" TEXT')


_V4_CASE = (
    "status TEXT NOT NULL DEFAULT 'open'",
    "closed_on TEXT",
    "dash_answers TEXT",
    "dash_answered_by TEXT",
    "incidents_12m INTEGER",
    "victim_aware INTEGER",
    "victim_consents_to_referral INTEGER",
    "professional_judgement TEXT NOT NULL DEFAULT ''",
    "referrer TEXT NOT NULL DEFAULT ''",
)
_V4_PERSON = (
    "gender TEXT",
    "ethnicity TEXT",
    "minority_ethnic INTEGER",
    "disability INTEGER",
    "lgbt INTEGER",
    "feared INTEGER",
    "safe_contact INTEGER",
    "name_key TEXT NOT NULL DEFAULT ''",
)
_V4_TABLES = """
CREATE TABLE repeat_decision (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    other TEXT NOT NULL,
    confirmed INTEGER NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE TABLE person_history (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    person TEXT NOT NULL,
    record TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL
);
CREATE INDEX repeat_decision_by_case ON repeat_decision(case_id, seq);
CREATE INDEX person_history_by_case ON person_history(case_id, person, seq);
CREATE INDEX victim_by_name ON person(name_key) WHERE role = 'victim';
CREATE INDEX victim_by_born ON person(born) WHERE role = 'victim'
"""


def _to_v4(conn: Connection) -> None:
    """What a referral entered in the app records (DESIGN.md, pinned additions: the
    checklist's answers, incidents, the victim's knowledge and consent, the professional
    judgement, the referrer; the case's status; the people's self-identified fields) and
    what finding repeats needs: each person's name as matching compares it, indexed for
    victims, and the chair's answers about near matches. Existing cases are open, with no
    answers recorded (their typed score stays); existing people get their name's key.
    Near-match answers and a person's earlier values are history, like consents."""
    for column in _V4_CASE:
        conn.execute(f'ALTER TABLE "case" ADD COLUMN {column}')
    for column in _V4_PERSON:
        conn.execute(f"ALTER TABLE person ADD COLUMN {column}")
    for statement in _V4_TABLES.split(";"):
        conn.execute(statement)
    _make_history(conn, "repeat_decision", "person_history")
    rows = conn.execute("SELECT rowid, name FROM person").fetchall()
    conn.executemany(
        "UPDATE person SET name_key = ? WHERE rowid = ?", [(name_key(r[1]), r[0]) for r in rows]
    )


ACTION_KEY = "action_reference_key"
"""The meta row holding the random key of the actions' printed references
(domain/action_reference.py): it leaves the file only in a whole file's export, which holds
everything anyway (store/reference_key.py), so a reference names no case to anyone else."""

_V5_TABLES = """
CREATE TABLE action_update (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    action_id TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_on TEXT NOT NULL,
    agency TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX action_update_by_action ON action_update(case_id, action_id, seq)
"""


def _to_v5(conn: Connection) -> None:
    """The action log between meetings (DESIGN.md, pinned additions: `actions`): the key
    that makes each action's printed reference, made once and kept, so that every copy and
    every later export prints the same reference; and each progress report on an action
    (its status then, a note, who reported it and on what day, for which agency), history
    like consents: a report is never changed, a later one says what changed."""
    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (ACTION_KEY, secrets.token_hex(32))
    )
    for statement in _V5_TABLES.split(";"):
        conn.execute(statement)
    _make_history(conn, "action_update")


_V6_COLUMNS = (
    "\"case\" ADD COLUMN closed_reason TEXT NOT NULL DEFAULT ''",
    "\"case\" ADD COLUMN transferred_to TEXT NOT NULL DEFAULT ''",
    "person ADD COLUMN school TEXT",
    "conference ADD COLUMN minute_taker TEXT NOT NULL DEFAULT ''",
    "conference ADD COLUMN next_meeting TEXT",
    "conference ADD COLUMN other_business TEXT NOT NULL DEFAULT ''",
    "person_history ADD COLUMN reason TEXT NOT NULL DEFAULT ''",
)
_V6_TABLES = """
CREATE TABLE item_history (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    item TEXT NOT NULL,
    record TEXT NOT NULL,
    reason TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL
);
CREATE TABLE sar_withholding (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    person TEXT NOT NULL,
    item TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE TABLE received_audit (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES "case"(id),
    source_file TEXT NOT NULL,
    source_seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE protocol_signature (
    seq INTEGER PRIMARY KEY,
    agency TEXT NOT NULL,
    protocol_version TEXT NOT NULL,
    protocol_sha256 TEXT NOT NULL,
    signed_by TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE TABLE breach (
    seq INTEGER PRIMARY KEY,
    what TEXT NOT NULL,
    happened_on TEXT,
    found_on TEXT NOT NULL,
    told TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX item_history_by_case ON item_history(case_id, item, seq);
CREATE INDEX sar_withholding_by_case ON sar_withholding(case_id, person, seq);
CREATE INDEX received_audit_by_case ON received_audit(case_id, seq)
"""

CASE_HISTORY_TABLES = (
    "consent",
    "override",
    "repeat_decision",
    "person_history",
    "action_update",
    "item_history",
    "sar_withholding",
    "received_audit",
)
"""The history tables that hold a case's own rows (by `case_id`): a purge empties them of
the case, and nothing else ever deletes from them."""


def _to_v6(conn: Connection) -> None:
    """What the data protection duties need (DESIGN.md, pinned additions: `purge`, `sar`,
    `transfer`, `dpia`, `protocol sign`), with the last fields the referral and the minutes
    lacked:
    - a case's reason for closing and the area it went to (empty for every case until now);
    - a child's school (NULL: not recorded);
    - a conference's minute-taker, next meeting's date and any other business;
    - each entry's earlier values when corrected (like a person's, in person_history), with
      the reason; reasons to withhold an entry from one person's subject access request;
      the audit records a transferred case brings from the sending area's file (their own
      numbers and hashes, so its history can be checked there); the register of agencies
      that signed a protocol version; the breach log.
    All of them are history: a row is never changed, only a purge removes a case's rows."""
    for column in _V6_COLUMNS:
        conn.execute(f"ALTER TABLE {column}")
    for statement in _V6_TABLES.split(";"):
        conn.execute(statement)
    _make_history(
        conn, "item_history", "sar_withholding", "received_audit", "protocol_signature", "breach"
    )


Migration = Callable[[Connection], None]

MIGRATIONS: list[Migration] = [_to_v1, _to_v2, _to_v3, _to_v4, _to_v5, _to_v6]
"""MIGRATIONS[n] turns schema version n into n + 1."""


def current_version() -> int:
    return len(MIGRATIONS)


def file_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, start: int) -> None:
    """Run every migration from `start` inside the caller's transaction."""
    for number in range(start, current_version()):
        MIGRATIONS[number](conn)
    conn.execute(f"PRAGMA user_version = {current_version():d}")


def fill_new(conn: Connection, protocol_text: str, protocol_id: str, actor: str) -> None:
    """The tables, the file's identity, its protocol and its first audit record."""
    migrate(conn, 0)
    for name, value in (
        ("format", FORMAT_NAME),
        ("file_id", str(uuid.uuid4())),
        ("created_at", _now()),
        ("created_with", f"MARA Desktop {__version__}"),
    ):
        conn.execute("INSERT INTO meta VALUES (?, ?)", (name, value))
    insert_protocol(conn, protocol_text, actor)
    audit.append(conn, actor, "create", {"protocol": protocol_id})


def insert_protocol(conn: Connection, text: str, actor: str) -> None:
    conn.execute(
        "INSERT INTO protocol (text, sha256, set_at, set_by) VALUES (?, ?, ?, ?)",
        (text, protocol_hash(text), _now(), actor),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
