"""The warehouse's own objects (raw, restricted, delivery, the SQL functions, the roles and
their grants) as yoyo migrations in ``migrations/``, applied in order by the owner.
dbt owns everything downstream of them.

Why yoyo: the migrations are plain SQL files (the DDL is SQL, not an ORM's model),
yoyo records which ran in ``public._yoyo_migration``, and it drives psycopg 3 directly.

Only the owner migrates (``migrate``: ``hornsten up``, ``hornsten warehouse migrate``,
the deployment's init step). Every writer calls ``ensure_schema`` first, which only
checks: a loader that finds a migration pending stops with one sentence instead of
writing into a schema it does not know."""

from __future__ import annotations

import functools
import re

import psycopg

from hornsten.warehouse import pii_reference

# One advisory lock for every writer of the raw tables: migrations and loads of the
# survey and the templates never interleave.
INGEST_LOCK = 7_240_317
MIGRATIONS = "package:hornsten.warehouse:migrations"
MIGRATION_TABLE = "public._yoyo_migration"


class SchemaNotCurrent(RuntimeError):
    """The warehouse lacks a migration this code needs."""


@functools.cache
def migration_ids() -> tuple[str, ...]:
    """Every migration shipped with the package, in the order they apply."""
    from yoyo import read_migrations
    from yoyo.migrations import topological_sort

    return tuple(m.id for m in topological_sort(read_migrations(MIGRATIONS)))


def _yoyo_uri(dsn: str) -> str:
    if not re.match(r"^postgres(ql)?://", dsn):
        raise ValueError("the warehouse connection must be a postgresql:// URI to migrate it")
    return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", dsn)


def migrate(dsn: str) -> list[str]:
    """Apply the pending migrations as the role of ``dsn`` (the owner); returns their ids.

    Holds the ingest lock for the whole run, so no load writes half-way through a
    migration (yoyo's own lock keeps two migrations apart)."""
    from yoyo import get_backend, read_migrations

    backend = get_backend(_yoyo_uri(dsn))
    try:
        with backend.lock():
            backend.execute("select pg_advisory_lock(:key)", {"key": INGEST_LOCK})
            try:
                pending = backend.to_apply(read_migrations(MIGRATIONS))
                backend.apply_migrations(pending)
            finally:
                backend.execute("select pg_advisory_unlock(:key)", {"key": INGEST_LOCK})
    finally:
        backend.connection.close()
    # What public.hornsten_contains_personal_data reads follows the package's data
    # files, which may change without a migration.
    with psycopg.connect(dsn, autocommit=True) as conn:
        pii_reference.load_reference(conn)
    return [m.id for m in pending]


def pending_migrations(conn: psycopg.Connection) -> list[str]:
    """The shipped migrations the warehouse behind ``conn`` has not applied."""
    try:
        with conn.transaction():
            applied = {row[0] for row in conn.execute(f"select migration_id from {MIGRATION_TABLE}")}
    except psycopg.errors.UndefinedTable:
        applied = set()
    except psycopg.errors.InsufficientPrivilege:
        raise SchemaNotCurrent(
            f"role {conn.info.user} may not read {MIGRATION_TABLE}, so it cannot tell whether the warehouse "
            "schema is current: connect as the loader or reporter role"
        ) from None
    return [m for m in migration_ids() if m not in applied]


def ensure_schema(conn: psycopg.Connection) -> None:
    """Raise SchemaNotCurrent, in one sentence, if a migration is pending."""
    pending = pending_migrations(conn)
    if pending:
        raise SchemaNotCurrent(
            f"the warehouse schema is not up to date ({len(pending)} migration(s) pending: {', '.join(pending)}): "
            "run `hornsten warehouse migrate` (or `hornsten up`) as the owner first"
        )
    if not pii_reference.is_current(conn):
        raise SchemaNotCurrent(
            "the warehouse's personal-data reference tables are older than this code's detection rules: "
            "run `hornsten warehouse migrate` (or `hornsten up`) as the owner first"
        )
