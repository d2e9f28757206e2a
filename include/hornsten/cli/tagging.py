"""``hornsten eval``: how well the codebook tags labelled answers."""

from __future__ import annotations

import json
from pathlib import Path

import click

from hornsten.cli.common import echo, settings
from hornsten.devstack import stack
from hornsten.warehouse import roles


@click.command("eval")
@click.option(
    "--answers",
    "answers_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Labelled answers CSV (id, question, text, components; default ../shared/reference/dev_answers.csv).",
)
@click.option("--json", "as_json", is_flag=True, help="The figures as one JSON object.")
def eval_cmd(answers_path: Path | None, as_json: bool) -> None:
    """Measure component tagging (precision, recall, F1) on labelled answers.

    Runs the production tagging SQL (dbt, target eval) on the file; starts the local
    PostgreSQL for the run when it is not running.
    """
    from hornsten.tagging import evaluation

    path = answers_path or evaluation.DEFAULT_ANSWERS
    try:
        answers = evaluation.read_labelled(path)
    except evaluation.EvaluationError as exc:
        raise click.ClickException(str(exc)) from None
    local = settings()
    started_here = False
    try:
        if not stack.postgres_running(local):
            stack.start_postgres(local, echo)
            started_here = True
        stack.ensure_databases(local, echo)
        report = evaluation.evaluate(local.dsn(roles.TRANSFORMER), answers, stack.airflow_env(local), echo=echo)
    except (stack.StackError, evaluation.EvaluationError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if started_here:
            stack.stop_postgres(local, echo)
    report["source"] = str(path)
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else evaluation.format_report(report))


COMMANDS = [eval_cmd]
