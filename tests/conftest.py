"""Shared fixtures: a real, project-managed PostgreSQL cluster for the whole session.

The cluster lives in a fresh HORNSTEN_HOME under /tmp (reachable by the postgres user
when the tests run as root) on free ports, so it never touches a developer's stack.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest

from hornsten.config import load_process
from hornsten.devstack import landing
from hornsten.devstack.scratch import free_port, scratch_stack

# The fully built phases 1–4 warehouse, shared by the report and DAG tests; the
# session's headless Chromium (the `chromium` fixture).
pytest_plugins = ["tests.integration.phases_warehouse", "tests.browser"]

REPO = Path(__file__).resolve().parents[1]

# Airflow must not write into the developer's ~/airflow, nor phone home.
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="hornsten-test-airflow-"))
os.environ.setdefault("AIRFLOW_HOME", str(_AIRFLOW_HOME))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__COSMOS__ENABLE_TELEMETRY", "False")
os.environ.setdefault("DO_NOT_TRACK", "1")


def _worker_dbt_project() -> Path | None:
    """Under pytest-xdist each worker builds from its own copy of dbt_project/.

    dbt writes its manifest, compiled SQL and partial-parse state into the project
    (target/, logs/, dbt_packages/); two workers in one project would overwrite the
    manifest the other's DAGs are reading. DBT_PROJECT_DIR is what every dbt call of
    the package (hornsten.warehouse.dbt.dbt_project_dir) and of the Airflow tasks uses."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or "DBT_PROJECT_DIR" in os.environ:
        return None
    copy = Path(tempfile.mkdtemp(prefix=f"hornsten-dbt-{worker}-")) / "dbt_project"
    shutil.copytree(
        REPO / "dbt_project", copy, symlinks=True, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages")
    )
    os.environ["DBT_PROJECT_DIR"] = str(copy)
    return copy.parent


_DBT_COPY = _worker_dbt_project()


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_AIRFLOW_HOME, ignore_errors=True)
    if _DBT_COPY is not None:
        shutil.rmtree(_DBT_COPY, ignore_errors=True)


def pytest_sessionstart(session):
    """DAGs render dbt from the manifest; write it when the models are newer (or it is missing)."""
    from hornsten.warehouse.dbt import dbt_project_dir, install_packages, manifest_path, parse_project

    install_packages()  # the tests run dbt themselves too
    manifest = manifest_path()
    sources = [
        p
        for p in dbt_project_dir().rglob("*")
        if p.suffix in {".sql", ".yml", ".csv"} and not {"target", "dbt_packages"} & set(p.parts)
    ]
    if not manifest.exists() or max(p.stat().st_mtime for p in sources) > manifest.stat().st_mtime:
        parse_project()


@pytest.fixture(scope="session")
def norrkoping():
    return load_process("norrkoping_vision_2035")


@pytest.fixture(scope="session")
def stack_settings():
    with scratch_stack(print, prefix="hornsten-test-") as settings:
        yield settings


@pytest.fixture(scope="session")
def warehouse_dsn(stack_settings) -> str:
    """The owner's connection to the migrated warehouse (the job roles: stack_settings.dsn(role))."""
    return stack_settings.warehouse_dsn


@pytest.fixture
def clean_warehouse(warehouse_dsn):
    """An empty raw/restricted landing zone for tests that count rows."""
    with psycopg.connect(warehouse_dsn, autocommit=True) as conn:
        landing.empty(conn)
    return warehouse_dsn


@pytest.fixture
def db(clean_warehouse):
    with psycopg.connect(clean_warehouse, autocommit=True) as conn:
        yield conn


@pytest.fixture
def smtp_server(tmp_path):
    """A real SMTP server (aiosmtpd, hornsten.devstack.mailcatcher) on a free port; yields (port, mail folder)."""
    from hornsten.devstack import mailcatcher

    port = free_port()
    folder = tmp_path / "mail"
    controller = mailcatcher.start(folder, port)
    try:
        yield port, folder
    finally:
        controller.stop()
