"""The dbt models of phase 3 (the dialogue with target groups) built on generated survey
data, a committee valuation and hand-written meetings in the real warehouse:
coverage against the plan, reception of the cornerstones, components the dialogue
raises that the survey hardly knows, the polls and the November compilation."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from hornsten.committee import valuation
from hornsten.config import load_process
from hornsten.demo.survey import generate_sample
from hornsten.devstack import stack
from hornsten.dialogue.template import meeting_id
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.tagging.codebook import codebook_themes
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir, target_dir
from hornsten.warehouse.process_sync import sync_process
from tests.warehouse import connect

pytestmark = pytest.mark.integration

# The component the dialogue raises that the survey never mentions (its answers are
# removed from the generated survey below).
RARE = "lokal_mat"

# (forum, target group, date, place, participants, facilitator)
MEETINGS = [
    ("naringslivsradet", "naringsliv", dt.date(2024, 9, 10), "Stadshuset", 14, "Näringslivsdirektören"),
    ("pensionarsradet", "aldre", dt.date(2024, 9, 17), "Hörsalen, Stadsbiblioteket", 22, "Processledaren"),
    ("utbildningskontoret", "barn_unga", dt.date(2024, 10, 1), "Hagebyskolan", 28, "Utvecklingsledare"),
    ("utbildningskontoret", "barn_unga", dt.date(2024, 10, 8), "Navestadsskolan", 25, "Utvecklingsledare"),
    ("landsbygdsforum", "landsbygd", dt.date(2024, 10, 15), "Skärblacka bibliotek", 17, "Landsbygdsutvecklaren"),
]

# Per meeting (index into MEETINGS): (cornerstone theme or None, stance, text, component the text must raise).
STATEMENTS = [
    (0, "arbete", "stod", "Fler företag och nya jobb måste vara en del av visionen.", "naringsliv"),
    (0, "resor", "andring", "Tågen till Stockholm behöver bli snabbare, Ostlänken är avgörande.", "tag_pendling"),
    (0, "bostader", "stod", "Det behövs fler bostäder för dem som vill flytta hit och arbeta.", "bostader"),
    (0, None, "nytt_forslag", "Satsa på närproducerad mat och lokala bönder i kommunens kök.", RARE),
    (1, "valfard", "stod", "Äldreomsorgen och hemtjänsten måste ha tillräckligt med personal.", "aldreomsorg"),
    (1, "trygghet", "andring", "Bättre belysning i parkerna så att äldre vågar gå ut på kvällen.", "belysning"),
    (1, "resor", "stod", "Bussarna måste gå oftare, också på helgerna.", "kollektivtrafik"),
    (1, None, "nytt_forslag", "Kommunen borde servera närproducerad mat på äldreboendena.", RARE),
    (2, "kultur_fritid", "stod", "Fler fritidsgårdar och aktiviteter för unga på kvällarna.", "unga"),
    (2, "utbildning", "andring", "Skolan ska ha mindre klasser och fler lärare.", "skola"),
    (2, "trygghet", "stod", "Vi vill känna oss trygga på vägen hem från träningen.", "otrygghet"),
    (2, "klimat", "nytt_forslag", "Solceller på alla skolor och mer återvinning.", "klimat_energi"),
    (3, "stadsmiljo", "stod", "Parkerna och grönområdena är det bästa med staden.", "gronomraden"),
    (3, "kultur_fritid", "andring", "Simhallen och idrottshallen behöver vara öppna på helgerna.", "idrott_fritid"),
    (3, None, "nytt_forslag", "Skolmaten ska vara närproducerad, gärna från lokala bönder.", RARE),
    (4, "landsbygd", "stod", "Landsbygden måste få behålla sin service och sin byskola.", "landsbygd"),
    (4, "landsbygd", "andring", "Bredband och fler bussar till de mindre orterna.", "landsbygd"),
    (4, "stadsmiljo", "andring", "Ta bättre hand om naturen och skogen runt tätorterna.", "gronomraden"),
    (4, "gemenskap", "nytt_forslag", "Bygg en mötesplats där alla åldrar kan träffas i byn.", "gemenskap"),
    (4, "kommunen", "stod", "Kommunens ekonomi måste vara i balans, prioritera rätt.", "kommunal_ekonomi"),
]

# Per meeting: {question: {option: votes}}; the Norrköping goal matrix asks these two.
POLLS = {
    0: {"Vad tyckte du om mötet?": {"Mycket bra": 6, "Ganska bra": 5, "Mindre bra": 3}},
    1: {
        "Vad tyckte du om mötet?": {"Mycket bra": 12, "Ganska bra": 8, "Mindre bra": 2},
        "Hur gammal är du?": {"Under 25 år": 0, "25–64 år": 4, "65 år eller äldre": 18},
    },
    2: {"Hur gammal är du?": {"Under 25 år": 27, "25–64 år": 1, "65 år eller äldre": 0}},
    4: {
        "Vad tyckte du om mötet?": {"Mycket bra": 9, "Ganska bra": 7, "Mindre bra": 1},
        "Hur gammal är du?": {"Under 25 år": 2, "25–64 år": 9, "65 år eller äldre": 6},
    },
}

# Two meetings are planned with the pensioners' council and one is held: 'delvis nådd'.
PLANNED = {"pensionarsradet": 2}

MODELS = [
    "stg_process__phases",
    "stg_process__target_groups",
    "stg_process__forums",
    "stg_process__remiss_bodies",
    "stg_process__remiss_rounds",
    "stg_process__remiss_sections",
    "stg_process__goal_measures",
    "stg_dialogue__meetings",
    "stg_dialogue__statements",
    "stg_dialogue__poll_results",
    "int_dialogue_statement_components",
    "dialogue_coverage",
    "dialogue_forum_coverage",
    "dialogue_reception",
    "dialogue_components",
    "dialogue_poll_summary",
    "dialogue_compilation",
]


def _with_planned_meetings(config):
    forums = [
        f.model_copy(update={"planned_meetings": PLANNED[f.code]}) if f.code in PLANNED else f
        for f in config.dialogue.forums
    ]
    return config.model_copy(update={"dialogue": config.dialogue.model_copy(update={"forums": forums})})


def _meeting_ids():
    return [meeting_id(forum, held_on, place) for forum, _, held_on, place, *_ in MEETINGS]


def _insert_dialogue(conn, process: str) -> None:
    ((load_id,),) = conn.execute(
        """insert into raw.load_log (process, survey_id, file_name, file_checksum, dataset, status, finished_at)
           values (%s, %s, 'dialogmoten.xlsx', 'test-dialogue', 'dialogue', 'loaded', now()) returning load_id""",
        (process, process),
    ).fetchall()
    ids = _meeting_ids()
    for mid, (forum, group, held_on, place, participants, facilitator) in zip(ids, MEETINGS, strict=False):
        conn.execute(
            """insert into raw.dialogue_meetings (process, meeting_id, forum, target_group, held_on, place,
                   participants, facilitator, load_id, source_file)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            (process, mid, forum, group, held_on, place, participants, facilitator, load_id, f"{mid}.xlsx"),
        )
    numbers: dict[int, int] = {}
    for index, cornerstone, stance, text, _ in STATEMENTS:
        numbers[index] = numbers.get(index, 0) + 1
        conn.execute(
            """insert into raw.dialogue_statements
                   (process, meeting_id, statement_no, cornerstone, stance, statement_text)
               values (%s, %s, %s, %s, %s, %s)""",
            (process, ids[index], numbers[index], cornerstone, stance, text),
        )
    for index, questions in POLLS.items():
        for question, options in questions.items():
            for position, (option, votes) in enumerate(options.items(), 1):
                conn.execute(
                    """insert into raw.dialogue_poll_results (process, meeting_id, question, option, votes, position)
                       values (%s, %s, %s, %s, %s, %s)""",
                    (process, ids[index], question, option, votes, position),
                )


