"""The local stack's Airflow 3: its home, the metadata database migration, the services, the API's health."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from hornsten.devstack.airflow_env import full_env
from hornsten.devstack.dag_pausing import leave_dags_live
from hornsten.devstack.processes import read_pid, require_free_port, run_checked, spawn, stop_group
from hornsten.devstack.settings import Echo, Settings, StackError

AIRFLOW_SERVICES = ("api-server", "scheduler", "dag-processor", "triggerer")


def prepare_airflow_home(settings: Settings) -> None:
    settings.airflow_home.mkdir(parents=True, exist_ok=True)
    passwords = settings.passwords_file
    passwords.write_text(json.dumps({"admin": settings.secrets()["airflow_admin_password"]}))
    passwords.chmod(0o600)
    for folder in (settings.inbox, settings.archive, settings.log_dir, settings.run_dir):
        folder.mkdir(parents=True, exist_ok=True)


def migrate_airflow(settings: Settings, echo: Echo) -> None:
    prepare_airflow_home(settings)
    echo("Migrating the Airflow metadata database (first time takes a minute) …")
    run_checked(
        ["airflow", "db", "migrate"],
        "airflow db migrate",
        env=full_env(settings),
        log=settings.log_dir / "airflow-db-migrate.log",
    )


def _pid_file(settings: Settings, service: str) -> Path:
    return settings.run_dir / f"airflow-{service}.pid"


def airflow_pids(settings: Settings) -> dict[str, int | None]:
    return {service: read_pid(_pid_file(settings, service)) for service in AIRFLOW_SERVICES}


def start_airflow(settings: Settings, echo: Echo) -> None:
    """Start the Airflow services that do not run yet, with the hornsten DAGs left live."""
    running = {s for s, pid in airflow_pids(settings).items() if pid}
    if running == set(AIRFLOW_SERVICES):
        echo(f"Airflow already runs ({', '.join(sorted(running))}).")
        leave_dags_live(settings, echo)
        return
    if "api-server" not in running:
        require_free_port(settings.airflow_port, "HORNSTEN_AIRFLOW_PORT")
    migrate_airflow(settings, echo)
    leave_dags_live(settings, echo)
    env = full_env(settings)
    for service in AIRFLOW_SERVICES:
        if service in running:
            continue
        log_path = settings.log_dir / f"airflow-{service}.log"
        proc = spawn(
            ["airflow", *service.split()],
            pid_file=_pid_file(settings, service),
            log_path=log_path,
            env=env,
            cwd=settings.home,
        )
        echo(f"Started Airflow {service} (pid {proc.pid}, log {log_path}).")


def api_healthy(settings: Settings) -> bool:
    # 10 s, not less: on a busy 2-core machine a just-started API server answers slowly.
    try:
        with urllib.request.urlopen(f"{settings.airflow_url}/api/v2/monitor/health", timeout=10) as resp:
            return resp.status == 200
    except OSError:
        return False


def wait_for_api(settings: Settings, echo: Echo, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    echo(f"Waiting for the Airflow API server on {settings.airflow_url} …")
    while time.monotonic() < deadline:
        if api_healthy(settings):
            return
        if airflow_pids(settings)["api-server"] is None:
            break
        time.sleep(2)
    raise StackError(
        f"The Airflow API server did not come up on {settings.airflow_url}.\n"
        f"  See {settings.log_dir / 'airflow-api-server.log'}"
    )


def stop_airflow(settings: Settings, echo: Echo) -> list[str]:
    stopped = []
    for service in AIRFLOW_SERVICES:
        pid_path = _pid_file(settings, service)
        pid = read_pid(pid_path)
        if pid is not None:
            stop_group(pid)
            stopped.append(service)
            echo(f"Stopped Airflow {service}.")
        pid_path.unlink(missing_ok=True)
    return stopped
