"""``hornsten dialogue …`` and ``hornsten remiss …``: templates, loading and follow-up
for phases 3 and 4. Registered on the main command group in hornsten.cli.main."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from hornsten.config import ConfigError, load_process
from hornsten.devstack import stack

PROCESS_OPTION = click.option(
    "--process",
    "process_name",
    default=None,
    help="Process configuration (default: $HORNSTEN_PROCESS or norrkoping_vision_2035).",
)


def _process(name: str | None):
    try:
        return load_process(name)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


def _dsn(required: bool = True) -> str | None:
    """The warehouse: $HORNSTEN_WAREHOUSE_DSN or the local stack's PostgreSQL."""
    dsn = os.environ.get("HORNSTEN_WAREHOUSE_DSN")
    if dsn:
        return dsn
    settings = stack.Settings.from_env()
    if stack.postgres_running(settings):
        os.environ.setdefault("HORNSTEN_PSEUDONYM_KEY", settings.secrets()["pseudonym_key"])
        return settings.warehouse_dsn
    if required:
        raise click.ClickException(
            "the local PostgreSQL is not running: start it with `hornsten up` (or `hornsten up --no-airflow`), "
            "or set HORNSTEN_WAREHOUSE_DSN"
        )
    return None


def _cornerstones(quiet: bool = False):
    """The current cornerstones from marts.cornerstones, or every codebook theme before phase 2 is done."""
    from hornsten.forms.ingest import codebook_themes, cornerstone_themes

    dsn = _dsn(required=False)
    themes = None
    if dsn:
        import psycopg

        with psycopg.connect(dsn, autocommit=True) as conn:
            themes = cornerstone_themes(conn)
    if not themes:
        if not quiet:
            click.echo(
                "note: no cornerstones in the warehouse yet (marts.cornerstones): the template lists every "
                "theme of the codebook",
                err=True,
            )
        themes = codebook_themes()
    return themes


def _load(files: tuple[Path, ...], process_name: str | None, dataset: str, as_json: bool) -> None:
    import psycopg

    from hornsten.forms import ingest as template_ingest

    config = _process(process_name)
    with psycopg.connect(_dsn(), autocommit=True) as conn:
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


def _print_rows(title: str, headings: list[str], rows: list[tuple]) -> None:
    click.echo(title)
    widths = [max(len(str(h)), *(len(_cell(r[i])) for r in rows)) if rows else len(h) for i, h in enumerate(headings)]
    click.echo("  " + "  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=False)))
    for row in rows:
        click.echo("  " + "  ".join(_cell(v).ljust(w) for v, w in zip(row, widths, strict=False)))


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def _query(sql: str, as_json: bool, title: str, headings: list[str], missing: str) -> None:
    import psycopg

    with psycopg.connect(_dsn(), autocommit=True) as conn:
        try:
            cursor = conn.execute(sql)
        except psycopg.errors.UndefinedTable:
            raise click.ClickException(missing) from None
        rows = cursor.fetchall()
        columns = [c.name for c in cursor.description]
    if as_json:
        for row in rows:
            click.echo(json.dumps(dict(zip(columns, row, strict=False)), ensure_ascii=False, default=str))
    else:
        _print_rows(title, headings, rows)


# ------------------------------------------------------------------ dialogue
@click.group()
def dialogue() -> None:
    """Phase 3: dialogue meetings with target groups (templates, loading, coverage)."""


@dialogue.command("template")
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    required=True,
    help="XLSX file to write (a folder with --all).",
)
@click.option("--forum", default=None, help="Prefill the forum or office (its code in the process configuration).")
@click.option(
    "--all", "all_forums", is_flag=True, help="One prefilled template per forum and office into the --out folder."
)
@PROCESS_OPTION
def dialogue_template(out_path: Path, forum: str | None, all_forums: bool, process_name: str | None) -> None:
    """Write the meeting template a facilitator fills in after each meeting."""
    from hornsten.dialogue import template as dialogue_mod

    config = _process(process_name)
    if not config.dialogue.forums:
        raise click.ClickException(f"process {config.process!r} configures no dialogue forums (key dialogue.forums)")
    cornerstones = _cornerstones()
    try:
        if all_forums:
            for f in config.dialogue.forums:
                path = dialogue_mod.write_template(out_path / f"dialog_{f.code}.xlsx", config, cornerstones, f.code)
                click.echo(f"Template written: {path}")
        else:
            path = dialogue_mod.write_template(out_path, config, cornerstones, forum)
            click.echo(f"Template written: {path} (sheets Möte, Synpunkter, Omröstning; help on Instruktioner)")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--forum") from None


