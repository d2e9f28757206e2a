"""Ingest against the real project-local PostgreSQL: idempotence, quarantine, encodings, privacy."""

from __future__ import annotations

import pytest

from hornsten.survey.ingest import ingest_files, pseudonym_key
from tests.exports import good_row, write_csv

pytestmark = pytest.mark.integration


def _load(db, config, *paths, archive=None):
    return ingest_files(db, list(paths), config, pseudonym_key(), archive=archive)


def _count(db, sql: str) -> int:
    return db.execute(sql).fetchone()[0]


def test_same_export_twice_keeps_the_row_count(db, norrkoping, tmp_path):
    path = write_csv(tmp_path / "export.csv", [good_row(str(i)) for i in range(1, 51)])
    (first,) = _load(db, norrkoping, path)
    assert (first.rows_read, first.loaded, first.duplicates, first.status) == (50, 50, 0, "loaded")
    (second,) = _load(db, norrkoping, path)
    assert (second.rows_read, second.loaded, second.duplicates) == (50, 0, 50)
    assert _count(db, "select count(*) from raw.survey_responses") == 50
    assert _count(db, "select count(*) from raw.survey_answers") == 150
    assert _count(db, f"select count(*) from raw.load_log where file_checksum = '{first.checksum}'") == 2


def test_overlapping_exports_latest_submission_wins(db, norrkoping, tmp_path):
    early = write_csv(
        tmp_path / "week1.csv",
        [good_row("1", "2024-03-20 10:00", idag="Första svaret"), good_row("2", "2024-03-20 11:00")],
    )
    late = write_csv(
        tmp_path / "week2.csv",
        [
            good_row("1", "2024-03-27 10:00", idag="Ändrat svar", battre=""),
            good_row("2", "2024-03-19 09:00", idag="Äldre, ska inte vinna"),
            good_row("3", "2024-03-27 12:00"),
        ],
    )
    _load(db, norrkoping, early)
    (result,) = _load(db, norrkoping, late)
    assert (result.loaded, result.duplicates) == (2, 1)  # 1 replaced, 3 new; 2 is older
    rows = dict(
        db.execute("select response_id, answer_text from raw.survey_answers where question_code = 'idag'").fetchall()
    )
    assert rows["1"] == "Ändrat svar"
    assert rows["2"] == "Strömmen och Knäppingsborg"
    # The question left blank in the newer submission is gone, not kept from the old one.
    assert (
        _count(db, "select count(*) from raw.survey_answers where response_id = '1' and question_code = 'battre'") == 0
    )


def test_duplicate_ids_inside_one_file_keep_the_latest(db, norrkoping, tmp_path):
    path = write_csv(
        tmp_path / "dupes.csv",
        [good_row("5", "2024-04-01 10:00", idag="gammal"), good_row("5", "2024-04-02 10:00", idag="ny")],
    )
    (result,) = _load(db, norrkoping, path)
    assert (result.loaded, result.duplicates) == (1, 1)
    assert db.execute("select answer_text from raw.survey_answers where question_code='idag'").fetchone()[0] == "ny"


def test_windows_1252_semicolon_file_with_swedish_letters(db, norrkoping, tmp_path):
    text = "Åby, Ängen och Östra Husby – blåbärsskog"
    path = write_csv(tmp_path / "excel.csv", [good_row("77", idag=text, district="Åby")], encoding="cp1252")
    assert b"\xc5by" in path.read_bytes()  # really cp1252 on disk
    (result,) = _load(db, norrkoping, path)
    assert result.encoding == "cp1252" and result.loaded == 1
    assert db.execute("select answer_text from raw.survey_answers where question_code = 'idag'").fetchone()[0] == text
    assert db.execute("select closed_answers->>'district' from raw.survey_responses").fetchone()[0] == "aby"


def test_one_bad_row_is_quarantined_and_every_good_row_loads(db, norrkoping, tmp_path):
    rows = [good_row(str(i)) for i in range(1, 10)]
    rows.insert(4, good_row("bad", district="Atlantis"))
    path = write_csv(tmp_path / "one_bad.csv", rows)
    (result,) = _load(db, norrkoping, path)
    assert (result.rows_read, result.loaded, result.quarantined, result.status) == (10, 9, 1, "loaded_with_quarantine")
    row_number, reason, content = db.execute("select row_number, reason, content from restricted.quarantine").fetchone()
    assert row_number == 6  # heading is row 1
    assert "unknown district 'Atlantis'" in reason
    assert content.startswith("bad;2024-03-20 12:00;") and "Atlantis" in content
    # Delivering the file again quarantines nothing twice.
    _load(db, norrkoping, path)
    assert _count(db, "select count(*) from restricted.quarantine") == 1
    log = db.execute("select rows_read, loaded, quarantined, status from raw.load_log order by load_id").fetchall()
    assert log[0] == (10, 9, 1, "loaded_with_quarantine")


