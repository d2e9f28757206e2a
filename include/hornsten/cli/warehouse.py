"""``hornsten build`` and ``hornsten docs``: the dbt models on the local warehouse."""

from __future__ import annotations

import subprocess
import sys

import click

from hornsten.cli.common import PROCESS_OPTION, process, settings
from hornsten.devstack import stack


@click.command()
@PROCESS_OPTION
@click.option("--select", default=None, help="dbt selection (default: everything).")
@click.option("--selector", default=None, help="A selector of dbt_project/selectors.yml (what one DAG builds).")
def build(process_name: str | None, select: str | None, selector: str | None) -> None:
    """Build and test the dbt models on the local warehouse (what the DAGs run)."""
    if select and selector:
        raise click.UsageError("give --select or --selector, not both")
    config = process(process_name)
    local = settings()
    env = {**stack.full_env(local), **config.dbt_env()}
    args = ["dbt", "build"] + (["--select", select] if select else []) + (["--selector", selector] if selector else [])
    sys.exit(subprocess.call(args, env=env, cwd=local.repo / "dbt_project"))


@click.command()
@click.option("--serve", is_flag=True, help="Serve the site on http://127.0.0.1:8081 after generating it.")
def docs(serve: bool) -> None:
    """Generate the dbt documentation site for analysts (every model and column)."""
    local = settings()
    project = local.repo / "dbt_project"
    env = stack.full_env(local)
    code = subprocess.call(["dbt", "docs", "generate", "--quiet"], env=env, cwd=project)
    if code:
        raise click.ClickException("dbt docs generate failed (is the warehouse running? hornsten up)")
    click.echo(f"dbt docs: {project / 'target' / 'index.html'} (static; or hornsten docs --serve)")
    if serve:
        serve_args = ["dbt", "docs", "serve", "--port", "8081", "--host", "127.0.0.1", "--no-browser"]
        sys.exit(subprocess.call(serve_args, env=env, cwd=project))


COMMANDS = [build, docs]