def _remove_rare_component_from_survey(conn, survey_id: str, labels: Path) -> int:
    """Delete the generated answers built from RARE: the survey then never mentions it."""
    with labels.open(encoding="utf-8") as handle:
        keys = {(r["response_id"], r["question"]) for r in csv.DictReader(handle) if RARE in r["components"].split(";")}
    with conn.cursor() as cur:
        cur.executemany(
            "delete from raw.survey_answers where survey_id = %s and response_id = %s and question_code = %s",
            [(survey_id, response_id, question) for response_id, question in keys],
        )
    return len(keys)


@pytest.fixture(scope="module")
def built(stack_settings, warehouse_dsn, tmp_path_factory):
    config = _with_planned_meetings(load_process("norrkoping_vision_2035"))
    out = tmp_path_factory.mktemp("dialogue_sample")
    sample = generate_sample(config, 1200, 7, ["csv"], out)
    with connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(
            "truncate raw.survey_answers, raw.survey_responses, restricted.survey_answers_original, "
            "restricted.respondents, restricted.quarantine, raw.quality_results, raw.committee_valuations, "
            "raw.dialogue_poll_results, raw.dialogue_statements, raw.dialogue_meetings, "
            "restricted.dialogue_statements_original, raw.remiss_positions, raw.remiss_responses, "
            "restricted.remiss_comments_original, raw.process_phases, raw.process_target_groups, "
            "raw.process_forums, raw.process_remiss_bodies, raw.process_remiss_rounds, "
            "raw.process_remiss_sections, raw.process_goal_measures, raw.load_log cascade"
        )
        ingest_files(conn, [f.path for f in sample.files], config, pseudonym_key())
        removed = _remove_rare_component_from_survey(conn, config.survey.survey_id, sample.labels_path)
        parties = [b.code.upper() for b in config.remiss.bodies if b.kind == "parti"]
        sheet = valuation.sample_valuations(out / "valuation.csv", codebook_themes(), parties, seed=3)
        parsed = valuation.read_valuations(sheet, {t.code for t in codebook_themes()})
        valuation.load(conn, config.process, sheet.name, parsed.valuations)
        sync_process(conn, config)
        _insert_dialogue(conn, config.process)
    env = {**stack.full_env(stack_settings), **config.dbt_env()}
    # The dialogue models, every model they read and the process and dialogue staging,
    # with the tests whose models are all built.
    select = ["+path:models/marts/dialogue", "path:models/staging/process", "path:models/staging/dialogue"]
    result = subprocess.run(
        [dbt_executable(), "build", "--select", *select, "--indirect-selection", "cautious"],
        cwd=dbt_project_dir(),
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-8000:]
    target = target_dir()
    return {
        "dsn": warehouse_dsn,
        "config": config,
        "dbt_log": result.stdout,
        "removed": removed,
        "manifest": json.loads((target / "manifest.json").read_text()),
    }


