"""``hornsten erase``: a person's data erased on request (GDPR art. 17), with the proof."""

from __future__ import annotations

import sys

import click

from hornsten.cli.common import PROCESS_OPTION, echo, process, warehouse, warehouse_dsn
from hornsten.config import available_processes


@click.command()
@click.option("--response", "response_id", default=None, help="The response id, as in the export.")
@click.option("--respondent", default=None, help="The respondent identifier as delivered (e-mail, personnummer …).")
@PROCESS_OPTION
@click.option("--dry-run", is_flag=True, help="Say what would be erased; change nothing.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase(response_id: str | None, respondent: str | None, process_name: str | None, dry_run: bool, yes: bool) -> None:
    """Erase one response, or every response of one respondent, everywhere — raw, restricted,
    quarantine, the dbt models (rebuilt), archived and waiting export files — then search
    every table and file for what was erased and print the proof (exit code 1 if anything
    is still found). A --respondent is erased in every process unless --process names one."""
    from hornsten.privacy import erasure
    from hornsten.survey.ingest import pseudonym_key
    from hornsten.warehouse.dbt import DbtFailed, connection_env, rebuild_tables

    if (response_id is None) == (respondent is None):
        raise click.UsageError("give exactly one of --response ID and --respondent VALUE")
    if respondent is not None and process_name is None:
        configs = [process(name) for name in available_processes()]
    else:
        configs = [process(process_name)]
    what = f"response {response_id!r}" if response_id is not None else "the respondent given"
    where = ", ".join(c.process for c in configs)
    if not dry_run and not yes:
        if not sys.stdin.isatty():
            raise click.ClickException("erasure cannot be undone: add --yes to confirm (or --dry-run to look first)")
        click.confirm(f"Erase {what} from {where}? This cannot be undone.", abort=True)
    dsn = warehouse_dsn()
    try:
        key = pseudonym_key()
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None

    def rebuild(config) -> None:
        rebuild_tables({**connection_env(dsn), **config.dbt_env()})

    with warehouse() as conn:
        try:
            report = erasure.erase(
                conn, configs, key, rebuild, response_id=response_id, respondent=respondent, dry_run=dry_run, echo=echo
            )
        except DbtFailed as exc:
            raise click.ClickException(
                "the rows are erased, but rebuilding the models failed, so derived tables may still hold them: "
                f"fix it and run `hornsten build --process NAME`, then this command again for the proof. {exc}"
            ) from None
    click.echo(report.describe())
    if report.proof is not None and report.proof.found:
        sys.exit(1)


COMMANDS = [erase]
