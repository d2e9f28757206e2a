"""What every command group shares: the process option, the warehouse connection and
printing of tables. Commands stay thin: they parse options, call one service function
and print its result."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager

import click

from hornsten.config import ConfigError, load_process
from hornsten.devstack import stack
from hornsten.warehouse import roles

PROCESS_OPTION = click.option(
    "--process",
    "process_name",
    default=None,
    help="Process configuration (default: $HORNSTEN_PROCESS or norrkoping_vision_2035).",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")


def echo(message: str) -> None:
    """Progress and notes go to stderr, so stdout stays the command's result."""
    click.echo(message, err=True)


def settings() -> stack.Settings:
    try:
        return stack.Settings.from_env()
    except stack.StackError as exc:
        raise click.ClickException(str(exc)) from None


def process(name: str | None):
    try:
        return load_process(name)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


# Where a command finds its role's connection string when the local stack is not it.
ROLE_DSN_ENV = {
    roles.OWNER: "HORNSTEN_WAREHOUSE_DSN",
    roles.LOADER: "HORNSTEN_LOADER_DSN",
    roles.TRANSFORMER: "HORNSTEN_TRANSFORMER_DSN",
    roles.ANALYST: "HORNSTEN_ANALYST_DSN",
    roles.REPORTER: "HORNSTEN_REPORTER_DSN",
    roles.REVIEWER: "HORNSTEN_REVIEWER_DSN",
}


def warehouse_dsn(required: bool = True, role: str = roles.OWNER) -> str | None:
    """The warehouse as ``role`` (hornsten.warehouse.roles; the owner by default):
    $HORNSTEN_<ROLE>_DSN (the owner's: $HORNSTEN_WAREHOUSE_DSN), or the local stack's."""
    variable = ROLE_DSN_ENV[role]
    dsn = os.environ.get(variable)
    if dsn:
        return dsn
    if os.environ.get("HORNSTEN_WAREHOUSE_DSN"):
        # Another warehouse than the local one: never fall back to the owner's rights.
        raise click.ClickException(f"HORNSTEN_WAREHOUSE_DSN is set but {variable} is not: set {variable} too")
    local = settings()
    if stack.postgres_running(local):
        # The local stack keeps its pseudonymisation key with its other secrets.
        os.environ.setdefault("HORNSTEN_PSEUDONYM_KEY", local.secrets()["pseudonym_key"])
        return local.dsn(role)
    if required:
        raise click.ClickException(
            "the local PostgreSQL is not running: start it with `hornsten up` (or `hornsten up --no-airflow`), "
            f"or set {variable}"
        )
    return None


@contextmanager
def warehouse(process_name: str | None = None, role: str = roles.OWNER) -> Iterator:
    """An autocommit connection to the warehouse as ``role`` (scoped to a process's schemas
    when one is given), with a clear error when it cannot be reached, is not migrated or
    holds pseudonyms of another key."""
    import psycopg

    from hornsten.privacy.rotation import KeyMismatch
    from hornsten.warehouse.schema import SchemaNotCurrent
    from hornsten.warehouse.schemas import scoped

    dsn = warehouse_dsn(role=role)
    try:
        conn = psycopg.connect(dsn, autocommit=True)
    except psycopg.OperationalError as exc:
        raise click.ClickException(f"cannot connect to the warehouse: {str(exc).strip()}") from None
    with conn:
        try:
            yield scoped(conn, process_name) if process_name else conn
        except (SchemaNotCurrent, KeyMismatch) as exc:
            # The warehouse refuses the work (not migrated, another key): one sentence.
            raise click.ClickException(str(exc)) from None


def print_json_lines(rows: list[dict]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))


def print_table(title: str, headings: list[str], rows: list[tuple]) -> None:
    click.echo(title)
    widths = [max(len(str(h)), *(len(_cell(r[i])) for r in rows)) if rows else len(h) for i, h in enumerate(headings)]
    click.echo("  " + "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)))
    for row in rows:
        click.echo("  " + "  ".join(_cell(v).ljust(w) for v, w in zip(row, widths, strict=True)))


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)
