"""Reading a mart for a command or a task: rows as dicts, and a missing mart named
with what builds it, instead of a database traceback."""

from __future__ import annotations

from hornsten.warehouse.schemas import ProcessConnection


class MartNotBuilt(RuntimeError):
    """A mart that a use case reads does not exist yet."""


def query(conn, sql: str, params: dict | tuple | None = None, needs: str = "the components DAG") -> list[dict]:
    """`conn` must be scoped to a process (hornsten.warehouse.schemas.scoped): a mart is always one process's."""
    import psycopg

    if not isinstance(conn, ProcessConnection):
        raise TypeError("read the marts through a connection scoped to a process (warehouse.schemas.scoped)")

    try:
        with conn.transaction():
            cursor = conn.execute(sql, params)
            names = [c.name for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except psycopg.errors.UndefinedTable as exc:
        raise MartNotBuilt(f"{exc.diag.message_primary}: run {needs} (or `hornsten build`) first") from None