def q(dsn: str, sql: str, *params):
    with connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()


def cornerstones(dsn: str) -> dict[str, int]:
    return dict(q(dsn, "select theme, cornerstone_rank from marts.cornerstones where is_cornerstone"))


def test_dbt_build_ran_the_dialogue_models_and_their_tests(built):
    log = built["dbt_log"]
    assert "Completed successfully" in log
    for name in (
        "dialogue_compilation",
        "total_equals",
        "dbt_utils_expression_is_true",
        "shares_sum_to_one",
        "assert_dialogue_compilation_is_complete",
        "relationships_stg_dialogue__statements_meeting_id",
    ):
        assert name in log, name


def test_the_process_plan_is_in_staging(built):
    config = built["config"]
    groups = q(built["dsn"], "select target_group from staging.stg_process__target_groups order by target_group_order")
    assert [g for (g,) in groups] == [g.code for g in config.dialogue.target_groups]
    ((measures,),) = q(built["dsn"], "select count(*) from staging.stg_process__goal_measures")
    assert measures == sum(len(p.measures) for p in config.goals.purposes)


def test_every_configured_target_group_has_a_coverage_row(built):
    rows = {
        r[0]: r[1:]
        for r in q(
            built["dsn"],
            """
        select target_group, coverage_status, is_reached, meetings_held, planned_meetings, participants,
               statements, first_meeting_on, last_meeting_on, forums
        from marts.dialogue_coverage""",
        )
    }
    config = built["config"]
    assert set(rows) == {g.code for g in config.dialogue.target_groups}
    # Two meetings with the schools office, one planned: reached.
    assert rows["barn_unga"][:5] == ("nådd", True, 2, 1, 53)
    assert rows["barn_unga"][6:8] == (dt.date(2024, 10, 1), dt.date(2024, 10, 8))
    assert rows["barn_unga"][8] == ["Utbildningskontoret"]
    # One of two planned meetings with the pensioners' council: partly reached.
    assert rows["aldre"][:3] == ("delvis nådd", True, 1)
    # Configured, with a forum, but nobody has met them.
    for group in ("funktionsnedsattning", "studenter", "nya_norrkopingsbor", "civilsamhallet"):
        status, reached, held, planned, participants, statements, first, last, _ = rows[group]
        assert (status, reached, held, participants, statements) == ("ej nådd", False, 0, 0, 0)
        assert first is None and last is None
        assert planned == 1


