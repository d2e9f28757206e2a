"""``hornsten``: the command line for the local stack, ingest and sample data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import click

from hornsten.config.process import ConfigError, default_process_name, load_process
from hornsten.devstack import stack
from hornsten.paths import inbox_dir


def _echo(message: str) -> None:
    click.echo(message, err=True)


def _settings() -> stack.Settings:
    try:
        return stack.Settings.from_env()
    except stack.StackError as exc:
        raise click.ClickException(str(exc)) from None


def _process(name: str | None):
    try:
        return load_process(name)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hornsten")
def main() -> None:
    """Hörnsten: from citizen survey answers to a vision's cornerstones.

    Local state lives in $HORNSTEN_HOME (default: .hornsten/ in the repository).
    """


# ------------------------------------------------------------------ stack
@main.command()
@click.option("--no-airflow", is_flag=True, help="Start only PostgreSQL and create the databases.")
def up(no_airflow: bool) -> None:
    """Start the local PostgreSQL and Airflow 3 (idempotent)."""
    settings = _settings()
    try:
        stack.start_postgres(settings, _echo)
        stack.ensure_databases(settings, _echo)
        stack.start_mailcatcher(settings, _echo)
        _parse_dbt(settings)
        if no_airflow:
            stack.prepare_airflow_home(settings)
            stack.migrate_airflow(settings, _echo)
        else:
            stack.start_airflow(settings, _echo)
            stack.wait_for_api(settings, _echo)
    except stack.StackError as exc:
        raise click.ClickException(str(exc)) from None
    _print_where(settings, airflow=not no_airflow)


def _parse_dbt(settings: stack.Settings) -> None:
    from hornsten.warehouse.dbt import parse_project

    _echo("Parsing the dbt project (manifest for Airflow) …")
    try:
        parse_project(stack.airflow_env(settings))
    except subprocess.CalledProcessError as exc:
        raise click.ClickException(
            f"dbt parse failed (exit {exc.returncode}); run `hornsten dbt parse` to see why"
        ) from None


def _print_where(settings: stack.Settings, airflow: bool = True) -> None:
    secret = settings.secrets()
    click.echo("")
    if airflow:
        click.echo(f"Airflow UI     {settings.airflow_url}  (login: admin / {secret['airflow_admin_password']})")
    click.echo(f"Warehouse      psql '{settings.warehouse_dsn}'")
    click.echo(f"Survey inbox   {inbox_dir(default_process_name(), 'survey', root=settings.inbox)}")
    click.echo(f"Archive        {settings.archive}")
    click.echo(f"Logs           {settings.log_dir}")
    click.echo(f"Mail (SMTP)    127.0.0.1:{settings.smtp_port} → {settings.mail_dir} (.eml and .html per message)")
    click.echo(f"Reports        {settings.reports_dir}")
    click.echo("Stop it all    hornsten down")


@main.command()
def down() -> None:
    """Stop Airflow and PostgreSQL; nothing is left running."""
    settings = _settings()
    try:
        stopped = stack.stop_airflow(settings, _echo)
        stopped += ["mailcatcher"] if stack.stop_mailcatcher(settings, _echo) else []
        pg = stack.stop_postgres(settings, _echo)
    except stack.StackError as exc:
        raise click.ClickException(str(exc)) from None
    if not stopped and not pg:
        click.echo("Nothing was running.")
    else:
        click.echo("Stopped.")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object (the warehouse DSN under 'dsn').")
def status(as_json: bool) -> None:
    """Say what runs and where."""
    settings = _settings()
    try:
        info = stack.status(settings)
    except stack.StackError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    pg = info["postgres"]
    click.echo(
        f"PostgreSQL   {'running' if pg['running'] else 'stopped'}  127.0.0.1:{pg['port']}  data {pg['data_directory']}"
    )
    airflow = info["airflow"]
    for service, state in airflow["services"].items():
        click.echo(
            f"Airflow {service:<14} {'running (pid {})'.format(state['pid']) if state['running'] else 'stopped'}"
        )
    click.echo(f"Airflow UI   {airflow['url']}  ({'healthy' if airflow['api_healthy'] else 'not answering'})")
    if info["dsn"]:
        click.echo(f"Warehouse    {info['dsn']}")


@main.command("env")
def env_cmd() -> None:
    """Print the environment of the local stack as shell exports (eval "$(hornsten env)")."""
    settings = _settings()
    for key, value in stack.airflow_env(settings).items():
        click.echo(f"export {key}={_shell_quote(value)}")


def _shell_quote(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def airflow(args: tuple[str, ...]) -> None:
    """Run the airflow CLI against the local stack (e.g. hornsten airflow dags list)."""
    settings = _settings()
    sys.exit(subprocess.call(["airflow", *args], env=stack.full_env(settings)))


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def dbt(args: tuple[str, ...]) -> None:
    """Run dbt in dbt_project/ against the local warehouse (e.g. hornsten dbt build)."""
    settings = _settings()
    project = settings.repo / "dbt_project"
    sys.exit(subprocess.call(["dbt", *args], env=stack.full_env(settings), cwd=project))


# ----------------------------------------------------------------- ingest
@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--process",
    "process_name",
    default=None,
    help="Process configuration (default: $HORNSTEN_PROCESS or norrkoping_vision_2035).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
def ingest(files: tuple[Path, ...], process_name: str | None, as_json: bool) -> None:
    """Load survey export files into the warehouse, exactly as the ingest DAG does.

    Prints per file the rows read, loaded, already present (duplicates) and
    quarantined. Needs the local PostgreSQL (hornsten up --no-airflow) or
    HORNSTEN_WAREHOUSE_DSN. Exits 1 if any file failed as a whole.
    """
    import psycopg

    from hornsten.survey import ingest as ingest_mod

    config = _process(process_name)
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise click.ClickException(f"no such file: {', '.join(missing)}")
    dsn = os.environ.get("HORNSTEN_WAREHOUSE_DSN")
    settings = _settings()
    if not dsn:
        if not stack.postgres_running(settings):
            raise click.ClickException(
                "the local PostgreSQL is not running: start it with `hornsten up` "
                "(or `hornsten up --no-airflow`), or set HORNSTEN_WAREHOUSE_DSN"
            )
        dsn = settings.warehouse_dsn
        os.environ.setdefault("HORNSTEN_PSEUDONYM_KEY", settings.secrets()["pseudonym_key"])
    key = ingest_mod.pseudonym_key()

    def progress(name: str, rows: int) -> None:
        if not as_json:
            _echo(f"  {name}: {rows:,} rows read …")

    started = time.monotonic()
    with psycopg.connect(dsn, autocommit=True) as conn:
        results = ingest_mod.ingest_files(conn, files, config, key, progress=progress)
    for result in results:
        if as_json:
            click.echo(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            click.echo(
                f"{result.file}: {result.status} — {result.rows_read:,} read, {result.loaded:,} loaded, "
                f"{result.duplicates:,} already present, {result.quarantined:,} quarantined"
            )
            for reason, count in sorted(result.reasons.items(), key=lambda kv: -kv[1]):
                click.echo(f"    quarantined {count:,}× {reason}")
            if result.error:
                click.echo(f"    error: {result.error}")
    if not as_json:
        _echo(
            f"Done in {time.monotonic() - started:.1f} s. Quarantined rows: restricted.quarantine; log: raw.load_log."
        )
    if any(r.status == "failed" for r in results):
        sys.exit(1)


# ----------------------------------------------------------------- sample
@main.command()
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
@click.option("--process", "process_name", default=None)
def sample(responses: int, seed: int, formats: tuple[str, ...], out_dir: Path, process_name: str | None) -> None:
    """Write realistic sample survey exports (with re-deliveries, bad rows and personal data)."""
    from hornsten.demo.survey_sample import FORMATS, generate_sample

    bad = [f for f in formats if f != "all" and f not in FORMATS]
    if bad:
        raise click.BadParameter(
            f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)} or all", param_hint="--format"
        )
    config = _process(process_name)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        if done % 100_000 == 0 or done == total:
            _echo(f"  {done:,}/{total:,} responses …")

    result = generate_sample(config, responses, seed, list(formats), out_dir, progress=progress)
    for f in result.files:
        click.echo(
            f"{f.path}  ({f.format}, {f.rows:,} rows, {f.malformed} malformed, {f.personal_data} with personal data)"
        )
    for warning in result.warnings:
        _echo(f"warning: {warning}")
    click.echo(f"manifest {result.manifest_path}; labels {result.labels_path}")
    _echo(f"Done in {time.monotonic() - started:.1f} s.")


# -------------------------------------------------------------- valuation
@main.group()
def valuation() -> None:
    """The steering committee's valuation of the themes (phase 2)."""


