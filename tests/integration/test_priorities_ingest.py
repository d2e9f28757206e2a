"""The prioritisation round's exports into the real warehouse: bad, duplicate and missing
ranks quarantined with their reasons, re-delivery without duplicates, a later
submission replacing an earlier one, respondents pseudonymised, the template's own
sheet and LimeSurvey's export both read."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hornsten.demo.priorities import generate_priorities
from hornsten.priorities import service
from hornsten.priorities.template import write_template

pytestmark = pytest.mark.integration

HEADER = [
    "Svars-ID",
    "Inskickad",
    "Respondent-ID",
    "Plats 1",
    "Plats 2",
    "Plats 3",
    "Plats 4",
    "Plats 5",
    "Hur gammal är du?",
    "Vilket kön har du?",
    "Var i kommunen bor du?",
]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def _row(rid: str, *places: str, at: str = "2024-05-20 10:00", who: str = "", age: str = "25–44 år") -> list[str]:
    cells = list(places) + [""] * (5 - len(places))
    return [rid, at, who, *cells, age, "Kvinna", "Ljura"]


def _load(db, config, *paths):
    return service.load_exports(db, config, list(paths), echo=lambda _: None)


def _ranks(db, rid: str) -> list[str]:
    return [
        r[0] for r in db.execute("select item from raw.priority_ranks where response_id = %s order by rank", (rid,))
    ]


def test_bad_duplicate_and_missing_ranks_are_quarantined_with_the_reason(db, norrkoping, tmp_path):
    path = _write(
        tmp_path / "round.csv",
        [
            _row("1", "Skolan", "Vård och hälsa", "brottslighet"),  # "Skolan" is no item's name
            _row("2", "Skola", "Vård och hälsa", "Skola"),
            _row("3", "Skola", "", "Vård och hälsa"),  # a gap at place 2
            _row("4", "Skola", "Vård och hälsa"),  # 2 places, 3 needed
            _row("5", "Skola", "A9", "brottslighet", at="2024-09-01 10:00"),  # after the round
            _row("6", "Skola", "Vård och hälsa", "brottslighet", age="112 år"),
            _row("7", "Skola", "vård och hälsa", "BROTTSLIGHET", "A1"),
        ],
    )
    (result,) = _load(db, norrkoping, path)
    assert (result.status, result.rows_read, result.loaded, result.quarantined) == ("loaded_with_quarantine", 7, 1, 6)
    reasons = dict(db.execute("select row_number, reason from restricted.quarantine order by row_number"))
    assert reasons[2].startswith("bad rank: unknown item 'Skolan' in place 1")
    assert reasons[3] == "duplicate rank: 'skola' is in place 1 and in place 3"
    assert reasons[4] == "missing rank: place 2 is empty but place 3 is filled"
    assert reasons[5].startswith("missing rank: 2 place(s) filled, at least 3 needed")
    assert "outside the prioritisation round 2024-05-13 – 2024-06-02" in reasons[6]
    assert reasons[7].startswith("unknown age_group '112 år'")
    # Names, codes and LimeSurvey codes in any case are the same item.
    assert _ranks(db, "7") == ["skola", "vard_halsa", "brottslighet", "otrygghet"]
    content = db.execute("select content from restricted.quarantine where row_number = 2").fetchone()[0]
    assert "Skolan" in content  # kept as delivered
    logged = db.execute(
        "select dataset, survey_id, quarantined from raw.load_log where load_id = %s", (result.load_id,)
    ).fetchone()
    assert logged == ("priorities", "norrkoping_vision_2035_prioritering", 6)


def test_redelivery_adds_nothing_and_a_later_submission_replaces_the_ranking(db, norrkoping, tmp_path):
    first = _write(
        tmp_path / "week1.csv",
        [_row(str(i), "Skola", "Vård och hälsa", "brottslighet", who=f"R{i}") for i in range(1, 11)],
    )
    (loaded,) = _load(db, norrkoping, first)
    (again,) = _load(db, norrkoping, first)
    assert (loaded.loaded, again.loaded, again.duplicates) == (10, 0, 10)
    assert db.execute("select count(*) from raw.priority_ranks").fetchone()[0] == 30
    changed = _write(
        tmp_path / "week2.csv",
        [
            _row(
                "1",
                "Äldreomsorg",
                "Skola",
                "Vård och hälsa",
                "Jobb och sysselsättning",
                at="2024-05-27 09:00",
                who="R1",
            ),
            _row("2", "Skola", "Vård och hälsa", "brottslighet", at="2024-05-19 09:00", who="R2"),
        ],
    )
    (later,) = _load(db, norrkoping, changed)
    assert (later.loaded, later.duplicates) == (1, 1)  # an older submission does not win
    assert _ranks(db, "1") == ["aldreomsorg", "skola", "vard_halsa", "jobb"]
    assert _ranks(db, "2") == ["skola", "vard_halsa", "brottslighet"]
    assert db.execute("select count(*) from raw.priority_responses").fetchone()[0] == 10
    # Respondents only as keyed hashes; the identifiers in restricted.
    keys = [r[0] for r in db.execute("select respondent_key from raw.priority_responses")]
    assert all(k and k != f"R{i}" and len(k) == 32 for i, k in enumerate(keys, start=1))
    originals = {r[0] for r in db.execute("select respondent_id from restricted.respondents")}
    assert {f"R{i}" for i in range(1, 11)} <= originals
    closed = db.execute("select closed_answers from raw.priority_responses where response_id = '1'").fetchone()[0]
    assert closed == {"age_group": "25-44", "gender": "kvinna", "district": "ljura"}


def test_a_file_of_another_kind_fails_whole_with_the_headings_it_needs(db, norrkoping, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("namn;ålder\nAnna;34\n", encoding="utf-8")
    (result,) = _load(db, norrkoping, path)
    assert result.status == "failed"
    assert "match no export layout of the prioritisation round" in result.error
    assert "'Svars-ID', 'Plats 1'" in result.error
    assert db.execute("select count(*) from raw.priority_responses").fetchone()[0] == 0


def test_the_sample_loads_with_its_faults_quarantined_and_its_redelivery_deduplicated(db, norrkoping, tmp_path):
    sample = generate_priorities(norrkoping, 600, 7, tmp_path / "sample")
    manifest = json.loads(sample.manifest.read_text(encoding="utf-8"))
    results = _load(db, norrkoping, *sample.files)
    assert [r.status for r in results[:2]] == ["loaded_with_quarantine"] * 2 or sum(sample.faults.values()) == 0
    assert [r.layout for r in results] == ["plain", "limesurvey", "plain"]
    assert sum(r.quarantined for r in results) == sum(manifest["faults"].values())
    kinds = {kind for r in results for kind in r.reasons}
    assert kinds == {"bad rank", "duplicate rank", "missing rank"}
    redelivery = results[2]
    assert (redelivery.loaded, redelivery.duplicates) == (
        manifest["edited"],
        manifest["redelivered"] - manifest["edited"],
    )
    good = 600 - sum(manifest["faults"].values())
    assert db.execute("select count(*) from raw.priority_responses").fetchone()[0] == good


def test_the_templates_answer_sheet_is_read_as_it_is_filled_in(db, norrkoping, tmp_path):
    written = write_template(norrkoping, tmp_path / "template")
    book_path = next(p for p in written.files if p.suffix == ".xlsx")
    book = load_workbook(book_path)
    sheet = book.worksheets[0]
    assert sheet.title == "Svar" and [c.value for c in sheet[1]] == HEADER
    sheet.append(
        [
            "P-1",
            "2024-05-21 12:00",
            "",
            "Vård och hälsa",
            "Äldreomsorg",
            "Trygghet",
            "",
            "",
            "65–79 år",
            "Man",
            "Hageby",
        ]
    )
    sheet.append(
        ["P-2", "2024-05-21 12:05", "", "Vård och hälsa", "Äldreomsorg", "Kollektivtrafik", "", "", "", "", ""]
    )
    book.save(book_path)
    (result,) = _load(db, norrkoping, book_path)
    assert (result.layout, result.rows_read) == ("plain", 2)
    assert result.quarantined == 1  # "Trygghet" is a theme, not a component
    lime = next(p for p in written.files if p.name.startswith("limesurvey_responses"))
    assert lime.read_text(encoding="utf-8-sig").splitlines()[0].split(";")[:5] == [
        "id",
        "submitdate",
        "token",
        "PRIO[1]",
        "PRIO[2]",
    ]


def test_the_rounds_quality_suites_pass_on_a_clean_load_and_catch_what_slipped_past(
    db, norrkoping, clean_warehouse, tmp_path
):
    from hornsten.quality import checkpoint as quality

    path = _write(
        tmp_path / "round.csv",
        [_row(str(i), "Skola", "Vård och hälsa", "brottslighet", "Äldreomsorg") for i in range(1, 21)],
    )
    (result,) = _load(db, norrkoping, path)
    report = quality.run_checkpoint(
        norrkoping, clean_warehouse, [result.load_id], tmp_path / "gx", dataset="priorities"
    )
    assert report.critical_failures == [], report.summary()
    assert len(report.outcomes) >= 10
    # Rows written past the loader (by hand, or a bug) are what the gate is for.
    db.execute("update raw.priority_ranks set item = 'okand' where response_id = '1' and rank = 1")
    db.execute("delete from raw.priority_ranks where response_id = '2' and rank = 2")
    db.execute(
        "update raw.priority_responses set closed_answers = '{\"district\": \"atlantis\"}' where response_id = '3'"
    )
    report = quality.run_checkpoint(
        norrkoping, clean_warehouse, [result.load_id], tmp_path / "gx", dataset="priorities"
    )
    failed = {(o.expectation, o.column) for o in report.critical_failures}
    assert ("expect_column_values_to_be_in_set", "item") in failed
    assert ("expect_query_to_return_no_rows", None) in failed  # the gap at place 2
    assert ("expect_column_values_to_be_in_set", "district") in failed
