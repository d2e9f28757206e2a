"""Who did it: the application identity every audit record carries.

Every audit record (``raw.load_log``, ``raw.committee_valuations``,
``delivery.report_deliveries``, ``audit.events``) has three columns: ``actor`` (this
module), ``db_user`` (``session_user``, filled by the database) and a time. The
database login says which role wrote; ``actor`` says on whose behalf — the person at
the terminal or the Airflow run — which one shared login cannot.

Pure standard library, so every room (and the DAGs) may use it: inside an Airflow
task the run is read from the ``AIRFLOW_CTX_*`` variables the task runner exports.
"""

from __future__ import annotations

import getpass
import json
import os
from typing import Any

AUDIT_SCHEMA = "audit"


def actor() -> str:
    """$HORNSTEN_ACTOR if set; inside an Airflow task ``airflow:<dag_id>/<run_id>``; else the OS user."""
    explicit = os.environ.get("HORNSTEN_ACTOR", "").strip()
    if explicit:
        return explicit
    dag_id, run_id = os.environ.get("AIRFLOW_CTX_DAG_ID"), os.environ.get("AIRFLOW_CTX_DAG_RUN_ID")
    if dag_id and run_id:
        return f"airflow:{dag_id}/{run_id}"
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        # A container user without a passwd entry still acts as someone.
        return f"uid:{os.getuid()}"


def record_event(
    conn,
    kind: str,
    process: str,
    *,
    subject: str | None = None,
    counts: dict[str, int] | None = None,
    details: dict[str, Any] | None = None,
    by: str | None = None,
) -> int:
    """One row in ``audit.events``; the caller's transaction decides when it counts.

    ``subject`` names what the event was about without personal data (a keyed hash,
    a model name); ``counts`` and ``details`` hold figures and settings, never content.
    ``by`` names the actor when it is not this process's (a reviewer logged in to the review page)."""
    row = conn.execute(
        """insert into audit.events (kind, process, subject, counts, details, actor)
           values (%s, %s, %s, %s, %s, %s) returning event_id""",
        (kind, process, subject, json.dumps(counts or {}), json.dumps(details or {}, default=str), by or actor()),
    ).fetchone()
    return row[0]
