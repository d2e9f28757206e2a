"""The GX quality gate on dialogue (phase 3) and remiss (phase 4) batches loaded with SQL."""

from __future__ import annotations

import pytest

from hornsten.quality import checkpoint as quality

pytestmark = pytest.mark.integration

PROCESS = "norrkoping_vision_2035"


def _load(db, dataset: str, name: str) -> int:
    return db.execute(
        """insert into raw.load_log (process, survey_id, file_name, file_checksum, dataset, status)
           values (%s, %s, %s, md5(%s), %s, 'loaded') returning load_id""",
        (PROCESS, PROCESS, name, name, dataset),
    ).fetchone()[0]


def _meeting(db, load_id, meeting_id, forum, target_group, held_on, participants, statements=(), polls=()):
    db.execute(
        """insert into raw.dialogue_meetings
           (process, meeting_id, forum, target_group, held_on, place, participants, facilitator, load_id, source_file)
           values (%s, %s, %s, %s, %s, 'Stadshuset', %s, 'Processledaren', %s, %s)""",
        (PROCESS, meeting_id, forum, target_group, held_on, participants, load_id, f"{meeting_id}.xlsx"),
    )
    for no, (cornerstone, stance, text) in enumerate(statements, start=1):
        db.execute(
            """insert into raw.dialogue_statements
                   (process, meeting_id, statement_no, cornerstone, stance, statement_text)
               values (%s, %s, %s, %s, %s, %s)""",
            (PROCESS, meeting_id, no, cornerstone, stance, text),
        )
    for position, (question, option, votes) in enumerate(polls, start=1):
        db.execute(
            """insert into raw.dialogue_poll_results (process, meeting_id, question, option, votes, position)
               values (%s, %s, %s, %s, %s, %s)""",
            (PROCESS, meeting_id, question, option, votes, position),
        )


def _response(db, load_id, body, received_on, positions=(), declined=False, round_="remiss_2024"):
    db.execute(
        """insert into raw.remiss_responses (process, round, body, received_on, declined, load_id, source_file)
           values (%s, %s, %s, %s, %s, %s, %s)""",
        (PROCESS, round_, body, received_on, declined, load_id, f"{body}.xlsx"),
    )
    for item_kind, item, position, comment in positions:
        db.execute(
            """insert into raw.remiss_positions (process, round, body, item_kind, item, position, comment_text)
               values (%s, %s, %s, %s, %s, %s, %s)""",
            (PROCESS, round_, body, item_kind, item, position, comment),
        )


QUESTION = "Vilken hörnsten är viktigast för dig?"


def _good_dialogue(db) -> int:
    load_id = _load(db, "dialogue", "dialog_god.xlsx")
    _meeting(
        db,
        load_id,
        "pensionarsradet:2024-10-01:stadshuset",
        "pensionarsradet",
        "aldre",
        "2024-10-01",
        25,
        statements=[
            ("trygghet", "stod", "Mer belysning längs gångvägarna känns tryggt."),
            ("trygghet", "andring", "Tryggheten ska gälla även i ytterområdena."),
            (None, "nytt_forslag", "Fler sittplatser längs promenadstråken."),
        ],
        polls=[(QUESTION, "trygghet", 14), (QUESTION, "kultur_fritid", 9)],
    )
    _meeting(
        db,
        load_id,
        "campus:2024-11-12:campus-norrkoping",
        "campus",
        "studenter",
        "2024-11-12",
        40,
        statements=[("utbildning", "stod", "Campus ska synas mer i stadskärnan.")],
        polls=[(QUESTION, "utbildning", 31), (QUESTION, "trygghet", 6)],
    )
    return load_id


def _bad_dialogue(db) -> int:
    load_id = _load(db, "dialogue", "dialog_dalig.xlsx")
    # A forum nobody configured, a statement that still carries a phone number.
    _meeting(
        db,
        load_id,
        "atlantisradet:2024-10-03:stadshuset",
        "atlantisradet",
        "aldre",
        "2024-10-03",
        12,
        statements=[("trygghet", "stod", "Ring mig på 070-123 45 67 om belysningen.")],
    )
    # Held before the dialogue phase, the wrong target group for the forum, more votes than people.
    _meeting(
        db,
        load_id,
        "landsbygdsforum:2024-06-01:kvillinge",
        "landsbygdsforum",
        "aldre",
        "2024-06-01",
        5,
        statements=[("landsbygd", "stod", "Bussen till Kvillinge behövs.")],
        polls=[(QUESTION, "landsbygd", 9)],
    )
    return load_id


def _failed(outcomes) -> set[tuple[str, str, str | None]]:
    return {(o.suite.split(".", 1)[1], o.expectation, o.column) for o in outcomes}


