"""``hornsten eval``: how well the codebook tags labelled answers, or how the machine
fares against the reviewers' decisions (``--reviewed``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click

from hornsten.cli.common import echo, settings, warehouse_dsn
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
@click.option("--errors", "show_errors", is_flag=True, help="Also print every false positive and negative.")
@click.option(
    "--errors-out",
    "errors_out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the false positives and negatives to this CSV.",
)
@click.option(
    "--reviewed",
    is_flag=True,
    help="Measure the machine against the reviewers' decisions in the warehouse instead of a labelled file.",
)
def eval_cmd(
    answers_path: Path | None, as_json: bool, show_errors: bool, errors_out: Path | None, reviewed: bool
) -> None:
    """Measure component tagging (precision, recall, F1 with a bootstrap 95% interval
    for micro-F1, and the errors per component) on labelled answers.

    Runs the production tagging SQL (dbt, target eval) on the file; starts the local
    PostgreSQL for the run when it is not running.
    """
    if reviewed:
        _eval_reviewed(as_json)
        return
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
        # A fresh stack has no job roles yet: the transformer's login comes with the migrations.
        stack.prepare_warehouse(local, echo)
        report = evaluation.evaluate(local.dsn(roles.TRANSFORMER), answers, stack.airflow_env(local), echo=echo)
    except (stack.StackError, evaluation.EvaluationError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if started_here:
            stack.stop_postgres(local, echo)
    report["source"] = str(path)
    if errors_out:
        _write_errors(errors_out, evaluation.error_rows(report["errors"]))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    click.echo(evaluation.format_report(report))
    if show_errors:
        click.echo(evaluation.format_errors(report["errors"]))


def _eval_reviewed(as_json: bool) -> None:
    import psycopg

    from hornsten.tagging import reviewed

    dsn = warehouse_dsn(required=False, role=roles.TRANSFORMER)
    if dsn is None:
        raise click.ClickException(
            "no warehouse to read review decisions from: start it with `hornsten up` or set HORNSTEN_TRANSFORMER_DSN"
        )
    try:
        report = reviewed.measure_reviewed(dsn)
    except reviewed.NoReviews as exc:
        raise click.ClickException(str(exc)) from None
    except psycopg.Error as exc:
        raise click.ClickException(f"cannot read the review decisions: {str(exc).strip()}") from None
    report["source"] = "review.tag_decisions"
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else reviewed.format_reviewed(report))


def _write_errors(path: Path, rows: list[dict]) -> None:
    fields = ["component", "kind", "answer_id", "text", "matched_terms", "matched_words", "held_back"]
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write the error list ({exc.strerror})") from None
    echo(f"{len(rows)} errors written to {path}")


COMMANDS = [eval_cmd]
