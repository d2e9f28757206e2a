"""The load log's life cycle: an attempt is opened, held while it runs, and closed.

A load can die without closing its row: PostgreSQL stopped mid-COPY, the ingest
process killed, the machine rebooted. So every attempt's session holds a
session-level advisory lock on its ``load_id`` for as long as it runs (PostgreSQL
releases it when the session ends, however it ends). Before a new attempt starts,
every ``running`` row whose lock can be taken — its session is gone — is marked
``interrupted`` with the reason. Locks are visible to every role, unlike other
sessions' details in ``pg_stat_activity``, so this works whichever role loads.
"""

from __future__ import annotations

import psycopg

# Two-integer advisory keys (class, load_id) live apart from the one-bigint INGEST_LOCK.
ATTEMPT_LOCK_CLASS = 7_240_318
INTERRUPTED_REASON = (
    "interrupted: the session that ran this attempt ended before it finished "
    "(server stopped, connection lost or process killed); nothing of it was committed. "
    "Deliver the file again (or retry the task) to load it."
)


def _key(load_id: int) -> tuple[int, int]:
    # The second key is an int4; load ids past 2^31 wrap, which only weakens the check
    # for attempts two billion loads apart.
    return ATTEMPT_LOCK_CLASS, load_id % 2_147_483_647


def open_attempt(conn: psycopg.Connection, columns: dict[str, object]) -> int:
    """Mark dead attempts, insert a ``running`` row for this one and hold its lock; returns the load_id."""
    mark_interrupted(conn)
    names = ", ".join(columns)
    placeholders = ", ".join(["%s"] * len(columns))
    with conn.transaction():
        load_id = conn.execute(
            f"insert into raw.load_log ({names}, backend_pid) values ({placeholders}, pg_backend_pid())"
            " returning load_id",
            tuple(columns.values()),
        ).fetchone()[0]
        # Taken before the row is committed, so no other session ever sees it unlocked.
        conn.execute("select pg_advisory_lock(%s, %s)", _key(load_id))
    return load_id


def close_attempt(conn: psycopg.Connection, load_id: int) -> None:
    """Release the attempt's lock (its row has been finished by the caller)."""
    conn.execute("select pg_advisory_unlock(%s, %s)", _key(load_id))


def mark_interrupted(conn: psycopg.Connection) -> list[int]:
    """Every ``running`` attempt whose session is gone becomes ``interrupted``; returns their ids."""
    running = [r[0] for r in conn.execute("select load_id from raw.load_log where status = 'running'").fetchall()]
    dead = []
    for load_id in running:
        if conn.execute("select pg_try_advisory_lock(%s, %s)", _key(load_id)).fetchone()[0]:
            try:
                with conn.transaction():
                    updated = conn.execute(
                        """update raw.load_log set status = 'interrupted', error = %s, finished_at = now()
                           where load_id = %s and status = 'running' returning load_id""",
                        (INTERRUPTED_REASON, load_id),
                    ).fetchone()
            finally:
                conn.execute("select pg_advisory_unlock(%s, %s)", _key(load_id))
            if updated:
                dead.append(load_id)
    return dead
