"""Scale-out: `hornsten up --executor celery --workers 2` — the same stack with Redis as the
Celery broker and two Celery workers — runs the survey ingest and the components DAG.

Real Redis (Debian's redis-server), real Celery workers, the real scheduler: a triggered
survey ingest loads the exports from the inbox and its asset event starts the components
DAG; both succeed, the task instances ran on both workers (their hostnames in Airflow's
metadata database), and the warehouse has the landed answers and the cornerstones. Then
`hornsten down` stops Redis and the workers with the rest.

Lean on purpose (60 responses, every other DAG left paused): it shares the suite's
45 minutes with the LocalExecutor scheduler test.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time

import psutil
import psycopg
import pytest

from hornsten import paths
from hornsten.config import load_process
from hornsten.demo.survey import generate_sample
from hornsten.devstack.celery_workers import node_name
from tests.e2e.live_stack import finished, running_stack
from tests.warehouse import connect

pytestmark = [pytest.mark.e2e, pytest.mark.scheduler]

PROCESS = "norrkoping_vision_2035"
INGEST, COMPONENTS = "hornsten_survey_ingest", "hornsten_components"
WORKERS = {node_name(1), node_name(2)}


def test_survey_and_components_dags_run_on_two_celery_workers(tmp_path):
    started = time.monotonic()
    exports = generate_sample(load_process(PROCESS), 60, 21, ["csv"], tmp_path / "sample").files

    def drop_exports(settings):
        inbox = paths.inbox_dir(PROCESS, "survey", root=settings.inbox)
        inbox.mkdir(parents=True)
        for export in exports:
            shutil.copy2(export.path, inbox / export.path.name)

    # Every DAG starts paused: only the two under test take the four task slots.
    env = {"HORNSTEN_PROCESS": PROCESS, "HORNSTEN_DAGS_PAUSED": "true"}
    up_args = ("--executor", "celery", "--workers", "2")
    with running_stack(env, before_up=drop_exports, up_args=up_args) as live:
        info = json.loads(live.hornsten("status", "--json").stdout)
        assert info["airflow"]["executor"] == "CeleryExecutor"
        assert info["redis"]["running"] and info["redis"]["port"] == live.settings.redis_port
        workers = info["airflow"]["workers"]
        assert set(workers) == WORKERS and all(w["running"] for w in workers.values()), workers
        # Without the flags again: the stack keeps its executor and restarts nothing.
        again = live.hornsten("up")
        assert "Celery         2 workers" in again.stdout
        assert json.loads(live.hornsten("status", "--json").stdout)["airflow"]["workers"] == workers

        live.wait_for(
            "the DAG processor to register the DAGs",
            lambda: (
                {d["dag_id"] for d in live.api("dags", dag_id_pattern="hornsten", limit=100)["dags"]}
                >= {INGEST, COMPONENTS}
            ),
            timeout=300,
        )
        for dag_id in (INGEST, COMPONENTS):
            live.api(f"dags/{dag_id}", method="PATCH", body={"is_paused": False})
        live.api(f"dags/{INGEST}/dagRuns", method="POST", body={"logical_date": None})

        ingest = live.wait_for(
            "the triggered survey ingest", lambda: finished(live, INGEST, "manual"), timeout=900, every=5
        )
        states = live.task_states(INGEST, ingest["dag_run_id"])
        assert states["publish_raw_survey"] == "success", states
        components = live.wait_for(
            "the asset-triggered components run",
            lambda: finished(live, COMPONENTS, "asset_triggered"),
            timeout=1800,
            every=10,
        )
        consumed = live.upstream_asset_events(COMPONENTS, components["dag_run_id"])
        assert [e["source_run_id"] for e in consumed] == [ingest["dag_run_id"]]

        for run in (ingest, components):
            took = dt.datetime.fromisoformat(run["end_date"]) - dt.datetime.fromisoformat(run["start_date"])
            seconds = round(took.total_seconds())
            print(f"\n  {run['dag_id']} {run['run_type']}: {seconds} s")

        # Airflow records where each task instance ran: both workers took tasks of these runs.
        # (An EmptyOperator runs nowhere: the scheduler marks it done itself.)
        with psycopg.connect(live.settings.dsn("airflow")) as conn:
            hosts = conn.execute(
                """select coalesce(nullif(hostname, ''), operator), count(*) from task_instance
                   where state = 'success' and (dag_id, run_id) in ((%s, %s), (%s, %s))
                   group by 1""",
                (INGEST, ingest["dag_run_id"], COMPONENTS, components["dag_run_id"]),
            ).fetchall()
        assert {host for host, _ in hosts} - {"EmptyOperator"} == WORKERS, hosts

        with connect(live.settings.warehouse_dsn, PROCESS) as conn:
            assert conn.execute("select count(*) from raw.load_log where dataset = 'survey'").fetchone()[0] == len(
                exports
            )
            assert conn.execute("select count(*) from raw.survey_responses").fetchone()[0] > 30
            assert conn.execute("select count(*) from raw.survey_answers").fetchone()[0] > 30
            assert conn.execute("select count(*) from marts.component_shares").fetchone()[0] > 0
            assert conn.execute("select count(*) from marts.cornerstones where is_cornerstone").fetchone()[0] > 0

        # `down` stops the broker and the workers (with their pool and task processes) too.
        family = []
        for pid in [info["redis"]["pid"], *(w["pid"] for w in workers.values())]:
            parent = psutil.Process(pid)
            family += [parent, *parent.children(recursive=True)]
        live.hornsten("down")
        alive = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert alive == [], f"still running after down: {[(p.pid, p.name()) for p in alive]}"
        after = json.loads(live.hornsten("status", "--json").stdout)
        assert after["redis"]["running"] is False and after["airflow"]["workers"] == {}
        assert after["airflow"]["executor"] == "LocalExecutor"  # forgotten: the next `up` is the default
    print(f"\n  celery test: {time.monotonic() - started:.0f} s")
