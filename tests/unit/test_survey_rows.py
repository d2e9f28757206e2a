import datetime as dt

import pytest

from hornsten.config import load_process
from hornsten.survey.rows import ParsedResponse, RejectedRow, RowParser, choose_layout
from hornsten.survey.sources import SourceError
from tests.exports import HEADER, good_row


@pytest.fixture(scope="module")
def parser():
    config = load_process("norrkoping_vision_2035")
    layout, mapping = choose_layout(config, HEADER, "test.csv")
    return RowParser(config, layout, mapping, HEADER)


def test_standard_layout_is_chosen_and_maps_every_field():
    config = load_process("norrkoping_vision_2035")
    layout, mapping = choose_layout(config, HEADER, "x.csv")
    assert layout.name == "standard"
    assert set(mapping) == {
        "response_id",
        "submitted_at",
        "respondent_id",
        "idag",
        "battre",
        "framtid",
        "age_group",
        "gender",
        "district",
        "relation",
    }


def test_limesurvey_layout_is_recognised_by_question_codes():
    config = load_process("norrkoping_vision_2035")
    header = [
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "token",
        "Q01",
        "Q02",
        "Q03",
        "ALDER",
        "KON",
        "OMRADE",
        "RELATION",
    ]
    layout, mapping = choose_layout(config, header, "lime.csv")
    assert layout.name == "limesurvey" and mapping["framtid"] == 7


def test_unknown_headings_raise_an_error_naming_the_expected_ones():
    config = load_process("norrkoping_vision_2035")
    with pytest.raises(SourceError, match="'Svars-ID' and 'Inskickad'.*Headings found: 'foo'"):
        choose_layout(config, ["foo", "bar"], "odd.csv")


def test_good_row_is_typed(parser):
    parsed = parser.parse(2, good_row("17", respondent="anna@example.se"))
    assert isinstance(parsed, ParsedResponse)
    assert parsed.response_id == "17"
    assert parsed.submitted_at == dt.datetime(2024, 3, 20, 12, 0, tzinfo=parser.tz)
    assert parsed.closed == {"age_group": "65-79", "gender": "kvinna", "district": "navestad", "relation": "bor"}
    assert parsed.answers["idag"] == "Strömmen och Knäppingsborg"
    assert parsed.respondent_id == "anna@example.se"


def test_unanswered_questions_are_left_out(parser):
    parsed = parser.parse(2, good_row("18", battre="", gender=""))
    assert "battre" not in parsed.answers and "gender" not in parsed.closed


@pytest.mark.parametrize(
    "row, reason",
    [
        (
            good_row(
                "",
            ),
            "missing response id (column 'Svars-ID')",
        ),
        (good_row("1", submitted="igår"), "bad date 'igår' in column 'Inskickad'"),
        (good_row("1", submitted="31/02/2024 25:61"), "bad date '31/02/2024 25:61'"),
        (good_row("1", submitted="2024-02-01 10:00"), "outside the survey window 2024-03-18 – 2024-05-05"),
        (good_row("1", submitted="2024-05-06 00:00"), "outside the survey window"),
        (good_row("1", district="Atlantis"), "unknown district 'Atlantis'"),
        (good_row("1", age="150 år"), "unknown age_group '150 år'"),
        (good_row("1")[:-1], "wrong column count: expected 10 fields as in the heading, found 9"),
        (good_row("1") + ["extra"], "found 11"),
        (good_row("1", idag="x" * 4001), "answer to 'idag' is 4001 characters; the limit is 4000"),
    ],
)
def test_bad_rows_are_rejected_with_a_reason(parser, row, reason):
    parsed = parser.parse(5, row)
    assert isinstance(parsed, RejectedRow)
    assert reason in parsed.reason
    assert parsed.row_number == 5 and parsed.values == row


def test_last_day_of_the_window_is_inside(parser):
    assert isinstance(parser.parse(2, good_row("1", submitted="2024-05-05 23:59")), ParsedResponse)


def test_limesurvey_answer_codes_are_translated():
    config = load_process("norrkoping_vision_2035")
    header = ["id", "submitdate", "token", "Q01", "Q02", "Q03", "ALDER", "KON", "OMRADE", "RELATION"]
    layout, mapping = choose_layout(config, header, "lime.csv")
    parser = RowParser(config, layout, mapping, header)
    parsed = parser.parse(2, ["9", "2024-04-01 08:15:00", "tok9", "a", "b", "c", "A2", "A1", "Lindö", "A3"])
    assert parsed.closed == {"age_group": "16-24", "gender": "kvinna", "district": "lindo", "relation": "studerar"}


def test_excel_numbers_and_datetimes(parser):
    row: list = good_row("x")
    row[0] = 1234.0
    row[1] = dt.datetime(2024, 4, 2, 8, 0)
    parsed = parser.parse(2, row)
    assert parsed.response_id == "1234"
    assert parsed.submitted_at.tzinfo is not None
