"""Who and when: every writer records the actor (hornsten.audit.actor()), the database login and the time.

(Template ingest and report delivery are checked in their own test files.)"""

from __future__ import annotations

import pytest

from hornsten.committee import valuation
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.tagging.codebook import codebook_themes
from tests.exports import good_row, write_csv

pytestmark = pytest.mark.integration


def test_survey_ingest_records_who_loaded_each_file(db, norrkoping, tmp_path, monkeypatch):
    monkeypatch.setenv("HORNSTEN_ACTOR", "anna.analytiker")
    ingest_files(db, [write_csv(tmp_path / "export.csv", [good_row("1")])], norrkoping, pseudonym_key())
    monkeypatch.delenv("HORNSTEN_ACTOR")
    monkeypatch.setenv("AIRFLOW_CTX_DAG_ID", "hornsten_survey_ingest")
    monkeypatch.setenv("AIRFLOW_CTX_DAG_RUN_ID", "scheduled__2024-03-20")
    ingest_files(db, [write_csv(tmp_path / "export2.csv", [good_row("2")])], norrkoping, pseudonym_key())
    rows = db.execute(
        "select file_name, actor, db_user, started_at <= finished_at from raw.load_log order by load_id"
    ).fetchall()
    assert rows == [
        ("export.csv", "anna.analytiker", "hornsten", True),
        ("export2.csv", "airflow:hornsten_survey_ingest/scheduled__2024-03-20", "hornsten", True),
    ]


def test_a_row_written_by_hand_records_the_login(db):
    db.execute(
        """insert into raw.load_log (process, survey_id, file_name, file_checksum, status)
           values ('p', 's', 'by-hand.csv', 'x', 'failed')"""
    )
    assert db.execute("select actor, db_user from raw.load_log").fetchone() == ("hornsten", "hornsten")


def test_committee_valuations_record_who_loaded_them(db, norrkoping, tmp_path, monkeypatch):
    monkeypatch.setenv("HORNSTEN_ACTOR", "beredningssekreterare")
    db.execute("delete from raw.committee_valuations where process = %s", (norrkoping.process,))
    themes = codebook_themes()
    sheet = valuation.sample_valuations(tmp_path / "valuation.csv", themes, ["S", "M"], seed=3)
    parsed = valuation.read_valuations(sheet, {t.code for t in themes})
    valuation.load(db, norrkoping.process, sheet.name, parsed.valuations)
    who = db.execute(
        "select distinct actor, db_user, loaded_at is not null from raw.committee_valuations where process = %s",
        (norrkoping.process,),
    ).fetchall()
    assert who == [("beredningssekreterare", "hornsten", True)]
