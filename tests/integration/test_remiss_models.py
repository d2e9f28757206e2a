"""The remiss and goal-matrix marts of phases 3–4 built on a real warehouse.

A small generated survey gives the cornerstones; the process configuration is
synced; remiss responses and dialogue meetings are written straight into the raw
tables (as the template loaders would). dbt is built as of a day inside the remiss
round, then — after a late response has come in — again as of a day after the
deadline, so both reminder kinds and every body status are seen.
"""

from __future__ import annotations

import datetime as dt
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

PROCESS = "norrkoping_vision_2035"
ROUND = "remiss_2024"
DEADLINE = dt.date(2025, 2, 28)
# Inside the round and its reminder window (14 days before the deadline).
AS_OF = dt.date(2025, 2, 20)
# After the deadline, once the late response has come in.
AFTER_DEADLINE = dt.date(2025, 3, 10)

# body: (received_on, declined); every other configured body has not answered.
RESPONSES = {
    "s": (dt.date(2025, 1, 15), False),
    "m": (dt.date(2025, 2, 10), False),
    "sd": (dt.date(2025, 2, 3), True),
    "kommunstyrelsen": (AS_OF, False),
}
LATE_BODY, LATE_ON = "c", dt.date(2025, 3, 4)

# Swedish comments that hit the codebook: (body, item_kind, item or cornerstone index, position, comment, components)
COMMENTS = [
    (
        "s",
        "cornerstone",
        0,
        "instammer_med_andringar",
        "Bättre belysning längs gång- och cykelvägarna, så att fler vågar gå hem på kvällen.",
        {"belysning"},
    ),
    (
        "s",
        "section",
        "helheten",
        "instammer",
        "Kollektivtrafiken behöver fler bussar ut till landsbygden.",
        {"kollektivtrafik"},
    ),
    ("m", "cornerstone", 1, "instammer_inte", "Det behövs fler bostäder och lägre hyror för unga.", {"bostader"}),
    (
        "m",
        "section",
        "uppfoljning",
        "instammer_med_andringar",
        "Gatubelysningen är trasig på många ställen och måste lagas.",
        {"belysning"},
    ),
]

MEETINGS = [
    # meeting_id, forum, target_group, held_on, participants
    ("pensionarsradet-2024-09-10", "pensionarsradet", "aldre", dt.date(2024, 9, 10), 20),
    ("campus-2024-09-20", "campus", "studenter", dt.date(2024, 9, 20), 35),
    ("landsbygdsforum-2024-10-05", "landsbygdsforum", "landsbygd", dt.date(2024, 10, 5), 15),
]
AGE_QUESTION = "Hur gammal är du?"
# meeting index, option, votes — option spelling varies between meetings on purpose.
AGE_VOTES = [
    (0, "Under 25 år", 2),
    (0, "25–64 år", 8),
    (0, "65 år eller äldre", 10),
    (1, "under 25 år ", 16),
    (1, "25–64 år", 19),
    (2, "Under 25 år", 0),
    (2, "25–64 år", 10),
    (2, "65 år eller äldre", 5),
]
STATEMENTS_PER_MEETING = 2


def q(dsn: str, sql: str, *params):
    with connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()


