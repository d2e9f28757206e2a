"""Cosmos configuration for the DAGs' dbt task groups, built once from the environment.

Cosmos renders each dbt model as its own Airflow task (with its tests right after
it) and reads the project from the manifest (see hornsten.warehouse.dbt)."""

from __future__ import annotations

import os

from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir, manifest_path
from hornsten.warehouse.selectors import cosmos_select_many


def cosmos_configs(selectors: list[str], env: dict[str, str] | None = None):
    """ProjectConfig, ProfileConfig, ExecutionConfig and RenderConfig for a Cosmos task group
    that builds the nodes of dbt selectors (dbt_project/selectors.yml): dbt owns the graph.

    ``env`` reaches dbt as environment variables (the process's settings, see
    ProcessConfig.dbt_env)."""
    from cosmos import ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
    from cosmos.constants import ExecutionMode, LoadMode, TestIndirectSelection

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
        execution_mode=ExecutionMode.LOCAL,
        dbt_executable_path=dbt_executable(),
        test_indirect_selection=TestIndirectSelection.BUILDABLE,
    )
    render = RenderConfig(
        load_method=LoadMode.DBT_MANIFEST if has_manifest else LoadMode.DBT_LS,
        select=select,
        exclude=exclude,
    )
    return project, profile, execution, render
