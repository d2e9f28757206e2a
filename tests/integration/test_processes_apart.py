"""One warehouse, two processes: Norrköping's vision survey and Skellefteå's 2030
dialogue loaded side by side, each built by dbt into schemas of its own. Every
process's shares, coverage, goal matrix and cornerstones come from its own data only,
and building one never changes the other's."""

from __future__ import annotations

import subprocess

import pytest

from hornsten.committee import valuation
from hornsten.config import load_process
from hornsten.demo.survey import generate_sample
from hornsten.devstack import stack
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.tagging.codebook import codebook_themes
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir
from hornsten.warehouse.process_sync import sync_process
from tests.warehouse import connect

pytestmark = pytest.mark.integration

NORRKOPING, SKELLEFTEA = "norrkoping_vision_2035", "skelleftea_2030"


def _build(stack_settings, config) -> None:
    env = {**stack.full_env(stack_settings), **config.dbt_env(), "HORNSTEN_AS_OF": "2025-03-10"}
    result = subprocess.run([dbt_executable(), "build"], cwd=dbt_project_dir(), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:]


def _rows(dsn: str, process: str, sql: str, *params) -> list[tuple]:
    with connect(dsn, process) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def warehouse(stack_settings, warehouse_dsn, tmp_path_factory):
    norrkoping, skelleftea = load_process(NORRKOPING), load_process(SKELLEFTEA)
    out = tmp_path_factory.mktemp("two-processes")
    with connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(
            "truncate raw.survey_answers, raw.survey_responses, restricted.survey_answers_original, "
            "restricted.respondents, restricted.quarantine, raw.quality_results, raw.committee_valuations, "
            "raw.dialogue_meetings, raw.dialogue_statements, raw.dialogue_poll_results, raw.load_log cascade"
        )
        for config, responses, seed in ((norrkoping, 3000, 11), (skelleftea, 300, 42)):
            sample = generate_sample(config, responses, seed, ["csv"], out / config.process)
            ingest_files(conn, [f.path for f in sample.files], config, pseudonym_key())
            sync_process(conn, config)
        # Only Norrköping's steering committee has valued the themes.
        sheet = valuation.sample_valuations(out / "valuation.csv", codebook_themes(), ["S", "M", "C"], seed=3)
        parsed = valuation.read_valuations(sheet, {t.code for t in codebook_themes()})
        valuation.load(conn, NORRKOPING, sheet.name, parsed.valuations)
        # Only Skellefteå has held a dialogue meeting (its open meeting in Byske).
        ((load_id,),) = conn.execute(
            """insert into raw.load_log (process, survey_id, file_name, file_checksum, dataset, status)
               values (%s, %s, 'byske.xlsx', md5('byske.xlsx'), 'dialogue', 'loaded') returning load_id""",
            (SKELLEFTEA, SKELLEFTEA),
        ).fetchall()
        conn.execute(
            """insert into raw.dialogue_meetings (process, meeting_id, forum, target_group, held_on, place,
                   participants, facilitator, load_id, source_file)
               values (%s, 'oppna_moten-2014-03-10-byske', 'oppna_moten', 'alla', '2014-03-10', 'Byske',
                       40, 'Processledare', %s, 'byske.xlsx')""",
            (SKELLEFTEA, load_id),
        )
    _build(stack_settings, norrkoping)
    before = _rows(
        warehouse_dsn, NORRKOPING, "select theme, score, cornerstone_rank from marts.cornerstones order by 1"
    )
    _build(stack_settings, skelleftea)
    return {"dsn": warehouse_dsn, "norrkoping_cornerstones_before": before, "configs": (norrkoping, skelleftea)}


