"""
### Underhåll: gallring av personuppgifter (retention)

Every night, for every process configured in `processes/`, this DAG deletes the
personal data the process no longer needs: once the process has ended (its last
phase, as a rule the council's decision) longer ago than
`retention.restricted_days_after_end` days, one task per process deletes

- the originals in `restricted` — answers, dialogue statements and remiss comments as written,
- `restricted.respondents` (the respondent identifiers behind the keyed hashes),
- the quarantined rows of the process's loads, as delivered,
- the process's archive folder (every archived export and template).

The pseudonymised `raw` data and the marts stay. Each task logs counts — never
content — here and in `audit.events` (kind `retention`, with who and when); a
process still inside its retention is left alone, and a second run deletes nothing
more. The same from the command line: `hornsten retention run [--dry-run]`.

Runs daily at 02:15 in the process's time zone (`HORNSTEN_MAINTENANCE_CRON`).
"""

from __future__ import annotations

import os

import pendulum
from airflow.sdk import CronTriggerTimetable, dag, get_current_context, task

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.dag_factory import task_defaults
from hornsten.airflow.windows import run_day
from hornsten.config import available_processes, default_process_name, load_process

TIMEZONE = load_process(default_process_name()).timezone
CRON = os.environ.get("HORNSTEN_MAINTENANCE_CRON", "15 2 * * *")


@dag(
    dag_id="hornsten_maintenance",
    description="Gallring: personuppgifter som passerat sin lagringstid raderas (alla processer)",
    schedule=CronTriggerTimetable(CRON, timezone=TIMEZONE),
    start_date=pendulum.datetime(2024, 1, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["hornsten", "maintenance", "privacy"],
    default_args=task_defaults(retries=2, retry_minutes=10),
)
def maintenance():
    for name in available_processes():

        @task(task_id=f"retention_{name}")
        def retention(process: str = name) -> dict:
            # Manual runs may come without a logical date: then today.
            day = run_day(get_current_context(), TIMEZONE) or pendulum.now(TIMEZONE).date()
            return orchestration.apply_retention(process, day)

        retention()


maintenance()
