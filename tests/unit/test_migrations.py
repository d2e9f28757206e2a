"""The warehouse's migrations as files: their order, what the roles migration creates, and
that dbt grants what the roles are meant to read (checked on the manifest, no database)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from hornsten.warehouse import roles
from hornsten.warehouse.dbt import manifest_path
from hornsten.warehouse.schema import migration_ids
from tests.warehouse import marts_read_by_reports

REPO = Path(__file__).resolve().parents[2]
MIGRATIONS = REPO / "include" / "hornsten" / "warehouse" / "migrations"


def test_migrations_apply_in_file_order_each_after_the_one_before():
    ids = migration_ids()
    assert list(ids) == sorted(p.stem for p in MIGRATIONS.glob("*.sql"))
    assert ids[0] == "0001_warehouse" and "0007_roles_and_grants" in ids
    for before, migration in zip(ids, ids[1:], strict=False):
        first_line = (MIGRATIONS / f"{migration}.sql").read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"-- depends: {before}", migration


def test_the_migrations_ship_with_the_package():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "warehouse/migrations/*.sql" in pyproject["tool"]["setuptools"]["package-data"]["hornsten"]


def test_the_roles_migrations_create_exactly_the_job_roles():
    sql = (MIGRATIONS / "0007_roles_and_grants.sql").read_text(encoding="utf-8")
    created = re.findall(r"'(\w+)'", re.search(r"foreach name in array array\[([^\]]*)\]", sql).group(1))
    # Later roles come with their own migration (the review page's in 0010_reviews.sql).
    reviews = (MIGRATIONS / "0010_reviews.sql").read_text(encoding="utf-8")
    created += re.findall(r"create role (\w+) nologin", reviews)
    assert created == list(roles.JOB_ROLES)


@pytest.fixture(scope="module")
def nodes():
    if not manifest_path().exists():
        pytest.skip("no dbt manifest (tests/conftest.py writes it at session start)")
    manifest = json.loads(manifest_path().read_text(encoding="utf-8"))
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]


def _layer(node) -> str:
    return node["fqn"][1]


def test_the_analyst_may_select_every_staging_and_marts_model_and_no_intermediate(nodes):
    for node in nodes:
        grantees = node["config"].get("grants", {}).get("select", [])
        assert (roles.ANALYST in grantees) == (_layer(node) in ("staging", "marts")), node["name"]


def test_the_reporter_may_select_exactly_the_marts_the_reports_read(nodes):
    read_by_reports = marts_read_by_reports()
    granted = {n["name"] for n in nodes if roles.REPORTER in n["config"].get("grants", {}).get("select", [])}
    assert granted == read_by_reports
