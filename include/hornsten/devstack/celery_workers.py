"""The Celery workers of ``hornsten up --executor celery --workers N``: ``airflow celery
worker`` processes numbered 1…N, each in its own session with a pid file and a log.

Each has its own Celery node name (``worker<i>@<host>``), which its tasks also report
as their host (devstack.worker_name), so the task instances say which worker ran them.
Their concurrency is the shared setting (docker/airflow-celery.env). They skip
Airflow's log server: its port is one per machine, and the API server reads the task
logs from the stack's own log folder."""

from __future__ import annotations

import re
import socket
from pathlib import Path

from hornsten.devstack import worker_name
from hornsten.devstack.airflow_env import full_env
from hornsten.devstack.processes import read_pid, spawn, stop_background
from hornsten.devstack.settings import Echo, Settings

_PID_FILE = re.compile(r"celery-worker(\d+)\.pid")


def node_name(index: int) -> str:
    return f"worker{index}@{socket.gethostname()}"


def worker_command(index: int) -> list[str]:
    return ["airflow", "celery", "worker", "--celery-hostname", node_name(index), "--skip-serve-logs"]


def worker_env(settings: Settings, index: int) -> dict[str, str]:
    return {
        **full_env(settings),
        worker_name.VARIABLE: node_name(index),
        "AIRFLOW__CORE__HOSTNAME_CALLABLE": worker_name.CALLABLE,
    }


def _pid_file(settings: Settings, index: int) -> Path:
    return settings.run_dir / f"celery-worker{index}.pid"


def worker_pids(settings: Settings, count: int = 0) -> dict[int, int | None]:
    """Worker number -> pid (None: not running) for workers 1…count and any other with a pid file."""
    recorded = {int(m[1]) for p in settings.run_dir.glob("celery-worker*.pid") if (m := _PID_FILE.fullmatch(p.name))}
    return {index: read_pid(_pid_file(settings, index)) for index in sorted(recorded | set(range(1, count + 1)))}


def start_workers(settings: Settings, count: int, echo: Echo) -> None:
    """Workers 1…count running (those already running are left alone), any beyond count stopped."""
    for index, pid in worker_pids(settings, count).items():
        if index > count:
            _stop(settings, index, echo)
        elif pid:
            echo(f"Celery {node_name(index)} already runs (pid {pid}).")
        else:
            _start(settings, index, echo)


def _start(settings: Settings, index: int, echo: Echo) -> None:
    log_path = settings.log_dir / f"celery-worker{index}.log"
    proc = spawn(
        worker_command(index),
        pid_file=_pid_file(settings, index),
        log_path=log_path,
        env=worker_env(settings, index),
        cwd=settings.home,
    )
    echo(f"Started Celery {node_name(index)} (pid {proc.pid}, log {log_path}).")


def _stop(settings: Settings, index: int, echo: Echo) -> bool:
    # As long as the Airflow services get: a worker's running tasks die with it.
    if not stop_background(_pid_file(settings, index), timeout=20):
        return False
    echo(f"Stopped Celery {node_name(index)}.")
    return True


def stop_workers(settings: Settings, echo: Echo) -> list[str]:
    """Stop every worker with a pid file; the names of those that ran."""
    return [f"celery-worker{index}" for index in worker_pids(settings) if _stop(settings, index, echo)]
