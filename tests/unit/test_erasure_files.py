"""Export files rewritten without an erased person's rows (no database): encodings, delimiters,
multi-line answers and workbooks survive; everyone else's rows stay as they were."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from hornsten.config import load_process
from hornsten.privacy.erasure_files import Terms, erase_from_files, rows_to_drop
from hornsten.privacy.pseudonymise import keyed_hash
from hornsten.survey.sources import open_export
from tests.exports import HEADER, good_row, write_csv

KEY = b"unit-test-key"


@pytest.fixture(scope="module")
def norrkoping():
    return load_process("norrkoping_vision_2035")


def _rows(path):
    with open_export(path) as export:
        return [[("" if v is None else str(v)) for v in values] for _, values in export.rows]


def test_a_cp1252_semicolon_export_keeps_its_encoding_and_the_other_rows(norrkoping, tmp_path):
    keep = [good_row("1", idag="Åby och Östra Husby\nmed två rader"), good_row("3", district="Åby")]
    path = write_csv(
        tmp_path / "excel.csv", [keep[0], good_row("2", respondent="Bo@Example.se"), keep[1]], encoding="cp1252"
    )
    terms = Terms(norrkoping.survey.survey_id, respondent_values=frozenset({"bo@example.se"}))
    outcome = erase_from_files([path], norrkoping, terms, KEY)
    assert (outcome.files_rewritten, outcome.rows_removed, outcome.not_rewritable) == (1, 1, [])
    assert b"\xc5by" in path.read_bytes()  # still Windows-1252
    assert _rows(path) == keep
    assert erase_from_files([path], norrkoping, terms, KEY).files_rewritten == 0  # nothing left to remove


def test_a_bom_export_keeps_its_bom_and_a_dry_run_changes_nothing(norrkoping, tmp_path):
    path = write_csv(tmp_path / "bom.csv", [good_row("1"), good_row("2")], encoding="utf-8-sig")
    before = path.read_bytes()
    terms = Terms(norrkoping.survey.survey_id, response_ids=frozenset({"2"}))
    assert erase_from_files([path], norrkoping, terms, KEY, dry_run=True).rows_removed == 1
    assert path.read_bytes() == before
    erase_from_files([path], norrkoping, terms, KEY)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and not path.read_bytes().startswith(b"\xef\xbb\xbf" * 2)
    assert _rows(path) == [good_row("1")]


def test_a_workbook_loses_the_rows_whose_respondent_hashes_to_the_erased_key(norrkoping, tmp_path):
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in (good_row("1", respondent="a@example.se"), good_row("2", respondent="b@example.se"), good_row("3")):
        workbook.active.append(row)
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    terms = Terms(norrkoping.survey.survey_id, respondent_keys=frozenset({keyed_hash("b@example.se", KEY)}))
    assert rows_to_drop(path, norrkoping, terms, KEY) == {3}
    erase_from_files([path], norrkoping, terms, KEY)
    assert [r[0] for r in load_workbook(path).active.iter_rows(min_row=2, values_only=True)] == ["1", "3"]


def test_a_round_export_loses_the_persons_ranking_not_a_ranking_sharing_a_survey_response_id(norrkoping, tmp_path):
    path = tmp_path / "prioritering.csv"
    path.write_text(
        "Svars-ID;Inskickad;Respondent-ID;Plats 1;Plats 2;Plats 3\n"
        "S-1;2024-05-20 10:00;granne@example.se;Skola;Förskola;Belysning\n"
        "P-9;2024-05-20 11:00;Kim@Example.se;Skola;Belysning;Förskola\n",
        encoding="utf-8",
    )
    # S-1 is the erased person's survey response; the round's S-1 is somebody else's ranking.
    terms = Terms(norrkoping.survey.survey_id, frozenset({"S-1"}), frozenset({"kim@example.se"}))
    assert rows_to_drop(path, norrkoping, terms, KEY) == {3}
    by_key = Terms(norrkoping.survey.survey_id, respondent_keys=frozenset({keyed_hash("Kim@Example.se", KEY)}))
    assert rows_to_drop(path, norrkoping, by_key, KEY) == {3}


def test_a_file_without_a_known_layout_loses_rows_with_a_cell_equal_to_what_is_erased(norrkoping, tmp_path):
    path = tmp_path / "failed.csv"
    path.write_text("id;epost;text\nX-1;kim@example.se;hej\nX-2;annan@example.se;X-1 nämns här\n", encoding="utf-8")
    terms = Terms(norrkoping.survey.survey_id, response_ids=frozenset({"X-1"}))
    erase_from_files([path], norrkoping, terms, KEY)
    assert path.read_text(encoding="utf-8").splitlines() == ["id;epost;text", "X-2;annan@example.se;X-1 nämns här"]


def test_a_file_that_cannot_be_read_is_named_not_guessed(norrkoping, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really a workbook")
    outcome = erase_from_files([path], norrkoping, Terms("s", response_ids=frozenset({"1"})), KEY)
    assert outcome.not_rewritable == [str(path)] and outcome.files_rewritten == 0
