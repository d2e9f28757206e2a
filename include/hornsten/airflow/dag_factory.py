"""The shape shared by the dialogue (phase 3) and remiss (phase 4) DAGs.

Both pick up filled templates from the process's own inbox
($HORNSTEN_INBOX/<process>/<dataset>/), with the same steps: skip scheduled runs
outside the phase, mirror the process plan, ingest the templates, check them with
Great Expectations, rebuild the tagging chain and the phase's marts with Cosmos,
publish the checked batch (``raw/<dataset>``) and an asset for the next phase, and
fail visibly if a template was rejected whole. Only Airflow's DAG files import this
module.

``raw/<dataset>`` has no consumer among Hörnsten's own DAGs (the next phase starts
on the marts asset); it is there for lineage in the UI and for DAGs a municipality
adds. Like ``raw/survey`` it is emitted only after the gate and the dataset's
staging models, and only when a template was loaded.
"""

from __future__ import annotations

from collections.abc import Callable

import pendulum
from airflow.sdk import Asset, AssetOrTimeSchedule, CronTriggerTimetable, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.alerts import on_task_failure
from hornsten.airflow.cosmos import dbt_task_group
from hornsten.airflow.windows import in_window_for
from hornsten.config import ProcessConfig


def task_defaults(retries: int = 1, retry_minutes: int = 2) -> dict:
    """What every hornsten task shares: the owner shown in the UI, retries, and the failure alert."""
    return {
        "owner": "hornsten-data",
        "retries": retries,
        "retry_delay": pendulum.duration(minutes=retry_minutes),
        "on_failure_callback": on_task_failure,
    }


def asset(config: ProcessConfig, name: str) -> Asset:
    """hornsten://<process>/<name>, e.g. marts/cornerstones."""
    return Asset(f"hornsten://{config.process}/{name}")


def staging_models(group, dataset: str) -> list:
    """The Cosmos nodes (task groups of run + test, or bare tasks) of the dataset's staging models."""
    prefix = f"{group.group_id}.stg_{dataset}__"
    return [node for node_id, node in group.children.items() if node_id.startswith(prefix)]


def template_phase_dag(
    *,
    config: ProcessConfig,
    dataset: str,
    dag_id: str,
    description: str,
    doc_md: str,
    after: str,
    cron: str,
    dbt_selectors: list[str],
    publishes: str,
    finish: Callable[[str], object],
):
    """A DAG for one phase's templates; `finish(process)` runs after dbt with the outlet asset.

    `dbt_selectors` name the dbt selectors (dbt_project/selectors.yml) the DAG builds."""
    process = config.process

    @dag(
        dag_id=dag_id,
        description=description,
        schedule=AssetOrTimeSchedule(
            timetable=CronTriggerTimetable(cron, timezone=config.timezone), assets=[asset(config, after)]
        ),
        start_date=pendulum.datetime(2024, 1, 1, tz=config.timezone),
        catchup=False,
        max_active_runs=1,
        doc_md=doc_md,
        tags=["hornsten", f"phase-{'3' if dataset == 'dialogue' else '4'}", dataset, process],
        default_args=task_defaults(),
    )
    def phase_dag():
        @task.short_circuit(task_id=f"in_{dataset}_window")
        def in_window() -> bool:
            decision = in_window_for(get_current_context(), config, dataset)
            print(decision.reason)
            return decision.inside

        @task
        def sync_process_config() -> dict:
            return orchestration.sync_process_config(process)

        @task
        def ingest_templates() -> dict:
            return orchestration.ingest_templates(process, dataset)

        @task
        def check_quality(summary: dict) -> dict:
            try:
                return orchestration.check_quality(process, summary["load_ids"], dataset=dataset)
            except orchestration.QualityGateFailed as exc:
                # The data will not change on a retry: fail at once.
                raise AirflowFailException(str(exc)) from exc

        @task(trigger_rule="all_done")
        def report_rejected_files(summary: dict) -> None:
            failed = orchestration.failed_files(summary)
            if failed:
                raise AirflowFailException(
                    f"{len(failed)} template(s) rejected (archived under failed/ with the reason):\n"
                    + "\n".join(failed)
                )

        # Skipped (so no asset event) when no template was loaded.
        @task(task_id=f"publish_raw_{dataset}", outlets=[asset(config, f"raw/{dataset}")])
        def publish_raw(summary: dict) -> dict:
            if not orchestration.landed(summary):
                raise AirflowSkipException(f"nothing new was loaded: no raw/{dataset} asset event")
            return {"landed": orchestration.landed(summary)}

        @task(task_id=finish.__name__, outlets=[asset(config, publishes)])
        def publish():
            return finish(process)

        dbt_group = dbt_task_group(f"dbt_{dataset}", dbt_selectors, env=config.dbt_env())

        summary = ingest_templates()
        in_window() >> sync_process_config() >> summary
        check_quality(summary) >> dbt_group >> publish()
        staged = staging_models(dbt_group, dataset)
        (staged or dbt_group) >> publish_raw(summary)
        report_rejected_files(summary)

    return phase_dag()