def test_good_dialogue_batch_passes_and_results_are_stored(db, clean_warehouse, norrkoping, tmp_path):
    load_id = _good_dialogue(db)
    report = quality.run_checkpoint(norrkoping, clean_warehouse, [load_id], tmp_path / "gx", dataset="dialogue")
    assert report.critical_failures == [] and report.warnings == [], report.summary()
    assert {o.suite for o in report.outcomes} == {
        f"{PROCESS}.dialogue_meetings",
        f"{PROCESS}.dialogue_statements",
        f"{PROCESS}.dialogue_poll_results",
    }
    names = {o.expectation for o in report.outcomes}
    assert {
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_be_between",
        "expect_compound_columns_to_be_unique",
        "expect_query_to_return_no_rows",
        "expect_column_value_lengths_to_be_between",
        "expect_column_pair_values_to_be_equal",
    } <= names
    # The window check ran on the meetings (the dialogue phase is configured for Norrköping).
    assert any(o.column == "held_on" and o.success for o in report.outcomes)
    assert report.docs_path
    quality.store_report(db, report)
    stored = db.execute(
        "select count(*), count(*) filter (where suite like %s) from raw.quality_results where run_id = %s",
        (f"{PROCESS}.dialogue_%", report.run_id),
    ).fetchone()
    assert stored == (len(report.outcomes), len(report.outcomes))


def test_bad_dialogue_batch_fails_critically_on_forum_and_personal_data(db, clean_warehouse, norrkoping, tmp_path):
    good = _good_dialogue(db)
    bad = _bad_dialogue(db)
    report = quality.run_checkpoint(norrkoping, clean_warehouse, [bad], tmp_path / "gx", dataset="dialogue")
    critical = _failed(report.critical_failures)
    assert critical == {
        ("dialogue_meetings", "expect_column_values_to_be_in_set", "forum"),
        ("dialogue_statements", "expect_query_to_return_no_rows", None),
    }, report.summary()
    leak = next(o for o in report.critical_failures if o.expectation == "expect_query_to_return_no_rows")
    assert "personal identity number" in leak.description and leak.unexpected == 1
    forum = next(o for o in report.critical_failures if o.column == "forum")
    assert forum.unexpected == 1
    assert _failed(report.warnings) == {
        ("dialogue_meetings", "expect_column_values_to_be_between", "held_on"),
        ("dialogue_meetings", "expect_column_pair_values_to_be_equal", "target_group"),
        ("dialogue_poll_results", "expect_query_to_return_no_rows", None),
    }, report.summary()
    assert "CRITICAL" in report.summary() and "personal identity number" in report.summary()
    quality.store_report(db, report)
    stored = db.execute(
        "select expectation, column_name, details ->> 'description' from raw.quality_results "
        "where run_id = %s and critical and not success order by 1",
        (report.run_id,),
    ).fetchall()
    assert [(e, c) for e, c, _ in stored] == [
        ("expect_column_values_to_be_in_set", "forum"),
        ("expect_query_to_return_no_rows", None),
    ]
    assert "personal identity number" in stored[1][2]
    # The bad load does not spill into another run's batch.
    again = quality.run_checkpoint(norrkoping, clean_warehouse, [good], tmp_path / "gx", dataset="dialogue")
    assert again.critical_failures == [] and again.warnings == [], again.summary()


def test_remiss_batches(db, clean_warehouse, norrkoping, tmp_path):
    good = _load(db, "remiss", "remiss_god.xlsx")
    _response(
        db,
        good,
        "s",
        "2025-01-20",
        [
            ("cornerstone", "trygghet", "instammer", ""),
            ("cornerstone", "kultur_fritid", "instammer_med_andringar", "Biblioteken bör nämnas."),
            ("section", "helheten", "instammer", "Ett bra förslag."),
        ],
    )
    _response(db, good, "kommunstyrelsen", "2025-02-28", declined=True)
    report = quality.run_checkpoint(norrkoping, clean_warehouse, [good], tmp_path / "gx", dataset="remiss")
    assert report.critical_failures == [] and report.warnings == [], report.summary()
    assert {o.suite for o in report.outcomes} == {f"{PROCESS}.remiss_responses", f"{PROCESS}.remiss_positions"}

    bad = _load(db, "remiss", "remiss_dalig.xlsx")
    _response(db, bad, "atlantis", "2025-01-10", [("section", "helheten", "instammer", "")])
    _response(
        db,
        bad,
        "m",
        "2024-11-01",
        [  # dated before the draft was sent
            ("section", "okand_del", "instammer_inte", "Vi saknar en del om hamnen."),
            ("cornerstone", "trygghet", "instammer", "Kontakta anna.andersson@example.com för frågor."),
        ],
    )
    report = quality.run_checkpoint(norrkoping, clean_warehouse, [bad], tmp_path / "gx", dataset="remiss")
    assert _failed(report.critical_failures) == {
        ("remiss_responses", "expect_column_values_to_be_in_set", "body"),
        ("remiss_positions", "expect_column_values_to_be_in_set", "item"),
        ("remiss_positions", "expect_query_to_return_no_rows", None),
    }, report.summary()
    section = next(o for o in report.critical_failures if o.column == "item")
    assert "section" in section.description and section.unexpected == 1
    assert _failed(report.warnings) == {
        ("remiss_responses", "expect_column_pair_values_a_to_be_greater_than_b", "received_on"),
    }, report.summary()
    quality.store_report(db, report)
    assert (
        db.execute(
            "select count(*) from raw.quality_results where run_id = %s and critical and not success", (report.run_id,)
        ).fetchone()[0]
        == 3
    )
