"""``hornsten ingest``, ``hornsten survey detect`` and ``hornsten sample``: phase 1, the survey."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
import psycopg

from hornsten.cli.common import PROCESS_OPTION, echo, process, warehouse
from hornsten.warehouse import roles


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@PROCESS_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
def ingest(files: tuple[Path, ...], process_name: str | None, as_json: bool) -> None:
    """Load survey export files into the warehouse, exactly as the ingest DAG does.

    Prints per file the rows read, loaded, already present (duplicates) and
    quarantined. Needs the local PostgreSQL (hornsten up --no-airflow) or
    HORNSTEN_WAREHOUSE_DSN. Exits 1 if any file failed as a whole.
    """
    from hornsten.survey import service
    from hornsten.survey.ingest import LoadInterrupted

    config = process(process_name)
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise click.ClickException(f"no such file: {', '.join(missing)}")
    started = time.monotonic()
    try:
        with warehouse(role=roles.LOADER) as conn:
            results = service.ingest_exports(conn, config, files, echo=(lambda _: None) if as_json else echo)
    except LoadInterrupted as exc:
        # Files before the interrupted one are loaded; the load log marks this attempt
        # 'interrupted' at the next load.
        raise click.ClickException(str(exc)) from None
    except psycopg.OperationalError as exc:
        raise click.ClickException(f"the warehouse cannot be reached: {str(exc).strip().splitlines()[0]}") from None
    for result in results:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False) if as_json else service.describe(result))
    if not as_json:
        echo(f"Done in {time.monotonic() - started:.1f} s. Quarantined rows: restricted.quarantine; log: raw.load_log.")
    if any(r.status == "failed" for r in results):
        sys.exit(1)


@click.command()
@click.option("--responses", type=click.IntRange(min=1), default=2000, show_default=True)
@click.option("--seed", type=int, default=2035, show_default=True)
@click.option(
    "--format",
    "formats",
    multiple=True,
    default=("all",),
    show_default=True,
    help="csv, csv-bom, excel-csv, xlsx, limesurvey or all; repeat for several.",
)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True)
@click.option(
    "--layout",
    default=None,
    help="The export layout of the plain formats (default: the process's first), e.g. enkat_2024: "
    "Norrköping's three 2024 questions, free text only.",
)
@PROCESS_OPTION
def sample(
    responses: int, seed: int, formats: tuple[str, ...], out_dir: Path, layout: str | None, process_name: str | None
) -> None:
    """Write realistic sample survey exports (with re-deliveries, bad rows and personal data)."""
    from hornsten.demo.survey import FORMATS, generate_sample

    bad = [f for f in formats if f != "all" and f not in FORMATS]
    if bad:
        raise click.BadParameter(
            f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)} or all", param_hint="--format"
        )
    config = process(process_name)
    layouts = [lay.name for lay in config.survey.exports]
    if layout is not None and layout not in layouts:
        raise click.BadParameter(
            f"process {config.process!r} has no export layout {layout!r}; choose from {', '.join(layouts)}",
            param_hint="--layout",
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        if done % 100_000 == 0 or done == total:
            echo(f"  {done:,}/{total:,} responses …")

    result = generate_sample(config, responses, seed, list(formats), out_dir, progress=progress, layout=layout)
    for f in result.files:
        click.echo(
            f"{f.path}  ({f.format}, {f.rows:,} rows, {f.malformed} malformed, {f.personal_data} with personal data)"
        )
    for warning in result.warnings:
        echo(f"warning: {warning}")
    click.echo(f"manifest {result.manifest_path}; labels {result.labels_path}")
    echo(f"Done in {time.monotonic() - started:.1f} s.")


@click.group(name="survey")
def survey_group() -> None:
    """The survey's answers in the warehouse."""


@survey_group.command()
@PROCESS_OPTION
def detect(process_name: str | None) -> None:
    """Detect the language of each answer and the fingerprints that group campaigns.

    Runs after every `hornsten ingest` and survey ingest DAG run by itself; this command
    does the same for answers not yet done (none, usually). `hornsten build` then shows
    them in marts.answer_campaigns and marts.language_summary.
    """
    from hornsten.survey import service

    config = process(process_name)
    try:
        with warehouse(role=roles.LOADER) as conn:
            result = service.detect_answers(conn, config, echo=echo)
    except psycopg.OperationalError as exc:
        raise click.ClickException(f"the warehouse cannot be reached: {str(exc).strip().splitlines()[0]}") from None
    if not result.answers:
        echo("Detection: every answer already has its language and fingerprint.")


COMMANDS = [ingest, sample, survey_group]
