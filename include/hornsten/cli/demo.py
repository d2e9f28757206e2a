"""``hornsten demo``: set everything up and run the whole pipeline on generated data."""

from __future__ import annotations

import os

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
    from hornsten.devstack import stack

    config = process(None)
    # The demo drives each DAG itself (airflow dags test); live DAGs would have the
    # scheduler run the same DAGs on the same inbox meanwhile. So they are held paused
    # until the demo is done, and left live afterwards (unless HORNSTEN_DAGS_PAUSED says not).
    keep_paused = settings().dags_paused
    os.environ["HORNSTEN_DAGS_PAUSED"] = "true"
    local = settings()
    ctx.invoke(up)
    stack.set_dags_paused(local, True)
    try:
        code = pipeline.run(local, config, responses, seed, echo, click.echo)
    finally:
        if not keep_paused:
            os.environ.pop("HORNSTEN_DAGS_PAUSED")
            live = stack.leave_dags_live(settings(), echo)
            echo(f"DAGs live again: {', '.join(live) or 'none paused'} — they now run on schedule and on new files.")
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
