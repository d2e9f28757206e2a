"""``hornsten valuation …`` and ``hornsten population import``: phase 2, the steering
committee's valuation and the population the survey is weighted to."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hornsten.cli.common import PROCESS_OPTION, process, warehouse
from hornsten.warehouse import roles


@click.group()
def valuation() -> None:
    """The steering committee's valuation of the themes (phase 2)."""


@valuation.command("template")
@click.option("--out", "out_path", type=click.Path(path_type=Path), required=True, help="XLSX file to write.")
@click.option("--members", type=click.IntRange(min=1), default=1, show_default=True, help="Blocks of theme rows.")
def valuation_template(out_path: Path, members: int) -> None:
    """Write the XLSX template a committee member fills in."""
    from hornsten.committee import valuation as val
    from hornsten.tagging.codebook import codebook_themes

    path = val.write_template(out_path, codebook_themes(), members)
    click.echo(f"Template written: {path} (sheet Värdering; instructions on sheet Instruktioner)")


@valuation.command("sample")
@click.option("--out", "out_path", type=click.Path(path_type=Path), required=True)
@click.option("--seed", type=int, default=2035, show_default=True)
@PROCESS_OPTION
def valuation_sample(out_path: Path, seed: int, process_name: str | None) -> None:
    """Write a filled-in sample valuation (two members per party of the process)."""
    from hornsten.committee import valuation as val
    from hornsten.tagging.codebook import codebook_themes

    config = process(process_name)
    parties = val.sample_parties(config)
    path = val.sample_valuations(out_path, codebook_themes(), parties, seed)
    click.echo(f"Sample valuation written: {path} ({len(parties) * 2} members)")


@valuation.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@PROCESS_OPTION
def valuation_load(files: tuple[Path, ...], process_name: str | None) -> None:
    """Validate and load filled-in valuation sheets (a member's new sheet replaces the old)."""
    from hornsten.committee import service

    config = process(process_name)
    with warehouse(role=roles.LOADER) as conn:
        outcome = service.load_valuations(conn, config, files, echo=click.echo)
    if outcome.rejected:
        sys.exit(1)


@click.group()
def population() -> None:
    """Population figures for the representativeness weights."""


@population.command("import")
@click.argument("table", type=click.Path(exists=True, path_type=Path))
@PROCESS_OPTION
@click.option("--year", default=None, help="Column to read (default: the last one).")
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Seed file to write (default: dbt_project/seeds/population/population.csv).",
)
def population_import(table: Path, process_name: str | None, year: str | None, out_path: Path | None) -> None:
    """Turn a Statistics Sweden (SCB) table export into the population seed."""
    from hornsten.committee import population as pop
    from hornsten.warehouse.dbt import dbt_project_dir

    config = process(process_name)
    try:
        rows, source = pop.read_scb(table, config, year)
    except pop.PopulationError as exc:
        raise click.ClickException(str(exc)) from None
    out = pop.write_seed(rows, source, out_path or dbt_project_dir() / "seeds" / "population" / "population.csv")
    click.echo(f"{out}: {len(rows)} cells, {sum(r[3] for r in rows):,} inhabitants (source: {source})")
    click.echo("Rebuild the models to use them: hornsten build")


COMMANDS = [valuation, population]
