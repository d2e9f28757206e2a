"""Reading the marts for a report. Reports read the `marts` schema only — never raw,
staging or restricted data — and this is the one place they query from."""

from __future__ import annotations

import re

from hornsten.reports import ReportUnavailable

_OTHER_SCHEMAS = re.compile(r"\b(raw|restricted|staging|intermediate|eval_\w+)\s*\.", re.I)


def rows(conn, sql: str, params: dict | tuple | None = None, needs: str = "the components DAG") -> list[dict]:
    """Rows as dicts; a missing mart becomes ReportUnavailable naming what to run."""
    import psycopg

    from hornsten.warehouse.schemas import ProcessConnection

    if _OTHER_SCHEMAS.search(sql):
        raise ValueError("reports read the marts schema only")
    if not isinstance(conn, ProcessConnection):
        raise TypeError("reports read one process's marts: scope the connection (warehouse.schemas.scoped)")
    try:
        with conn.transaction():
            cursor = conn.execute(sql, params)
            names = [c.name for c in cursor.description]
            return [dict(zip(names, row, strict=False)) for row in cursor.fetchall()]
    except psycopg.errors.UndefinedTable as exc:
        raise ReportUnavailable(f"{exc.diag.message_primary}: run {needs} first") from None


def one(conn, sql: str, params: dict | tuple | None = None, needs: str = "the components DAG") -> dict:
    found = rows(conn, sql, params, needs)
    return found[0] if found else {}
