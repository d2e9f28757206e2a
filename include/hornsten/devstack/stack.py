"""The local stack as one thing: a project-local PostgreSQL, the SMTP catcher, the review page
and Airflow 3 (LocalExecutor, or CeleryExecutor with Redis and N workers), without Docker.

``up`` and ``down`` put the pieces together in the order they need each other;
each piece has its own module, and their public names are importable from here,
so callers need only ``from hornsten.devstack import stack``:

* ``settings``    — where the state lives, the ports, HORNSTEN_DAGS_PAUSED (Settings)
* ``credentials`` — the generated passwords and keys (secrets.json)
* ``postgres``    — the cluster: binaries, initdb, start/stop, roles and databases,
                    the warehouse's migrations and its job roles' logins
* ``smtp``        — the SMTP catcher's process (the server: ``mailcatcher``)
* ``review``      — the review page's process (the app: ``hornsten.review``) and its default login
* ``executor``    — LocalExecutor or CeleryExecutor, remembered until ``down``
* ``airflow_env`` — the environment of every Airflow process
* ``celery_env``  — the Celery settings, from the file docker-compose.yml reads too
* ``airflow``     — migration, the services, the API server's health
* ``redis_broker`` — the Celery broker's process (redis-server)
* ``celery_workers`` — the Celery workers' processes (``worker_name``: the host their tasks report)
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
from hornsten.devstack.celery_workers import start_workers, stop_workers, worker_pids
from hornsten.devstack.dag_pausing import leave_dags_live, set_dags_paused
from hornsten.devstack.executor import Executor, choose, forget, recall, remember
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
from hornsten.devstack.redis_broker import redis_pid, start_redis, stop_redis
from hornsten.devstack.review import review_pid, start_review, stop_review
from hornsten.devstack.settings import Echo, Settings, StackError
from hornsten.devstack.smtp import mailcatcher_pid, start_mailcatcher, stop_mailcatcher
from hornsten.devstack.status import status

__all__ = [
    "AIRFLOW_SERVICES",
    "Echo",
    "Executor",
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
    "redis_pid",
    "review_pid",
    "set_dags_paused",
    "start_airflow",
    "start_mailcatcher",
    "start_postgres",
    "start_redis",
    "start_review",
    "start_workers",
    "status",
    "stop_airflow",
    "stop_mailcatcher",
    "stop_postgres",
    "stop_redis",
    "stop_review",
    "stop_workers",
    "up",
    "wait_for_api",
    "worker_pids",
]


def up(
    settings: Settings,
    echo: Echo,
    *,
    airflow: bool = True,
    before_airflow: Callable[[Settings], None] | None = None,
    executor: str | None = None,
    workers: int | None = None,
) -> Executor:
    """Start whatever of the stack does not run yet (running twice is harmless); the executor it runs.

    ``before_airflow`` runs once the databases are there and before Airflow starts
    (the CLI parses the dbt project there: the DAG processor reads its manifest).
    Without ``airflow`` the metadata database is still migrated, so that
    ``airflow dags test`` works against it. ``executor`` ("local" or "celery", with
    ``workers``): see devstack.executor; by default what this stack ran until ``down``."""
    if not airflow and (executor or workers):
        raise StackError("--executor and --workers choose how Airflow runs: leave out --no-airflow")
    pids = [*airflow_pids(settings).values(), *worker_pids(settings).values(), redis_pid(settings)]
    running = any(pid is not None for pid in pids)
    chosen = choose(recall(settings), running, executor, workers)
    start_postgres(settings, echo)
    ensure_databases(settings, echo)
    prepare_warehouse(settings, echo)
    start_mailcatcher(settings, echo)
    start_review(settings, echo)
    if before_airflow is not None:
        before_airflow(settings)
    if not airflow:
        migrate_airflow(settings, echo)
        return recall(settings)
    # Remembered first: every Airflow process started from here on reads it (airflow_env).
    remember(settings, chosen)
    if chosen.celery:
        start_redis(settings, echo)
    start_airflow(settings, echo)
    wait_for_api(settings, echo)
    # After the API server: the workers' tasks report to it.
    start_workers(settings, chosen.workers, echo)
    return chosen


def down(settings: Settings, echo: Echo) -> list[str]:
    """Stop everything of the stack that runs; the names of what was stopped."""
    # The scheduler first, so that it queues nothing more for the workers; Redis after them.
    stopped = stop_airflow(settings, echo)
    stopped += stop_workers(settings, echo)
    if stop_redis(settings, echo):
        stopped.append("redis")
    forget(settings)
    if stop_review(settings, echo):
        stopped.append("review")
    if stop_mailcatcher(settings, echo):
        stopped.append("mailcatcher")
    if stop_postgres(settings, echo):
        stopped.append("postgres")
    return stopped
