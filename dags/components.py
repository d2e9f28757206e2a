"""
### Komponenter, teman och hörnstenar (phases 1–2)

Runs whenever the survey ingest has landed new answers that passed its quality
gate (Airflow asset `hornsten://<process>/raw/survey`), and on demand after the
steering committee's valuations arrive.

1. **sync_process_config** — the plan of the process configuration (target groups,
   forums, remiss bodies and rounds, the goal matrix) into `raw.process_*`.
   **ingest_valuations** — committee members' valuation sheets from the process's
   valuation inbox, `$HORNSTEN_INBOX/<process>/valuation/` (template: `hornsten
   valuation template`).
   A sheet that does not add up is rejected whole with the reason.
   **ingest_priorities** → **check_priorities_quality** — the residents'
   prioritisation round: exports from `$HORNSTEN_INBOX/<process>/priorities/`
   (questionnaire: `hornsten priorities template`), bad, duplicate and missing ranks
   quarantined with the reason, then the round's Great Expectations suites
   (`expectations/priorities_batch.yml`) as a gate before the models.
2. **dbt_components** — the codebook seeds and every model from tagging to the
   cornerstones, one task per model with its tests right after it:
   answers tagged with components (Swedish stemming, compounds, misspellings,
   phrases; every tag explained), the untagged bucket and discovery of what the
   codebook misses, weighted and unweighted shares by question, age group, gender
   and district (groups under 5 suppressed), representativeness and raking weights,
   the residents' priorities (Borda and top-three shares, weighted), the committee's
   valuation and the cornerstones from the three inputs, traced to example answers.
3. **report_rejected_inputs** — fails the run if a member's sheet or a round export
   was rejected whole, so that the process leader hears of it.

Analysts read the results in the `marts` schema; `hornsten docs` builds the dbt
documentation site.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Asset, dag, task
from airflow.sdk.exceptions import AirflowFailException

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.cosmos import dbt_task_group
from hornsten.airflow.dag_factory import task_defaults
from hornsten.config import default_process_name, load_process

PROCESS = default_process_name()
CONFIG = load_process(PROCESS)
RAW_SURVEY = Asset(f"hornsten://{PROCESS}/raw/survey")
CORNERSTONES = Asset(f"hornsten://{PROCESS}/marts/cornerstones")


@dag(
    dag_id="hornsten_components",
    description=f"Komponenter, teman och hörnstenar ({CONFIG.municipality})",
    schedule=[RAW_SURVEY],
    start_date=pendulum.datetime(2024, 1, 1, tz=CONFIG.timezone),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["hornsten", "phase-1", "phase-2", "components", "cornerstones", PROCESS],
    default_args=task_defaults(),
)
def components():
    @task
    def ingest_valuations() -> dict:
        return orchestration.ingest_valuations(PROCESS)

    @task
    def sync_process_config() -> dict:
        return orchestration.sync_process_config(PROCESS)

    @task
    def ingest_priorities() -> dict:
        return orchestration.ingest_priorities(PROCESS)

    @task
    def check_priorities_quality(summary: dict) -> dict:
        return orchestration.check_priorities_quality(PROCESS, summary)

    @task(trigger_rule="all_done")
    def report_rejected_inputs(valuations: dict, priorities: dict) -> None:
        rejected = orchestration.rejected_inputs(valuations, priorities)
        if rejected:
            raise AirflowFailException("Rejected whole (the rest was loaded):\n" + "\n".join(rejected))

    @task(outlets=[CORNERSTONES])
    def publish() -> None:
        print("marts rebuilt: marts.cornerstones, marts.component_shares, marts.theme_shares, …")

    dbt_components = dbt_task_group("dbt_components", ["components"], env=CONFIG.dbt_env())

    summary = ingest_valuations()
    ranked = ingest_priorities()
    [summary, check_priorities_quality(ranked), sync_process_config()] >> dbt_components >> publish()
    report_rejected_inputs(summary, ranked)


components()
