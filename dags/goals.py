"""
### Målmatris (the goal matrix, all phases)

The process's purposes and their measures (`goals:` in the process configuration),
each computed from the data: *uppfyllt*, *ej uppfyllt* or *ej mätbart* with the
reason, and "N av M mått uppfyllda" (`marts.goal_measures`, `marts.goal_summary`).

Runs whenever any phase has rebuilt its marts — the cornerstones
(`hornsten://<process>/marts/cornerstones`), the dialogue (`…/marts/dialogue`) or
the remiss (`…/marts/remiss`) — so the matrix always shows the latest of all three:

1. **sync_process_config** — the plan (measures, targets) into `raw.process_*`.
2. **dbt_goals** — the goal matrix marts (dbt selector `goals`), with their tests.
3. **publish** — the asset `hornsten://<process>/marts/goals` for the reports.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

from hornsten.airflow import tasks as orchestration
from hornsten.airflow.cosmos import dbt_task_group
from hornsten.airflow.dag_factory import asset, task_defaults
from hornsten.config import default_process_name, load_process

CONFIG = load_process(default_process_name())


@dag(
    dag_id="hornsten_goals",
    description=f"Målmatris: målen och deras mått ({CONFIG.municipality})",
    schedule=(asset(CONFIG, "marts/cornerstones") | asset(CONFIG, "marts/dialogue") | asset(CONFIG, "marts/remiss")),
    start_date=pendulum.datetime(2024, 1, 1, tz=CONFIG.timezone),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["hornsten", "goals", CONFIG.process],
    default_args=task_defaults(),
)
def goals():
    @task
    def sync_process_config() -> dict:
        return orchestration.sync_process_config(CONFIG.process)

    @task(outlets=[asset(CONFIG, "marts/goals")])
    def publish() -> None:
        print("marts rebuilt: marts.goal_measures, marts.goal_summary")

    dbt_goals = dbt_task_group("dbt_goals", ["goals"], env=CONFIG.dbt_env())
    sync_process_config() >> dbt_goals >> publish()


goals()