@valuation.command("template")
@click.option("--out", "out_path", type=click.Path(path_type=Path), required=True, help="XLSX file to write.")
@click.option("--members", type=click.IntRange(min=1), default=1, show_default=True, help="Blocks of theme rows.")
def valuation_template(out_path: Path, members: int) -> None:
    """Write the XLSX template a committee member fills in."""
    from hornsten.committee import valuation as val

    path = val.write_template(out_path, val.codebook_themes(), members)
    click.echo(f"Template written: {path} (sheet Värdering; instructions on sheet Instruktioner)")


@valuation.command("sample")
@click.option("--out", "out_path", type=click.Path(path_type=Path), required=True)
@click.option("--seed", type=int, default=2035, show_default=True)
@click.option("--process", "process_name", default=None)
def valuation_sample(out_path: Path, seed: int, process_name: str | None) -> None:
    """Write a filled-in sample valuation (two members per party of the process)."""
    from hornsten.committee import valuation as val

    config = _process(process_name)
    parties = [b.code.upper() for b in config.remiss.bodies if b.kind == "parti"] or ["A", "B", "C"]
    path = val.sample_valuations(out_path, val.codebook_themes(), parties, seed)
    click.echo(f"Sample valuation written: {path} ({len(parties) * 2} members)")


@valuation.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--process", "process_name", default=None)
def valuation_load(files: tuple[Path, ...], process_name: str | None) -> None:
    """Validate and load filled-in valuation sheets (a member's new sheet replaces the old)."""
    import psycopg

    from hornsten.committee import valuation as val
    from hornsten.survey.ingest import ensure_schema

    config = _process(process_name)
    settings = _settings()
    if not stack.postgres_running(settings):
        raise click.ClickException("the local PostgreSQL is not running: start it with `hornsten up`")
    themes = {t.code for t in val.codebook_themes()}
    problems = 0
    with psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
        ensure_schema(conn)
        for path in files:
            try:
                parsed = val.read_valuations(path, themes)
            except (val.ValuationError, ValueError) as exc:
                click.echo(f"{path}: rejected: {exc}")
                problems += 1
                continue
            members = val.load(conn, config.process, path.name, parsed.valuations)
            click.echo(f"{path}: {members} member(s) loaded")
            for member, reason in parsed.rejected.items():
                click.echo(f"    rejected {member}: {reason}")
                problems += 1
    if problems:
        sys.exit(1)


