"""``hornsten privacy eval``: how well the pseudonymiser finds personal data."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.group()
def privacy() -> None:
    """Personal data in free text: the pseudonymiser's measurements."""


@privacy.command("eval")
@click.option(
    "--sentences",
    "sentences_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Labelled sentences CSV (id, part, category, text, entities; default: the packaged set).",
)
@click.option("--json", "as_json", is_flag=True, help="The figures as one JSON object.")
def eval_cmd(sentences_path: Path | None, as_json: bool) -> None:
    """Recall and precision per kind of personal data, and the share of place-name
    sentences changed, on the labelled set (dev and held-out parts). Exit code 1 if a
    target is missed."""
    from hornsten.privacy import evaluation

    try:
        report = evaluation.evaluate(sentences_path)
    except evaluation.EvaluationError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else evaluation.format_report(report))
    if report["missed_targets"]:
        sys.exit(1)


COMMANDS = [privacy]