@pytest.mark.parametrize("process", [NORRKOPING, SKELLEFTEA])
def test_respondents_and_shares_are_the_process_own(warehouse, process):
    config = load_process(process)
    ((own,),) = _rows(
        warehouse["dsn"],
        process,
        "select count(*) from raw.survey_responses where survey_id = %s",
        config.survey.survey_id,
    )
    ((everyone,),) = _rows(warehouse["dsn"], process, "select count(*) from raw.survey_responses")
    ((respondents,),) = _rows(warehouse["dsn"], process, "select count(*) from marts.respondents")
    assert 0 < own < everyone and respondents == own
    ((base,),) = _rows(
        warehouse["dsn"],
        process,
        "select max(base_respondents) from marts.component_shares where cut = 'alla' and question_code = 'alla'",
    )
    ((answering,),) = _rows(
        warehouse["dsn"], process, "select count(distinct response_key) from staging.stg_survey__answers"
    )
    assert base == answering <= own
    questions = {
        q for (q,) in _rows(warehouse["dsn"], process, "select distinct question_code from marts.component_shares")
    }
    assert questions - {"alla"} <= {q.code for q in config.survey.questions if q.kind == "text"}


def test_building_skelleftea_left_norrkopings_cornerstones_as_they_were(warehouse):
    after = _rows(
        warehouse["dsn"], NORRKOPING, "select theme, score, cornerstone_rank from marts.cornerstones order by 1"
    )
    assert after == warehouse["norrkoping_cornerstones_before"] and after
    valued = dict(_rows(warehouse["dsn"], NORRKOPING, "select theme, committee_valuation from marts.cornerstones"))
    assert any(v is not None for v in valued.values()), "Norrköping's committee valued the themes"
    unvalued = dict(_rows(warehouse["dsn"], SKELLEFTEA, "select theme, committee_valuation from marts.cornerstones"))
    assert unvalued and all(v is None for v in unvalued.values()), "Skellefteå's committee valued nothing"


def test_dialogue_coverage_is_each_process_own_plan_and_meetings(warehouse):
    norrkoping, skelleftea = warehouse["configs"]
    for config in (norrkoping, skelleftea):
        groups = dict(
            _rows(warehouse["dsn"], config.process, "select target_group, meetings_held from marts.dialogue_coverage")
        )
        assert set(groups) == {g.code for g in config.dialogue.target_groups}
    assert (
        dict(_rows(warehouse["dsn"], SKELLEFTEA, "select target_group, meetings_held from marts.dialogue_coverage"))[
            "alla"
        ]
        == 1
    )
    held = _rows(warehouse["dsn"], NORRKOPING, "select coalesce(sum(meetings_held), 0) from marts.dialogue_coverage")
    assert held == [(0,)], "Skellefteå's meeting is not Norrköping's"


def test_goal_matrix_counts_the_process_own_survey(warehouse):
    ((respondents,),) = _rows(warehouse["dsn"], SKELLEFTEA, "select count(*) from marts.respondents")
    ((value,),) = _rows(
        warehouse["dsn"], SKELLEFTEA, "select value from marts.goal_measures where measure = 'enkatsvar'"
    )
    assert float(value) == respondents
    for config in warehouse["configs"]:
        configured = {m.code for purpose in config.goals.purposes for m in purpose.measures}
        measured = {m for (m,) in _rows(warehouse["dsn"], config.process, "select measure from marts.goal_measures")}
        assert measured == configured


def test_representativeness_only_where_the_process_has_a_population_to_compare(warehouse):
    """Skellefteå's districts and age groups are not in the shipped (Norrköping) population:
    its representativeness cannot be measured, and no report may tell officials to reach
    Norrköping's groups."""
    from hornsten import reports

    assert _rows(warehouse["dsn"], NORRKOPING, "select count(*) from marts.representativeness")[0][0] > 0
    assert _rows(warehouse["dsn"], SKELLEFTEA, "select count(*) from marts.representativeness") == [(0,)]
    assert _rows(warehouse["dsn"], SKELLEFTEA, "select count(*) from marts.underrepresented_groups") == [(0,)]
    assert _rows(warehouse["dsn"], SKELLEFTEA, "select count(*) from intermediate.int_respondent_weights") == [(0,)]
    with connect(warehouse["dsn"], SKELLEFTEA) as conn:
        report = reports.build("survey-progress", conn, load_process(SKELLEFTEA), "2014-05-30")
    assert "kan inte mätas" in report.summary and "oviktade" in report.summary
    text = " ".join(p for s in report.sections for p in s.paragraphs + s.bullets)
    assert "Nå dessa grupper" not in report.summary + " ".join(s.title for s in report.sections)
    assert "ovrig_landsbygd" not in text and "Navestad" not in text