# ------------------------------------------------------------- population
@main.group()
def population() -> None:
    """Population figures for the representativeness weights."""


@population.command("import")
@click.argument("table", type=click.Path(exists=True, path_type=Path))
@click.option("--process", "process_name", default=None)
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

    config = _process(process_name)
    try:
        rows, source = pop.read_scb(table, config, year)
    except pop.PopulationError as exc:
        raise click.ClickException(str(exc)) from None
    out = pop.write_seed(rows, source, out_path or dbt_project_dir() / "seeds" / "population" / "population.csv")
    click.echo(f"{out}: {len(rows)} cells, {sum(r[3] for r in rows):,} inhabitants (source: {source})")
    click.echo("Rebuild the models to use them: hornsten build")


# ------------------------------------------------------------------ build
@main.command()
@click.option("--process", "process_name", default=None)
@click.option("--select", default=None, help="dbt selection (default: everything).")
def build(process_name: str | None, select: str | None) -> None:
    """Build and test every dbt model on the local warehouse (what the DAGs run)."""
    config = _process(process_name)
    settings = _settings()
    env = {**stack.full_env(settings), **config.dbt_env()}
    args = ["dbt", "build"] + (["--select", select] if select else [])
    sys.exit(subprocess.call(args, env=env, cwd=settings.repo / "dbt_project"))


@main.command()
@click.option("--serve", is_flag=True, help="Serve the site on http://127.0.0.1:8081 after generating it.")
def docs(serve: bool) -> None:
    """Generate the dbt documentation site for analysts (every model and column)."""
    settings = _settings()
    project = settings.repo / "dbt_project"
    env = stack.full_env(settings)
    code = subprocess.call(["dbt", "docs", "generate", "--quiet"], env=env, cwd=project)
    if code:
        raise click.ClickException("dbt docs generate failed (is the warehouse running? hornsten up)")
    click.echo(f"dbt docs: {project / 'target' / 'index.html'} (static; or hornsten docs --serve)")
    if serve:
        sys.exit(
            subprocess.call(
                ["dbt", "docs", "serve", "--port", "8081", "--host", "127.0.0.1", "--no-browser"], env=env, cwd=project
            )
        )


