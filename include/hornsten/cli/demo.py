"""``hornsten demo``: set everything up and run the whole pipeline on generated data."""

from __future__ import annotations

import click

from hornsten.cli.common import echo, process, settings
from hornsten.cli.stack import print_where, up


@click.command()
@click.option(
    "--responses",
    type=click.IntRange(min=100),
    default=20_000,
    show_default=True,
    help="Sample survey responses to generate.",
)
@click.option("--seed", type=int, default=2035, show_default=True)
@click.pass_context
def demo(ctx: click.Context, responses: int, seed: int) -> None:
    """Set up everything and run the whole pipeline (phases 1–4) on generated sample data."""
    from hornsten.demo import pipeline

    local = settings()
    config = process(None)
    ctx.invoke(up)
    code = pipeline.run(local, config, responses, seed, echo, click.echo)
    print_where(local)
    gx_docs = local.home / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    click.echo(f"Sample files   {pipeline.sample_dir(local, config)}")
    click.echo(f"GX data docs   {gx_docs}")
    click.echo(
        "Analysts       marts.cornerstones, marts.dialogue_compilation, marts.remiss_compilation, "
        "marts.goal_summary, … (hornsten docs)"
    )
    click.echo("Officials      hornsten dialogue coverage · hornsten remiss status · hornsten remiss reminders")
    if code != 0:
        raise click.ClickException(f"a DAG failed; see the logs in {local.log_dir}")


COMMANDS = [demo]
