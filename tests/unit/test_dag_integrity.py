"""Every DAG imports cleanly, fast, and carries an owner, tags and documentation."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"
DAG_FILES = sorted(p for p in DAGS.glob("*.py") if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_there_are_dags(dagbag):
    assert DAG_FILES, "no DAG files found"
    assert "hornsten_survey_ingest" in dagbag.dag_ids


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}, "\n".join(f"{k}: {v}" for k, v in dagbag.import_errors.items())


def test_owner_tags_and_docs(dagbag):
    for dag_id, dag in dagbag.dags.items():
        assert dag.tags and "hornsten" in dag.tags, f"{dag_id} has no 'hornsten' tag"
        assert dag.doc_md and len(dag.doc_md) > 200, f"{dag_id} has no documentation for the UI"
        for task in dag.tasks:
            assert task.owner and task.owner != "airflow", f"{dag_id}.{task.task_id} has no owner"


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_parse_time_per_file(path, capsys):
    from airflow.dag_processing.dagbag import DagBag

    started = time.perf_counter()
    bag = DagBag(dag_folder=str(path))
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n  parse time {path.name}: {elapsed:.2f} s ({len(bag.dags)} DAG(s))")
    assert bag.import_errors == {} and bag.dags
    # The DAG processor re-parses every file in a warm interpreter (Airflow and Cosmos
    # imported) every 30 s: a file must stay well inside Airflow's own timeouts.
    assert elapsed < 2.0, f"{path.name} took {elapsed:.2f} s to parse (bound: 2 s)"


def test_survey_ingest_wiring(dagbag):
    dag = dagbag.dags["hornsten_survey_ingest"]
    ingest = dag.get_task("ingest_inbox")
    quality = dag.get_task("check_quality")
    assert "check_quality" in ingest.downstream_task_ids
    assert "in_survey_window" in ingest.upstream_task_ids
    dbt_tasks = [t for t in dag.tasks if t.task_id.startswith("dbt_staging.")]
    assert {"dbt_staging.stg_survey__responses.run", "dbt_staging.stg_survey__answers.run"} <= {
        t.task_id for t in dbt_tasks
    }
    # The quality gate stands before every dbt model.
    first_models = [t for t in dbt_tasks if not any(u.startswith("dbt_staging.") for u in t.upstream_task_ids)]
    assert first_models and all("check_quality" in t.upstream_task_ids for t in first_models)
    assert quality.retries == 1


RAW = "hornsten://norrkoping_vision_2035/raw/"


def _raw_outlets(dag) -> dict[str, list[str]]:
    return {
        t.task_id: [o.uri for o in t.outlets if o.uri.startswith(RAW)]
        for t in dag.tasks
        if any(o.uri.startswith(RAW) for o in t.outlets)
    }


def test_the_survey_asset_is_published_only_after_the_quality_gate_and_dbt_staging(dagbag):
    """The components DAG starts on raw/survey: it must never see a batch the gate may still reject."""
    dag = dagbag.dags["hornsten_survey_ingest"]
    assert _raw_outlets(dag) == {"publish_raw_survey": [RAW + "survey"]}
    assert not dag.get_task("ingest_inbox").outlets
    upstream = dag.get_task("publish_raw_survey").get_flat_relative_ids(upstream=True)
    assert {"in_survey_window", "ingest_inbox", "check_quality"} <= upstream
    assert {t.task_id for t in dag.tasks if t.task_id.startswith("dbt_staging.")} <= upstream


@pytest.mark.parametrize("dataset", ["dialogue", "remiss"])
def test_template_assets_are_published_only_after_the_quality_gate_and_staging(dagbag, dataset):
    dag = dagbag.dags[f"hornsten_{dataset}"]
    assert _raw_outlets(dag) == {f"publish_raw_{dataset}": [RAW + dataset]}
    assert not dag.get_task("ingest_templates").outlets
    upstream = dag.get_task(f"publish_raw_{dataset}").get_flat_relative_ids(upstream=True)
    assert {"ingest_templates", "check_quality"} <= upstream
    staging = {t.task_id for t in dag.tasks if t.task_id.startswith(f"dbt_{dataset}.stg_{dataset}__")}
    assert staging and staging <= upstream


def test_every_raw_asset_waits_for_a_quality_gate(dagbag):
    for dag_id, dag in dagbag.dags.items():
        for task_id in _raw_outlets(dag):
            upstream = dag.get_task(task_id).get_flat_relative_ids(upstream=True)
            assert "check_quality" in upstream, f"{dag_id}.{task_id} publishes a raw asset before the gate"


@pytest.mark.parametrize(
    ("dag_id", "task_id", "summary"),
    [
        ("hornsten_survey_ingest", "publish_raw_survey", {"landed": 0, "load_ids": [7], "results": []}),
        ("hornsten_dialogue", "publish_raw_dialogue", {"landed": 0, "load_ids": [], "results": []}),
        ("hornsten_remiss", "publish_raw_remiss", {"landed": 0, "load_ids": [], "results": []}),
    ],
)
def test_no_asset_event_when_nothing_landed(dagbag, dag_id, task_id, summary):
    """A skipped task emits no asset event (Airflow 3 sends outlet events only on success)."""
    from airflow.sdk.exceptions import AirflowSkipException

    publish = dagbag.dags[dag_id].get_task(task_id)
    with pytest.raises(AirflowSkipException, match="nothing new"):
        publish.python_callable(summary)
    assert publish.python_callable({**summary, "landed": 3}) == {"landed": 3}


def test_dialogue_and_remiss_dags_are_triggered_by_the_assets_they_depend_on(dagbag):
    expected = {
        "hornsten_dialogue": (
            "hornsten://norrkoping_vision_2035/marts/cornerstones",
            "dbt_dialogue.dialogue_compilation",
        ),
        "hornsten_remiss": ("hornsten://norrkoping_vision_2035/marts/dialogue", "dbt_remiss.remiss_compilation"),
    }
    for dag_id, (asset_uri, compilation) in expected.items():
        dag = dagbag.dags[dag_id]
        assert asset_uri in str(dag.timetable.asset_condition), dag_id
        ids = {t.task_id for t in dag.tasks}
        assert {"sync_process_config", "ingest_templates", "check_quality", "report_rejected_files"} <= ids
        assert any(i.startswith(compilation) for i in ids), f"{dag_id} does not build {compilation}"
        # The survey's own marts are not rebuilt by phases 3 and 4.
        assert not any(".component_shares" in i or ".cornerstones." in i for i in ids)
        ingest = dag.get_task("ingest_templates")
        assert "check_quality" in ingest.downstream_task_ids
        assert "sync_process_config" in ingest.upstream_task_ids


def test_components_dag_syncs_the_process_plan_before_dbt(dagbag):
    dag = dagbag.dags["hornsten_components"]
    sync = dag.get_task("sync_process_config")
    assert any(t.startswith("dbt_components.") for t in sync.downstream_task_ids)


def test_reports_dag_has_a_task_per_scheduled_report_and_publishes_the_site(dagbag):
    from hornsten.config import load_process

    dag = dagbag.dags["hornsten_reports"]
    reports = {s.report for s in load_process("norrkoping_vision_2035").reports.schedules}
    assert {t.task_id for t in dag.tasks} == {f"send_{r.replace('-', '_')}" for r in reports} | {"publish_site"}
    assert all(t.retries >= 1 for t in dag.tasks)


def test_every_task_alerts_the_data_engineers_when_it_fails(dagbag):
    from hornsten.airflow.alerts import on_task_failure

    for dag_id, dag in dagbag.dags.items():
        for task in dag.tasks:
            callbacks = task.on_failure_callback
            callbacks = callbacks if isinstance(callbacks, list) else [callbacks]
            assert on_task_failure in callbacks, f"{dag_id}.{task.task_id} sends no failure alert"


def test_each_mart_is_built_by_exactly_one_dag(dagbag):
    """dbt owns the graph (selectors.yml); the DAGs must not build a mart twice."""
    built_by: dict[str, set[str]] = {}
    for dag_id, dag in dagbag.dags.items():
        for task in dag.tasks:
            if type(task).__name__ != "DbtRunWatcherOperator":
                continue
            node = str(task.select).removeprefix("fqn:")
            if node.startswith("hornsten.marts."):
                built_by.setdefault(node.rsplit(".", 1)[-1], set()).add(dag_id)
    assert {"cornerstones", "dialogue_compilation", "remiss_compilation", "goal_summary"} <= set(built_by)
    twice = {mart: sorted(dags) for mart, dags in built_by.items() if len(dags) > 1}
    assert twice == {}, f"marts built by more than one DAG: {twice}"
    assert built_by["goal_summary"] == {"hornsten_goals"}


def test_each_dbt_task_group_is_one_dbt_build_that_its_model_tasks_wait_for(dagbag):
    """One dbt process per task group and run (Cosmos' watcher producer), never one per model;
    every model and test task waits for it, and it never retries (Cosmos skips a second try)."""
    groups = 0
    for dag_id, dag in dagbag.dags.items():
        producers = [t for t in dag.tasks if type(t).__name__ == "DbtProducerWatcherOperator"]
        dbt_tasks = [t for t in dag.tasks if t.task_id.startswith("dbt_") and t not in producers]
        assert all(type(t).__name__ != "DbtRunLocalOperator" for t in dag.tasks), dag_id
        if not dbt_tasks:
            continue
        groups += 1
        assert len(producers) == 1, f"{dag_id}: {len(producers)} dbt builds"
        (producer,) = producers
        assert producer.retries == 0 and producer.indirect_selection == "buildable"
        in_group = {t.task_id for t in dbt_tasks} | {producer.task_id}
        for task in dbt_tasks:
            if task.task_id.endswith("_done"):
                continue
            upstream = task.upstream_task_ids & in_group
            assert upstream, f"{dag_id}.{task.task_id} does not wait for the dbt build"
            if upstream == {producer.task_id}:
                # Skipped producer (a cleared or second try): the models rebuild, never pass unbuilt.
                assert task.trigger_rule == "none_failed", f"{dag_id}.{task.task_id}"
    assert groups == 5


def test_maintenance_dag_runs_retention_for_every_configured_process_daily(dagbag):
    from hornsten.config import available_processes

    dag = dagbag.dags["hornsten_maintenance"]
    assert {t.task_id for t in dag.tasks} == {f"retention_{name}" for name in available_processes()}
    assert getattr(dag.timetable, "expression", None) == "15 2 * * *"
    assert "hornsten retention run" in dag.doc_md


def test_the_cosmos_mode_can_be_set_and_a_wrong_one_is_named(monkeypatch):
    from cosmos.constants import ExecutionMode

    from hornsten.airflow import cosmos

    monkeypatch.delenv("HORNSTEN_COSMOS_MODE", raising=False)
    assert cosmos.execution_mode() == ExecutionMode.WATCHER
    monkeypatch.setenv("HORNSTEN_COSMOS_MODE", "local")
    assert cosmos.execution_mode() == ExecutionMode.LOCAL
    monkeypatch.setenv("HORNSTEN_COSMOS_MODE", "virtualenv")
    with pytest.raises(ValueError, match="must be one of watcher, local, not 'virtualenv'"):
        cosmos.execution_mode()


def test_in_local_mode_every_model_is_its_own_dbt_process(monkeypatch):
    from hornsten.airflow.cosmos import dbt_task_group

    monkeypatch.setenv("HORNSTEN_COSMOS_MODE", "local")
    from airflow.sdk import DAG

    with DAG("local_mode_probe", schedule=None) as dag:
        dbt_task_group("dbt_survey", ["survey_staging"])
    kinds = {type(t).__name__ for t in dag.tasks}
    assert "DbtRunLocalOperator" in kinds and "DbtProducerWatcherOperator" not in kinds
