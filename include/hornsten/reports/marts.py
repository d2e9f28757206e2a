"""Reading the marts for a report. Reports read the `marts` schema only — never raw,
staging or restricted data — and this is the one place they query from."""

from __future__ import annotations

import re

from hornsten.reports import ReportUnavailable

_OTHER_SCHEMAS = re.compile(r"\b(raw|restricted|staging|intermediate|eval_\w+)\s*\.", re.I)


def rows(conn, sql: str, params: dict | tuple | None = None, needs: str = "the components DAG") -> list[dict]:
    """Rows as dicts from one process's marts; a missing mart becomes ReportUnavailable naming what to run."""
    from hornsten.warehouse.marts import MartNotBuilt, query

    if _OTHER_SCHEMAS.search(sql):
        raise ValueError("reports read the marts schema only")
    try:
        return query(conn, sql, params, needs)
    except MartNotBuilt as exc:
        raise ReportUnavailable(str(exc)) from None


def one(conn, sql: str, params: dict | tuple | None = None, needs: str = "the components DAG") -> dict:
    found = rows(conn, sql, params, needs)
    return found[0] if found else {}


def optional_rows(conn, sql: str, params: dict | tuple | None = None) -> list[dict]:
    """A later phase's mart that is not built yet is simply no data yet."""
    try:
        return rows(conn, sql, params)
    except ReportUnavailable:
        return []
