"""Progress reports on actions (format 5's `action_update` table), read and added.

Adding reports sets each action's status to its newest report's in the same transaction,
so the meeting and the minutes show where the action stands; the reports themselves can
only be added to (schema.py's triggers).
"""

from __future__ import annotations

from collections.abc import Sequence

from mara_desktop.domain.action_update import ActionUpdate
from mara_desktop.domain.enums import ActionStatus
from mara_desktop.domain.moments import moment_text, parse_date, parse_moment
from mara_desktop.store.connection import Connection

ActionKey = tuple[str, str]
"""(case id, action id)."""


def action_keys(conn: Connection) -> list[ActionKey]:
    """Every action's (case id, action id), from the table's key alone: what finding an
    action by its printed reference needs, without reading any case."""
    return [(r[0], r[1]) for r in conn.execute("SELECT case_id, id FROM action")]


def actions_named(conn: Connection, name: str) -> list[ActionKey]:
    """The actions whose "CASE/ACTION" form is `name`, each looked up by key: ids may hold
    a "/" themselves, so every place it could divide the two is tried."""
    splits = [(name[:i], name[i + 1 :]) for i, c in enumerate(name) if c == "/"]
    return [
        key
        for key in splits
        if conn.execute("SELECT 1 FROM action WHERE case_id = ? AND id = ?", key).fetchone()
    ]


def read_updates(
    conn: Connection, case_id: str | None = None
) -> dict[ActionKey, list[ActionUpdate]]:
    """Every report, per action, the oldest first; with `case_id`, those on its actions."""
    where, values = ("WHERE case_id = ? ", (case_id,)) if case_id is not None else ("", ())
    rows = conn.execute(
        "SELECT case_id, action_id, status, note, updated_by, updated_on, agency, "
        f"recorded_at, recorded_by FROM action_update {where}ORDER BY seq",
        values,
    ).fetchall()
    updates: dict[ActionKey, list[ActionUpdate]] = {}
    for r in rows:
        update = ActionUpdate(
            r[0], r[1], ActionStatus(r[2]), r[3], r[4], parse_date(r[5]), r[6],
            parse_moment(r[7]), r[8],
        )  # fmt: skip
        updates.setdefault((update.case_id, update.action_id), []).append(update)
    return updates


def add_updates(conn: Connection, updates: Sequence[ActionUpdate]) -> None:
    """Inside the caller's transaction: every report kept, each action's status its last."""
    conn.executemany(
        "INSERT INTO action_update (case_id, action_id, status, note, updated_by, updated_on, "
        "agency, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_row(u) for u in updates],
    )
    conn.executemany(
        "UPDATE action SET status = ? WHERE case_id = ? AND id = ?",
        [(u.status.value, u.case_id, u.action_id) for u in updates],
    )


def _row(u: ActionUpdate) -> tuple[object, ...]:
    return (
        u.case_id, u.action_id, u.status.value, u.note, u.updated_by, u.updated_on.isoformat(),
        u.agency, moment_text(u.recorded_at), u.recorded_by,
    )  # fmt: skip
