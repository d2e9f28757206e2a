"""Reading a mart for a command or a task: rows as dicts, and a missing mart named
with what builds it, instead of a database traceback."""

from __future__ import annotations


class MartNotBuilt(RuntimeError):
    """A mart that a use case reads does not exist yet."""


def query(conn, sql: str, params: dict | tuple | None = None, needs: str = "the components DAG") -> list[dict]:
    import psycopg

    try:
        with conn.transaction():
            cursor = conn.execute(sql, params)
            names = [c.name for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except psycopg.errors.UndefinedTable as exc:
        raise MartNotBuilt(f"{exc.diag.message_primary}: run {needs} (or `hornsten build`) first") from None
