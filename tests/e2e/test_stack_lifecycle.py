"""`hornsten up` twice is harmless, `hornsten down` leaves nothing running."""

from __future__ import annotations

import json
import os
import subprocess

import psutil
import pytest

from hornsten.devstack import stack
from tests.e2e.live_stack import HORNSTEN

pytestmark = pytest.mark.e2e


def hornsten(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([*HORNSTEN, *args], capture_output=True, text=True, env=os.environ.copy(), timeout=600)
    assert result.returncode == 0, f"hornsten {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def _family(pids: list[int]) -> list[psutil.Process]:
    procs = []
    for pid in pids:
        try:
            parent = psutil.Process(pid)
            procs += [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    return procs


def test_up_twice_then_down_leaves_nothing(stack_settings):
    first = hornsten("up")
    assert "Airflow UI" in first.stdout and "login: admin / " in first.stdout
    info = json.loads(hornsten("status", "--json").stdout)
    assert info["airflow"]["api_healthy"] is True
    assert all(s["running"] for s in info["airflow"]["services"].values())
    assert info["mail"]["running"] is True  # the SMTP catcher reports and alerts go to
    pids = [s["pid"] for s in info["airflow"]["services"].values()]

    second = hornsten("up")
    assert "already runs" in second.stderr
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
