"""End to end: the dialogue (phase 3) and remiss (phase 4) DAGs with `airflow dags test`,
on templates filled by the sample generator — with a broken template, a template with
bad rows, a corrected re-delivery and an identical re-delivery in the inbox."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from hornsten import paths
from hornsten.committee import valuation
from hornsten.config import load_process
from hornsten.demo import templates as template_samples
from hornsten.demo.survey import generate_sample
from hornsten.devstack import stack
from hornsten.forms import ingest as template_ingest
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.tagging.codebook import codebook_themes
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir
from hornsten.warehouse.process_sync import sync_process
from tests.warehouse import connect

pytestmark = pytest.mark.e2e


def _dags_test(settings, dag_id):
    result = subprocess.run(
        ["airflow", "dags", "test", dag_id], env=stack.full_env(settings), capture_output=True, text=True, timeout=1800
    )
    return result.returncode, result.stdout + result.stderr


def _one(dsn, sql, *params):
    with connect(dsn) as conn:
        return conn.execute(sql, params).fetchone()


def _all(dsn, sql, *params):
    with connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def phase_two(stack_settings, warehouse_dsn, tmp_path_factory):
    """Survey answers, a committee valuation and the phase 1–2 marts, built with dbt."""
    settings = stack_settings
    stack.prepare_airflow_home(settings)
    stack.migrate_airflow(settings, print)
    config = load_process("norrkoping_vision_2035")
    out = tmp_path_factory.mktemp("phases")
    sample = generate_sample(config, 1500, 21, ["csv"], out / "survey")
    with connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(
            "truncate raw.survey_answers, raw.survey_responses, restricted.survey_answers_original, "
            "restricted.respondents, restricted.quarantine, raw.quality_results, raw.committee_valuations, "
            "raw.dialogue_meetings, raw.remiss_responses, restricted.dialogue_statements_original, "
            "restricted.remiss_comments_original, raw.load_log cascade"
        )
        ingest_files(conn, [f.path for f in sample.files], config, pseudonym_key())
        sheet = valuation.sample_valuations(out / "valuation.csv", codebook_themes(), ["S", "M", "C"], seed=4)
        parsed = valuation.read_valuations(sheet, {t.code for t in codebook_themes()})
        valuation.load(conn, config.process, sheet.name, parsed.valuations)
        sync_process(conn, config)
    env = {**stack.full_env(settings), **config.dbt_env()}
    result = subprocess.run([dbt_executable(), "build"], cwd=dbt_project_dir(), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:]
    with connect(warehouse_dsn, autocommit=True) as conn:
        cornerstones = template_ingest.cornerstone_themes(conn, config.process)
    assert len(cornerstones) == config.cornerstones.count
    return {"config": config, "out": out, "cornerstones": cornerstones}


@pytest.fixture(scope="module")
def dialogue_run(stack_settings, warehouse_dsn, phase_two):
    config, out, cornerstones = phase_two["config"], phase_two["out"], phase_two["cornerstones"]
    made = template_samples.generate_dialogue_templates(config, cornerstones, out / "dialogue", seed=7)
    inbox = paths.inbox_dir(config.process, "dialogue", root=stack_settings.inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    for path in made:
        shutil.copy2(path, inbox / path.name)
    shutil.copy2(made[1], inbox / f"zz_samma_igen_{made[1].name}")  # identical re-delivery
    template_samples.corrected_redelivery(made[0], inbox / f"zz_korrigerad_{made[0].name}")
    template_samples.flawed_dialogue_template(config, cornerstones, inbox / "mote_med_fel.xlsx")
    template_samples.bad_dialogue_template(config, cornerstones, inbox / "trasig_mall.xlsx")
    stack.start_mailcatcher(stack_settings, print)  # failure alerts go to smtp_default
    code, output = _dags_test(stack_settings, "hornsten_dialogue")
    return {**phase_two, "code": code, "output": output, "made": made, "inbox": inbox}


def test_dialogue_dag_rejects_the_broken_template_and_builds_the_marts(dialogue_run, warehouse_dsn, stack_settings):
    # The broken template fails the run so that someone hears of it — after the marts were built.
    assert dialogue_run["code"] != 0
    assert "trasig_mall.xlsx" in dialogue_run["output"] and "template(s) rejected" in dialogue_run["output"]
    assert _one(warehouse_dsn, "select to_regclass('marts.dialogue_compilation') is not null")[0], dialogue_run[
        "output"
    ][-6000:]
    assert not list(dialogue_run["inbox"].glob("*.xlsx"))  # everything archived
    reasons = list(stack_settings.archive.rglob("*trasig_mall.xlsx.reason.txt"))
    assert reasons and "unknown forum" in reasons[0].read_text(encoding="utf-8")


def test_the_failed_run_alerts_the_data_engineers_by_mail(dialogue_run, stack_settings):
    import email
    import email.policy

    alerts = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in stack_settings.mail_dir.glob("*.eml")
    ]
    alerts = [m for m in alerts if "report_rejected_files" in m["Subject"]]
    assert alerts, dialogue_run["output"][-3000:]
    body = alerts[0].get_content()
    assert alerts[0]["To"] == ", ".join(dialogue_run["config"].alerts.recipients)
    assert "trasig_mall.xlsx" in body and "Logg:" in body


def test_redeliveries_replace_and_never_duplicate(dialogue_run, warehouse_dsn):
    meetings = _one(warehouse_dsn, "select count(*) from raw.dialogue_meetings")[0]
    # every generated meeting once, plus the flawed template's meeting
    assert meetings == len(dialogue_run["made"]) + 1
    loads = _one(warehouse_dsn, "select count(*) from raw.load_log where dataset = 'dialogue'")[0]
    assert loads == len(dialogue_run["made"]) + 4
    held = _one(warehouse_dsn, "select sum(meetings_held) from marts.dialogue_coverage")[0]
    assert held == meetings


def test_bad_rows_are_quarantined_with_their_reasons(dialogue_run, warehouse_dsn):
    rows = _all(
        warehouse_dsn,
        """select file_name, sheet, reason from restricted.quarantine
                                  where file_name in ('mote_med_fel.xlsx', 'trasig_mall.xlsx') order by 1, 2""",
    )
    flawed = [r for r in rows if r[0] == "mote_med_fel.xlsx"]
    broken = [r for r in rows if r[0] == "trasig_mall.xlsx"]
    assert len(flawed) == 3 and {r[1] for r in flawed} == {"Synpunkter", "Omröstning"}
    assert broken and all(r[1] == "Möte" for r in broken)
    assert any("unknown forum" in r[2] for r in broken)


def test_an_official_sees_which_target_groups_are_not_yet_heard(dialogue_run, warehouse_dsn):
    config = dialogue_run["config"]
    rows = dict(_all(warehouse_dsn, "select target_group, coverage_status from marts.dialogue_coverage"))
    assert set(rows) == {g.code for g in config.dialogue.target_groups}
    assert rows[config.dialogue.target_groups[-1].code] == "ej nådd"
    assert sum(status != "ej nådd" for status in rows.values()) == len(rows) - 1


def test_statements_are_pseudonymised_and_tagged(dialogue_run, warehouse_dsn):
    leaked = _one(
        warehouse_dsn,
        """select count(*) from raw.dialogue_statements
                                    where public.hornsten_contains_personal_data(statement_text)""",
    )[0]
    originals = _one(warehouse_dsn, "select count(*) from restricted.dialogue_statements_original")[0]
    tagged = _one(
        warehouse_dsn, "select count(distinct statement_id) from intermediate.int_dialogue_statement_components"
    )[0]
    statements = _one(warehouse_dsn, "select count(*) from raw.dialogue_statements")[0]
    assert leaked == 0 and originals >= 1
    assert tagged > statements * 0.6


def test_november_compilation_has_every_cornerstone(dialogue_run, warehouse_dsn):
    rows = _all(warehouse_dsn, "select row_kind, theme, statements from marts.dialogue_compilation")
    stones = {t.code for t in dialogue_run["cornerstones"]}
    assert {theme for kind, theme, _ in rows if kind == "hörnsten"} == stones
    assert sum(n for *_, n in rows) == _one(warehouse_dsn, "select count(*) from raw.dialogue_statements")[0]


@pytest.fixture(scope="module")
def remiss_run(stack_settings, warehouse_dsn, dialogue_run):
    config, out, cornerstones = dialogue_run["config"], dialogue_run["out"], dialogue_run["cornerstones"]
    made = template_samples.generate_remiss_templates(config, cornerstones, out / "remiss", seed=7)
    inbox = paths.inbox_dir(config.process, "remiss", root=stack_settings.inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    for path in made:
        shutil.copy2(path, inbox / path.name)
    shutil.copy2(made[0], inbox / f"zz_igen_{made[0].name}")
    code, output = _dags_test(stack_settings, "hornsten_remiss")
    return {**dialogue_run, "code": code, "output": output, "made": made}


def test_remiss_dag_succeeds(remiss_run):
    assert remiss_run["code"] == 0, remiss_run["output"][-8000:]
    assert "due a reminder" in remiss_run["output"]


def test_remiss_status_shows_who_has_not_been_heard(remiss_run, warehouse_dsn):
    config = remiss_run["config"]
    statuses = dict(_all(warehouse_dsn, "select body, status from marts.remiss_status"))
    assert set(statuses) == {b.code for b in config.remiss.bodies}
    assert {"received", "late", "missing", "declined"} <= set(statuses.values())
    responded = _one(warehouse_dsn, "select count(*) from raw.remiss_responses")[0]
    assert responded == len(remiss_run["made"])  # the body that sent twice counts once
    assert sum(s != "missing" for s in statuses.values()) == responded


def test_remiss_compilation_lists_every_body_with_its_positions(remiss_run, warehouse_dsn):
    config = remiss_run["config"]
    items = len(remiss_run["cornerstones"]) + len(config.remiss.sections)
    rows = _one(warehouse_dsn, "select count(*), count(distinct body) from marts.remiss_compilation")
    assert rows == (len(config.remiss.bodies) * items, len(config.remiss.bodies))
    answered = _one(warehouse_dsn, "select count(*) from marts.remiss_compilation where position is not null")[0]
    assert answered == _one(warehouse_dsn, "select count(*) from raw.remiss_positions")[0]


def test_goal_matrix_counts_its_measures(remiss_run, warehouse_dsn):
    config = remiss_run["config"]
    measures = sum(len(p.measures) for p in config.goals.purposes)
    met, total, summary = _one(warehouse_dsn, "select met, measures, summary from marts.goal_summary")
    assert total == measures and f"{met} av {measures}" in summary
    statuses = dict(_all(warehouse_dsn, "select measure, status from marts.goal_measures"))
    assert statuses["politisk_enighet"] == "not_measurable"  # a manual measure without a value
    assert statuses["malgrupper_nadda"] == "not_met"  # one target group was left out
