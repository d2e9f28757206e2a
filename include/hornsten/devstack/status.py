"""What of the local stack runs, and where everything is: for `hornsten status`."""

from __future__ import annotations

from hornsten.devstack.airflow import airflow_pids, api_healthy
from hornsten.devstack.celery_workers import node_name, worker_pids
from hornsten.devstack.executor import recall
from hornsten.devstack.postgres import postgres_running
from hornsten.devstack.redis_broker import redis_pid
from hornsten.devstack.review import DEFAULT_LOGIN, review_pid
from hornsten.devstack.settings import Settings
from hornsten.devstack.smtp import mailcatcher_pid


def status(settings: Settings) -> dict[str, object]:
    pids = airflow_pids(settings)
    executor = recall(settings)
    broker = redis_pid(settings)
    return {
        "home": str(settings.home),
        "postgres": {
            "running": postgres_running(settings),
            "host": "127.0.0.1",
            "port": settings.pg_port,
            "data_directory": str(settings.pgdata),
        },
        # The owner's connection (administration) and the analyst's (staging and marts only).
        "dsn": settings.warehouse_dsn if settings.secrets_file.exists() else None,
        "analyst_dsn": settings.analyst_dsn if settings.secrets_file.exists() else None,
        "airflow": {
            "url": settings.airflow_url,
            "api_healthy": api_healthy(settings) if pids["api-server"] else False,
            "username": "admin",
            "password_file": str(settings.passwords_file),
            "dags_paused_at_creation": settings.dags_paused,
            "services": {service: {"running": pid is not None, "pid": pid} for service, pid in pids.items()},
            # LocalExecutor or CeleryExecutor (hornsten up --executor), and the Celery workers by node name.
            "executor": executor.airflow_name,
            "workers": {
                node_name(index): {"running": pid is not None, "pid": pid}
                for index, pid in worker_pids(settings, executor.workers).items()
            },
        },
        # The Celery broker (only with the CeleryExecutor).
        "redis": {
            "running": broker is not None,
            "pid": broker,
            "host": "127.0.0.1",
            "port": settings.redis_port,
            "data_directory": str(settings.redis_dir),
        },
        "mail": {
            "running": mailcatcher_pid(settings) is not None,
            "smtp": f"127.0.0.1:{settings.smtp_port}",
            "folder": str(settings.mail_dir),
        },
        # The review page (hornsten.review): address, and the default reviewer's login.
        "review_url": settings.review_url,
        "review": {
            "running": review_pid(settings) is not None,
            "login": DEFAULT_LOGIN,
            "password_file": str(settings.secrets_file),
        },
        "reports": str(settings.reports_dir),
        "inbox": str(settings.inbox),
        "archive": str(settings.archive),
        "logs": str(settings.log_dir),
    }
