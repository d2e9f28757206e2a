"""End to end: the maintenance DAG with `airflow dags test` deletes a process's originals once it is
past its retention, and the audit row names the Airflow run."""

from __future__ import annotations

import subprocess

import pytest

from hornsten import paths
from hornsten.devstack import stack
from hornsten.survey.ingest import ingest_files, pseudonym_key
from tests.exports import good_row, write_csv

pytestmark = pytest.mark.e2e


def _run(settings, day):
    env = {k: v for k, v in stack.full_env(settings).items() if k != "HORNSTEN_ACTOR"}
    result = subprocess.run(
        ["airflow", "dags", "test", "hornsten_maintenance", day],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return result.returncode, result.stdout + result.stderr


def test_maintenance_dag_deletes_what_is_past_retention_and_logs_counts(stack_settings, db, norrkoping, tmp_path):
    stack.prepare_airflow_home(stack_settings)
    stack.migrate_airflow(stack_settings, print)
    archive = paths.archive_dir(norrkoping.process)
    export = write_csv(tmp_path / "export.csv", [good_row("1", respondent="gallras@example.se"), good_row("2")])
    ingest_files(db, [export], norrkoping, pseudonym_key(), archive=archive)
    db.execute("truncate audit.events")

    # Norrköping ends 2025-04-28 and keeps its originals 730 days: until 2027-04-28
    # (that a process within its retention keeps them: tests/integration/test_retention.py).
    assert db.execute("select count(*) from restricted.survey_answers_original").fetchone()[0] == 6
    # Earlier tests of the session may have archived templates of the process too.
    archived = sum(1 for p in archive.rglob("*") if p.is_file())
    assert archived >= 1
    code, output = _run(stack_settings, "2027-04-29")
    assert code == 0, output[-6000:]
    assert db.execute("select count(*) from restricted.survey_answers_original").fetchone()[0] == 0
    assert db.execute("select count(*) from restricted.respondents").fetchone()[0] == 0
    assert not archive.exists()
    assert "norrkoping_vision_2035: ended 2025-04-28, kept 730 days until 2027-04-28: past retention" in output
    (event,) = db.execute(
        "select counts, actor, db_user from audit.events where kind = 'retention' and process = %s",
        (norrkoping.process,),
    ).fetchall()
    assert event[0]["answer_originals"] == 6 and event[0]["respondents"] == 1 and event[0]["archived_files"] == archived
    assert event[1].startswith("airflow:hornsten_maintenance/") and event[2] == "hornsten"
    assert "gallras" not in output
