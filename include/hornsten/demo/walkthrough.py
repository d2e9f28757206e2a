"""The demo's phases 3 and 4: stage generated templates in the inbox and show what
an official would look at afterwards. Kept out of cli.py so the command module
stays about commands."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from hornsten.config import ProcessConfig
from hornsten.devstack import stack
from hornsten.paths import inbox_dir

Echo = Callable[[str], None]


def _connect(settings: stack.Settings, config: ProcessConfig):
    """The local warehouse, reading `config`'s own schemas."""
    import psycopg

    from hornsten.warehouse.schemas import scoped

    return scoped(psycopg.connect(settings.warehouse_dsn, autocommit=True), config.process)


def stage_dialogue(settings: stack.Settings, config: ProcessConfig, out: Path, seed: int, echo: Echo) -> None:
    """Meeting templates into inbox/<process>/dialogue; the broken one is loaded by the CLI path to show why."""
    from hornsten.demo import templates
    from hornsten.forms import ingest as template_ingest

    shutil.rmtree(out, ignore_errors=True)
    with _connect(settings, config) as conn:
        cornerstones = template_ingest.cornerstone_themes(conn, config.process) or template_ingest.codebook_themes()
    paths = templates.generate_dialogue_templates(config, cornerstones, out, seed=seed)
    flawed = templates.flawed_dialogue_template(config, cornerstones, out / "mote_med_fel.xlsx")
    corrected = templates.corrected_redelivery(paths[0], out / f"korrigerad_{paths[0].name}")
    inbox = inbox_dir(config.process, "dialogue", root=settings.inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    # Sorted by name: the corrected file ("korrigerad_…") comes after the original ("dialog_…").
    for path in [*paths, flawed, corrected]:
        shutil.copy2(path, inbox / path.name)
    echo(
        f"  inbox/{config.process}/dialogue <- {len(paths)} meeting templates, {flawed.name} (bad rows), "
        f"{corrected.name} (re-delivery)"
    )
    broken = templates.bad_dialogue_template(config, cornerstones, out / "trasig_mall.xlsx")
    with _connect(settings, config) as conn:
        (result,) = template_ingest.ingest_templates(conn, [broken], config, "dialogue", themes=cornerstones)
    echo(f"  hornsten dialogue load {broken.name}: {template_ingest.describe(result)}")


def stage_remiss(settings: stack.Settings, config: ProcessConfig, out: Path, seed: int, echo: Echo) -> None:
    from hornsten.demo import templates
    from hornsten.forms import ingest as template_ingest

    shutil.rmtree(out, ignore_errors=True)
    with _connect(settings, config) as conn:
        cornerstones = template_ingest.cornerstone_themes(conn, config.process) or template_ingest.codebook_themes()
    paths = templates.generate_remiss_templates(config, cornerstones, out, seed=seed)
    inbox = inbox_dir(config.process, "remiss", root=settings.inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy2(path, inbox / path.name)
    # A body sends its response twice: the second must replace, not add.
    shutil.copy2(paths[0], inbox / f"z_skickad_igen_{paths[0].name}")
    echo(
        f"  inbox/{config.process}/remiss <- {len(paths)} responses of {len(config.remiss.bodies)} bodies, "
        "one sent twice"
    )


def print_dialogue(settings: stack.Settings, config: ProcessConfig, echo: Echo) -> None:
    with _connect(settings, config) as conn:
        echo("\n  Target groups (marts.dialogue_coverage):")
        for name, status, held, planned, participants in conn.execute(
            """select target_group_name, coverage_status, meetings_held, planned_meetings, participants
               from marts.dialogue_coverage order by is_reached, target_group_name"""
        ):
            echo(f"    {name:<36} {status:<12} {held}/{planned} meetings, {participants or 0} participants")
        echo("\n  November compilation (marts.dialogue_compilation):")
        for kind, label, statements, support, change, new in conn.execute(
            """select row_kind, coalesce(theme_label, '—'), statements, support, change, new_proposal
               from marts.dialogue_compilation order by cornerstone_rank nulls last"""
        ):
            echo(
                f"    {kind:<12} {label:<40} {statements:>3} statements: {support} support, {change} change, {new} new"
            )
        rare = conn.execute(
            """select component_label from marts.dialogue_components
               where is_rare_in_survey order by dialogue_statements desc limit 5"""
        ).fetchall()
        if rare:
            echo("  Raised in the dialogue but rare in the survey: " + ", ".join(r[0] for r in rare))
        quarantined = conn.execute(
            """select count(*) from restricted.quarantine
               where file_name like 'mote_med_fel%' or file_name like 'trasig%'"""
        ).fetchone()[0]
        echo(f"  Quarantined template rows with reasons: {quarantined} (restricted.quarantine)")


def print_remiss(settings: stack.Settings, config: ProcessConfig, echo: Echo) -> None:
    with _connect(settings, config) as conn:
        counts = conn.execute(
            "select status_label, count(*) from marts.remiss_status group by 1 order by 2 desc"
        ).fetchall()
        echo("\n  Remiss status (marts.remiss_status): " + ", ".join(f"{n} {label}" for label, n in counts))
        for name, contact in conn.execute(
            "select body_name, contact_address from marts.remiss_status where status = 'missing' order by body_name"
        ):
            echo(f"    not yet heard: {name} <{contact}>")
        echo("\n  Position matrix, cornerstones (marts.remiss_position_matrix):")
        for item, agree, changes, disagree, none_, missing in conn.execute(
            """select item_name,
                      count(*) filter (where position = 'instammer'),
                      count(*) filter (where position = 'instammer_med_andringar'),
                      count(*) filter (where position = 'instammer_inte'),
                      count(*) filter (where position = 'ingen_asikt'),
                      count(*) filter (where position is null)
               from marts.remiss_position_matrix where item_kind = 'cornerstone'
               group by item_name, item_order order by item_order"""
        ):
            echo(
                f"    {item:<40} instämmer {agree:>2} · med ändringar {changes:>2} · instämmer inte {disagree:>2}"
                f" · ingen åsikt {none_:>2} · ej svarat {missing:>2}"
            )
        summary = conn.execute("select summary from marts.goal_summary").fetchone()
        if summary:
            echo(f"\n  Goal matrix (marts.goal_measures): {summary[0]}")


def report_days(config: ProcessConfig) -> list:
    """One day per phase with scheduled reports: its last day, when every schedule of the phase is due."""
    return sorted({config.phase(s.phase).end for s in config.reports.schedules})


def print_site(settings: stack.Settings, config: ProcessConfig, echo: Echo) -> None:
    """Where the reports DAG published the website, and what it covers."""
    from hornsten.paths import site_dir
    from hornsten.publish import render

    folder = site_dir(config.process, settings.home)
    manifest = render.read_manifest(folder)
    if manifest is None:
        echo(f"\n  No website published in {folder} (see the hornsten_reports logs).")
        return
    phases = {p.code: p.name for p in config.phases}
    covered = ", ".join(phases[c] for c in manifest["covered_phases"]) or "no phase ended yet"
    echo(f'\n  Published website "Det här har vi hört" ({len(manifest["pages"])} pages; covers: {covered}):')
    echo(f"    {(folder / 'index.html').resolve().as_uri()}")
    echo('    Copy the folder to the municipality\'s web server (README, "The published website").')


def print_mail(settings: stack.Settings, echo: Echo) -> None:
    import email
    import email.policy

    messages = sorted(settings.mail_dir.glob("*.eml"))
    echo(f"\n  Mail caught by the local SMTP server ({settings.mail_dir}):")
    for path in messages:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        attachments = [part.get_filename() for part in message.iter_attachments() if part.get_filename()]
        echo(f"    {message['Subject']}  →  {message['To']}  [{', '.join(attachments)}]")
    echo(f"  Open the .eml files in a mail client, or the .html beside each; archived copies in {settings.reports_dir}")
