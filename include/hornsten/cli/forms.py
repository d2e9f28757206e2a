"""What the dialogue and remiss command groups share: the cornerstones a template
lists, and loading filled templates as the DAGs do."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from hornsten.cli.common import process, warehouse, warehouse_dsn
from hornsten.warehouse import roles


def template_cornerstones(process_name: str, quiet: bool = False):
    """The current cornerstones from marts.cornerstones, or every codebook theme before phase 2 is done."""
    from hornsten.forms.ingest import codebook_themes, cornerstone_themes

    themes = None
    if warehouse_dsn(required=False, role=roles.ANALYST):
        with warehouse(role=roles.ANALYST) as conn:
            themes = cornerstone_themes(conn, process_name)
    if not themes:
        if not quiet:
            click.echo(
                "note: no cornerstones in the warehouse yet (marts.cornerstones): the template lists every "
                "theme of the codebook",
                err=True,
            )
        themes = codebook_themes()
    return themes


def load_templates(files: tuple[Path, ...], process_name: str | None, dataset: str, as_json: bool) -> None:
    from hornsten.forms import ingest as template_ingest

    config = process(process_name)
    with warehouse(role=roles.LOADER) as conn:
        results = template_ingest.ingest_templates(conn, files, config, dataset)
    for result in results:
        click.echo(
            json.dumps(result.as_json(), ensure_ascii=False, default=str)
            if as_json
            else template_ingest.describe(result)
        )
    if not as_json:
        click.echo("Quarantined rows: restricted.quarantine (raw.quarantine_summary); log: raw.load_log.", err=True)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


def show_mart(rows_of, process_name: str | None, as_json: bool, title: str, headings: list[str]) -> None:
    """A mart's rows from a service function, as a table or JSON lines; a missing mart says what to run."""
    from hornsten.cli.common import print_json_lines, print_table
    from hornsten.warehouse.marts import MartNotBuilt

    config = process(process_name)
    with warehouse(config.process, role=roles.ANALYST) as conn:
        try:
            rows = rows_of(conn)
        except MartNotBuilt as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        print_json_lines(rows)
    else:
        print_table(title, headings, [tuple(r.values()) for r in rows])
