"""``hornsten retention run``: delete the originals of processes past their retention."""

from __future__ import annotations

import datetime as dt

import click

from hornsten.cli.common import JSON_OPTION, PROCESS_OPTION, echo, print_json_lines, process, warehouse
from hornsten.config import available_processes


@click.group()
def retention() -> None:
    """Retention of personal data (process configuration key `retention`)."""


@retention.command("run")
@PROCESS_OPTION
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="As if today were D.")
@JSON_OPTION
def run(process_name: str | None, dry_run: bool, day: dt.datetime | None, as_json: bool) -> None:
    """What the maintenance DAG runs every night: for every process (or --process), delete its
    restricted originals, respondents, quarantined rows and archived files once it has ended
    longer ago than its retention; print the counts."""
    from hornsten import paths
    from hornsten.privacy.retention import run_retention

    configs = [process(n) for n in available_processes()]
    only = process(process_name).process if process_name else None
    today = day.date() if day else dt.date.today()
    with warehouse() as conn:
        results = run_retention(conn, configs, today, paths.archive_dir, dry_run=dry_run, echo=echo, only=only)
    if as_json:
        print_json_lines([r.as_json() for r in results])
    else:
        for result in results:
            click.echo(result.describe())


COMMANDS = [retention]
