"""The host name a local Celery worker's tasks report to Airflow ([core] hostname_callable).

Airflow records on each task instance the host it ran on, from this callable; every
worker of ``hornsten up --executor celery`` runs on the same machine, so without it they
would all say the same name and nobody could tell which worker ran a task. Each worker
gets its Celery node name (``worker1@<host>``) in HORNSTEN_WORKER_NAME. Imported by
Airflow inside the task processes, so it imports nothing of Airflow or the stack."""

from __future__ import annotations

import os
import socket

VARIABLE = "HORNSTEN_WORKER_NAME"
CALLABLE = "hornsten.devstack.worker_name.hostname"


def hostname() -> str:
    """The worker's name where one is set, else what Airflow would say (the FQDN)."""
    return os.environ.get(VARIABLE) or socket.getfqdn()