def dbt(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([dbt_executable(), *args], cwd=dbt_project_dir(), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-8000:]
    return result.stdout


def _load_log(conn, dataset: str, file_name: str) -> int:
    ((load_id,),) = conn.execute(
        """insert into raw.load_log (process, survey_id, file_name, file_checksum, dataset, status, finished_at)
           values (%s, %s, %s, md5(%s), %s, 'loaded', now()) returning load_id""",
        (PROCESS, PROCESS, file_name, file_name, dataset),
    ).fetchall()
    return load_id


def _insert_response(
    conn, body: str, received_on: dt.date, declined: bool, positions: list[tuple[str, str, str, str]]
) -> None:
    file_name = f"remissvar_{body}.xlsx"
    load_id = _load_log(conn, "remiss", file_name)
    conn.execute(
        """insert into raw.remiss_responses (process, round, body, received_on, declined, load_id, source_file)
           values (%s, %s, %s, %s, %s, %s, %s)""",
        (PROCESS, ROUND, body, received_on, declined, load_id, file_name),
    )
    for item_kind, item, position, comment in positions:
        conn.execute(
            """insert into raw.remiss_positions (process, round, body, item_kind, item, position, comment_text)
               values (%s, %s, %s, %s, %s, %s, %s)""",
            (PROCESS, ROUND, body, item_kind, item, position, comment),
        )


def _snapshot(dsn: str, table: str, key: str) -> dict:
    with connect(dsn) as conn:
        cur = conn.execute(f"select * from marts.{table}")
        names = [c.name for c in cur.description]
        return {row[names.index(key)]: dict(zip(names, row, strict=False)) for row in cur.fetchall()}


@pytest.fixture(scope="module")
def built(stack_settings, warehouse_dsn, tmp_path_factory):
    config = load_process(PROCESS)
    out = tmp_path_factory.mktemp("remiss_sample")
    sample = generate_sample(config, 600, 5, ["csv"], out)
    env = {**stack.full_env(stack_settings), **config.dbt_env(), "HORNSTEN_AS_OF": AS_OF.isoformat()}
    with connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(
            "truncate raw.survey_answers, raw.survey_responses, restricted.survey_answers_original, "
            "restricted.respondents, restricted.quarantine, raw.quality_results, raw.committee_valuations, "
            "raw.load_log cascade"
        )
        ingest_files(conn, [f.path for f in sample.files], config, pseudonym_key())
        parties = [b.code.upper() for b in config.remiss.bodies if b.kind == "parti"]
        sheet = valuation.sample_valuations(out / "valuation.csv", codebook_themes(), parties, seed=3)
        parsed = valuation.read_valuations(sheet, {t.code for t in codebook_themes()})
        valuation.load(conn, config.process, sheet.name, parsed.valuations)
        sync_process(conn, config)

    # The bodies answer on the cornerstones, which come out of the survey and the valuation.
    dbt(env, "seed")
    dbt(env, "run", "--select", "+cornerstones")
    cornerstones = [
        t
        for (t,) in q(
            warehouse_dsn, "select theme from marts.cornerstones where is_cornerstone order by cornerstone_rank"
        )
    ]
    sections = [s.code for s in config.remiss.sections]

    def item_of(kind, item):
        return cornerstones[item] if kind == "cornerstone" else item

    commented = {
        (body, kind, item_of(kind, item)): (position, text) for body, kind, item, position, text, _ in COMMENTS
    }
    with connect(warehouse_dsn, autocommit=True) as conn:
        for body, (received_on, declined) in RESPONSES.items():
            positions = []
            if not declined:
                items = [("cornerstone", c) for c in cornerstones] + [("section", s) for s in sections]
                if body == "m":  # answers only part of the draft
                    items = [("cornerstone", cornerstones[1]), ("section", "uppfoljning")]
                for kind, item in items:
                    position, text = commented.get((body, kind, item), ("instammer", ""))
                    positions.append((kind, item, position, text))
            _insert_response(conn, body, received_on, declined, positions)
        meeting_load = _load_log(conn, "dialogue", "dialogmoten.xlsx")
        for number, (meeting_id, forum, group, held_on, participants) in enumerate(MEETINGS):
            conn.execute(
                """insert into raw.dialogue_meetings (process, meeting_id, forum, target_group, held_on, place,
                       participants, facilitator, load_id, source_file)
                   values (%s, %s, %s, %s, %s, 'Rådhuset', %s, 'Processledare', %s, 'dialogmoten.xlsx')""",
                (PROCESS, meeting_id, forum, group, held_on, participants, meeting_load),
            )
            for statement_no in range(1, STATEMENTS_PER_MEETING + 1):
                conn.execute(
                    """insert into raw.dialogue_statements (process, meeting_id, statement_no, cornerstone, stance,
                           statement_text) values (%s, %s, %s, %s, %s, %s)""",
                    (
                        PROCESS,
                        meeting_id,
                        statement_no,
                        cornerstones[number % len(cornerstones)],
                        "stod" if statement_no == 1 else "andring",
                        "Fler cykelbanor och bättre belysning i centrum.",
                    ),
                )
        for position, (number, option, votes) in enumerate(AGE_VOTES):
            conn.execute(
                """insert into raw.dialogue_poll_results (process, meeting_id, question, option, votes, position)
                   values (%s, %s, %s, %s, %s, %s)""",
                (PROCESS, MEETINGS[number][0], AGE_QUESTION, option, votes, position),
            )

    log = dbt(env, "build")
    before = {
        "status": _snapshot(warehouse_dsn, "remiss_status", "body"),
        "reminders": _snapshot(warehouse_dsn, "remiss_reminders", "body"),
        "goals": _snapshot(warehouse_dsn, "goal_measures", "measure"),
        "summary": q(warehouse_dsn, "select measures, met, not_met, not_measurable, summary from marts.goal_summary"),
    }

    # Time passes: a party answers after the deadline (without comments, so the tagging
    # is unchanged) and the remiss marts and the goal matrix (which reads the remiss
    # staging, as after any phase) are rebuilt as of a day after the deadline.
    with connect(warehouse_dsn, autocommit=True) as conn:
        _insert_response(conn, LATE_BODY, LATE_ON, False, [("cornerstone", c, "instammer", "") for c in cornerstones])
    after_env = {**env, "HORNSTEN_AS_OF": AFTER_DEADLINE.isoformat()}
    dbt(after_env, "build", "--select", "remiss_status+", "remiss_position_matrix+", "goal_measures+")
    return {
        "dsn": warehouse_dsn,
        "config": config,
        "cornerstones": cornerstones,
        "sections": sections,
        "before": before,
        "dbt_log": log,
        "env": env,
    }


def test_build_ran_the_remiss_and_goal_tests(built):
    log = built["dbt_log"]
    assert "Completed successfully" in log
    for name in (
        "remiss_grid_is_complete",
        "reminders_are_the_missing_bodies",
        "goal_status_matches_value",
        "goal_summary_adds_up",
    ):
        assert name in log


def test_status_inside_the_round(built):
    status = built["before"]["status"]
    bodies = [b.code for b in built["config"].remiss.bodies]
    assert sorted(status) == sorted(bodies)
    assert {b: r["status"] for b, r in status.items() if r["status"] != "missing"} == {
        "s": "received",
        "m": "received",
        "sd": "declined",
        "kommunstyrelsen": "received",
    }
    assert status["s"]["status_label"] == "inkommet" and status["sd"]["status_label"] == "avstår"
    assert status["c"]["status"] == "missing" and status["c"]["status_label"] == "saknas"
    # before the deadline nothing is overdue and nothing late
    assert not any(r["is_overdue"] for r in status.values())
    assert all(r["days_late"] == 0 for r in status.values())
    assert status["s"]["items_answered"] == len(built["cornerstones"]) + len(built["sections"])
    assert status["m"]["items_answered"] == 2 and status["sd"]["items_answered"] == 0
    assert all(r["as_of_date"] == AS_OF for r in status.values())


def test_status_after_the_deadline(built):
    status = {
        r[0]: r[1:]
        for r in q(
            built["dsn"],
            """
        select body, status, status_label, days_late, is_overdue, received_on from marts.remiss_status""",
        )
    }
    assert status[LATE_BODY] == ("late", "inkommet sent", (LATE_ON - DEADLINE).days, False, LATE_ON)
    assert status["s"][:4] == ("received", "inkommet", 0, False)
    assert status["sd"][:4] == ("declined", "avstår", 0, False)
    missing = {b for b, r in status.items() if r[0] == "missing"}
    assert missing == {b.code for b in built["config"].remiss.bodies} - set(RESPONSES) - {LATE_BODY}
    assert all(status[b][2:4] == ((AFTER_DEADLINE - DEADLINE).days, True) for b in missing)


def test_reminders_before_the_deadline(built):
    reminders = built["before"]["reminders"]
    expected = {b.code for b in built["config"].remiss.bodies} - set(RESPONSES)
    assert set(reminders) == expected  # the late body has not answered yet as of AS_OF
    assert {r["reminder_kind"] for r in reminders.values()} == {"before_deadline"}
    assert {r["days_to_deadline"] for r in reminders.values()} == {(DEADLINE - AS_OF).days}
    contacts = {b.code: b.contact for b in built["config"].remiss.bodies}
    assert all(r["contact_address"] == contacts[b] for b, r in reminders.items())
    assert all("2025-02-28" in r["reminder_text"] for r in reminders.values())


def test_reminders_after_the_deadline(built):
    rows = q(built["dsn"], "select body, reminder_kind, days_to_deadline from marts.remiss_reminders")
    expected = {b.code for b in built["config"].remiss.bodies} - set(RESPONSES) - {LATE_BODY}
    assert {r[0] for r in rows} == expected
    assert {(r[1], r[2]) for r in rows} == {("overdue", -(AFTER_DEADLINE - DEADLINE).days)}


def test_no_reminders_before_the_reminder_window(built):
    env = {**built["env"], "HORNSTEN_AS_OF": "2025-02-13"}
    try:
        dbt(env, "run", "--select", "remiss_status", "remiss_reminders")
        ((count,),) = q(built["dsn"], "select count(*) from marts.remiss_reminders")
        assert count == 0
    finally:
        dbt(
            {**env, "HORNSTEN_AS_OF": AFTER_DEADLINE.isoformat()},
            "run",
            "--select",
            "remiss_status",
            "remiss_reminders",
        )


def test_position_matrix_is_every_body_by_item(built):
    rows = q(
        built["dsn"],
        """select body, item_kind, item, item_order, position, position_label
                              from marts.remiss_position_matrix""",
    )
    cornerstones, sections = built["cornerstones"], built["sections"]
    bodies = built["config"].remiss.bodies
    assert len(rows) == len(bodies) * (len(cornerstones) + len(sections))
    order = {(r[1], r[2]): r[3] for r in rows}
    assert [order[("cornerstone", c)] for c in cornerstones] == list(range(1, len(cornerstones) + 1))
    assert [order[("section", s)] for s in sections] == list(
        range(len(cornerstones) + 1, len(cornerstones) + len(sections) + 1)
    )
    by_key = {(r[0], r[1], r[2]): r[4:] for r in rows}
    assert by_key[("s", "cornerstone", cornerstones[0])] == ("instammer_med_andringar", "instämmer med ändringar")
    assert by_key[("m", "cornerstone", cornerstones[1])] == ("instammer_inte", "instämmer inte")
    assert by_key[("m", "cornerstone", cornerstones[0])] == (None, "ej svarat")
    assert by_key[(LATE_BODY, "cornerstone", cornerstones[2])] == ("instammer", "instämmer")
    assert by_key[(LATE_BODY, "section", "helheten")] == (None, "ej svarat")
    assert all(by_key[("sd", k, i)] == (None, "ej svarat") for _, k, i in by_key if _ == "sd")


def test_compilation_lists_every_body_and_item(built):
    rows = q(
        built["dsn"],
        """select body, body_order, status, status_label, item_kind, item, item_order,
                                     position_label, comment_text, components
                              from marts.remiss_compilation order by round, body_order, item_order""",
    )
    bodies = built["config"].remiss.bodies
    items = len(built["cornerstones"]) + len(built["sections"])
    assert len(rows) == len(bodies) * items
    assert [r[0] for r in rows[::items]] == [b.code for b in bodies]  # configuration order
    by_key = {(r[0], r[4], r[5]): r for r in rows}
    first = by_key[("s", "cornerstone", built["cornerstones"][0])]
    assert first[2:4] == ("received", "inkommet")
    assert first[8].startswith("Bättre belysning") and "belysning" in first[9]
    assert by_key[("sd", "section", "helheten")][2:4] == ("declined", "avstår")
    assert by_key[("v", "section", "helheten")][2:4] == ("missing", "saknas")
    assert by_key[(LATE_BODY, "cornerstone", built["cornerstones"][0])][2:4] == ("late", "inkommet sent")
    # rows without a comment have no components
    assert all(r[9] == [] for r in rows if r[8] is None)


def test_comments_are_grouped_by_component(built):
    rows = {
        r[0]: r[1:]
        for r in q(
            built["dsn"],
            """
        select component, component_label, comments, bodies, agree, agree_with_changes, disagree, example_comments
        from marts.remiss_comments_by_component""",
        )
    }
    expected = {}
    for body, _, _, position, text, components in COMMENTS:
        for component in components:
            expected.setdefault(component, []).append((body, position, text))
    for component, comments in expected.items():
        assert component in rows, f"{component} not raised; got {sorted(rows)}"
        label, count, bodies, agree, with_changes, disagree, examples = rows[component]
        assert count >= len(comments)
        names = {b.code: b.name for b in built["config"].remiss.bodies}
        assert set(bodies) >= {names[b] for b, _, _ in comments}
        assert 1 <= len(examples) <= 3
        assert any(text in example for example in examples for _, _, text in comments)
    label, count, bodies, agree, with_changes, disagree, _ = rows["belysning"]
    assert label == "Belysning" and count == 2 and bodies == ["Moderaterna", "Socialdemokraterna"]
    assert (agree, with_changes, disagree) == (0, 2, 0)
    assert rows["bostader"][5] == 1  # disagree


def _goals(built) -> dict:
    return built["before"]["goals"]


def test_goal_measures_are_computed(built):
    goals = _goals(built)
    assert len(goals) == sum(len(p.measures) for p in built["config"].goals.purposes)
    participants = sum(m[4] for m in MEETINGS)
    assert goals["deltagare"]["value"] == participants and goals["deltagare"]["status"] == "not_met"
    assert goals["moten"]["value"] == len(MEETINGS)
    assert goals["synpunkter"]["value"] == len(MEETINGS) * STATEMENTS_PER_MEETING
    groups = len(built["config"].dialogue.target_groups)
    assert float(goals["malgrupper_nadda"]["value"]) == pytest.approx(round(100 * len(MEETINGS) / groups, 1))
    # poll share: votes on "Under 25 år" (however spelled) of all votes on the question
    young = sum(v for _, o, v in AGE_VOTES if o.strip().lower() == "under 25 år")
    total = sum(v for _, _, v in AGE_VOTES)
    poll = goals["unga_deltagare"]
    assert (poll["numerator"], poll["denominator"]) == (young, total)
    assert float(poll["value"]) == pytest.approx(round(100 * young / total, 1))
    assert poll["status"] == "met" and poll["status_label"] == "uppfyllt"  # 25.7 % against 20 %
    # remiss, as of AS_OF: s, m, kommunstyrelsen on time, sd declined, of all bodies
    bodies = len(built["config"].remiss.bodies)
    assert float(goals["remissvar"]["value"]) == pytest.approx(round(100 * 4 / bodies, 1))
    assert float(goals["remissvar_i_tid"]["value"]) == pytest.approx(round(100 * 3 / bodies, 1))
    assert goals["remissvar"]["status"] == "not_met" and goals["remissvar"]["status_label"] == "ej uppfyllt"


def test_survey_measures_match_the_staging_data(built):
    goals = _goals(built)
    ((responses, with_age, young),) = q(
        built["dsn"],
        """
        select count(*), count(age_group), count(*) filter (where age_group in ('0-15', '16-24'))
        from staging.stg_survey__responses""",
    )
    assert goals["enkatsvar"]["value"] == responses and goals["enkatsvar"]["status"] == "not_met"  # < 3000
    assert float(goals["unga_i_enkaten"]["value"]) == pytest.approx(round(100 * young / with_age, 1))
    expected = "met" if round(100 * young / with_age, 1) >= 15 else "not_met"
    assert goals["unga_i_enkaten"]["status"] == expected


def test_measures_without_data_are_not_measurable(built):
    goals = _goals(built)
    # no votes on "Vad tyckte du om mötet?" and no decision yet for the manual measure
    for measure in ("nojdhet", "politisk_enighet"):
        assert goals[measure]["value"] is None
        assert (goals[measure]["status"], goals[measure]["status_label"]) == ("not_measurable", "ej mätbart")
        assert goals[measure]["status_reason"]
    assert "Vad tyckte du om mötet?" in goals["nojdhet"]["status_reason"]
    assert goals["politisk_enighet"]["note"].startswith("Fylls i efter beslutet")


def test_goal_summary(built):
    goals = _goals(built)
    ((measures, met, not_met, not_measurable, summary),) = built["before"]["summary"]
    statuses = [g["status"] for g in goals.values()]
    assert (measures, met, not_met, not_measurable) == (
        len(goals),
        statuses.count("met"),
        statuses.count("not_met"),
        statuses.count("not_measurable"),
    )
    assert not_measurable == 2 and met >= 1
    assert summary == f"{met} av {len(goals)} mått uppfyllda"


def test_goal_measures_after_the_late_response(built):
    ((value, on_time),) = q(
        built["dsn"],
        """
        select max(value) filter (where measure = 'remissvar'), max(value) filter (where measure = 'remissvar_i_tid')
        from marts.goal_measures""",
    )
    bodies = len(built["config"].remiss.bodies)
    assert float(value) == pytest.approx(round(100 * 5 / bodies, 1))  # late counts as a response
    assert float(on_time) == pytest.approx(round(100 * 3 / bodies, 1))  # but not as on time


def test_skelleftea_goal_matrix(built, stack_settings):
    """The Skellefteå configuration (13 measures, no remiss bodies) in schemas of its
    own (the eval target), beside Norrköping's marts."""
    config = load_process("skelleftea_2030")
    question = "Vad tyckte du om mötet?"
    with connect(built["dsn"], autocommit=True) as conn:
        sync_process(conn, config)
        ((load_id,),) = conn.execute(
            """insert into raw.load_log (process, survey_id, file_name, file_checksum, dataset, status)
               values (%s, %s, 'moten.xlsx', md5('moten.xlsx'), 'dialogue', 'loaded') returning load_id""",
            (config.process, config.process),
        ).fetchall()
        conn.execute(
            """insert into raw.dialogue_meetings (process, meeting_id, forum, target_group, held_on, place,
                   participants, facilitator, load_id, source_file)
               values (%s, 'oppna_moten-2023-10-02-byske', 'oppna_moten', 'alla', '2023-10-02', 'Byske',
                       40, 'Processledare', %s, 'moten.xlsx')""",
            (config.process, load_id),
        )
        for position, (option, votes) in enumerate([("Mycket bra", 25), ("Ganska bra", 10), ("Dåligt", 5)]):
            conn.execute(
                """insert into raw.dialogue_poll_results (process, meeting_id, question, option, votes, position)
                   values (%s, 'oppna_moten-2023-10-02-byske', %s, %s, %s, %s)""",
                (config.process, question, option, votes, position),
            )
    env = {
        **stack.full_env(stack_settings),
        **config.dbt_env(),
        "HORNSTEN_DBT_TARGET": "eval",
        "HORNSTEN_AS_OF": "2023-11-01",
    }
    dbt(env, "build", "--select", "+goal_summary", "--indirect-selection", "cautious")
    goals = {
        m: (None if v is None else float(v), s)
        for m, v, s in q(built["dsn"], "select measure, value, status from eval_marts.goal_measures")
    }
    assert len(goals) == 13
    assert goals["nojdhet"] == (pytest.approx(87.5), "met")  # 35 of 40 votes against 80 %
    assert goals["moten"][:2] == (1, "not_met") and goals["deltagare"][0] == 40
    assert goals["malgrupper"][0] == pytest.approx(25.0)  # 1 of 4 target groups
    assert goals["enkatsvar"][0] == 0  # no Skellefteå survey loaded; Norrköping's answers do not count
    for measure in (
        "samhorighet_poll",
        "unga_deltagare",
        "forsta_gangen",
        "forstar_strategin",
        "kvinnor_man",
        "politiker_kunskap",
        "atervunna_asikter",
    ):
        assert goals[measure][1:] == ("not_measurable",), measure
    ((summary,),) = q(built["dsn"], "select summary from eval_marts.goal_summary")
    met = sum(1 for _, status in goals.values() if status == "met")
    assert summary == f"{met} av 13 mått uppfyllda"
