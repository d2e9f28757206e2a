"""Fuzzing the export readers and the row validation with hypothesis.

Whatever bytes arrive, the reader raises nothing but SourceError (a clear message for
the file as a whole), and every row it yields comes out of validation as a typed
response or a rejected row with a reason — none lost, none raising."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hornsten.config import load_process
from hornsten.survey.rows import ParsedResponse, RejectedRow, RowParser, choose_layout
from hornsten.survey.sources import SourceError, open_export
from hornsten.survey.timestamps import parse_timestamp
from tests.exports import HEADER

CONFIG = load_process("norrkoping_vision_2035")
DELIVERED = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOLDER = Path(tempfile.mkdtemp(prefix="hornsten-fuzz-"))

# Text near the interesting edges: separators, quotes, newlines, NUL, BOMs, formulas, dates.
EDGY = st.sampled_from(
    [";", ",", "\t", '"', "\n", "\r\n", "\x00", "\ufeff", "=", "+", "@", "-", "Å", "ö", "\ud7ff", "2024-03-20"]
)
TEXT = st.lists(st.one_of(st.text(max_size=12), EDGY), max_size=8).map("".join)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.times(),
)
OPTION_TEXT = st.sampled_from(["Navestad", "Kvinna", "65–79 år", "Jag bor här", "A1", "x", ""])


@FUZZ
@given(TEXT)
def test_timestamps_never_raise(text):
    result = parse_timestamp(text, ["%d/%m/%Y %H:%M"])
    assert result is None or isinstance(result, dt.datetime)


def _parser(header: list[str]) -> RowParser:
    layout, mapping = choose_layout(CONFIG, header, "fuzz.csv")
    return RowParser(CONFIG, layout, mapping, header, DELIVERED)


STANDARD = _parser(HEADER)
LIMESURVEY = _parser(["id", "token", "Q01", "Q02", "Q03", "ALDER", "KON", "OMRADE", "RELATION"])


@FUZZ
@given(st.lists(st.one_of(CELL, OPTION_TEXT), min_size=0, max_size=14), st.integers(min_value=2, max_value=10**6))
def test_row_validation_types_or_rejects_every_row(values, number):
    for parser in (STANDARD, LIMESURVEY):
        result = parser.parse(number, list(values))
        assert isinstance(result, ParsedResponse | RejectedRow)
        if isinstance(result, RejectedRow):
            assert result.reason and result.row_number == number
        else:
            assert result.response_id and result.submitted_at.tzinfo is not None
            assert all("\x00" not in t for t in result.answers.values())


def _read_all(path: Path) -> tuple[int, int]:
    """(rows yielded, rows typed or rejected): must be equal."""
    with open_export(path) as export:
        try:
            layout, mapping = choose_layout(CONFIG, export.header, path.name)
        except SourceError:
            return 0, 0
        parser = RowParser(CONFIG, layout, mapping, export.header, DELIVERED)
        seen = accounted = 0
        for number, values in export.rows:
            seen += 1
            result = parser.parse(number, values)
            accounted += isinstance(result, ParsedResponse | RejectedRow)
    return seen, accounted


HEAD = ";".join(HEADER) + "\r\n"


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]), st.booleans())
def test_csv_reader_raises_only_source_errors(body, encoding, with_heading):
    path = FOLDER / "fuzz.csv"
    data = (HEAD.encode(encoding) if with_heading else b"") + body
    path.write_bytes(data)
    try:
        seen, accounted = _read_all(path)
    except SourceError as exc:
        assert str(exc)
        return
    assert seen == accounted


@FUZZ
@given(st.lists(st.lists(st.one_of(TEXT, OPTION_TEXT), max_size=12), max_size=6), st.sampled_from([";", ",", "\t"]))
def test_csv_rows_of_any_text_are_all_accounted_for(rows, delimiter):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    path = FOLDER / "rows.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
    try:
        seen, accounted = _read_all(path)
    except SourceError as exc:
        assert str(exc)
        return
    assert seen == accounted


@FUZZ
@given(st.binary(max_size=600))
def test_xlsx_reader_raises_only_source_errors(body):
    path = FOLDER / "fuzz.xlsx"
    path.write_bytes(b"PK\x03\x04" + body)
    try:
        _read_all(path)
    except SourceError as exc:
        assert "workbook" in str(exc) or "refused" in str(exc) or "sheet" in str(exc)