# ------------------------------------------------------------------- eval
@main.command("eval")
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
    import psycopg

    from hornsten.tagging import evaluation

    path = answers_path or evaluation.DEFAULT_ANSWERS
    try:
        answers = evaluation.read_labelled(path)
    except evaluation.EvaluationError as exc:
        raise click.ClickException(str(exc)) from None
    settings = _settings()
    started_here = False
    try:
        if not stack.postgres_running(settings):
            stack.start_postgres(settings, _echo)
            started_here = True
        stack.ensure_databases(settings, _echo)
        with psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
            evaluation.load_answers(conn, answers)
        _echo(f"Tagging {len(answers)} answers with the production SQL (dbt target eval) …")
        evaluation.build_tagging_models(stack.airflow_env(settings))
        with psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
            predicted = evaluation.fetch_predictions(conn)
            codebook = evaluation.fetch_codebook(conn)
        evaluation.check_labels(answers, set(codebook))
    except (stack.StackError, evaluation.EvaluationError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if started_here:
            stack.stop_postgres(settings, _echo)
    gold = {a.id: a.components for a in answers}
    report = evaluation.score(gold, predicted, codebook)
    report["source"] = str(path)
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else evaluation.format_report(report))


# ------------------------------------------------------------------- demo
@main.command()
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
    import shutil

    from hornsten.demo.survey_sample import generate_sample

    settings = _settings()
    config = _process(None)
    ctx.invoke(up)
    _echo(f"\n[1/7] Generating {responses:,} sample responses for {config.process} …")
    samples = settings.home / "samples" / config.process
    shutil.rmtree(samples, ignore_errors=True)
    result = generate_sample(config, responses, seed, ["all"], samples)
    survey_inbox = inbox_dir(config.process, "survey", root=settings.inbox)
    survey_inbox.mkdir(parents=True, exist_ok=True)
    for f in result.files:
        shutil.copy2(f.path, survey_inbox / f.path.name)
        _echo(f"  inbox <- {f.path.name} ({f.format}, {f.rows:,} rows)")
    # The same export delivered twice must not add a single row.
    first = result.files[0].path
    shutil.copy2(first, survey_inbox / f"resent_{first.name}")
    _echo(f"  inbox <- resent_{first.name} (the same file again)")

    _echo("\n[2/7] Running the survey ingest DAG (airflow dags test hornsten_survey_ingest) …")
    code = _dags_test(settings, "hornsten_survey_ingest")

    _echo("\n[3/7] What landed in the warehouse:")
    _print_warehouse_summary(settings)

    from hornsten.committee import valuation as val

    parties = [b.code.upper() for b in config.remiss.bodies if b.kind == "parti"] or ["A", "B", "C"]
    sheet = val.sample_valuations(
        inbox_dir(config.process, "valuation", root=settings.inbox) / "styrgruppen.csv",
        val.codebook_themes(),
        parties,
        seed,
    )
    _echo(
        f"\n[4/7] Steering committee valuation ({sheet.name}, {len(parties) * 2} members) and the "
        "components DAG (airflow dags test hornsten_components) …"
    )
    code = _dags_test(settings, "hornsten_components") or code
    if code == 0:
        _print_cornerstones(settings)

    if code == 0 and config.dialogue.forums:
        from hornsten.demo import walkthrough as demo_phases

        _echo(
            "\n[5/7] Dialogue: filled meeting templates (one broken, one with bad rows, one corrected "
            "re-delivery) and the dialogue DAG (airflow dags test hornsten_dialogue) …"
        )
        demo_phases.stage_dialogue(settings, config, samples / "dialogue", seed, _echo)
        code = _dags_test(settings, "hornsten_dialogue")
        if code == 0:
            demo_phases.print_dialogue(settings, click.echo)
    if code == 0 and config.remiss.bodies and config.remiss.rounds:
        from hornsten.demo import walkthrough as demo_phases

        _echo(
            "\n[6/7] Remiss: responses from the bodies (some late, one declined, some missing) and the "
            "remiss DAG (airflow dags test hornsten_remiss) …"
        )
        demo_phases.stage_remiss(settings, config, samples / "remiss", seed, _echo)
        code = _dags_test(settings, "hornsten_remiss")
        if code == 0:
            demo_phases.print_remiss(settings, click.echo)
    if code == 0 and config.reports.schedules:
        from hornsten.demo import walkthrough as demo_phases

        days = demo_phases.report_days(config)
        _echo(
            f"\n[7/7] Scheduled reports: the reports DAG on the last day of each phase "
            f"({', '.join(d.isoformat() for d in days)}), sent to the local SMTP catcher …"
        )
        for day in days:
            code = _dags_test(settings, "hornsten_reports", day.isoformat()) or code
        demo_phases.print_mail(settings, click.echo)
    _print_where(settings)
    click.echo(f"Sample files   {samples}")
    click.echo(
        f"GX data docs   {settings.home / 'gx' / 'gx' / 'uncommitted' / 'data_docs' / 'local_site' / 'index.html'}"
    )
    click.echo(
        "Analysts       marts.cornerstones, marts.dialogue_compilation, marts.remiss_compilation, "
        "marts.goal_summary, … (hornsten docs)"
    )
    click.echo("Officials      hornsten dialogue coverage · hornsten remiss status · hornsten remiss reminders")
    if code != 0:
        raise click.ClickException(f"a DAG failed; see the logs in {settings.log_dir}")


