"""Fill the warehouse's personal-data reference tables (``sql/pii.sql``) from the
pseudonymiser's own definition (:mod:`hornsten.privacy.rules`), so that
``public.hornsten_contains_personal_data`` checks exactly what the loaders redact.

Runs after the DDL in :func:`hornsten.warehouse.schema.ensure_schema`; a checksum of
the rows skips the rewrite when the data files have not changed."""

from __future__ import annotations

import hashlib
import json
from functools import cache

import psycopg
from psycopg import sql

from hornsten.privacy import rules

TABLES = (
    "public.hornsten_pii_patterns",
    "public.hornsten_pii_names",
    "public.hornsten_pii_context",
    "public.hornsten_pii_not_names",
)


@cache
def reference_rows() -> dict[str, list[tuple[object, ...]]]:
    lists = rules.name_lists()
    table = rules.contexts()
    names = sorted(lists.first | lists.surnames | lists.common)
    return {
        "public.hornsten_pii_patterns": sorted(rules.patterns().items()),
        "public.hornsten_pii_names": [
            (name, name.lower(), name in lists.first, name in lists.surnames, name in lists.common) for name in names
        ],
        "public.hornsten_pii_context": sorted(
            [(phrase, "strong") for phrase in table.strong] + [(phrase, "weak") for phrase in table.weak]
        ),
        "public.hornsten_pii_not_names": [(word,) for word in sorted(lists.not_names)],
    }


@cache
def checksum() -> str:
    return hashlib.sha256(json.dumps(reference_rows(), ensure_ascii=False).encode()).hexdigest()


def load_reference(conn: psycopg.Connection) -> bool:
    """Replace the reference rows if they differ from the data files; True if it did."""
    wanted = checksum()
    row = conn.execute("select checksum from public.hornsten_pii_reference").fetchone()
    if row is not None and row[0] == wanted:
        return False
    with conn.transaction():
        for table_name, rows in reference_rows().items():
            table = sql.SQL(table_name)
            conn.execute(sql.SQL("delete from {}").format(table))
            with conn.cursor().copy(sql.SQL("copy {} from stdin").format(table)) as copy:
                for values in rows:
                    copy.write_row(values)
        conn.execute(
            """insert into public.hornsten_pii_reference (checksum) values (%s)
               on conflict (singleton) do update set checksum = excluded.checksum, loaded_at = now()""",
            (wanted,),
        )
    return True
