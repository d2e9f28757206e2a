"""What the Airflow tasks call: the same functions the CLI uses, plus Airflow's
connection and failure conventions. Kept apart so that the logic modules never
import Airflow and the DAG files stay pure wiring."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from hornsten import paths
from hornsten.config.process import load_process

WAREHOUSE_CONN_ID = os.environ.get("HORNSTEN_WAREHOUSE_CONN_ID", "hornsten_warehouse")


def hornsten_home() -> Path:
    return paths.hornsten_home()


def inbox_for(process: str, dataset: str) -> Path:
    """The process's own inbox for `dataset` (hornsten.paths.inbox_dir), created if missing
    so that it is there when someone is told to put a file in it."""
    inbox = paths.inbox_dir(process, dataset)
    inbox.mkdir(parents=True, exist_ok=True)
    return inbox


def report_misplaced(misplaced: list[dict[str, str]]) -> None:
    for item in misplaced:
        print(f"WARNING {paths.misplaced_message(item)}")


def warehouse_connection():
    """A psycopg 3 connection to the warehouse through Airflow's connection store."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    conn = PostgresHook(postgres_conn_id=WAREHOUSE_CONN_ID).get_conn()
    conn.autocommit = True
    return conn


def warehouse_uri() -> str:
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    return PostgresHook(postgres_conn_id=WAREHOUSE_CONN_ID).get_uri()


def ingest_inbox(process: str) -> dict[str, Any]:
    """Load every export in the process's inbox and archive it; returns the per-file results."""
    from hornsten.survey.ingest import inbox_files, ingest_files, pseudonym_key

    config = load_process(process)
    inbox = inbox_for(process, "survey")
    files = inbox_files(inbox)
    print(f"{len(files)} export file(s) in {inbox}")
    misplaced = paths.misplaced_report(process, "survey")
    report_misplaced(misplaced)

    def progress(name: str, rows: int) -> None:
        print(f"  {name}: {rows:,} rows read")

    conn = warehouse_connection()
    try:
        results = ingest_files(
            conn, files, config, pseudonym_key(), archive=paths.archive_dir(process), progress=progress
        )
    finally:
        conn.close()
    for result in results:
        print(
            f"{Path(result.file).name}: {result.status}: {result.rows_read} read, {result.loaded} loaded, "
            f"{result.duplicates} already present, {result.quarantined} quarantined"
            + (f" — {result.error}" if result.error else "")
        )
    loaded = [r for r in results if r.status != "failed"]
    return {
        "load_ids": [r.load_id for r in loaded if r.load_id is not None],
        # Responses new or replaced by this run; 0 (an empty inbox, a re-delivered file)
        # means nothing for the downstream DAGs to rebuild.
        "landed": sum(r.loaded for r in loaded),
        "results": [r.as_json() for r in results],
        "misplaced": misplaced,
    }


def landed(summary: dict[str, Any]) -> int:
    """What an ingest task brought in (survey: responses; templates: meetings or responses)."""
    return int(summary.get("landed") or 0)


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
    inbox = inbox_for(process, "valuation")
    files = sorted(p for p in inbox.glob("*") if p.suffix.lower() in {".xlsx", ".csv"})
    themes = {t.code for t in valuation.codebook_themes()}
    loaded: dict[str, int] = {}
    # Sheets in the old shared valuation inbox may be another process's: name them, load nothing.
    rejected: dict[str, str] = {
        Path(m["file"]).name: paths.misplaced_message(m) for m in paths.misplaced_report(process, "valuation")
    }
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
            target = paths.archive_dir(config.process) / "valuation"
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


def ingest_templates(process: str, dataset: str) -> dict[str, Any]:
    """Load every filled template of a dataset (dialogue or remiss) from the process's inbox and archive it."""
    from hornsten.forms import ingest as template_ingest

    config = load_process(process)
    conn = warehouse_connection()
    try:
        summary = template_ingest.ingest_inbox(conn, config, dataset)
    finally:
        conn.close()
    print(f"{len(summary['results'])} {dataset} template(s) in {summary['inbox']}")
    for result in summary["results"]:
        print(template_ingest.describe(template_ingest.TemplateLoadResult(**result)))
    report_misplaced(summary["misplaced"])
    return summary


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
    """Files rejected whole, and files left where an older inbox layout put them (not loaded)."""
    failed = [f"{r['file']}: {r['error']}" for r in ingest_summary["results"] if r["status"] == "failed"]
    return failed + [paths.misplaced_message(m) for m in ingest_summary.get("misplaced", [])]


class QualityGateFailed(RuntimeError):
    """A critical expectation failed on the loaded batch."""


class RejectedFiles(RuntimeError):
    """Some files could not be read at all; they are in the archive's failed/ folder."""
