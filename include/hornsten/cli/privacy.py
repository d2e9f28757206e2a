"""``hornsten privacy …``: personal data in free text — how well the pseudonymiser finds
it (``eval``) and the key of its keyed hashes (``rotate-key``)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from hornsten.cli.common import JSON_OPTION, echo, settings, warehouse
from hornsten.devstack import credentials

# While a rotation runs, the local stack keeps the next key beside the current one, so
# that a rotation interrupted after its commit is finished by running the command again.
NEXT_KEY = "pseudonym_key_next"


@click.group("privacy")
def privacy() -> None:
    """Personal data: the pseudonymiser's measurements and its key."""


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


@privacy.command("rotate-key")
@click.option(
    "--key-out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Outside the local stack (HORNSTEN_WAREHOUSE_DSN set): a new file the new key is written to (mode 600).",
)
@JSON_OPTION
def rotate_key(key_out: Path | None, as_json: bool) -> None:
    """Generate a new pseudonymisation key and re-key every respondent pseudonym with it.

    In one transaction every keyed hash is recomputed from the originals in
    restricted.respondents; then the local stack's secrets.json holds the new key
    (elsewhere: put the key written to --key-out into HORNSTEN_PSEUDONYM_KEY)."""
    from hornsten.privacy import rotation

    remote = bool(os.environ.get("HORNSTEN_WAREHOUSE_DSN"))
    if remote and key_out is None:
        raise click.UsageError("HORNSTEN_WAREHOUSE_DSN is set: give --key-out FILE for the new key")
    with warehouse() as conn:
        if remote:
            old = _environment_key()
            new = credentials.new_secret("pseudonym_key")
            _write_new_file(key_out, new)
        else:
            secrets_file = settings().secrets_file
            stored = credentials.load_or_create(secrets_file)
            old, new = stored["pseudonym_key"], stored.get(NEXT_KEY) or credentials.new_secret("pseudonym_key")
            credentials.update(secrets_file, {NEXT_KEY: new})
        try:
            if rotation.key_matches(conn, new.encode()) and not remote:
                result = rotation.Rotation(0, {})  # an interrupted rotation had committed: finish it
            else:
                result = rotation.rotate_key(conn, old.encode(), new.encode())
        except rotation.KeyMismatch as exc:
            raise click.ClickException(str(exc)) from None
        if not remote:
            credentials.update(secrets_file, {"pseudonym_key": new, NEXT_KEY: None})
    if as_json:
        click.echo(json.dumps(result.as_json()))
    else:
        rows = ", ".join(f"{table} {count}" for table, count in result.rows_rekeyed.items())
        click.echo(f"Re-keyed {result.respondents} respondent(s) ({rows or 'nothing to re-key'}).")
    where = f"HORNSTEN_PSEUDONYM_KEY (the key is in {key_out})" if remote else "Airflow (hornsten down && hornsten up)"
    echo(f"Restart {where} so that loads use the new key; the next dbt build refreshes the derived tables.")


def _environment_key() -> str:
    key = os.environ.get("HORNSTEN_PSEUDONYM_KEY")
    if not key:
        raise click.ClickException("HORNSTEN_PSEUDONYM_KEY is not set: the current key is needed to rotate it")
    return key


def _write_new_file(path: Path, key: str) -> None:
    try:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(key + "\n")
    except FileExistsError:
        raise click.ClickException(f"{path} exists: give a new file for the new key") from None


COMMANDS = [privacy]
