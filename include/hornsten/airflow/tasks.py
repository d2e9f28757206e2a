"""What the Airflow tasks call: the service functions the CLI uses too, with Airflow's
connections (the warehouse and SMTP hooks) and the process's inboxes. Kept apart so
that the domain modules never import Airflow and the DAG files stay pure wiring."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hornsten import paths
from hornsten.config import load_process
from hornsten.survey.service import failed_files  # noqa: F401 (the DAGs' rejected-files step)
from hornsten.warehouse import roles
from hornsten.warehouse.schemas import scoped

# The owner's connection, and one per job role (hornsten.warehouse.roles): each task
# connects with the least it needs (dbt's role is the profile's, see airflow_env).
WAREHOUSE_CONN_ID = os.environ.get("HORNSTEN_WAREHOUSE_CONN_ID", "hornsten_warehouse")
LOADER_CONN_ID = os.environ.get("HORNSTEN_LOADER_CONN_ID", roles.LOADER)
REPORTER_CONN_ID = os.environ.get("HORNSTEN_REPORTER_CONN_ID", roles.REPORTER)
SMTP_CONN_ID = os.environ.get("HORNSTEN_SMTP_CONN_ID", "smtp_default")


def inbox_for(process: str, dataset: str) -> Path:
    """The process's own inbox for `dataset` (hornsten.paths.inbox_dir), created if missing
    so that it is there when someone is told to put a file in it."""
    inbox = paths.inbox_dir(process, dataset)
    inbox.mkdir(parents=True, exist_ok=True)
    return inbox


def report_misplaced(misplaced: list[dict[str, str]]) -> None:
    for item in misplaced:
        print(f"WARNING {paths.misplaced_message(item)}")


def warehouse_connection(conn_id: str = WAREHOUSE_CONN_ID):
    """A psycopg 3 connection to the warehouse through Airflow's connection store (the owner's by default)."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    conn = PostgresHook(postgres_conn_id=conn_id).get_conn()
    conn.autocommit = True
    return conn


@contextmanager
def _warehouse(conn_id: str):
    conn = warehouse_connection(conn_id)
    try:
        yield conn
    finally:
        conn.close()


def warehouse_uri(conn_id: str = WAREHOUSE_CONN_ID) -> str:
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    return PostgresHook(postgres_conn_id=conn_id).get_uri()


def ingest_inbox(process: str) -> dict[str, Any]:
    """Load every export in the process's survey inbox and archive it; returns the per-file results."""
    from hornsten.survey import service

    config = load_process(process)
    misplaced = paths.misplaced_report(process, "survey")
    report_misplaced(misplaced)
    with _warehouse(LOADER_CONN_ID) as conn:
        summary = service.ingest_inbox(conn, config, inbox_for(process, "survey"), paths.archive_dir(process))
    return {**summary, "misplaced": misplaced}


def landed(summary: dict[str, Any]) -> int:
    """Responses or templates new or replaced by this run (0: nothing for downstream DAGs to rebuild)."""
    return int(summary.get("landed") or 0)


def check_quality(process: str, load_ids: list[int], dataset: str = "survey") -> dict[str, Any]:
    """GX checkpoint on this run's batch; raises (failing the task) on a critical failure."""
    from hornsten.quality import checkpoint as quality

    config = load_process(process)
    report = quality.run_checkpoint(
        config, warehouse_uri(LOADER_CONN_ID), load_ids, paths.hornsten_home() / "gx", dataset=dataset
    )
    with _warehouse(LOADER_CONN_ID) as conn:
        quality.store_report(conn, report)
    print(report.summary())
    if report.critical_failures:
        raise QualityGateFailed(report.summary())
    return {
        "run_id": report.run_id,
        "expectations": len(report.outcomes),
        "warnings": len(report.warnings),
        "data_docs": report.docs_path,
    }


def ingest_priorities(process: str) -> dict[str, Any]:
    """Load the prioritisation round's exports from the process's priorities inbox and archive them."""
    from hornsten.priorities import service

    config = load_process(process)
    with _warehouse(LOADER_CONN_ID) as conn:
        return service.ingest_inbox(
            conn, config, inbox_for(process, "priorities"), paths.archive_dir(process) / "priorities"
        )


def check_priorities_quality(process: str, summary: dict[str, Any]) -> dict[str, Any]:
    """The round's GX suites on what this run loaded; nothing to check when nothing landed."""
    if not summary["load_ids"]:
        print("no prioritisation export loaded in this run: nothing to check")
        return {"expectations": 0, "warnings": 0}
    return check_quality(process, summary["load_ids"], dataset="priorities")


def rejected_inputs(valuations: dict[str, Any], priorities: dict[str, Any]) -> list[str]:
    """Valuation sheets and round exports rejected whole, one line each (for the run's failure)."""
    from hornsten.priorities import service

    sheets = [f"{member}: {reason}" for member, reason in valuations["rejected"].items()]
    return sheets + service.failed_files(priorities)


