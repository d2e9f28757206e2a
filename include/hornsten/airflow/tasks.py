"""What the Airflow tasks call: the same functions the CLI uses, plus Airflow's
connection and failure conventions. Kept apart so that the logic modules never
import Airflow and the DAG files stay pure wiring."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hornsten.config import ProcessConfig, load_process

WAREHOUSE_CONN_ID = os.environ.get("HORNSTEN_WAREHOUSE_CONN_ID", "hornsten_warehouse")
from hornsten.paths import REPO_ROOT


def hornsten_home() -> Path:
    return Path(os.environ.get("HORNSTEN_HOME", REPO_ROOT / ".hornsten"))


def inbox_dir(config: ProcessConfig) -> Path:
    """Each process has its own inbox folder: $HORNSTEN_HOME/inbox/<process>/ (or the inbox root)."""
    root = Path(os.environ.get("HORNSTEN_INBOX", hornsten_home() / "inbox"))
    own = root / config.process
    return own if own.is_dir() else root


def archive_dir(config: ProcessConfig) -> Path:
    return Path(os.environ.get("HORNSTEN_ARCHIVE", hornsten_home() / "archive")) / config.process


def warehouse_connection():
    """A psycopg 3 connection to the warehouse through Airflow's connection store."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    conn = PostgresHook(postgres_conn_id=WAREHOUSE_CONN_ID).get_conn()
    conn.autocommit = True
    return conn


def warehouse_uri() -> str:
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    return PostgresHook(postgres_conn_id=WAREHOUSE_CONN_ID).get_uri()


def in_window(config: ProcessConfig, phase: str, run_type: str | None, when: dt.datetime | None) -> bool:
    """Scheduled runs work only inside the phase's window; manual runs always do."""
    if run_type is not None and run_type != "scheduled":
        return True
    if when is None:
        return True
    try:
        window = config.phase(phase)
    except KeyError:
        return False  # the process has no such phase: nothing to do on a schedule
    when = when.astimezone(ZoneInfo(config.timezone))
    return window.start <= when.date() <= window.end


def ingest_inbox(process: str) -> dict[str, Any]:
    """Load every export in the process's inbox and archive it; returns the per-file results."""
    from hornsten.survey.ingest import inbox_files, ingest_files, pseudonym_key

    config = load_process(process)
    inbox = inbox_dir(config)
    files = inbox_files(inbox)
    print(f"{len(files)} export file(s) in {inbox}")

    def progress(name: str, rows: int) -> None:
        print(f"  {name}: {rows:,} rows read")

    conn = warehouse_connection()
    try:
        results = ingest_files(conn, files, config, pseudonym_key(), archive=archive_dir(config), progress=progress)
    finally:
        conn.close()
    for result in results:
        print(
            f"{Path(result.file).name}: {result.status}: {result.rows_read} read, {result.loaded} loaded, "
            f"{result.duplicates} already present, {result.quarantined} quarantined"
            + (f" — {result.error}" if result.error else "")
        )
    return {
        "load_ids": [r.load_id for r in results if r.load_id is not None and r.status != "failed"],
        "results": [r.as_json() for r in results],
    }


def check_quality(process: str, load_ids: list[int], dataset: str = "survey") -> dict[str, Any]:
    """GX checkpoint on this run's batch; raises (failing the task) on a critical failure."""
    from hornsten.quality import checkpoint as quality

    config = load_process(process)
    report = quality.run_checkpoint(config, warehouse_uri(), load_ids, hornsten_home() / "gx", dataset=dataset)
    conn = warehouse_connection()
    try:
        quality.store_report(conn, report)
    finally:
        conn.close()
    print(report.summary())
    if report.critical_failures:
        raise QualityGateFailed(report.summary())
    return {
        "run_id": report.run_id,
        "expectations": len(report.outcomes),
        "warnings": len(report.warnings),
        "data_docs": report.docs_path,
    }


def ingest_valuations(process: str) -> dict[str, Any]:
    """Load committee valuation sheets from the inbox's valuation/ folder and archive them."""
    import shutil

    from hornsten.committee import valuation
    from hornsten.survey.ingest import ensure_schema

    config = load_process(process)
    inbox = Path(os.environ.get("HORNSTEN_INBOX", hornsten_home() / "inbox")) / "valuation"
    files = sorted(p for p in inbox.glob("*") if p.suffix.lower() in {".xlsx", ".csv"}) if inbox.exists() else []
    themes = {t.code for t in valuation.codebook_themes()}
    loaded: dict[str, int] = {}
    rejected: dict[str, str] = {}
    conn = warehouse_connection()
    try:
        ensure_schema(conn)
        for path in files:
            try:
                parsed = valuation.read_valuations(path, themes)
            except (valuation.ValuationError, ValueError) as exc:
                rejected[path.name] = str(exc)
                continue
            loaded[path.name] = valuation.load(conn, config.process, path.name, parsed.valuations)
            rejected.update({f"{path.name}: {member}": reason for member, reason in parsed.rejected.items()})
            target = archive_dir(config) / "valuation"
            target.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), target / path.name)
    finally:
        conn.close()
    print(f"{len(files)} valuation file(s); members loaded: {loaded}; rejected: {rejected}")
    return {"loaded": loaded, "rejected": rejected}


