"""Broken, hostile and real exports through the whole ingest into PostgreSQL: each gets a
clear error in the load log or a quarantine entry with its reason, the good rows of the
same file load, and every row read is loaded, a duplicate or quarantined."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hornsten.survey import load_log
from hornsten.survey.ingest import ingest_files, pseudonym_key
from tests.exports import good_row, write_csv
from tests.unit.test_hostile_input import _zip_bomb

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


def _load(db, config, *paths):
    return ingest_files(db, list(paths), config, pseudonym_key())


def _one(db, sql: str, params=()):
    return db.execute(sql, params).fetchone()


def test_a_nul_byte_quarantines_its_row_and_the_others_load(db, norrkoping, tmp_path):
    path = write_csv(tmp_path / "nul.csv", [good_row("1"), good_row("2", battre="tr\x00asig"), good_row("3")])
    (result,) = _load(db, norrkoping, path)
    assert (result.status, result.rows_read, result.loaded, result.quarantined) == ("loaded_with_quarantine", 3, 2, 1)
    reason, content = _one(db, "select reason, content from restricted.quarantine")
    assert "NUL byte in column 'Vad behöver bli bättre?'" in reason and "tr\ufffdasig" in content


def test_utf16_export_from_excel_loads(db, norrkoping, tmp_path):
    path = write_csv(
        tmp_path / "unicode.txt", [good_row("1", idag="Å, ä och ö"), good_row("2")], delimiter="\t", encoding="utf-16"
    )
    (result,) = _load(db, norrkoping, path)
    assert (result.status, result.loaded, result.encoding) == ("loaded", 2, "utf-16")
    assert _one(db, "select answer_text from raw.survey_answers where response_id = '1' and question_code = 'idag'")[
        0
    ] == ("Å, ä och ö")
    assert _one(db, "select delimiter from raw.load_log")[0] == "\t"


def test_a_50_mb_line_is_quarantined_truncated_and_the_others_load(db, norrkoping, tmp_path):
    path = write_csv(tmp_path / "huge.csv", [good_row("1")])
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(";".join(good_row("2", idag="å" * 50_000_000)) + "\r\n")
        handle.write(";".join(good_row("3")) + "\r\n")
    (result,) = _load(db, norrkoping, path)
    assert (result.status, result.rows_read, result.loaded, result.quarantined) == ("loaded_with_quarantine", 3, 2, 1)
    reason, content, row = _one(db, "select reason, content, row_number from restricted.quarantine")
    assert row == 3 and "longer than the limit" in reason and "stored truncated to its first 2,000" in reason
    assert len(content) == 2000 and content.startswith("2;2024-03-20 12:00;")
    assert _one(db, "select status from raw.load_log")[0] == "loaded_with_quarantine"


def test_zip_bomb_fails_at_once_with_its_reason_in_the_load_log(db, norrkoping, tmp_path):
    bomb = _zip_bomb(tmp_path / "export.xlsx")
    started = time.monotonic()
    (result,) = _load(db, norrkoping, bomb)
    assert time.monotonic() - started < 3
    assert result.status == "failed" and "zip bomb" in result.error
    status, error = _one(db, "select status, error from raw.load_log")
    assert status == "failed" and "refused unopened" in error


def test_sql_html_and_formulas_in_answers_are_stored_verbatim(db, norrkoping, tmp_path):
    texts = {
        "1": "<script>alert(1)</script>",
        "2": "'); drop table raw.survey_answers; --",
        "3": '=HYPERLINK("http://evil.example","klicka")',
        "4": "@SUM(1+1)*cmd|' /C calc'!A0",
    }
    path = write_csv(tmp_path / "hostile.csv", [good_row(i, battre=t) for i, t in texts.items()])
    (result,) = _load(db, norrkoping, path)
    assert result.loaded == 4
    stored = dict(db.execute("select response_id, answer_text from raw.survey_answers where question_code = 'battre'"))
    assert stored == texts
    assert _one(db, "select to_regclass('raw.survey_answers') is not null")[0]


def test_stale_running_attempt_is_marked_interrupted_by_the_next_load(clean_warehouse, norrkoping, tmp_path):
    columns = {"process": norrkoping.process, "survey_id": "s", "file_name": "f.csv", "file_checksum": "c"}
    dead = psycopg.connect(clean_warehouse, autocommit=True)
    dead_id = load_log.open_attempt(dead, columns)
    dead.close()  # the session ends without finishing its row, as a killed load does
    alive = psycopg.connect(clean_warehouse, autocommit=True)
    alive_id = load_log.open_attempt(alive, columns)  # still running in another session
    try:
        with psycopg.connect(clean_warehouse, autocommit=True) as db:
            (result,) = _load(db, norrkoping, write_csv(tmp_path / "next.csv", [good_row("1")]))
            rows = dict(db.execute("select load_id, (status, error, finished_at is not null) from raw.load_log"))
        assert rows[dead_id][0] == "interrupted" and rows[dead_id][1].startswith("interrupted: the session")
        assert rows[dead_id][2] and rows[alive_id][0] == "running"
        assert rows[result.load_id][0] == "loaded"
    finally:
        alive.close()


def test_limesurvey_export_without_submission_times_gets_the_delivery_time(db, norrkoping, tmp_path):
    path = tmp_path / "limesurvey.csv"
    shutil.copyfile(FIXTURES / "limesurvey_without_submitdate.csv", path)
    delivered = dt.datetime(2024, 4, 2, 8, 15, tzinfo=dt.UTC)
    os.utime(path, (delivered.timestamp(), delivered.timestamp()))
    (result,) = _load(db, norrkoping, path)
    assert (result.layout, result.status, result.loaded) == ("limesurvey", "loaded", 4)
    rows = db.execute("select distinct submitted_at, submitted_at_source from raw.survey_responses").fetchall()
    assert rows == [(delivered, "delivery")]
    answer = _one(db, "select answer_text from raw.survey_answers where response_id = '1' and question_code = 'battre'")
    assert answer[0] == (
        "Bussarna till Vikbolandet går för sällan.\nPå kvällarna står man en timme och väntar.\n\n"
        "Och gatubelysningen på Järnvägsgatan!"
    )
    formula = _one(db, "select answer_text from raw.survey_answers where response_id = '5' and question_code = 'idag'")
    assert formula[0] == "=SUMMA(A1:A9)"
    # The same file delivered again (its time kept) adds nothing.
    again = tmp_path / "again" / "limesurvey.csv"
    again.parent.mkdir()
    shutil.copy2(path, again)
    (second,) = _load(db, norrkoping, again)
    assert (second.loaded, second.duplicates) == (0, 4)


def test_real_polis_export_with_epoch_millisecond_times_loads(db, norrkoping, tmp_path):
    survey = norrkoping.phase("survey").model_copy(update={"start": dt.date(2019, 9, 1), "end": dt.date(2019, 9, 30)})
    config = norrkoping.model_copy(update={"phases": [survey if p.code == "survey" else p for p in norrkoping.phases]})
    (result,) = _load(db, config, FIXTURES / "polis_biodiversity_comments.csv")
    assert (result.layout, result.status, result.rows_read, result.loaded) == ("polis", "loaded", 12, 12)
    first = _one(db, "select submitted_at, submitted_at_source from raw.survey_responses where response_id = '298'")
    assert first == (dt.datetime(2019, 9, 10, 7, 47, 2, 999_000, tzinfo=dt.UTC), "export")
    assert _one(db, "select count(*) from raw.survey_answers where question_code = 'framtid'")[0] == 12


ROW = st.builds(
    lambda rid, day, district, battre: good_row(rid, f"2024-04-{day:02d} 10:00", battre=battre, district=district),
    st.sampled_from(["1", "2", "3", "4", "", "5"]),
    st.integers(min_value=1, max_value=40),  # days past the 30th are bad dates
    st.sampled_from(["Navestad", "Ljura", "Atlantis"]),
    st.sampled_from(["Bra", "", "tr\x00asig", "x" * 4001, "<b>fet</b>"]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(ROW, max_size=8), min_size=1, max_size=3))
def test_every_row_read_is_loaded_a_duplicate_or_quarantined(clean_warehouse, norrkoping, tmp_path, files):
    with psycopg.connect(clean_warehouse, autocommit=True) as db:
        db.execute("truncate raw.survey_answers, raw.survey_responses, restricted.quarantine, raw.load_log cascade")
        folder = tmp_path / f"case{time.monotonic_ns()}"
        folder.mkdir()
        paths = [write_csv(folder / f"f{i}.csv", rows) for i, rows in enumerate(files)]
        results = _load(db, norrkoping, *paths)
        for result, rows in zip(results, files, strict=True):
            assert result.rows_read == len(rows)
            assert result.rows_read == result.loaded + result.duplicates + result.quarantined
        # Quarantine holds each file's rejected rows once (identical files share a checksum).
        by_checksum = {r.checksum: (r, rows) for r, rows in zip(results, files, strict=True)}
        assert _one(db, "select count(*) from restricted.quarantine")[0] == sum(
            r.quarantined for r, _ in by_checksum.values()
        )
        # Every response id of a row not quarantined is in raw, once.
        rejected = set(db.execute("select file_checksum, row_number from restricted.quarantine").fetchall())
        valid = {
            row[0]
            for result, rows in by_checksum.values()
            for number, row in enumerate(rows, start=2)
            if (result.checksum, number) not in rejected
        }
        ids = [r[0] for r in db.execute("select response_id from raw.survey_responses")]
        assert sorted(ids) == sorted(valid)
