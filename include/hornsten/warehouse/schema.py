"""The warehouse's own tables (raw, restricted, the SQL functions): DDL files applied
idempotently before anything loads. dbt owns everything downstream of them."""

from __future__ import annotations

from importlib import resources

import psycopg

from hornsten.warehouse.pii_reference import load_reference

# One advisory lock for every writer of the raw tables: schema changes and loads of
# the survey and the templates never interleave.
INGEST_LOCK = 7_240_317
DDL_FILES = (
    "warehouse.sql",
    "personal_data_functions.sql",
    "process_config.sql",
    "dialogue_remiss.sql",
    "reports.sql",
    "erasure.sql",
    "pii.sql",
    "ingest.sql",
)


def schema_sql() -> list[str]:
    """The DDL files, applied in this order."""
    folder = resources.files("hornsten.warehouse") / "sql"
    return [(folder / name).read_text(encoding="utf-8") for name in DDL_FILES if (folder / name).is_file()]


def ensure_schema(conn: psycopg.Connection) -> None:
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (INGEST_LOCK,))
        for ddl in schema_sql():
            conn.execute(ddl)
        # What public.hornsten_contains_personal_data reads (pii.sql's tables).
        load_reference(conn)