def sync_process_config(process: str) -> dict[str, int]:
    """Mirror the process configuration into raw.process_* (the plan dbt compares against)."""
    from hornsten.warehouse.process_sync import sync_process

    config = load_process(process)
    conn = warehouse_connection()
    try:
        counts = sync_process(conn, config)
    finally:
        conn.close()
    print("process configuration synced: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return counts


def template_inbox(dataset: str) -> Path:
    """Filled dialogue and remiss templates arrive in $HORNSTEN_INBOX/<dataset>/."""
    return Path(os.environ.get("HORNSTEN_INBOX", hornsten_home() / "inbox")) / dataset


def ingest_templates(process: str, dataset: str) -> dict[str, Any]:
    """Load every filled template of a dataset (dialogue or remiss) from its inbox and archive it."""
    from hornsten.forms import ingest as template_ingest

    config = load_process(process)
    inbox = template_inbox(dataset)
    files = template_ingest.inbox_files(inbox)
    print(f"{len(files)} {dataset} template(s) in {inbox}")
    conn = warehouse_connection()
    try:
        results = template_ingest.ingest_templates(conn, files, config, dataset, archive=archive_dir(config))
    finally:
        conn.close()
    for result in results:
        print(template_ingest.describe(result))
    return {
        "load_ids": [r.load_id for r in results if r.load_id is not None and r.status != "failed"],
        "results": [r.as_json() for r in results],
    }


def publish_dialogue(process: str) -> dict[str, Any]:
    """The dialogue marts are rebuilt: report what the steering committee will see."""
    conn = warehouse_connection()
    try:
        reached, groups = conn.execute(
            "select count(*) filter (where is_reached), count(*) from marts.dialogue_coverage"
        ).fetchone()
        statements = conn.execute("select coalesce(sum(statements), 0) from marts.dialogue_compilation").fetchone()[0]
    finally:
        conn.close()
    print(
        f"{process}: {reached} of {groups} target groups reached, {statements} statements in "
        "marts.dialogue_compilation (the November compilation)"
    )
    return {"target_groups_reached": reached, "target_groups": groups, "statements": int(statements)}


def reminders_due(process: str) -> list[dict[str, Any]]:
    """The bodies due a reminder (marts.remiss_reminders), printed for the run log."""
    conn = warehouse_connection()
    try:
        rows = conn.execute(
            """select body, body_name, contact_address, round, deadline, days_to_deadline, reminder_kind
               from marts.remiss_reminders order by deadline, body_name"""
        ).fetchall()
    finally:
        conn.close()
    reminders = [
        {
            "body": r[0],
            "body_name": r[1],
            "contact_address": r[2],
            "round": r[3],
            "deadline": r[4].isoformat(),
            "days_to_deadline": r[5],
            "reminder_kind": r[6],
        }
        for r in rows
    ]
    print(f"{len(reminders)} remiss body/bodies due a reminder")
    for r in reminders:
        print(f"  {r['body_name']} <{r['contact_address']}>: {r['reminder_kind']}, deadline {r['deadline']}")
    return reminders


SMTP_CONN_ID = os.environ.get("HORNSTEN_SMTP_CONN_ID", "smtp_default")


def smtp_send(message) -> None:
    """Send a ready MIME message through Airflow's SMTP provider (connection smtp_default).

    The hook's send_email_smtp builds its own MIME and cannot carry inline images,
    so the message goes through the client the hook has logged in."""
    from airflow.providers.smtp.hooks.smtp import SmtpHook

    with SmtpHook(smtp_conn_id=SMTP_CONN_ID) as hook:
        hook._smtp_client.send_message(message)  # noqa: SLF001 (see docstring)


def send_due_reports(process: str, day: dt.date, only: str | None = None) -> list[dict[str, Any]]:
    """Every scheduled report due on `day` (inside its phase), sent once per period."""
    from hornsten.reports.delivery import deliver

    config = load_process(process)
    results = []
    conn = warehouse_connection()
    try:
        for schedule in config.reports.schedules:
            if only and schedule.report != only:
                continue
            result = deliver(conn, config, schedule, day, smtp_send, hornsten_home())
            print(
                f"{schedule.report} ({day}): {result.status} {result.reason}"
                + (
                    f" → {', '.join(result.recipients)}; archived in {result.archive}"
                    if result.status == "sent"
                    else ""
                )
            )
            results.append(result.__dict__)
    finally:
        conn.close()
    return results


def failed_files(ingest_summary: dict[str, Any]) -> list[str]:
    return [f"{r['file']}: {r['error']}" for r in ingest_summary["results"] if r["status"] == "failed"]


class QualityGateFailed(RuntimeError):
    """A critical expectation failed on the loaded batch."""


class RejectedFiles(RuntimeError):
    """Some files could not be read at all; they are in the archive's failed/ folder."""