def test_participants_meetings_and_statements_add_up(built):
    ((meetings, participants, statements),) = q(
        built["dsn"],
        """
        select sum(meetings_held), sum(participants), sum(statements) from marts.dialogue_coverage""",
    )
    assert meetings == len(MEETINGS)
    assert participants == sum(m[4] for m in MEETINGS)
    assert statements == len(STATEMENTS)
    forums = dict(q(built["dsn"], "select forum, meetings_held from marts.dialogue_forum_coverage"))
    assert set(forums) == {f.code for f in built["config"].dialogue.forums}
    assert forums["utbildningskontoret"] == 2 and forums["campus"] == 0
    ((outstanding,),) = q(
        built["dsn"],
        """select meetings_outstanding from marts.dialogue_forum_coverage
                                         where forum = 'pensionarsradet'""",
    )
    assert outstanding == 1


def test_reception_counts_match_the_inserted_statements(built):
    stones = cornerstones(built["dsn"])
    groups = {m[1] for m in MEETINGS}
    rows = q(
        built["dsn"],
        """select theme, target_group, statements, support, change, new_proposal, support_share
                              from marts.dialogue_reception""",
    )
    assert len(rows) == len(stones) * len(built["config"].dialogue.target_groups)
    assert {r[0] for r in rows} == set(stones)
    for theme, group, statements, support, change, new_proposal, share in rows:
        said = [s for s in STATEMENTS if s[1] == theme and MEETINGS[s[0]][1] == group]
        assert statements == len(said), (theme, group)
        assert (support, change, new_proposal) == tuple(
            sum(1 for s in said if s[2] == stance) for stance in ("stod", "andring", "nytt_forslag")
        )
        if statements:
            assert float(share) == pytest.approx(support / statements, abs=1e-4)
        else:
            assert share is None
    # The statements made about cornerstones all show up somewhere.
    assert sum(r[2] for r in rows) == sum(1 for s in STATEMENTS if s[1] in stones and MEETINGS[s[0]][1] in groups)


def test_statements_are_tagged_with_the_codebook(built):
    tagged = {}
    for statement_id, component in q(
        built["dsn"],
        """
            select statement_id, component from intermediate.int_dialogue_statement_components""",
    ):
        tagged.setdefault(statement_id, set()).add(component)
    ids = _meeting_ids()
    numbers: dict[int, int] = {}
    for index, _, _, text, component in STATEMENTS:
        numbers[index] = numbers.get(index, 0) + 1
        statement_id = f"dialogue:{ids[index]}:{numbers[index]}"
        assert component in tagged.get(statement_id, set()), (text, tagged.get(statement_id))


def test_a_component_raised_in_dialogue_but_absent_from_the_survey_is_rare(built):
    assert built["removed"] > 0, "the generated survey should have mentioned the component before removal"
    rows = {
        r[0]: r[1:]
        for r in q(
            built["dsn"],
            """
        select component, dialogue_statements, dialogue_target_groups, survey_share, is_rare_in_survey,
               example_statement
        from marts.dialogue_components""",
        )
    }
    statements, groups, share, rare, example = rows[RARE]
    raised = [s for s in STATEMENTS if s[4] == RARE]
    assert statements == len(raised)
    assert groups == len({MEETINGS[s[0]][1] for s in raised})
    assert rare is True and (share is None or float(share) < 0.02)
    assert example in {s[3] for s in raised}
    # A component the survey is full of is not rare.
    assert rows["gronomraden"][3] is False and float(rows["gronomraden"][2]) >= 0.02


def test_poll_vote_shares_sum_to_one_per_question(built):
    rows = q(
        built["dsn"],
        """select question, option, votes, question_votes, vote_share, meetings
                              from marts.dialogue_poll_summary""",
    )
    expected: dict[tuple[str, str], int] = {}
    meetings: dict[tuple[str, str], int] = {}
    for questions in POLLS.values():
        for question, options in questions.items():
            for option, votes in options.items():
                expected[(question, option)] = expected.get((question, option), 0) + votes
                meetings[(question, option)] = meetings.get((question, option), 0) + 1
    assert {(r[0], r[1]): r[2] for r in rows} == expected
    assert {(r[0], r[1]): r[5] for r in rows} == meetings
    totals: dict[str, float] = {}
    for question, _, _votes, question_votes, share, _ in rows:
        assert question_votes == sum(v for (qq, _), v in expected.items() if qq == question)
        totals[question] = totals.get(question, 0) + float(share)
    assert totals and all(total == pytest.approx(1, abs=1e-3) for total in totals.values())
    ((young,),) = q(
        built["dsn"],
        """select vote_share from marts.dialogue_poll_summary
                                   where question = 'Hur gammal är du?' and option = 'Under 25 år'""",
    )
    assert float(young) == pytest.approx(29 / 67, abs=1e-4)


