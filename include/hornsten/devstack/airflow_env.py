"""The environment every Airflow process of the local stack runs with (and ``airflow dags test``)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from hornsten.devstack import executor as executors
from hornsten.devstack.celery_env import celery_env
from hornsten.devstack.settings import Settings
from hornsten.warehouse import roles
from hornsten.warehouse.dbt import dbt_project_dir

# Passed on to Airflow (and so to the DAG files) when set in the caller's shell.
PASSED_THROUGH = ("HORNSTEN_PROCESS", "HORNSTEN_PROCESS_DIR")


def airflow_env(settings: Settings, executor: executors.Executor | None = None) -> dict[str, str]:
    """``executor``: the one the stack was started with unless given (devstack.executor)."""
    secret = settings.secrets()
    venv_bin = str(Path(sys.executable).parent)
    metadata_db = settings.dsn("airflow").replace("postgresql://", "postgresql+psycopg2://")
    env = {
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
        "AIRFLOW_HOME": str(settings.airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.repo / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        # Airflow's default pauses every new DAG, and a paused DAG runs neither on its
        # schedule nor on a new file; the local stack leaves them live unless asked.
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": str(settings.dags_paused),
        # Four task slots on two cores, with either executor (Celery: two workers of two).
        "AIRFLOW__CORE__PARALLELISM": "4",
        **executor_env(settings, executor or executors.recall(settings), metadata_db),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata_db,
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(settings.airflow_port),
        "AIRFLOW__API__BASE_URL": settings.airflow_url,
        "AIRFLOW__API__SECRET_KEY": secret["airflow_api_secret_key"],
        "AIRFLOW__API_AUTH__JWT_SECRET": secret["airflow_jwt_secret"],
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{settings.airflow_url}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(settings.passwords_file),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "True",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(settings.log_dir / "airflow"),
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        # The owner's connection, and one per job role (hornsten.airflow.tasks picks them).
        "AIRFLOW_CONN_HORNSTEN_WAREHOUSE": settings.warehouse_dsn,
        **{f"AIRFLOW_CONN_{role.upper()}": settings.dsn(role) for role in roles.JOB_ROLES},
        # Reports and failure alerts go out through Airflow's SMTP provider; locally
        # to the SMTP catcher that `hornsten up` starts (a deployment sets a real server).
        "AIRFLOW_CONN_SMTP_DEFAULT": json.dumps(
            {
                "conn_type": "smtp",
                "host": "127.0.0.1",
                "port": settings.smtp_port,
                "extra": {
                    "disable_tls": True,
                    "disable_ssl": True,
                    "from_email": "hornsten@localhost",
                    "retry_limit": 1,
                    "timeout": 30,
                },
            }
        ),
        "HORNSTEN_SMTP_PORT": str(settings.smtp_port),
        "HORNSTEN_HOME": str(settings.home),
        "HORNSTEN_PG_PORT": str(settings.pg_port),
        "HORNSTEN_PSEUDONYM_KEY": secret["pseudonym_key"],
        # dbt's profile reads these (dbt_project/profiles.yml): dbt runs as the transformer.
        "HORNSTEN_PG_HOST": "127.0.0.1",
        "HORNSTEN_PG_USER": roles.TRANSFORMER,
        "HORNSTEN_PG_PASSWORD": secret[f"pg_{roles.TRANSFORMER}_password"],
        "HORNSTEN_PG_DATABASE": "hornsten",
        "DBT_PROFILES_DIR": str(dbt_project_dir()),
        "DO_NOT_TRACK": "1",
    }
    for key in PASSED_THROUGH:
        if os.environ.get(key):
            env[key] = os.environ[key]
    return env


def executor_env(settings: Settings, executor: executors.Executor, metadata_db: str) -> dict[str, str]:
    """The LocalExecutor, or the CeleryExecutor with the stack's Redis as broker and the
    metadata database as result backend (the settings docker-compose.yml reads too)."""
    if not executor.celery:
        return {"AIRFLOW__CORE__EXECUTOR": executor.airflow_name}
    return celery_env(metadata_db, "127.0.0.1", settings.redis_port, settings.secrets()["redis_password"])


def full_env(settings: Settings) -> dict[str, str]:
    """The caller's environment with the stack's Airflow settings on top."""
    return {**os.environ, **airflow_env(settings)}
