"""What the Airflow tasks call: the same functions the CLI uses, plus Airflow's
connection and failure conventions. Kept apart so that the logic modules never
import Airflow and the DAG files stay pure wiring."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hornsten.config import ProcessConfig, load_process
from hornsten.paths import REPO_ROOT
from hornsten.survey.service import failed_files  # noqa: F401 (the DAGs' rejected-files step)
from hornsten.warehouse.schemas import scoped

WAREHOUSE_CONN_ID = os.environ.get("HORNSTEN_WAREHOUSE_CONN_ID", "hornsten_warehouse")


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


@contextmanager
def _warehouse():
    conn = warehouse_connection()
    try:
        yield conn
    finally:
        conn.close()


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
    from hornsten.survey import service

    config = load_process(process)
    with _warehouse() as conn:
        return service.ingest_inbox(conn, config, inbox_dir(config), archive_dir(config))


def check_quality(process: str, load_ids: list[int], dataset: str = "survey") -> dict[str, Any]:
    """GX checkpoint on this run's batch; raises (failing the task) on a critical failure."""
    from hornsten.quality import checkpoint as quality

    config = load_process(process)
    report = quality.run_checkpoint(config, warehouse_uri(), load_ids, hornsten_home() / "gx", dataset=dataset)
    with _warehouse() as conn:
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


def ingest_valuations(process: str) -> dict[str, Any]:
    """Load committee valuation sheets from the inbox's valuation/ folder and archive them."""
    from hornsten.committee import service

    config = load_process(process)
    inbox = Path(os.environ.get("HORNSTEN_INBOX", hornsten_home() / "inbox")) / "valuation"
    files = service.inbox_sheets(inbox)
    print(f"{len(files)} valuation file(s) in {inbox}")
    with _warehouse() as conn:
        return service.load_valuations(conn, config, files, archive=archive_dir(config) / "valuation").as_json()


def sync_process_config(process: str) -> dict[str, int]:
    """Mirror the process configuration into raw.process_* (the plan dbt compares against)."""
    from hornsten.warehouse.process_sync import sync_process

    config = load_process(process)
    with _warehouse() as conn:
        counts = sync_process(conn, config)
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
    with _warehouse() as conn:
        results = template_ingest.ingest_templates(conn, files, config, dataset, archive=archive_dir(config))
    for result in results:
        print(template_ingest.describe(result))
    return {
        "load_ids": [r.load_id for r in results if r.load_id is not None and r.status != "failed"],
        "results": [r.as_json() for r in results],
    }


def publish_dialogue(process: str) -> dict[str, Any]:
    """The dialogue marts are rebuilt: report what the steering committee will see."""
    from hornsten.dialogue import service

    with _warehouse() as conn:
        summary = service.compilation_summary(scoped(conn, process))
    print(
        f"{process}: {summary['target_groups_reached']} of {summary['target_groups']} target groups reached, "
        f"{summary['statements']} statements in marts.dialogue_compilation (the November compilation)"
    )
    return summary


def reminders_due(process: str) -> list[dict[str, Any]]:
    """The bodies due a reminder (marts.remiss_reminders), printed for the run log."""
    from hornsten.remiss import service

    with _warehouse() as conn:
        reminders = [{**r, "deadline": r["deadline"].isoformat()} for r in service.reminders(scoped(conn, process))]
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
    from hornsten.reports import service

    config = load_process(process)
    with _warehouse() as conn:
        outcomes = service.send_due_reports(conn, config, day, smtp_send, hornsten_home(), only=only)
    failed = [o for o in outcomes if o.error]
    if failed:
        # Failing the task lets Airflow retry; a report already sent is never sent again.
        raise RuntimeError("; ".join(o.describe(day) for o in failed))
    return [o.result.__dict__ for o in outcomes]


class QualityGateFailed(RuntimeError):
    """A critical expectation failed on the loaded batch."""


class RejectedFiles(RuntimeError):
    """Some files could not be read at all; they are in the archive's failed/ folder."""
