"""Benchmark: the components DAG in Cosmos' watcher mode (one ``dbt build`` per task
group) against its local mode (one dbt process per model and per test, what the DAGs
did before), on the same data.

    .venv/bin/python benchmarks/bench_components_dag.py --responses 20000
    .venv/bin/python benchmarks/bench_components_dag.py --responses 1000000   # long

On a stack of its own (PostgreSQL and an Airflow home in a temporary HORNSTEN_HOME):
generate and ingest the responses once, then per mode put the steering committee's
valuation sheet in the inbox and run ``airflow dags test hornsten_components``
(``HORNSTEN_COSMOS_MODE`` selects the mode). Prints the wall time, the task instances
and how many of them ran dbt; writes benchmarks/results/components-dag-<size>.json."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Stage, measure, scratch_stack  # noqa: E402

from hornsten.committee import valuation  # noqa: E402
from hornsten.config import load_process  # noqa: E402
from hornsten.demo.survey import generate_sample  # noqa: E402
from hornsten.devstack import stack  # noqa: E402
from hornsten.paths import inbox_dir  # noqa: E402
from hornsten.survey import service  # noqa: E402
from hornsten.tagging.codebook import codebook_themes  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
DAG = "hornsten_components"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--modes", default="watcher,local", help="Cosmos modes to run, in order")
    parser.add_argument("--process", default="norrkoping_vision_2035")
    args = parser.parse_args()
    config = load_process(args.process)
    stages: list[Stage] = []
    with scratch_stack(echo=lambda line: print(f"  {line}")) as settings, tempfile.TemporaryDirectory() as tmp:
        stack.prepare_airflow_home(settings)
        stack.migrate_airflow(settings, lambda line: print(f"  {line}"))
        print(f"generating and loading {args.responses:,} responses …", flush=True)
        sample = generate_sample(config, args.responses, 1, ["csv"], Path(tmp))
        with psycopg.connect(settings.warehouse_dsn, autocommit=True) as conn:
            service.ingest_exports(conn, config, [f.path for f in sample.files], echo=lambda _line: None)
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            stage = Stage(f"components DAG ({mode})", args.responses)
            valuation.sample_valuations(
                inbox_dir(config.process, "valuation", root=settings.inbox) / "styrgruppen.csv",
                codebook_themes(),
                valuation.sample_parties(config),
                1,
            )
            print(f"airflow dags test {DAG} with HORNSTEN_COSMOS_MODE={mode} …", flush=True)
            with measure(stage):
                run = subprocess.run(
                    ["airflow", "dags", "test", DAG],
                    env={**stack.full_env(settings), "HORNSTEN_COSMOS_MODE": mode},
                    capture_output=True,
                    text=True,
                )
            if run.returncode != 0:
                raise SystemExit(f"{DAG} failed in {mode} mode:\n{(run.stdout + run.stderr)[-4000:]}")
            stage.notes = task_counts(settings)
            stage.rows = args.responses
            stages.append(stage)
            print(
                f"  {stage.seconds:,.1f} s, {stage.notes['task_instances']} task instances, "
                f"{stage.notes['dbt_processes']} of them running dbt",
                flush=True,
            )
    if len(stages) == 2 and stages[0].seconds:
        print(f"\n{stages[1].stage} / {stages[0].stage}: {stages[1].seconds / stages[0].seconds:.1f}×")
    out = RESULTS / f"components-dag-{args.responses}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"stages": [s.as_json() for s in stages]}, indent=2) + "\n")
    print(f"written: {out}")


def task_counts(settings: stack.Settings) -> dict[str, int]:
    """The latest run's task instances, and how many of them started a dbt process: in
    watcher mode the producer alone, in local mode every model, seed and test task."""
    with psycopg.connect(settings.dsn("airflow")) as conn:
        rows = conn.execute(
            """select operator from task_instance
               where dag_id = %s and run_id = (select run_id from dag_run where dag_id = %s
                                               order by start_date desc limit 1)""",
            (DAG, DAG),
        ).fetchall()
    operators = [row[0] or "" for row in rows]
    dbt = sum(1 for op in operators if op.endswith("LocalOperator") or op == "DbtProducerWatcherOperator")
    return {"task_instances": len(operators), "dbt_processes": dbt}


if __name__ == "__main__":
    main()
