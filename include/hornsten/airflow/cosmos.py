"""The DAGs' dbt task groups: Cosmos in its watcher mode, read from the manifest
(see hornsten.warehouse.dbt).

One ``dbt build`` per task group and DAG run (the producer task, with dbt's own
threads), not one dbt process per model and test: at small sizes that fixed cost
dwarfed the data (the components DAG ran 132 dbt processes for 20,000 responses).
Each model is still its own task in the UI, a sensor that reads the model's result
from the producer, and so are its tests (run inside the build, right after the model).

The consumers wait for the build to end (the producer is their upstream) rather than
watching it live: that keeps ``airflow dags test``, which runs one task at a time,
from starting a sensor before the build it waits for. The producer does not retry
(Cosmos skips a second attempt rather than build twice): a failed build fails the
run, and its log names the model or test."""

from __future__ import annotations

import os

from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir, manifest_path
from hornsten.warehouse.selectors import cosmos_select_many

MODES = ("watcher", "local")


def execution_mode():
    """Cosmos' watcher mode (one dbt build per group), or ``HORNSTEN_COSMOS_MODE=local``:
    one dbt process per model and test, as before — for comparing the two
    (benchmarks/bench_components_dag.py) and as a way back should the watcher fail."""
    from cosmos.constants import ExecutionMode

    mode = os.environ.get("HORNSTEN_COSMOS_MODE", "watcher").strip().lower() or "watcher"
    if mode not in MODES:
        raise ValueError(f"HORNSTEN_COSMOS_MODE must be one of {', '.join(MODES)}, not {mode!r}")
    return ExecutionMode.WATCHER if mode == "watcher" else ExecutionMode.LOCAL


def cosmos_configs(selectors: list[str], env: dict[str, str] | None = None):
    """ProjectConfig, ProfileConfig, ExecutionConfig and RenderConfig for a Cosmos task group
    that builds the nodes of dbt selectors (dbt_project/selectors.yml): dbt owns the graph.

    ``env`` reaches dbt as environment variables (the process's settings, see
    ProcessConfig.dbt_env)."""
    from cosmos import ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
    from cosmos.constants import LoadMode, TestIndirectSelection

    project_dir = dbt_project_dir()
    select, exclude = cosmos_select_many(selectors, project_dir)
    has_manifest = manifest_path().exists()
    project = ProjectConfig(
        dbt_project_path=project_dir,
        manifest_path=manifest_path() if has_manifest else None,
        install_dbt_deps=False,
        env_vars=env or None,
    )
    profile = ProfileConfig(
        profile_name="hornsten",
        target_name=os.environ.get("HORNSTEN_DBT_TARGET", "local"),
        profiles_yml_filepath=project_dir / "profiles.yml",
    )
    # "buildable": a model's test task runs the tests whose other parents are upstream
    # of it, never tests of models that a task group does not build.
    execution = ExecutionConfig(
        execution_mode=execution_mode(),
        dbt_executable_path=dbt_executable(),
        test_indirect_selection=TestIndirectSelection.BUILDABLE,
    )
    render = RenderConfig(
        load_method=LoadMode.DBT_MANIFEST if has_manifest else LoadMode.DBT_LS,
        select=select,
        exclude=exclude,
    )
    return project, profile, execution, render


def dbt_task_group(group_id: str, selectors: list[str], env: dict[str, str] | None = None):
    """A Cosmos task group (inside a DAG) that builds the selectors' nodes in one ``dbt build``."""
    from cosmos import DbtTaskGroup
    from cosmos.constants import PRODUCER_WATCHER_DONE_TASK_ID, PRODUCER_WATCHER_TASK_ID, ExecutionMode

    project, profile, execution, render = cosmos_configs(selectors, env)
    watcher = execution.execution_mode == ExecutionMode.WATCHER
    group = DbtTaskGroup(
        group_id=group_id,
        project_config=project,
        profile_config=profile,
        execution_config=execution,
        render_config=render,
        # Cosmos gives each test task the indirect selection but not the producer's build.
        operator_args={"indirect_selection": execution.test_indirect_selection.value} if watcher else {},
    )
    if not watcher:
        return group
    producer = group.children[f"{group_id}.{PRODUCER_WATCHER_TASK_ID}"]
    producer.retries = 0
    gate = f"{group_id}.{PRODUCER_WATCHER_DONE_TASK_ID}"
    members = list(group.iter_tasks())
    in_group = {task.task_id for task in members}
    for task in members:
        if task is not producer and task.task_id != gate and not task.upstream_task_ids & in_group:
            producer >> task
            # A producer skipped on a second try (Cosmos never builds twice) must not skip
            # the models silently: they then run their own dbt (Cosmos' fallback). A failed
            # build still fails them; a short-circuit before the group skips all of it anyway.
            task.trigger_rule = "none_failed"
    return group
