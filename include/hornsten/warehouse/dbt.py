"""The dbt project: where it is, which dbt runs it, and its manifest.

The Cosmos configuration built from it lives in hornsten.airflow.cosmos. Cosmos
reads the project from ``dbt_project/target/manifest.json`` (written by
``dbt parse`` at ``hornsten up``) because parsing a manifest takes a fraction of a
second where ``dbt ls`` takes ~10 s on every DAG parse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from hornsten.paths import REPO_ROOT


def dbt_project_dir() -> Path:
    return Path(os.environ.get("DBT_PROJECT_DIR", REPO_ROOT / "dbt_project"))


def target_dir() -> Path:
    """Where dbt writes its artifacts: DBT_TARGET_PATH (as dbt reads it) or target/.

    Test workers running side by side each set their own, so that one worker's
    parse never rewrites the manifest another one's DAGs are reading."""
    configured = os.environ.get("DBT_TARGET_PATH")
    if not configured:
        return dbt_project_dir() / "target"
    path = Path(configured)
    return path if path.is_absolute() else dbt_project_dir() / path


def manifest_path() -> Path:
    return target_dir() / "manifest.json"


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


class DbtFailed(RuntimeError):
    """A dbt command exited non-zero; the message ends with the tail of its output."""


def connection_env(dsn: str) -> dict[str, str]:
    """The profile's variables (dbt_project/profiles.yml) for a warehouse connection string."""
    from psycopg.conninfo import conninfo_to_dict

    parts = conninfo_to_dict(dsn)
    names = {"host": "HORNSTEN_PG_HOST", "port": "HORNSTEN_PG_PORT", "user": "HORNSTEN_PG_USER"}
    names |= {"password": "HORNSTEN_PG_PASSWORD", "dbname": "HORNSTEN_PG_DATABASE"}
    return {env: str(parts[key]) for key, env in names.items() if parts.get(key) is not None}


def rebuild_tables(env: dict[str, str]) -> None:
    """Every seed and model of the process `env` names (its dbt_env), without the tests.

    What an erasure runs after deleting rows: each table derived from them is built
    again. Tests are left to the DAGs, because a failing test would make dbt skip the
    models below it, which would keep the erased rows."""
    install_packages(env)
    result = subprocess.run(
        [dbt_executable(), "build", "--resource-type", "seed", "--resource-type", "model", "--quiet"],
        cwd=dbt_project_dir(),
        env={**os.environ, **env, "DBT_PROFILES_DIR": str(dbt_project_dir())},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise DbtFailed(f"dbt build failed (exit {result.returncode}): {(result.stdout + result.stderr)[-3000:]}")
