"""The CeleryExecutor's environment, from the one file docker-compose.yml reads too.

``docker/airflow-celery.env`` holds what is the same wherever Airflow runs (the executor,
a worker's concurrency, …); the two addresses that depend on where it runs are built here
in one shape for both stacks: the broker (Redis) and the result backend (Airflow's own
metadata database). tests/unit/test_docker_compose.py checks that the compose file reads
the same file and writes the same shapes."""

from __future__ import annotations

from pathlib import Path

from hornsten.paths import REPO_ROOT

SETTINGS_FILE = REPO_ROOT / "docker" / "airflow-celery.env"
BROKER_URL = "AIRFLOW__CELERY__BROKER_URL"
RESULT_BACKEND = "AIRFLOW__CELERY__RESULT_BACKEND"
CONCURRENCY = "AIRFLOW__CELERY__WORKER_CONCURRENCY"


def shared_settings(path: Path = SETTINGS_FILE) -> dict[str, str]:
    """The KEY=value lines of the shared file (comments and blank lines skipped).

    Values are taken as written: Compose reads the file as an env_file, which it does not
    interpolate, so quotes or ${...} would mean different things to the two readers."""
    settings: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip() or any(c in value for c in "\"'$"):
            raise ValueError(f"{path}:{number}: not a plain KEY=value line: {line!r}")
        settings[key.strip()] = value.strip()
    return settings


def broker_url(host: str, port: int, password: str | None = None) -> str:
    """Redis database 0 on ``host``, with ``password`` when the server asks for one."""
    credentials = f":{password}@" if password else ""
    return f"redis://{credentials}{host}:{port}/0"


def result_backend(sql_alchemy_conn: str) -> str:
    """Celery's database result backend in Airflow's metadata database: the same URL as
    ``sql_alchemy_conn`` with Celery's ``db+`` prefix and without the SQLAlchemy driver
    (``postgresql+psycopg2://…`` becomes ``db+postgresql://…``)."""
    # Split by hand, not with urllib: the compose file's URL holds a ${VAR:?message} password.
    scheme, sep, rest = sql_alchemy_conn.partition("://")
    if not sep:
        raise ValueError(f"not a database URL: {sql_alchemy_conn!r}")
    return f"db+{scheme.split('+', 1)[0]}://{rest}"


def celery_env(sql_alchemy_conn: str, redis_host: str, redis_port: int, redis_password: str | None = None) -> dict:
    """Everything an Airflow process of a Celery stack needs beyond the LocalExecutor's settings."""
    return {
        **shared_settings(),
        BROKER_URL: broker_url(redis_host, redis_port, redis_password),
        RESULT_BACKEND: result_backend(sql_alchemy_conn),
    }
