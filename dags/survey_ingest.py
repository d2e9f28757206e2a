"""
### Enkät: inläsning (phase 1 — survey ingest)

Picks up survey exports dropped in the process's **survey inbox**
(`$HORNSTEN_HOME/inbox/<process>/survey/`) and loads them into the warehouse's `raw` schema:

1. **in_survey_window** — a scheduled run outside the survey window of the process
   configuration stops here: nothing is loaded and no asset is emitted. Manual runs
   (Trigger DAG) always go on.
2. **ingest_inbox** — CSV (comma or semicolon; UTF-8, UTF-8 with BOM or Windows-1252),
   XLSX and LimeSurvey exports, mapped by the process configuration, streamed with
   COPY. The latest submission of a response wins; re-delivered files add nothing.
   Bad rows go to `restricted.quarantine` with the reason; every file is recorded
   in `raw.load_log` and moved to the archive.
3. **check_quality** — Great Expectations on the loaded batch (required fields, value
   sets, survey window, unique ids, text length, no personal data left). A critical
   failure stops the run before dbt.
4. **dbt_staging** — the dbt staging models (Cosmos: one task per model, tests after each).
5. **publish_raw_survey** — emits the asset `hornsten://<process>/raw/survey`, which
   starts the components DAG: only once the gate has passed and staging is built, and
   only when this run loaded new or changed responses (otherwise it is skipped).
6. **report_rejected_files** — fails the run if a whole file could not be read, or a
   file lies where an older inbox layout put it, so that the failure alert reaches
   the data engineers.

Runs daily at 06:00 (`HORNSTEN_SURVEY_INGEST_CRON`) inside the survey window of the
process configuration (`HORNSTEN_PROCESS`, default `norrkoping_vision_2035`) and on
demand (Trigger DAG).
"""

from __future__ import annotations

import os

import pendulum
from airflow.sdk import Asset, CronTriggerTimetable, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.cosmos import dbt_task_group
from hornsten.airflow.dag_factory import task_defaults
from hornsten.airflow.windows import in_window_for
from hornsten.config import default_process_name, load_process

PROCESS = default_process_name()
CONFIG = load_process(PROCESS)
SURVEY = CONFIG.phase("survey")
# A deployment may pull more often during the survey; the scheduler test pulls every minute.
CRON = os.environ.get("HORNSTEN_SURVEY_INGEST_CRON", "0 6 * * *")
RAW_SURVEY = Asset(f"hornsten://{PROCESS}/raw/survey")


@dag(
    dag_id="hornsten_survey_ingest",
    description=f"Enkät: inläsning av enkätexporter ({CONFIG.municipality})",
    schedule=CronTriggerTimetable(CRON, timezone=CONFIG.timezone),
    start_date=pendulum.datetime(SURVEY.start.year, SURVEY.start.month, SURVEY.start.day, tz=CONFIG.timezone),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["hornsten", "phase-1", "survey", PROCESS],
    default_args=task_defaults(),
    params={"process": PROCESS},
)
def survey_ingest():
    @task.short_circuit
    def in_survey_window() -> bool:
        decision = in_window_for(get_current_context(), CONFIG, "survey")
        print(decision.reason)
        return decision.inside

    @task
    def ingest_inbox() -> dict:
        return orchestration.ingest_inbox(PROCESS)

    @task
    def check_quality(summary: dict) -> dict:
        try:
            return orchestration.check_quality(PROCESS, summary["load_ids"])
        except orchestration.QualityGateFailed as exc:
            # The data will not change on a retry: fail at once.
            raise AirflowFailException(str(exc)) from exc

    @task(trigger_rule="all_done")
    def report_rejected_files(summary: dict) -> None:
        failed = orchestration.failed_files(summary)
        if failed:
            raise AirflowFailException(
                f"{len(failed)} file(s) could not be loaded (unreadable ones are in the archive's failed/ folder):\n"
                + "\n".join(failed)
            )

    # The asset starts the components DAG: emitted only after the gate and staging, and
    # only for new data. A skipped task emits no asset event.
    @task(outlets=[RAW_SURVEY])
    def publish_raw_survey(summary: dict) -> dict:
        if not orchestration.landed(summary):
            raise AirflowSkipException("nothing new was loaded: no asset event for the components DAG")
        return {"landed": orchestration.landed(summary)}

    dbt_staging = dbt_task_group("dbt_staging", ["survey_staging"], env=CONFIG.dbt_env())

    summary = ingest_inbox()
    in_survey_window() >> summary
    check_quality(summary) >> dbt_staging >> publish_raw_survey(summary)
    report_rejected_files(summary)


survey_ingest()
