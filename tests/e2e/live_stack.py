"""A whole local stack (`hornsten up`: PostgreSQL, Airflow's API server, scheduler, DAG
processor and triggerer, the SMTP catcher; with `--executor celery` Redis and the workers)
in a temporary HORNSTEN_HOME on free ports, for tests that need the real scheduler rather
than `airflow dags test`.

Everything the stack needs goes through the environment of the `hornsten` and
`airflow` subprocesses, never this test process's os.environ, so the session's own
PostgreSQL (tests/conftest.py) is not disturbed. `running_stack` always ends with
`hornsten down` and removes the folders, also when the test fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hornsten.devstack import stack
from hornsten.paths import REPO_ROOT


def _hornsten_command() -> list[str]:
    """The `hornsten` entry point of this checkout's pyproject.toml, run by this interpreter.

    Not the venv's console script: that one was generated from whichever checkout was
    installed, and points at a module another branch may have moved."""
    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module, function = scripts["hornsten"].split(":")
    code = f"import sys; from {module} import {function} as run; sys.argv[0] = 'hornsten'; sys.exit(run())"
    return [sys.executable, "-c", code]


HORNSTEN = _hornsten_command()
AIRFLOW = str(Path(sys.executable).parent / "airflow")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StackTimeout(AssertionError):
    """What we waited for did not happen; the message carries what the stack was doing."""


@dataclass
class LiveStack:
    settings: stack.Settings
    env: dict[str, str]
    _token: str | None = field(default=None, repr=False)

    # ------------------------------------------------------------ commands
    def hornsten(self, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*HORNSTEN, *args], env=self.env, capture_output=True, text=True, timeout=timeout, cwd=self.settings.home
        )
        assert result.returncode == 0, f"hornsten {' '.join(args)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result

    def airflow(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        """The airflow CLI with the stack's environment (what `eval "$(hornsten env)"` gives a shell)."""
        env = {**self.env, **stack.airflow_env(self.settings)}
        result = subprocess.run(
            [AIRFLOW, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=self.settings.home
        )
        assert result.returncode == 0, f"airflow {' '.join(args)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result

    def set_paused(self, dag_id: str, paused: bool) -> None:
        self.airflow("dags", "pause" if paused else "unpause", dag_id)

    # ------------------------------------------------------------ REST API
    def api(self, path: str, method: str = "GET", body: dict | None = None, **query: Any) -> Any:
        """GET/PATCH/POST {airflow_url}/api/v2/{path} as the stack's admin."""
        url = f"{self.settings.airflow_url}/api/v2/{path.lstrip('/')}"
        if query:
            url += "?" + urllib.parse.urlencode(query, doseq=True)
        request = urllib.request.Request(
            url,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self._bearer()}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def _bearer(self) -> str:
        if self._token is None:
            password = self.settings.secrets()["airflow_admin_password"]
            request = urllib.request.Request(
                f"{self.settings.airflow_url}/auth/token",
                method="POST",
                data=json.dumps({"username": "admin", "password": password}).encode(),
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                self._token = json.loads(response.read())["access_token"]
        return self._token

    def dag_runs(self, dag_id: str) -> list[dict[str, Any]]:
        """Every run of a DAG, oldest first (run_type, state, run_after, logical_date, start_date, …)."""
        return self._every(f"dags/{dag_id}/dagRuns", "dag_runs", order_by="run_after")

    def _every(self, path: str, key: str, **query: Any) -> list[dict[str, Any]]:
        # The API returns at most [api] maximum_page_limit (100) per page: a DAG run every
        # minute, or the components DAG's tasks, go past it.
        items: list[dict[str, Any]] = []
        while True:
            page = self.api(path, limit=100, offset=len(items), **query)
            items += page[key]
            if not page[key] or len(items) >= page["total_entries"]:
                return items

    def task_states(self, dag_id: str, run_id: str) -> dict[str, str | None]:
        quoted = urllib.parse.quote(run_id, safe="")
        instances = self._every(f"dags/{dag_id}/dagRuns/{quoted}/taskInstances", "task_instances")
        return {ti["task_id"]: ti["state"] for ti in instances}

    def asset_events(self, uri: str) -> list[dict[str, Any]]:
        """Events Airflow recorded for one asset, oldest first."""
        assets = self.api("assets", uri_pattern=uri, limit=100)["assets"]
        ids = [a["id"] for a in assets if a["uri"] == uri]
        if not ids:
            return []
        return self.api("assets/events", asset_id=ids[0], order_by="timestamp", limit=100)["asset_events"]

    def upstream_asset_events(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        quoted = urllib.parse.quote(run_id, safe="")
        return self.api(f"dags/{dag_id}/dagRuns/{quoted}/upstreamAssetEvents")["asset_events"]

    # ------------------------------------------------------------- waiting
    def wait_for(self, what: str, probe: Callable[[], Any], timeout: float, every: float = 5) -> Any:
        """Poll `probe` until it returns something truthy; on timeout say what the stack was doing."""
        deadline = time.monotonic() + timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            try:
                found = probe()
            except (urllib.error.URLError, OSError, KeyError) as exc:  # the API restarting, a run not there yet
                last_error, found = exc, None
            if found:
                return found
            time.sleep(every)
        raise StackTimeout(f"timed out after {timeout:.0f} s waiting for {what}\n{self.describe(last_error)}")

    def describe(self, error: Exception | None = None) -> str:
        """Runs and task states of every DAG, and the scheduler's last log lines (for a failing test)."""
        lines = [f"last error: {error!r}"] if error else []
        with contextlib.suppress(Exception):
            for dag in self.api("dags", dag_id_pattern="hornsten", limit=100)["dags"]:
                lines.append(f"{dag['dag_id']}: paused={dag['is_paused']}")
                for run in self.dag_runs(dag["dag_id"])[-4:]:
                    states = self.task_states(dag["dag_id"], run["dag_run_id"])
                    bad = {t: s for t, s in states.items() if s not in ("success", "skipped", None)}
                    lines.append(f"  {run['dag_run_id']} {run['run_type']} {run['state']} {bad}")
        logs = [self.settings.log_dir / f"airflow-{service}.log" for service in ("scheduler", "dag-processor")]
        for log in [*logs, *sorted(self.settings.log_dir.glob("celery-worker*.log"))]:
            if log.exists():
                tail = log.read_text(errors="replace").splitlines()[-25:]
                lines += [f"--- {log.name}", *tail]
        return "\n".join(lines)


def finished(live: LiveStack, dag_id: str, run_type: str, queued_after: dt.datetime | None = None) -> dict | None:
    """The first run of that type (queued after `queued_after`) once it has finished; fails the test if it failed."""
    for run in live.dag_runs(dag_id):
        if run["run_type"] != run_type:
            continue
        if queued_after is not None and dt.datetime.fromisoformat(run["queued_at"]) <= queued_after:
            continue
        if run["state"] == "failed":
            states = live.task_states(dag_id, run["dag_run_id"])
            pytest.fail(f"{dag_id} {run['dag_run_id']} failed: {states}\n{live.describe()}")
        return run if run["state"] == "success" else None
    return None


@contextlib.contextmanager
def running_stack(
    extra_env: dict[str, str],
    before_up: Callable[[stack.Settings], None] | None = None,
    up_args: tuple[str, ...] = (),
) -> Iterator[LiveStack]:
    """`hornsten up` in a fresh HORNSTEN_HOME on free ports; `hornsten down` and cleanup afterwards.

    `extra_env` reaches every stack process (e.g. HORNSTEN_PROCESS_DIR, a faster cron);
    `before_up(settings)` runs before the stack starts (e.g. to drop files in an inbox
    before any scheduled run can look); `up_args` go to `hornsten up` (e.g. the executor)."""
    # /tmp, not a pytest tmp_path under /root: as root, PostgreSQL runs as `postgres` and must reach it.
    home = Path(tempfile.mkdtemp(prefix="hornsten-scheduler-", dir="/tmp"))
    home.chmod(0o755)
    ports = {
        "HORNSTEN_PG_PORT": str(free_port()),
        "HORNSTEN_AIRFLOW_PORT": str(free_port()),
        "HORNSTEN_SMTP_PORT": str(free_port()),
        "HORNSTEN_REVIEW_PORT": str(free_port()),
        "HORNSTEN_REDIS_PORT": str(free_port()),
    }
    env = {
        k: v
        for k, v in os.environ.items()
        # Nothing of the test session's own stack or Airflow home may leak in.
        if not k.startswith(("HORNSTEN_", "AIRFLOW"))
    }
    env.update({"HORNSTEN_HOME": str(home), **ports, **extra_env})
    settings = stack.Settings(
        home=home.resolve(),
        pg_port=int(ports["HORNSTEN_PG_PORT"]),
        airflow_port=int(ports["HORNSTEN_AIRFLOW_PORT"]),
        smtp_port=int(ports["HORNSTEN_SMTP_PORT"]),
        review_port=int(ports["HORNSTEN_REVIEW_PORT"]),
        redis_port=int(ports["HORNSTEN_REDIS_PORT"]),
    )
    live = LiveStack(settings=settings, env=env)
    try:
        if before_up is not None:
            before_up(settings)
        live.hornsten("up", *up_args)
        yield live
    finally:
        subprocess.run([*HORNSTEN, "down"], env=env, capture_output=True, text=True, timeout=300)
        shutil.rmtree(home, ignore_errors=True)
        if settings.pgdata.parent != home:  # moved to /var/tmp/hornsten/<hash>/ (see stack.Settings.pgdata)
            shutil.rmtree(settings.pgdata.parent, ignore_errors=True)
