"""
### Enkät: inläsning (phase 1 — survey ingest)

Picks up survey exports dropped in the process's **inbox** (`$HORNSTEN_HOME/inbox/`)
and loads them into the warehouse's `raw` schema:

1. **ingest_inbox** — CSV (comma or semicolon; UTF-8, UTF-8 with BOM or Windows-1252),
   XLSX and LimeSurvey exports, mapped by the process configuration, streamed with
   COPY. The latest submission of a response wins; re-delivered files add nothing.
   Bad rows go to `restricted.quarantine` with the reason; every file is recorded
   in `raw.load_log` and moved to the archive.
2. **check_quality** — Great Expectations on the loaded batch (required fields, value
   sets, survey window, unique ids, text length, no personal data left). A critical
   failure stops the run before dbt.
3. **dbt_staging** — the dbt staging models (Cosmos: one task per model, tests after each).
4. **report_rejected_files** — fails the run if a whole file could not be read,
   so that the failure alert reaches the data engineers.

Runs daily inside the survey window of the process configuration
(`HORNSTEN_PROCESS`, default `norrkoping_vision_2035`) and on demand (Trigger DAG).
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException
from cosmos import DbtTaskGroup

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.alerts import on_task_failure
from hornsten.airflow.cosmos import cosmos_configs
from hornsten.config import default_process_name, load_process

PROCESS = default_process_name()
CONFIG = load_process(PROCESS)
SURVEY = CONFIG.phase("survey")
RAW_SURVEY = Asset(f"hornsten://{PROCESS}/raw/survey")
project_config, profile_config, execution_config, render_config = cosmos_configs(
    selectors=["survey_staging"], env=CONFIG.dbt_env()
)


@dag(
    dag_id="hornsten_survey_ingest",
    description=f"Enkät: inläsning av enkätexporter ({CONFIG.municipality})",
    schedule="0 6 * * *",
    start_date=pendulum.datetime(SURVEY.start.year, SURVEY.start.month, SURVEY.start.day, tz=CONFIG.timezone),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["hornsten", "phase-1", "survey", PROCESS],
    default_args={
        "owner": "hornsten-data",
        "retries": 1,
        "retry_delay": pendulum.duration(minutes=2),
        "on_failure_callback": on_task_failure,
    },
    params={"process": PROCESS},
)
def survey_ingest():
    @task.short_circuit
    def in_survey_window() -> bool:
        context = get_current_context()
        run = context["dag_run"]
        inside = orchestration.in_window(CONFIG, "survey", str(run.run_type), context.get("logical_date"))
        print(
            "inside the survey window"
            if inside
            else f"outside the survey window {SURVEY.start} – {SURVEY.end}: skipping"
        )
        return inside

    @task(outlets=[RAW_SURVEY])
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
                f"{len(failed)} file(s) could not be loaded (see the archive's failed/ folder):\n" + "\n".join(failed)
            )

    dbt_staging = DbtTaskGroup(
        group_id="dbt_staging",
        project_config=project_config,
        profile_config=profile_config,
        execution_config=execution_config,
        render_config=render_config,
    )

    summary = ingest_inbox()
    in_survey_window() >> summary
    check_quality(summary) >> dbt_staging
    report_rejected_files(summary)


survey_ingest()
