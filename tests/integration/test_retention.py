"""Retention against the real PostgreSQL: a process past its retention loses its restricted rows and
archived files (counts logged, never content); one still within keeps everything; a re-run deletes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from hornsten.config import Retention
from hornsten.privacy.retention import run_retention
from hornsten.survey.ingest import ingest_files, pseudonym_key
from tests.exports import good_row, write_csv

pytestmark = pytest.mark.integration

TODAY = dt.date(2026, 12, 2)  # Norrköping ended 2025-04-28: +30 days is past, +730 is not


def _count(db, sql, *params) -> int:
    return db.execute(sql, params or None).fetchone()[0]


@pytest.fixture
def two_processes(db, norrkoping, tmp_path, monkeypatch):
    """One process past its retention, one within; a respondent in both; a quarantined row in each."""
    monkeypatch.setenv("HORNSTEN_ACTOR", "gallring-test")
    db.execute("truncate audit.events")
    ended = norrkoping.model_copy(
        update={
            "process": "avslutad_process",
            "survey": norrkoping.survey.model_copy(update={"survey_id": "avslutad_enkat"}),
            "retention": Retention(restricted_days_after_end=30),
        }
    )
    archive = tmp_path / "archive"
    plans = [
        (ended, ["a1@example.se", "delad@example.se", "a3@example.se"]),
        (norrkoping, ["k1@example.se", "delad@example.se"]),
    ]
    for config, respondents in plans:
        rows = [good_row(str(i), respondent=r) for i, r in enumerate(respondents, 1)]
        rows.append(good_row("99", district="Atlantis", respondent="karantan@example.se"))
        export = write_csv(tmp_path / f"{config.process}.csv", rows)
        ingest_files(db, [export], config, pseudonym_key(), archive=archive / config.process)
    # Earlier tests of the session leave dialogue and remiss originals; this world starts without them.
    db.execute("truncate restricted.dialogue_statements_original, restricted.remiss_comments_original")
    db.execute(
        """insert into restricted.dialogue_statements_original (process, meeting_id, statement_no, statement_text)
           values ('avslutad_process', 'm1', 1, 'Jag heter Anna och bor på Storgatan 12')"""
    )
    return {"ended": ended, "kept": norrkoping, "configs": [ended, norrkoping], "archive": archive}


def _run(db, setup, dry_run=False):
    return run_retention(db, setup["configs"], TODAY, lambda p: setup["archive"] / p, dry_run=dry_run, echo=print)


def test_past_retention_loses_restricted_rows_and_archived_files_within_keeps_them(db, two_processes):
    setup = two_processes
    ended, kept = setup["ended"], setup["kept"]
    assert len(list((setup["archive"] / ended.process).rglob("*.csv"))) == 1

    dry = {r.decision.process: r for r in _run(db, setup, dry_run=True)}
    expected = {
        "answer_originals": 9,
        "respondents": 2,  # a1 and a3; delad@ is still used by the process within its retention
        "statement_originals": 1,
        "comment_originals": 0,
        "quarantined_rows": 1,
        "archived_files": 1,
    }
    assert dry["avslutad_process"].counts == expected
    assert _count(db, "select count(*) from restricted.survey_answers_original") == 15
    assert _count(db, "select count(*) from audit.events where kind = 'retention'") == 0

    results = {r.decision.process: r for r in _run(db, setup)}
    assert results["avslutad_process"].counts == expected
    assert not results[kept.process].decision.due and results[kept.process].counts == {}

    survey = "select count(*) from restricted.survey_answers_original where survey_id = %s"
    assert _count(db, survey, "avslutad_enkat") == 0
    assert _count(db, survey, kept.survey.survey_id) == 6
    respondents = [r[0] for r in db.execute("select respondent_id from restricted.respondents order by 1")]
    assert respondents == ["delad@example.se", "k1@example.se"]
    assert _count(db, "select count(*) from restricted.dialogue_statements_original") == 0
    quarantine = "select count(*) from restricted.quarantine q join raw.load_log l using (load_id) where l.process = %s"
    assert (_count(db, quarantine, ended.process), _count(db, quarantine, kept.process)) == (0, 1)
    assert not (setup["archive"] / ended.process).exists()
    assert len(list((setup["archive"] / kept.process).rglob("*.csv"))) == 1
    # The pseudonymised data stays for the analyses.
    assert _count(db, "select count(*) from raw.survey_responses where survey_id = 'avslutad_enkat'") == 3

    (event,) = db.execute(
        "select process, counts, details, actor, db_user, occurred_at from audit.events where kind = 'retention'"
    ).fetchall()
    assert event[:2] == ("avslutad_process", expected)
    assert event[2]["keep_until"] == "2025-05-28" and event[2]["run_on"] == TODAY.isoformat()
    assert event[3:5] == ("gallring-test", "hornsten") and event[5] is not None
    assert "@" not in str(event) and "Storgatan" not in str(event)  # counts, never content

    again = {r.decision.process: r for r in _run(db, setup)}
    assert set(again["avslutad_process"].counts.values()) == {0}
    assert _count(db, survey, kept.survey.survey_id) == 6
    assert _count(db, "select count(*) from audit.events where kind = 'retention'") == 2


def test_the_cli_dry_run_counts_every_configured_process_and_deletes_nothing(
    db, warehouse_dsn, two_processes, monkeypatch
):
    import json

    from click.testing import CliRunner

    from hornsten.cli.app import main

    monkeypatch.setenv("HORNSTEN_WAREHOUSE_DSN", warehouse_dsn)
    monkeypatch.setenv("HORNSTEN_ARCHIVE", str(two_processes["archive"]))
    result = CliRunner().invoke(main, ["retention", "run", "--dry-run", "--date", "2030-01-01", "--json"])
    assert result.exit_code == 0, result.output
    lines = {r["process"]: r for r in (json.loads(line) for line in result.output.splitlines() if line.startswith("{"))}
    assert set(lines) == {"norrkoping_vision_2035", "skelleftea_2030"}
    norrkoping = lines["norrkoping_vision_2035"]
    assert norrkoping["due"] and norrkoping["dry_run"] and norrkoping["keep_until"] == "2027-04-28"
    # delad@ is also in a survey no configured process owns: kept, to be safe.
    assert norrkoping["counts"] == {
        "answer_originals": 6,
        "respondents": 1,
        "statement_originals": 0,
        "comment_originals": 0,
        "quarantined_rows": 1,
        "archived_files": 1,
    }
    assert _count(db, "select count(*) from restricted.survey_answers_original") == 15
    assert _count(db, "select count(*) from audit.events") == 0
