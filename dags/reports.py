"""
### Rapporter till tjänstepersoner och deltagare (scheduled reports)

Every morning at 07:30 (`HORNSTEN_REPORTS_CRON`) this DAG sends the reports that are due according to the process
configuration (`reports.schedules`): each schedule names a report, the phase whose
window it runs in, the cron days, and the recipients.

| Report | What the reader gets |
|---|---|
| `survey-progress` | responses per day and in total, groups vs. population, **groups to reach next**, top components |
| `components` | component and theme shares, weighted and unweighted, by question, with charts |
| `cornerstones` | the ranked themes and cornerstones with their trace to components and example answers |
| `dialogue` | the November compilation: target groups reached and not, reception per cornerstone, the goal matrix |
| `remiss` | status per body, bodies not yet heard, reminders due, positions and the remissammanställning |
| `public` | "Det här har vi hört": feedback to participants, plain language, no personal data |

Each report is built from the marts only, rendered as an HTML e-mail with the charts
inline, a PDF attachment and an XLSX of the tables (cuts under 5 respondents
suppressed, cells protected against formula injection), archived under
`$HORNSTEN_HOME/reports/<process>/<report>/<period>/` and sent through the SMTP
connection `smtp_default`. `delivery.report_deliveries` makes it once per period: a
retried task or a second run on the same day sends nothing new.

Preview any report without sending: `hornsten report NAME --out DIR`.

#### The published website (`publish_site`)

After each phase the same DAG publishes "Det här har vi hört" as a static website
(`hornsten publish`): a start page with the key figures and the dialogue plan beside
what came of it, a page per cornerstone, the goal matrix and the process's timeline,
checked against WCAG 2.1 AA. It writes `$HORNSTEN_SITE_DIR/<process>/` (default
`$HORNSTEN_HOME/site/<process>/`) when a phase has ended since the last publication,
and skips otherwise; the web server serves or copies that folder.
"""

from __future__ import annotations

import os

import pendulum
from airflow.sdk import CronTriggerTimetable, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowSkipException

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.dag_factory import task_defaults
from hornsten.airflow.windows import run_day
from hornsten.config import default_process_name, load_process

CONFIG = load_process(default_process_name())
CRON = os.environ.get("HORNSTEN_REPORTS_CRON", "30 7 * * *")
REPORTS = sorted({s.report for s in CONFIG.reports.schedules})


@dag(
    dag_id="hornsten_reports",
    description=f"Schemalagda rapporter till tjänstepersoner och deltagare ({CONFIG.municipality})",
    schedule=CronTriggerTimetable(CRON, timezone=CONFIG.timezone),
    start_date=pendulum.datetime(2024, 1, 1, tz=CONFIG.timezone),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["hornsten", "reports", CONFIG.process],
    default_args=task_defaults(retries=2, retry_minutes=5),
)
def reports():
    for name in REPORTS:

        @task(task_id=f"send_{name.replace('-', '_')}")
        def send(report: str = name) -> list[dict]:
            # Manual runs may come without a logical date: then the day the run was due.
            day = run_day(get_current_context(), CONFIG.timezone) or pendulum.now(CONFIG.timezone).date()
            results = orchestration.send_due_reports(CONFIG.process, day, only=report)
            if all(r["status"] == "not_due" for r in results):
                raise AirflowSkipException("; ".join(r["reason"] for r in results))
            return results

        send()

    @task
    def publish_site() -> dict:
        day = run_day(get_current_context(), CONFIG.timezone) or pendulum.now(CONFIG.timezone).date()
        result = orchestration.publish_site(CONFIG.process, day)
        if result["skipped"]:
            raise AirflowSkipException(result["skipped"])
        return result

    publish_site()


reports()
