"""``hornsten up | down | status | env`` and the airflow/dbt pass-throughs: the local stack."""

from __future__ import annotations

import json
import subprocess
import sys

import click

from hornsten.cli.common import echo, settings
from hornsten.config import default_process_name
from hornsten.devstack import stack
from hornsten.paths import inbox_dir
from hornsten.warehouse.dbt import dbt_project_dir


@click.command()
@click.option("--no-airflow", is_flag=True, help="Start only PostgreSQL and create the databases.")
@click.option(
    "--executor",
    type=click.Choice(["local", "celery"]),
    default=None,
    help="LocalExecutor (the default), or CeleryExecutor with a local Redis and --workers workers. "
    "Remembered until `hornsten down`.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 8),
    default=None,
    help="Celery workers to run (with --executor celery; default 2).",
)
def up(no_airflow: bool, executor: str | None, workers: int | None) -> None:
    """Start the local PostgreSQL and Airflow 3 (idempotent)."""
    local = settings()
    try:
        chosen = stack.up(
            local, echo, airflow=not no_airflow, before_airflow=_parse_dbt, executor=executor, workers=workers
        )
    except stack.StackError as exc:
        raise click.ClickException(str(exc)) from None
    print_where(local, airflow=not no_airflow, executor=chosen)


def _parse_dbt(local: stack.Settings) -> None:
    from hornsten.warehouse.dbt import parse_project

    echo("Parsing the dbt project (manifest for Airflow) …")
    try:
        parse_project(stack.airflow_env(local))
    except subprocess.CalledProcessError as exc:
        raise click.ClickException(
            f"dbt parse failed (exit {exc.returncode}); run `hornsten dbt parse` to see why"
        ) from None


def print_where(local: stack.Settings, airflow: bool = True, executor: stack.Executor | None = None) -> None:
    secret = local.secrets()
    click.echo("")
    if airflow:
        click.echo(f"Airflow UI     {local.airflow_url}  (login: admin / {secret['airflow_admin_password']})")
    if airflow and executor is not None and executor.celery:
        click.echo(f"Celery         {executor.workers} workers, broker Redis on 127.0.0.1:{local.redis_port}")
    click.echo(f"Warehouse      psql '{local.warehouse_dsn}'  (owner)")
    click.echo(f"Analysts       psql '{local.analyst_dsn}'  (staging and marts only)")
    click.echo(f"Survey inbox   {inbox_dir(default_process_name(), 'survey', root=local.inbox)}")
    click.echo(f"Archive        {local.archive}")
    click.echo(f"Logs           {local.log_dir}")
    click.echo(f"Mail (SMTP)    127.0.0.1:{local.smtp_port} → {local.mail_dir} (.eml and .html per message)")
    click.echo(f"Reports        {local.reports_dir}")
    click.echo(f"Review page    {local.review_url}  (login: granskare / {secret['review_granskare_password']})")
    click.echo("Stop it all    hornsten down")


@click.command()
def down() -> None:
    """Stop Airflow (with Redis and the Celery workers, if any) and PostgreSQL; nothing is left running."""
    try:
        stopped = stack.down(settings(), echo)
    except stack.StackError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("Stopped." if stopped else "Nothing was running.")


@click.command()
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One JSON object ('dsn': the owner's DSN, 'analyst_dsn': the analyst's, 'review_url': the review page).",
)
def status(as_json: bool) -> None:
    """Say what runs and where."""
    try:
        info = stack.status(settings())
    except stack.StackError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    pg = info["postgres"]
    state = "running" if pg["running"] else "stopped"
    click.echo(f"PostgreSQL   {state}  127.0.0.1:{pg['port']}  data {pg['data_directory']}")
    airflow = info["airflow"]
    for service, service_state in airflow["services"].items():
        running = f"running (pid {service_state['pid']})" if service_state["running"] else "stopped"
        click.echo(f"Airflow {service:<14} {running}")
    click.echo(f"Airflow UI   {airflow['url']}  ({'healthy' if airflow['api_healthy'] else 'not answering'})")
    click.echo(f"Executor     {airflow['executor']}")
    for line in celery_lines(info):
        click.echo(line)
    if info["dsn"]:
        click.echo(f"Warehouse    {info['dsn']}  (owner)")
    if info["analyst_dsn"]:
        click.echo(f"Analysts     {info['analyst_dsn']}  (staging and marts only)")
    review = info["review"]
    state = "running" if review["running"] else "stopped"
    click.echo(
        f"Review page  {state}  {info['review_url']}  (login {review['login']}, password in {review['password_file']})"
    )


def celery_lines(info: dict) -> list[str]:
    """The broker and the workers, when the stack runs Celery or any of them still runs."""
    redis, workers = info["redis"], info["airflow"]["workers"]
    if info["airflow"]["executor"] != "CeleryExecutor" and not redis["running"] and not workers:
        return []
    state = f"running (pid {redis['pid']})" if redis["running"] else "stopped"
    lines = [f"Redis        {state}  {redis['host']}:{redis['port']}  data {redis['data_directory']}"]
    for name, worker in workers.items():
        running = f"running (pid {worker['pid']})" if worker["running"] else "stopped"
        lines.append(f"Celery worker {name:<20} {running}")
    return lines


@click.command("env")
def env_cmd() -> None:
    """Print the environment of the local stack as shell exports (eval "$(hornsten env)")."""
    for key, value in stack.airflow_env(settings()).items():
        click.echo(f"export {key}={_shell_quote(value)}")


def _shell_quote(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def airflow(args: tuple[str, ...]) -> None:
    """Run the airflow CLI against the local stack (e.g. hornsten airflow dags list)."""
    sys.exit(subprocess.call(["airflow", *args], env=stack.full_env(settings())))


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def dbt(args: tuple[str, ...]) -> None:
    """Run dbt in dbt_project/ against the local warehouse (e.g. hornsten dbt build)."""
    local = settings()
    sys.exit(subprocess.call(["dbt", *args], env=stack.full_env(local), cwd=dbt_project_dir()))


COMMANDS = [up, down, status, env_cmd, airflow, dbt]
