"""``hornsten build``, ``hornsten docs`` and ``hornsten warehouse migrate``: the warehouse's
schema (migrations, as the owner) and the dbt models on it (as the transformer)."""

from __future__ import annotations

import os
import subprocess
import sys

import click

from hornsten.cli.common import PROCESS_OPTION, echo, process, settings, warehouse_dsn
from hornsten.devstack import stack
from hornsten.warehouse.dbt import dbt_project_dir, target_dir


@click.command()
@PROCESS_OPTION
@click.option("--select", default=None, help="dbt selection (default: everything).")
@click.option("--selector", default=None, help="A selector of dbt_project/selectors.yml (what one DAG builds).")
@click.option(
    "--full-refresh",
    is_flag=True,
    help="Rebuild the incremental tagging tables from scratch instead of tagging only new and changed texts.",
)
def build(process_name: str | None, select: str | None, selector: str | None, full_refresh: bool) -> None:
    """Build and test the dbt models on the local warehouse (what the DAGs run).

    The per-text tagging models are incremental: a build tags the texts that are new or
    changed since the last one, and all of them after a codebook change; --full-refresh
    tags everything again whatever changed."""
    if select and selector:
        raise click.UsageError("give --select or --selector, not both")
    config = process(process_name)
    local = settings()
    env = {**stack.full_env(local), **config.dbt_env()}
    args = ["dbt", "build"] + (["--select", select] if select else []) + (["--selector", selector] if selector else [])
    args += ["--full-refresh"] if full_refresh else []
    sys.exit(subprocess.call(args, env=env, cwd=dbt_project_dir()))


@click.command()
@click.option("--serve", is_flag=True, help="Serve the site on http://127.0.0.1:8081 after generating it.")
def docs(serve: bool) -> None:
    """Generate the dbt documentation site for analysts (every model and column)."""
    local = settings()
    project = dbt_project_dir()
    env = stack.full_env(local)
    code = subprocess.call(["dbt", "docs", "generate", "--quiet"], env=env, cwd=project)
    if code:
        raise click.ClickException("dbt docs generate failed (is the warehouse running? hornsten up)")
    click.echo(f"dbt docs: {target_dir() / 'index.html'} (static; or hornsten docs --serve)")
    if serve:
        serve_args = ["dbt", "docs", "serve", "--port", "8081", "--host", "127.0.0.1", "--no-browser"]
        sys.exit(subprocess.call(serve_args, env=env, cwd=project))


@click.group("warehouse")
def warehouse_group() -> None:
    """The warehouse's own schema: raw, restricted, the roles and their grants."""


@warehouse_group.command("migrate")
def migrate() -> None:
    """Apply the pending schema migrations as the owner (hornsten up does it too).

    On the local stack this also gives the job roles their login; elsewhere it
    migrates the warehouse of $HORNSTEN_WAREHOUSE_DSN."""
    import psycopg
    from yoyo.exceptions import LockTimeout

    from hornsten.warehouse.schema import migrate as apply_migrations

    try:
        if os.environ.get("HORNSTEN_WAREHOUSE_DSN"):
            applied = apply_migrations(os.environ["HORNSTEN_WAREHOUSE_DSN"])
        else:
            warehouse_dsn()  # the local stack must be up
            applied = stack.prepare_warehouse(settings(), lambda _: None)
    except (psycopg.Error, LockTimeout) as exc:
        raise click.ClickException(f"the migration failed: {str(exc).strip().splitlines()[0]}") from None
    echo(f"Applied: {', '.join(applied)}" if applied else "The warehouse schema is up to date.")


COMMANDS = [build, docs, warehouse_group]
