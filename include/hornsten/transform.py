"""dbt wiring shared by the DAGs: Cosmos configuration built once, from the environment.

Cosmos renders each dbt model as its own Airflow task (with its tests right after
it), so a data engineer sees in the grid which model failed and can retry just that
one. It reads the project from ``dbt_project/target/manifest.json`` (written by
``dbt parse`` at ``hornsten up``) because parsing a manifest takes a fraction of a
second where ``dbt ls`` takes ~10 s on every DAG parse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def dbt_project_dir() -> Path:
    return Path(os.environ.get("DBT_PROJECT_DIR", REPO_ROOT / "dbt_project"))


def manifest_path() -> Path:
    return dbt_project_dir() / "target" / "manifest.json"


def dbt_executable() -> str:
    beside_python = Path(sys.executable).parent / "dbt"
    return str(beside_python) if beside_python.exists() else (shutil.which("dbt") or "dbt")


def install_packages(env: dict[str, str] | None = None) -> None:
    """`dbt deps` when a package of packages.yml is not installed in dbt_packages/.

    The packages are vendored (`local:`), so deps only links them, without network. A
    link made on another machine (the host for a container) does not resolve here."""
    import yaml

    project_dir = dbt_project_dir()
    packages = yaml.safe_load((project_dir / "packages.yml").read_text()).get("packages") or []
    if all((project_dir / "dbt_packages" / Path(p["local"]).name / "dbt_project.yml").exists() for p in packages):
        return
    subprocess.run(
        [dbt_executable(), "deps", "--quiet"],
        cwd=project_dir,
        env={**os.environ, **(env or {}), "DBT_PROFILES_DIR": str(project_dir)},
        check=True,
    )


def parse_project(env: dict[str, str] | None = None) -> Path:
    """Write the manifest Cosmos renders from (`dbt parse`)."""
    install_packages(env)
    subprocess.run(
        [dbt_executable(), "parse", "--quiet"],
        cwd=dbt_project_dir(),
        env={**os.environ, **(env or {}), "DBT_PROFILES_DIR": str(dbt_project_dir())},
        check=True,
    )
    return manifest_path()


def cosmos_configs(select: list[str], env: dict[str, str] | None = None, exclude: list[str] | None = None):
    """ProjectConfig, ProfileConfig, ExecutionConfig and RenderConfig for a Cosmos task group.

    ``env`` reaches dbt as environment variables (the process's settings, see
    ProcessConfig.dbt_env)."""
    from cosmos import ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
    from cosmos.constants import ExecutionMode, LoadMode, TestIndirectSelection

    project_dir = dbt_project_dir()
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
        exclude=exclude or [],
    )
    return project, profile, execution, render
