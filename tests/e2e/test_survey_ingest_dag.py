"""End to end: generated exports in the inbox, `airflow dags test` on the ingest DAG,
against the project-local PostgreSQL and a migrated Airflow metadata database."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from hornsten import paths
from hornsten.config import load_process
from hornsten.demo.survey import generate_sample
from hornsten.devstack import stack
from tests.exports import good_row, write_csv
from tests.warehouse import connect

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def airflow_ready(stack_settings, warehouse_dsn):
    stack.prepare_airflow_home(stack_settings)
    stack.migrate_airflow(stack_settings, print)
    return stack_settings


def _dags_test(settings: stack.Settings) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["airflow", "dags", "test", "hornsten_survey_ingest"],
        env=stack.full_env(settings),
        capture_output=True,
        text=True,
        timeout=900,
    )


def _scalar(dsn: str, sql: str):
    with connect(dsn) as conn:
        return conn.execute(sql).fetchone()[0]


def _survey_asset_events(settings: stack.Settings) -> int:
    """Asset events Airflow recorded for raw/survey (what starts the components DAG)."""
    with psycopg.connect(settings.dsn("airflow")) as conn:
        return conn.execute(
            "select count(*) from asset_event e join asset a on a.id = e.asset_id where a.uri = %s",
            ("hornsten://norrkoping_vision_2035/raw/survey",),
        ).fetchone()[0]


def _survey_inbox(settings: stack.Settings) -> Path:
    return paths.inbox_dir("norrkoping_vision_2035", "survey", root=settings.inbox)


def test_ingest_dag_end_to_end(airflow_ready, clean_warehouse, tmp_path):
    settings = airflow_ready
    dsn = clean_warehouse
    config = load_process("norrkoping_vision_2035")
    sample = generate_sample(config, 600, 7, ["all"], tmp_path / "sample")
    inbox = _survey_inbox(settings)
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    events_before = _survey_asset_events(settings)
    for f in sample.files:
        shutil.copy2(f.path, inbox / f.path.name)
    # A re-delivery of the very same file, and a Windows-1252 file with one bad row.
    first = sample.files[0].path
    shutil.copy2(first, inbox / f"again_{first.name}")
    write_csv(
        inbox / "excel_with_one_bad_row.csv",
        [
            good_row("hand-1", idag="Åby, Ängen och Östra Husby", district="Åby"),
            good_row("hand-2", district="Atlantis"),
            good_row("hand-3"),
        ],
        encoding="cp1252",
    )

    result = _dags_test(settings)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    # The gate passed and staging was built: one asset event for the components DAG.
    assert _survey_asset_events(settings) == events_before + 1

    expected_files = len(sample.files) + 2
    log = _scalar(dsn, "select count(*) from raw.load_log where status <> 'failed'")
    assert log == expected_files
    # Nothing is left in the inbox; everything is archived.
    assert list(inbox.iterdir()) == []
    # Templates of the other phases (valuation/, dialogue/, remiss/) have archive folders of their own.
    archived = [
        p
        for p in (settings.archive / config.process).rglob("*.*")
        if not {"valuation", "dialogue", "remiss"} & set(p.parts) and not p.name.endswith(".reason.txt")
    ]
    assert len(archived) == expected_files

    # Of the two deliveries of the same file, whichever came second loaded nothing new.
    with connect(dsn) as conn:
        loads = conn.execute(
            """select loaded, duplicates from raw.load_log where file_checksum =
                   (select file_checksum from raw.load_log where file_name = %s)
               order by load_id""",
            (f"again_{first.name}",),
        ).fetchall()
    assert len(loads) == 2 and loads[0][0] > 0
    assert loads[1] == (0, loads[0][0] + loads[0][1])

    # One row per response id; the count equals the distinct good ids delivered.
    responses = _scalar(dsn, "select count(*) from raw.survey_responses")
    distinct = _scalar(dsn, "select count(distinct (survey_id, response_id)) from raw.survey_responses")
    assert responses == distinct > 500

    # The bad row is quarantined with its reason, the good ones loaded with å/ä/ö intact.
    reason = _scalar(dsn, "select reason from restricted.quarantine where file_name = 'excel_with_one_bad_row.csv'")
    assert "unknown district 'Atlantis'" in reason
    text = _scalar(
        dsn, "select answer_text from raw.survey_answers where response_id = 'hand-1' and question_code = 'idag'"
    )
    assert text == "Åby, Ängen och Östra Husby"
    malformed = sum(f.malformed for f in sample.files)
    assert _scalar(dsn, "select count(*) from restricted.quarantine") >= malformed + 1

    # No personal data in the analytic copy, but the generator put some in.
    assert (
        _scalar(
            dsn, "select count(*) from raw.survey_answers where public.hornsten_contains_personal_data(answer_text)"
        )
        == 0
    )
    assert (
        _scalar(
            dsn,
            "select count(*) from restricted.survey_answers_original "
            "where public.hornsten_contains_personal_data(answer_text)",
        )
        > 0
    )

    # The quality gate ran and passed; dbt built the staging views on the same data.
    assert _scalar(dsn, "select count(*) from raw.quality_results where critical and not success") == 0
    assert _scalar(dsn, "select count(*) from raw.quality_results") > 10
    assert _scalar(dsn, "select count(*) from staging.stg_survey__responses") == responses
    assert _scalar(dsn, "select count(*) from staging.stg_survey__answers") == _scalar(
        dsn, "select count(*) from raw.survey_answers"
    )

    # Running again with an empty inbox changes nothing, and tells no downstream DAG otherwise.
    again_run = _dags_test(settings)
    assert again_run.returncode == 0
    assert _scalar(dsn, "select count(*) from raw.survey_responses") == responses
    assert _survey_asset_events(settings) == events_before + 1


def test_unreadable_file_fails_the_run_but_loads_the_rest(airflow_ready, clean_warehouse, tmp_path):
    settings = airflow_ready
    inbox = _survey_inbox(settings)
    inbox.mkdir(parents=True, exist_ok=True)
    write_csv(inbox / "fine.csv", [good_row("ok-1"), good_row("ok-2")])
    (inbox / "not_a_survey.csv").write_text("kolumn1;kolumn2\n1;2\n", encoding="utf-8")
    # An export where the old layout had the survey inbox: named, not read, left in place.
    old_place = settings.inbox / "export_in_the_old_place.csv"
    write_csv(old_place, [good_row("old-1")])
    try:
        result = _dags_test(settings)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "could not be loaded" in output
        assert f"{old_place}: in the old survey inbox root, which is not read any more; move it to {inbox}/" in output
        assert old_place.exists()
        assert _scalar(clean_warehouse, "select count(*) from raw.survey_responses") == 2
        assert list((settings.archive / "norrkoping_vision_2035" / "failed").glob("*not_a_survey.csv"))
    finally:
        old_place.unlink(missing_ok=True)
