"""The GX quality gate on real loaded batches."""

from __future__ import annotations

import pytest

from hornsten.quality import checkpoint as quality
from hornsten.survey.ingest import ingest_files, pseudonym_key
from tests.exports import good_row, write_csv

pytestmark = pytest.mark.integration


def test_clean_batch_passes_and_results_are_stored(db, clean_warehouse, norrkoping, tmp_path, stack_settings):
    (result,) = ingest_files(
        db, [write_csv(tmp_path / "a.csv", [good_row(str(i)) for i in range(20)])], norrkoping, pseudonym_key()
    )
    report = quality.run_checkpoint(norrkoping, clean_warehouse, [result.load_id], tmp_path / "gx")
    assert report.critical_failures == [], report.summary()
    names = {o.expectation for o in report.outcomes}
    assert {
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_be_between",
        "expect_compound_columns_to_be_unique",
        "expect_query_to_return_no_rows",
        "expect_column_value_lengths_to_be_between",
        "expect_column_values_to_not_be_null",
    } <= names
    assert report.docs_path and (tmp_path / "gx").exists()
    quality.store_report(db, report)
    assert db.execute("select count(*) from raw.quality_results where run_id = %s", (report.run_id,)).fetchone()[
        0
    ] == len(report.outcomes)


def test_leaked_personal_data_and_bad_values_fail_critically(db, clean_warehouse, norrkoping, tmp_path):
    (result,) = ingest_files(
        db, [write_csv(tmp_path / "b.csv", [good_row("1"), good_row("2")])], norrkoping, pseudonym_key()
    )
    # Simulate a leak and a value outside the set that slipped past ingest.
    db.execute(
        "update raw.survey_answers set answer_text = 'ring 070-123 45 67' "
        "where response_id = '1' and question_code = 'idag'"
    )
    db.execute(
        """update raw.survey_responses set closed_answers = closed_answers || '{"district": "atlantis"}'
           where response_id = '2'"""
    )
    report = quality.run_checkpoint(norrkoping, clean_warehouse, [result.load_id], tmp_path / "gx")
    failed = {(o.expectation, o.column) for o in report.critical_failures}
    assert ("expect_query_to_return_no_rows", None) in failed
    assert ("expect_column_values_to_be_in_set", "district") in failed
    assert "CRITICAL" in report.summary()


def test_the_personal_data_check_counts_every_leak_in_one_pass(db, clean_warehouse, norrkoping, tmp_path):
    # More leaks than GX shows rows of (200): the count is still exact.
    rows = [good_row(str(i)) for i in range(205)]
    (result,) = ingest_files(db, [write_csv(tmp_path / "c.csv", rows)], norrkoping, pseudonym_key())
    db.execute("update raw.survey_answers set answer_text = 'ring 070-123 45 67' where question_code = 'idag'")
    report = quality.run_checkpoint(norrkoping, clean_warehouse, [result.load_id], tmp_path / "gx")
    (leak,) = [o for o in report.critical_failures if o.expectation == "expect_query_to_return_no_rows"]
    assert leak.unexpected == 205 and leak.details == {"observed_value": 205, "description": leak.description}


def test_suite_binding_uses_the_process_configuration(norrkoping):
    spec = next(s for s in quality.load_suite_specs() if s["name"] == "survey_responses")
    bound = quality.bind_expectations(spec, norrkoping)
    in_set = {kw["column"]: kw["value_set"] for t, kw, _ in bound if t == "expect_column_values_to_be_in_set"}
    assert set(in_set) == {"age_group", "gender", "district", "relation"}
    assert "navestad" in in_set["district"]
    window = next(kw for t, kw, _ in bound if t == "expect_column_values_to_be_between")
    assert window["min_value"].startswith("2024-03-17T23:00")
