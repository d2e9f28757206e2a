"""The local stack as one thing: a project-local PostgreSQL, the SMTP catcher, the review page
and Airflow 3, without Docker.

``up`` and ``down`` put the pieces together in the order they need each other;
each piece has its own module, and their public names are importable from here,
so callers need only ``from hornsten.devstack import stack``:

* ``settings``    — where the state lives, the ports, HORNSTEN_DAGS_PAUSED (Settings)
* ``credentials`` — the generated passwords and keys (secrets.json)
* ``postgres``    — the cluster: binaries, initdb, start/stop, roles and databases,
                    the warehouse's migrations and its job roles' logins
* ``smtp``        — the SMTP catcher's process (the server: ``mailcatcher``)
* ``review``      — the review page's process (the app: ``hornsten.review``) and its default login
* ``airflow_env`` — the environment of every Airflow process
* ``airflow``     — migration, the services, the API server's health
* ``dag_pausing`` — the hornsten DAGs left live
* ``status``      — what runs and where
"""

from __future__ import annotations

from collections.abc import Callable

from hornsten.devstack.airflow import (
    AIRFLOW_SERVICES,
    airflow_pids,
    api_healthy,
    migrate_airflow,
    prepare_airflow_home,
    start_airflow,
    stop_airflow,
    wait_for_api,
)
from hornsten.devstack.airflow_env import airflow_env, full_env
from hornsten.devstack.dag_pausing import leave_dags_live, set_dags_paused
from hornsten.devstack.postgres import (
    ensure_databases,
    find_pg_bin,
    init_cluster,
    postgres_running,
    prepare_warehouse,
    start_postgres,
    stop_postgres,
)
from hornsten.devstack.processes import port_in_use
from hornsten.devstack.review import review_pid, start_review, stop_review
from hornsten.devstack.settings import Echo, Settings, StackError
from hornsten.devstack.smtp import mailcatcher_pid, start_mailcatcher, stop_mailcatcher
from hornsten.devstack.status import status

__all__ = [
    "AIRFLOW_SERVICES",
    "Echo",
    "Settings",
    "StackError",
    "airflow_env",
    "airflow_pids",
    "api_healthy",
    "down",
    "ensure_databases",
    "find_pg_bin",
    "full_env",
    "init_cluster",
    "leave_dags_live",
    "mailcatcher_pid",
    "migrate_airflow",
    "port_in_use",
    "postgres_running",
    "prepare_airflow_home",
    "prepare_warehouse",
    "review_pid",
    "set_dags_paused",
    "start_airflow",
    "start_mailcatcher",
    "start_postgres",
    "start_review",
    "status",
    "stop_airflow",
    "stop_mailcatcher",
    "stop_postgres",
    "stop_review",
    "up",
    "wait_for_api",
]


def up(
    settings: Settings,
    echo: Echo,
    *,
    airflow: bool = True,
    before_airflow: Callable[[Settings], None] | None = None,
) -> None:
    """Start whatever of the stack does not run yet (running twice is harmless).

    ``before_airflow`` runs once the databases are there and before Airflow starts
    (the CLI parses the dbt project there: the DAG processor reads its manifest).
    Without ``airflow`` the metadata database is still migrated, so that
    ``airflow dags test`` works against it."""
    start_postgres(settings, echo)
    ensure_databases(settings, echo)
    prepare_warehouse(settings, echo)
    start_mailcatcher(settings, echo)
    start_review(settings, echo)
    if before_airflow is not None:
        before_airflow(settings)
    if airflow:
        start_airflow(settings, echo)
        wait_for_api(settings, echo)
    else:
        migrate_airflow(settings, echo)


def down(settings: Settings, echo: Echo) -> list[str]:
    """Stop everything of the stack that runs; the names of what was stopped."""
    stopped = stop_airflow(settings, echo)
    if stop_review(settings, echo):
        stopped.append("review")
    if stop_mailcatcher(settings, echo):
        stopped.append("mailcatcher")
    if stop_postgres(settings, echo):
        stopped.append("postgres")
    return stopped