def ingest_valuations(process: str) -> dict[str, Any]:
    """Load committee valuation sheets from the process's valuation inbox and archive them."""
    from hornsten.committee import service

    config = load_process(process)
    inbox = inbox_for(process, "valuation")
    files = service.inbox_sheets(inbox)
    print(f"{len(files)} valuation file(s) in {inbox}")
    with _warehouse(LOADER_CONN_ID) as conn:
        outcome = service.load_valuations(conn, config, files, archive=paths.archive_dir(process) / "valuation")
    # Sheets in the old shared valuation inbox may be another process's: name them, load nothing.
    for item in paths.misplaced_report(process, "valuation"):
        outcome.rejected[Path(item["file"]).name] = paths.misplaced_message(item)
    return outcome.as_json()


def sync_process_config(process: str) -> dict[str, int]:
    """Mirror the process configuration into raw.process_* (the plan dbt compares against)."""
    from hornsten.warehouse.process_sync import sync_process

    config = load_process(process)
    with _warehouse(LOADER_CONN_ID) as conn:
        counts = sync_process(conn, config)
    print("process configuration synced: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return counts


def ingest_templates(process: str, dataset: str) -> dict[str, Any]:
    """Load every filled template of a dataset (dialogue or remiss) from the process's inbox and archive it."""
    from hornsten.forms import ingest as template_ingest

    config = load_process(process)
    with _warehouse(LOADER_CONN_ID) as conn:
        summary = template_ingest.ingest_inbox(conn, config, dataset)
    print(f"{len(summary['results'])} {dataset} template(s) in {summary['inbox']}")
    for result in summary["results"]:
        print(template_ingest.describe(template_ingest.TemplateLoadResult(**result)))
    report_misplaced(summary["misplaced"])
    return summary


def publish_dialogue(process: str) -> dict[str, Any]:
    """The dialogue marts are rebuilt: report what the steering committee will see."""
    from hornsten.dialogue import service

    with _warehouse(REPORTER_CONN_ID) as conn:
        summary = service.compilation_summary(scoped(conn, process))
    print(
        f"{process}: {summary['target_groups_reached']} of {summary['target_groups']} target groups reached, "
        f"{summary['statements']} statements in marts.dialogue_compilation (the November compilation)"
    )
    return summary


def reminders_due(process: str) -> list[dict[str, Any]]:
    """The bodies due a reminder (marts.remiss_reminders), printed for the run log."""
    from hornsten.remiss import service

    with _warehouse(REPORTER_CONN_ID) as conn:
        reminders = [{**r, "deadline": r["deadline"].isoformat()} for r in service.reminders(scoped(conn, process))]
    print(f"{len(reminders)} remiss body/bodies due a reminder")
    for r in reminders:
        print(f"  {r['body_name']} <{r['contact_address']}>: {r['reminder_kind']}, deadline {r['deadline']}")
    return reminders


def smtp_send(message) -> None:
    """Send a ready MIME message through Airflow's SMTP provider (connection smtp_default).

    The hook's send_email_smtp builds its own MIME and cannot carry inline images,
    so the message goes through the client the hook has logged in."""
    from airflow.providers.smtp.hooks.smtp import SmtpHook

    with SmtpHook(smtp_conn_id=SMTP_CONN_ID) as hook:
        hook._smtp_client.send_message(message)  # noqa: SLF001 (see docstring)


def send_due_reports(process: str, day: dt.date, only: str | None = None) -> list[dict[str, Any]]:
    """Every scheduled report due on `day` (inside its phase), sent once per period."""
    from hornsten.reports import service

    config = load_process(process)
    with _warehouse(REPORTER_CONN_ID) as conn:
        outcomes = service.send_due_reports(conn, config, day, smtp_send, paths.hornsten_home(), only=only)
    failed = [o for o in outcomes if o.error]
    if failed:
        # Failing the task lets Airflow retry; a report already sent is never sent again.
        raise RuntimeError("; ".join(o.describe(day) for o in failed))
    return [o.result.__dict__ for o in outcomes]


def publish_site(process: str, day: dt.date) -> dict[str, Any]:
    """The process's website, republished when a phase has ended since the last time."""
    from hornsten.publish import service

    config = load_process(process)
    with _warehouse(REPORTER_CONN_ID) as conn:
        result = service.publish_if_due(conn, config, paths.site_dir(process), day)
    return result.as_json()


def apply_retention(process: str, day: dt.date) -> dict[str, Any]:
    """Delete the process's originals if it is past its retention on `day`; the counts, for the log."""
    from hornsten.config import available_processes
    from hornsten.privacy.retention import run_retention

    configs = [load_process(name) for name in available_processes()]
    # Retention deletes originals: the owner's job.
    with _warehouse(WAREHOUSE_CONN_ID) as conn:
        (result,) = run_retention(conn, configs, day, paths.archive_dir, only=process)
    return result.as_json()


class QualityGateFailed(RuntimeError):
    """A critical expectation failed on the loaded batch."""