def test_compilation_has_one_row_per_cornerstone_and_the_proposals(built):
    stones = cornerstones(built["dsn"])
    config = built["config"]
    rows = q(
        built["dsn"],
        """
        select row_kind, cornerstone_rank, theme, statements, support, change, new_proposal,
               target_groups_heard, target_groups_not_heard, top_components, example_statements
        from marts.dialogue_compilation order by compilation_order""",
    )
    assert len(rows) == len(stones) + 1 == config.cornerstones.count + 1
    assert [r[0] for r in rows] == ["hörnsten"] * len(stones) + ["nytt förslag"]
    assert [r[1] for r in rows[:-1]] == sorted(stones.values())
    assert {r[2] for r in rows[:-1]} == set(stones) and rows[-1][1] is None and rows[-1][2] is None
    assert sum(r[3] for r in rows) == len(STATEMENTS)
    names = {g.code: g.name for g in config.dialogue.target_groups}
    for kind, _, theme, statements, support, change, new_proposal, heard, not_heard, top, examples in rows:
        said = [s for s in STATEMENTS if (s[1] == theme if kind == "hörnsten" else s[1] is None or s[1] not in stones)]
        assert statements == len(said) == support + change + new_proposal
        assert set(heard) == {names[MEETINGS[s[0]][1]] for s in said}
        assert set(heard) | set(not_heard) == set(names.values()) and not set(heard) & set(not_heard)
        assert len(top) <= 5 and len(examples) == min(3, len(said))
        assert set(examples) <= {s[3] for s in said}
    proposals = rows[-1]
    # The proposals outside the cornerstones include every statement without one.
    assert proposals[6] >= sum(1 for s in STATEMENTS if s[1] is None)
    assert "Lokal mat och jordbruksmark" in proposals[9]


def test_every_dialogue_model_and_column_is_documented(built):
    manifest = built["manifest"]
    nodes = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    undocumented = []
    for name in MODELS:
        node = nodes[name]
        if not node.get("description"):
            undocumented.append(name)
        columns = q(
            built["dsn"],
            """select column_name from information_schema.columns
                                     where table_schema = %s and table_name = %s""",
            node["schema"],
            node["alias"],
        )
        assert columns, name
        for (column,) in columns:
            if not node["columns"].get(column, {}).get("description"):
                undocumented.append(f"{name}.{column}")
    assert undocumented == []


def test_the_coverage_test_fails_when_statements_do_not_add_up(built, stack_settings):
    """The custom data test can really fail: a statement the (table) marts have not seen
    makes the coverage and compilation counts fall short of the statements in staging."""
    env = {**stack.full_env(stack_settings), **built["config"].dbt_env()}
    select = ["dialogue_coverage,test_name:total_equals", "dialogue_compilation,test_name:total_equals"]

    def dbt_test():
        return subprocess.run(
            [dbt_executable(), "test", "--select", *select],
            cwd=dbt_project_dir(),
            env=env,
            capture_output=True,
            text=True,
        )

    process, first_meeting = built["config"].process, _meeting_ids()[0]
    with connect(built["dsn"], autocommit=True) as conn:
        conn.execute(
            """insert into raw.dialogue_statements
                   (process, meeting_id, statement_no, cornerstone, stance, statement_text)
               values (%s, %s, 99, null, 'nytt_forslag', 'En sen synpunkt om cykelbanorna.')""",
            (process, first_meeting),
        )
        try:
            failed = dbt_test()
        finally:
            conn.execute(
                "delete from raw.dialogue_statements where process = %s and meeting_id = %s and statement_no = 99",
                (process, first_meeting),
            )
    assert failed.returncode != 0 and "FAIL 1 total_equals_dialogue_coverage_statements" in failed.stdout, (
        failed.stdout[-3000:]
    )
    assert "FAIL 1 total_equals_dialogue_compilation_statements" in failed.stdout
    passed = dbt_test()
    assert passed.returncode == 0, passed.stdout[-3000:]