@dialogue.command("sample")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True)
@click.option("--seed", type=int, default=2035, show_default=True)
@click.option("--with-bad", is_flag=True, help="Also write a broken template and one with bad rows.")
@PROCESS_OPTION
def dialogue_sample(out_dir: Path, seed: int, with_bad: bool, process_name: str | None) -> None:
    """Write filled-in sample meeting templates (one target group left unreached)."""
    from hornsten.demo import template_samples

    config = _process(process_name)
    cornerstones = _cornerstones(quiet=True)
    paths = template_samples.generate_dialogue_templates(config, cornerstones, out_dir, seed=seed)
    if with_bad:
        paths.append(template_samples.bad_dialogue_template(config, cornerstones, out_dir / "trasig_mall.xlsx"))
        paths.append(template_samples.flawed_dialogue_template(config, cornerstones, out_dir / "mote_med_fel.xlsx"))
    for path in paths:
        click.echo(str(path))
    click.echo(f"{len(paths)} template(s) in {out_dir}", err=True)


@dialogue.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@PROCESS_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
def dialogue_load(files: tuple[Path, ...], process_name: str | None, as_json: bool) -> None:
    """Validate and load filled meeting templates, exactly as the dialogue DAG does.

    Exits 1 if a template was rejected as a whole."""
    _load(files, process_name, "dialogue", as_json)


@dialogue.command("coverage")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per target group.")
def dialogue_coverage(as_json: bool) -> None:
    """Which target groups have been heard, and which not yet (marts.dialogue_coverage)."""
    _query(
        """select target_group_name, coverage_status, meetings_held, planned_meetings, participants, statements,
                  last_meeting_on
           from marts.dialogue_coverage order by is_reached, target_group_name""",
        as_json,
        "Target groups (marts.dialogue_coverage):",
        ["target group", "status", "held", "planned", "participants", "statements", "last meeting"],
        "marts.dialogue_coverage does not exist yet: run the dialogue DAG or `hornsten build`",
    )


# -------------------------------------------------------------------- remiss
@click.group()
def remiss() -> None:
    """Phase 4: the written consultation (templates, loading, status, reminders)."""


@remiss.command("template")
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder for the templates (one per body)."
)
@click.option("--body", "bodies", multiple=True, help="Only these bodies (codes); repeat for several. Default: all.")
@click.option("--round", "round_code", default=None, help="The remiss round (default: the latest).")
@PROCESS_OPTION
def remiss_template(out_dir: Path, bodies: tuple[str, ...], round_code: str | None, process_name: str | None) -> None:
    """Write one prefilled response template per remiss body."""
    from hornsten.remiss import template as remiss_mod

    config = _process(process_name)
    if not config.remiss.bodies or not config.remiss.rounds:
        raise click.ClickException(f"process {config.process!r} configures no remiss bodies or rounds (key remiss)")
    cornerstones = _cornerstones()
    try:
        round_ = config.remiss.round(round_code)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--round") from None
    known = {b.code for b in config.remiss.bodies}
    unknown = [b for b in bodies if b not in known]
    if unknown:
        raise click.BadParameter(f"unknown body {unknown[0]!r}; known: {', '.join(sorted(known))}", param_hint="--body")
    for code in bodies or [b.code for b in config.remiss.bodies]:
        path = remiss_mod.write_template(
            out_dir / f"remissvar_{round_.code}_{code}.xlsx", config, cornerstones, code, round_.code
        )
        click.echo(str(path))


@remiss.command("sample")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True)
@click.option("--seed", type=int, default=2035, show_default=True)
@PROCESS_OPTION
def remiss_sample(out_dir: Path, seed: int, process_name: str | None) -> None:
    """Write filled-in sample responses (some late, one declined, some bodies missing)."""
    from hornsten.demo import template_samples

    config = _process(process_name)
    paths = template_samples.generate_remiss_templates(config, _cornerstones(quiet=True), out_dir, seed=seed)
    for path in paths:
        click.echo(str(path))
    click.echo(f"{len(paths)} response(s) of {len(config.remiss.bodies)} bodies in {out_dir}", err=True)


@remiss.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@PROCESS_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
def remiss_load(files: tuple[Path, ...], process_name: str | None, as_json: bool) -> None:
    """Validate and load filled response templates, exactly as the remiss DAG does."""
    _load(files, process_name, "remiss", as_json)


@remiss.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per body and round.")
def remiss_status(as_json: bool) -> None:
    """Every remiss body: received, late, missing or declined (marts.remiss_status)."""
    _query(
        """select body_name, body_kind, round, status_label, received_on, deadline, contact_address
           from marts.remiss_status order by status = 'missing' desc, status = 'late' desc, body_name""",
        as_json,
        "Remiss bodies (marts.remiss_status):",
        ["body", "kind", "round", "status", "received", "deadline", "contact"],
        "marts.remiss_status does not exist yet: run the remiss DAG or `hornsten build`",
    )


@remiss.command("reminders")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per reminder.")
def remiss_reminders(as_json: bool) -> None:
    """Bodies without a response that are due a reminder (marts.remiss_reminders)."""
    _query(
        """select body_name, contact_address, round, deadline, days_to_deadline, reminder_kind
           from marts.remiss_reminders order by deadline, body_name""",
        as_json,
        "Reminders due (marts.remiss_reminders):",
        ["body", "contact", "round", "deadline", "days left", "kind"],
        "marts.remiss_reminders does not exist yet: run the remiss DAG or `hornsten build`",
    )