def test_no_personal_data_survives_in_the_analytic_schema(db, norrkoping, tmp_path):
    texts = [
        "Ring mig på 070-123 45 67 så berättar jag mer",
        "Mitt personnummer är 19811218-9876, kontakta anna.svensson@example.se",
        "Skriv till kalle_99@exempel.nu eller +46 11 15 00 00",
        "Postnummer 602 42, det kostar 50 000 kr och hände 2024-03-18",
    ]
    rows = [good_row(str(i), battre=t, respondent=f"person{i}@example.se") for i, t in enumerate(texts, 1)]
    _load(db, norrkoping, write_csv(tmp_path / "pii.csv", rows))
    leaked = _count(
        db, "select count(*) from raw.survey_answers where public.hornsten_contains_personal_data(answer_text)"
    )
    assert leaked == 0
    answers = [
        r[0]
        for r in db.execute(
            "select answer_text from raw.survey_answers where question_code='battre' order by response_id"
        )
    ]
    assert answers[0] == "Ring mig på [telefon] så berättar jag mer"
    assert "[personnummer]" in answers[1] and "[e-post]" in answers[1]
    assert answers[3] == texts[3]  # look-alikes untouched
    # Originals are kept, but only in restricted; respondent ids only as keyed hashes.
    assert (
        _count(db, "select count(*) from restricted.survey_answers_original where answer_text like '%070-123 45 67%'")
        == 1
    )
    keys = [r[0] for r in db.execute("select respondent_key from raw.survey_responses")]
    assert all(k and "@" not in k and len(k) == 32 for k in keys)
    assert _count(db, "select count(*) from restricted.respondents where respondent_id like '%@example.se'") == 4


def test_unreadable_file_fails_alone_and_is_archived_with_its_reason(db, norrkoping, tmp_path):
    good = write_csv(tmp_path / "good.csv", [good_row("1")])
    odd = tmp_path / "odd.csv"
    odd.write_text("foo;bar\n1;2\n", encoding="utf-8")
    archive = tmp_path / "archive"
    results = _load(db, norrkoping, good, odd, archive=archive)
    assert [r.status for r in results] == ["loaded", "failed"]
    assert "match no export layout" in results[1].error
    failed = list((archive / "failed").glob("*odd.csv"))
    assert (
        len(failed) == 1 and "match no export layout" in failed[0].with_name(failed[0].name + ".reason.txt").read_text()
    )
    assert not good.exists() and not odd.exists()
    assert db.execute("select status, error is not null from raw.load_log order by load_id").fetchall() == [
        ("loaded", False),
        ("failed", True),
    ]


def test_xlsx_and_limesurvey_exports_load(db, norrkoping, tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    from tests.exports import HEADER

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    row = good_row("x1")
    row[1] = dt.datetime(2024, 4, 2, 8, 0)
    sheet.append(row)
    xlsx = tmp_path / "export.xlsx"
    book.save(xlsx)
    lime = tmp_path / "limesurvey.csv"
    lime.write_text(
        "id,submitdate,lastpage,startlanguage,token,Q01,Q02,Q03,ALDER,KON,OMRADE,RELATION\n"
        '101,2024-04-03 19:20:00,3,sv,abc,"Parkerna, vattnet",Bussarna,Mer jobb,A5,A2,Hageby,A1\n',
        encoding="utf-8",
    )
    results = _load(db, norrkoping, xlsx, lime)
    assert [(r.layout, r.loaded) for r in results] == [("standard", 1), ("limesurvey", 1)]
    closed = db.execute("select closed_answers from raw.survey_responses where response_id = '101'").fetchone()[0]
    assert closed == {"age_group": "65-79", "gender": "man", "district": "hageby", "relation": "bor"}


def test_a_load_on_several_cores_stores_what_one_core_stores(db, norrkoping, tmp_path, monkeypatch):
    from hornsten.survey import prepare

    monkeypatch.setattr(prepare, "CHUNK_ROWS", 8)  # many chunks from a small file
    rows = [good_row(str(i), idag=f"Svar {i}, ring 070-{i:03d} 12 34") for i in range(1, 90)]
    rows[40][1] = "inte ett datum"
    rows[60][8] = "Atlantis"
    path = write_csv(tmp_path / "export.csv", rows)
    tables = {
        "raw.survey_responses": "response_id, submitted_at, respondent_key, closed_answers::text, source_row",
        "raw.survey_answers": "response_id, question_code, answer_text",
        "restricted.survey_answers_original": "response_id, question_code, answer_text",
        "restricted.quarantine": "row_number, reason, content",
    }

    def stored() -> dict[str, list[tuple]]:
        return {t: db.execute(f"select {c} from {t} order by 1, 2, 3").fetchall() for t, c in tables.items()}

    results = {}
    for workers in (1, 2):
        db.execute("truncate raw.survey_responses, raw.survey_answers, restricted.survey_answers_original cascade")
        db.execute("truncate restricted.quarantine")
        (result,) = ingest_files(db, [path], norrkoping, pseudonym_key(), workers=workers)
        results[workers] = (result.rows_read, result.loaded, result.quarantined, result.reasons, stored())
    assert results[2] == results[1]
    assert results[2][:3] == (89, 87, 2)
    assert all("070-" not in text for _, _, text in results[2][4]["raw.survey_answers"])