def _dags_test(settings: stack.Settings, dag_id: str, logical_date: str | None = None) -> int:
    log = settings.log_dir / f"demo-{dag_id}{'-' + logical_date if logical_date else ''}.log"
    started = time.monotonic()
    with log.open("w") as handle:
        code = subprocess.call(
            ["airflow", "dags", "test", dag_id, *([logical_date] if logical_date else [])],
            env=stack.full_env(settings),
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    when = f" for {logical_date}" if logical_date else ""
    _echo(
        f"  {dag_id}{when}: {'succeeded' if code == 0 else 'FAILED'} in {time.monotonic() - started:.0f} s (log: {log})"
    )
    return code


def _print_cornerstones(settings: stack.Settings) -> None:
    import psycopg

    with psycopg.connect(settings.warehouse_dsn) as conn:
        click.echo("\n  Cornerstones (marts.cornerstones):")
        for rank, label, score, citizens, committee in conn.execute(
            """select cornerstone_rank, theme_label, score, citizen_salience, committee_valuation
               from marts.cornerstones where is_cornerstone order by cornerstone_rank"""
        ):
            click.echo(
                f"    {rank}. {label:<42} score {score:.3f} (citizens {citizens:.2f}, committee {committee or 0:.2f})"
            )
        click.echo("\n  Young people (16–24) in Navestad mention most, weighted (marts.component_shares):")
        for label, share in conn.execute(
            """select component_label, weighted_share from marts.component_shares
               where cut = 'age_group×district' and group_value = '16-24×navestad' and question_code = 'alla'
                 and not is_suppressed order by weighted_share desc nulls last limit 5"""
        ):
            click.echo(f"    {label:<45} {share:.1%}")


def _print_warehouse_summary(settings: stack.Settings) -> None:
    import psycopg

    with psycopg.connect(settings.warehouse_dsn) as conn:
        for row in conn.execute(
            """select file_name, status, rows_read, loaded, duplicates, quarantined
               from raw.load_log order by load_id desc limit 12"""
        ).fetchall()[::-1]:
            click.echo(
                f"  {row[0]:<48} {row[1]:<24} read {row[2] or 0:>7,}  loaded {row[3] or 0:>7,}  "
                f"duplicates {row[4] or 0:>6,}  quarantined {row[5] or 0:>4,}"
            )
        responses, answers = conn.execute(
            "select (select count(*) from raw.survey_responses), (select count(*) from raw.survey_answers)"
        ).fetchone()
        click.echo(f"  raw.survey_responses: {responses:,} responses; raw.survey_answers: {answers:,} answers")
        for reason, count in conn.execute(
            "select reason, count(*) from restricted.quarantine group by 1 order by 2 desc limit 8"
        ).fetchall():
            click.echo(f"  quarantined {count:>4}× {reason[:110]}")


from hornsten.cli.phases import dialogue as _dialogue_group  # noqa: E402
from hornsten.cli.phases import remiss as _remiss_group  # noqa: E402

main.add_command(_dialogue_group, "dialogue")
main.add_command(_remiss_group, "remiss")

from hornsten.cli.reports import report as _report_cmd  # noqa: E402
from hornsten.cli.reports import reports_group as _reports_group  # noqa: E402

main.add_command(_report_cmd, "report")
main.add_command(_reports_group, "reports")


if __name__ == "__main__":  # pragma: no cover
    main()
