"""`hornsten up` twice is harmless and leaves the hornsten DAGs live; `hornsten down` leaves nothing running."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import psutil
import psycopg
import pytest

from hornsten.devstack import stack
from tests.e2e.live_stack import HORNSTEN

pytestmark = pytest.mark.e2e
DAGS = Path(__file__).resolve().parents[2] / "dags"
DAG_IDS = sorted({m for p in DAGS.glob("*.py") for m in re.findall(r'dag_id="(hornsten_\w+)"', p.read_text())})


def hornsten(*args: str, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run([*HORNSTEN, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=600)
    assert result.returncode == 0, f"hornsten {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def airflow(settings: stack.Settings, *args: str) -> str:
    result = subprocess.run(
        ["airflow", *args], capture_output=True, text=True, env=stack.full_env(settings), timeout=300
    )
    assert result.returncode == 0, f"airflow {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def wait_for_dags(settings: stack.Settings, timeout: float = 300) -> None:
    """Until the DAG processor has put every hornsten DAG into the metadata database."""
    deadline = time.monotonic() + timeout
    found: set[str] = set()
    while time.monotonic() < deadline:
        with psycopg.connect(settings.dsn("airflow")) as conn:
            found = {row[0] for row in conn.execute("select dag_id from serialized_dag")}
        if set(DAG_IDS) <= found:
            return
        time.sleep(3)
    pytest.fail(f"the DAG processor did not serialise {sorted(set(DAG_IDS) - found)} within {timeout:.0f} s")


def paused(settings: stack.Settings) -> dict[str, bool]:
    """dag_id -> is_paused of the hornsten DAGs, as Airflow lists them."""
    output = airflow(settings, "dags", "list", "-o", "json")
    # Airflow may log a warning to stdout first; the listing is the last line.
    listed = json.loads(next(line for line in reversed(output.splitlines()) if line.startswith("[")))
    return {d["dag_id"]: d["is_paused"] in (True, "True", "true") for d in listed if d["dag_id"] in DAG_IDS}


def _family(pids: list[int]) -> list[psutil.Process]:
    procs = []
    for pid in pids:
        try:
            parent = psutil.Process(pid)
            procs += [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    return procs


def test_up_twice_then_down_leaves_nothing(stack_settings, monkeypatch):
    monkeypatch.delenv("HORNSTEN_DAGS_PAUSED", raising=False)
    assert len(DAG_IDS) >= 5, DAG_IDS
    first = hornsten("up")
    assert "Airflow UI" in first.stdout and "login: admin / " in first.stdout
    info = json.loads(hornsten("status", "--json").stdout)
    assert info["airflow"]["api_healthy"] is True
    assert all(s["running"] for s in info["airflow"]["services"].values())
    assert info["mail"]["running"] is True  # the SMTP catcher reports and alerts go to
    pids = [s["pid"] for s in info["airflow"]["services"].values()]

    # New DAGs are created live: they run on their schedule and on new files.
    wait_for_dags(stack_settings)
    assert paused(stack_settings) == dict.fromkeys(DAG_IDS, False)

    # DAGs paused by an earlier stack stay paused while HORNSTEN_DAGS_PAUSED=true …
    assert stack.set_dags_paused(stack_settings, True) == DAG_IDS
    assert paused(stack_settings) == dict.fromkeys(DAG_IDS, True)
    hornsten("up", HORNSTEN_DAGS_PAUSED="true")
    assert paused(stack_settings) == dict.fromkeys(DAG_IDS, True)

    # … and the next plain `up` leaves them live again, restarting nothing.
    second = hornsten("up")
    assert "already runs" in second.stderr
    assert "Unpaused hornsten_" in second.stderr
    assert paused(stack_settings) == dict.fromkeys(DAG_IDS, False)
    info_again = json.loads(hornsten("status", "--json").stdout)
    assert [s["pid"] for s in info_again["airflow"]["services"].values()] == pids  # nothing restarted

    postmaster = int((stack_settings.pgdata / "postmaster.pid").read_text().split()[0])
    family = _family(pids) + _family([postmaster]) + _family([stack.mailcatcher_pid(stack_settings)])
    assert len(family) > len(pids)

    down = hornsten("down")
    assert "Stopped" in down.stdout
    alive = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert alive == [], f"still running after down: {[(p.pid, p.name()) for p in alive]}"
    status = json.loads(hornsten("status", "--json").stdout)
    assert status["postgres"]["running"] is False
    assert not any(s["running"] for s in status["airflow"]["services"].values())
    assert status["mail"]["running"] is False
    assert "Nothing was running" in hornsten("down").stdout

    # Leave the session's PostgreSQL as the other tests expect it.
    stack.start_postgres(stack_settings, print)
