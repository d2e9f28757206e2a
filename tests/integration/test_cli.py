"""The `hornsten` command line, run as a user would (subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.exports import good_row, write_csv

pytestmark = pytest.mark.integration
HORNSTEN = str(Path(sys.executable).parent / "hornsten")


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([HORNSTEN, *args], capture_output=True, text=True, env=os.environ.copy())
    if check and result.returncode != 0:
        raise AssertionError(f"hornsten {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def test_ingest_json_contract_and_rerun(clean_warehouse, tmp_path):
    rows = [good_row(str(i)) for i in range(1, 6)] + [good_row("6", submitted="not a date")]
    path = write_csv(tmp_path / "cli.csv", rows, encoding="cp1252")
    first = json.loads(run("ingest", "--json", str(path)).stdout)
    assert {k: first[k] for k in ("file", "rows_read", "loaded", "duplicates", "quarantined", "status")} == {
        "file": str(path),
        "rows_read": 6,
        "loaded": 5,
        "duplicates": 0,
        "quarantined": 1,
        "status": "loaded_with_quarantine",
    }
    second = json.loads(run("ingest", "--json", str(path)).stdout)
    assert (second["loaded"], second["duplicates"]) == (0, 5)
    human = run("ingest", str(path)).stdout
    assert "6 read, 0 loaded, 5 already present, 1 quarantined" in human


def test_ingest_errors_are_clear(tmp_path):
    missing = run("ingest", str(tmp_path / "nope.csv"), check=False)
    assert missing.returncode != 0 and "no such file" in missing.stderr
    bad_process = run("ingest", "--process", "atlantis", str(tmp_path), check=False)
    assert bad_process.returncode != 0 and "no such process configuration" in bad_process.stderr
    odd = tmp_path / "odd.csv"
    odd.write_text("a;b\n1;2\n")
    failed = run("ingest", "--json", str(odd), check=False)
    assert failed.returncode == 1 and json.loads(failed.stdout)["status"] == "failed"


def test_status_json_has_the_dsn(stack_settings):
    info = json.loads(run("status", "--json").stdout)
    assert info["dsn"] == stack_settings.warehouse_dsn
    # The analyst's connection works, and is not the owner's: restricted stays closed.
    with psycopg.connect(info["analyst_dsn"], autocommit=True) as analyst:
        assert analyst.execute("select current_user").fetchone() == ("hornsten_analyst",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            analyst.execute("select * from restricted.respondents")
    assert "Analysts     postgresql://hornsten_analyst:" in run("status").stdout
    assert info["postgres"]["running"] is True
    assert info["postgres"]["port"] == stack_settings.pg_port


def test_migrate_is_idempotent_and_a_pending_migration_stops_a_load_in_one_sentence(
    stack_settings, clean_warehouse, tmp_path
):
    assert "up to date" in run("warehouse", "migrate").stderr
    with psycopg.connect(stack_settings.warehouse_dsn, autocommit=True) as owner:
        owner.execute("delete from public._yoyo_migration where migration_id = '0007_roles_and_grants'")
    refused = run("ingest", str(write_csv(tmp_path / "a.csv", [good_row("1")])), check=False)
    applied = run("warehouse", "migrate").stderr
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [
        "Error: the warehouse schema is not up to date (1 migration(s) pending: 0007_roles_and_grants): "
        "run `hornsten warehouse migrate` (or `hornsten up`) as the owner first"
    ]
    assert "Applied: 0007_roles_and_grants" in applied


def test_up_is_idempotent_for_postgres(stack_settings):
    result = run("up", "--no-airflow")
    assert "already runs" in result.stderr
    assert json.loads(run("status", "--json").stdout)["postgres"]["running"] is True
