"""A throw-away stack: its own PostgreSQL in a temporary HORNSTEN_HOME on free ports,
migrated, and removed afterwards (also on an error or Ctrl-C).

What the tests and the benchmarks run on, so neither ever touches a developer's stack.
The environment variables it sets are restored when it ends."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hornsten.devstack import stack
from hornsten.devstack.settings import Echo

VARIABLES = (
    "HORNSTEN_HOME",
    "HORNSTEN_PG_PORT",
    "HORNSTEN_AIRFLOW_PORT",
    "HORNSTEN_SMTP_PORT",
    "HORNSTEN_REVIEW_PORT",
    "HORNSTEN_REDIS_PORT",
    "HORNSTEN_PSEUDONYM_KEY",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def scratch_stack(echo: Echo = print, prefix: str = "hornsten-scratch-") -> Iterator[stack.Settings]:
    saved = {name: os.environ.get(name) for name in VARIABLES}
    home = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    home.chmod(0o755)  # the postgres user reaches its data directory through it when run as root
    os.environ["HORNSTEN_HOME"] = str(home)
    for name in VARIABLES[1:-1]:
        os.environ[name] = str(free_port())
    settings = stack.Settings.from_env()
    try:
        stack.start_postgres(settings, echo)
        stack.ensure_databases(settings, echo)
        stack.prepare_warehouse(settings, echo)
        os.environ["HORNSTEN_PSEUDONYM_KEY"] = settings.secrets()["pseudonym_key"]
        yield settings
    finally:
        stack.down(settings, echo)
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(settings.pgdata.parent, ignore_errors=True)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
