"""Broken and hostile export files, read without a database: each gets a clear error
(SourceError) or a reason for its bad rows, and the good rows of the same file read."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
import zipfile

import pytest

from hornsten.config import load_process
from hornsten.survey.rows import ParsedResponse, RejectedRow, RowParser, choose_layout
from hornsten.survey.sources import MAX_ROW_CHARS, SourceError, UnreadableRow, open_export
from hornsten.survey.timestamps import parse_timestamp
from tests.exports import HEADER, good_row, write_csv

CONFIG = load_process("norrkoping_vision_2035")
DELIVERED = dt.datetime(2024, 4, 1, 9, 30, tzinfo=dt.UTC)


def parse_file(path):
    """Every row of a file through the real reader and row validation: (parsed, rejected)."""
    with open_export(path) as export:
        layout, mapping = choose_layout(CONFIG, export.header, path.name)
        parser = RowParser(CONFIG, layout, mapping, export.header, DELIVERED)
        results = [parser.parse(n, values) for n, values in export.rows]
    return (
        [r for r in results if isinstance(r, ParsedResponse)],
        [r for r in results if isinstance(r, RejectedRow)],
    )


def test_utf16_unicode_text_from_excel_is_read(tmp_path):
    # Excel's "Unicode text": UTF-16 LE with a byte order mark, tab-separated, CRLF.
    path = write_csv(
        tmp_path / "unicode.txt",
        [good_row("1", idag="Ängen vid Åby, Öst"), good_row("2")],
        delimiter="\t",
        encoding="utf-16",
    )
    assert path.read_bytes()[:2] == b"\xff\xfe"
    parsed, rejected = parse_file(path)
    assert [p.response_id for p in parsed] == ["1", "2"] and not rejected
    assert parsed[0].answers["idag"] == "Ängen vid Åby, Öst"


def test_utf16_without_byte_order_mark_is_detected(tmp_path):
    path = tmp_path / "nobom.txt"
    text = write_csv(tmp_path / "x.csv", [good_row("1", district="Skärblacka")], delimiter="\t").read_text()
    path.write_bytes(text.encode("utf-16-le"))
    parsed, _ = parse_file(path)
    assert parsed[0].closed["district"] == "skarblacka"


def test_a_nul_byte_rejects_its_row_only(tmp_path):
    path = write_csv(tmp_path / "nul.csv", [good_row("1"), good_row("2", battre="trasig\x00text"), good_row("3")])
    parsed, rejected = parse_file(path)
    assert [p.response_id for p in parsed] == ["1", "3"]
    assert len(rejected) == 1 and "NUL byte in column 'Vad behöver bli bättre?'" in rejected[0].reason


def test_a_50_mb_line_becomes_one_unreadable_row_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.csv"
    write_csv(path, [good_row("1")])
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(";".join(good_row("2", idag="x" * 50_000_000)) + "\r\n")
        handle.write(";".join(good_row("3")) + "\r\n")
    tracemalloc.start()
    parsed, rejected = parse_file(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [p.response_id for p in parsed] == ["1", "3"]
    assert len(rejected) == 1 and rejected[0].row_number == 3
    assert "line of 50,000,1" in rejected[0].reason and "stored truncated" in rejected[0].reason
    assert rejected[0].values[0].startswith("2;2024-03-20 12:00;") and len(rejected[0].values[0]) <= 2000
    assert peak < 12 * MAX_ROW_CHARS  # the 50 MB never sits in memory


def test_broken_quoting_is_a_row_problem_not_a_crash(tmp_path):
    path = tmp_path / "quotes.csv"
    good = write_csv(tmp_path / "g.csv", [good_row("1")]).read_text(encoding="utf-8")
    # An unterminated quote runs to the end of the file: what follows is one broken row.
    path.write_text(good + '2;2024-03-20 12:00;;"oavslutat citat;b;c;65–79 år;Kvinna;Navestad;Jag bor här\r\n')
    parsed, rejected = parse_file(path)
    assert [p.response_id for p in parsed] == ["1"]
    assert len(rejected) == 1 and "wrong column count" in rejected[0].reason


def test_truncated_file_keeps_its_complete_rows(tmp_path):
    full = write_csv(tmp_path / "full.csv", [good_row(str(i)) for i in range(1, 6)]).read_bytes()
    path = tmp_path / "truncated.csv"
    path.write_bytes(full[: full.rindex(b"Navestad")])  # cut inside the last row
    parsed, rejected = parse_file(path)
    assert [p.response_id for p in parsed] == ["1", "2", "3", "4"]
    assert len(rejected) == 1 and "wrong column count" in rejected[0].reason


def test_truncated_utf16_file_loses_only_its_last_row(tmp_path):
    full = write_csv(tmp_path / "full.txt", [good_row("1"), good_row("2")], delimiter="\t", encoding="utf-16")
    path = tmp_path / "cut.txt"
    path.write_bytes(full.read_bytes()[:-7])  # half a character at the end
    parsed, rejected = parse_file(path)
    assert [p.response_id for p in parsed] == ["1"] and len(rejected) == 1


def test_wrong_encoding_is_read_as_windows_1252_not_refused(tmp_path):
    # Latin-1/Windows-1252 bytes are not UTF-8: the reader falls back instead of failing the file.
    path = write_csv(tmp_path / "latin.csv", [good_row("1", idag="Smörgåsbord", district="Åby")], encoding="cp1252")
    parsed, _ = parse_file(path)
    assert parsed[0].answers["idag"] == "Smörgåsbord" and parsed[0].closed["district"] == "aby"


def test_wrong_delimiter_is_a_clear_file_error(tmp_path):
    # A pipe-separated file has one heading to every reader: no layout matches, and the error says so.
    path = write_csv(tmp_path / "pipes.csv", [good_row("1")], delimiter="|")
    with pytest.raises(SourceError, match="match no export layout.*Headings found: 'Svars-ID|Inskickad"):
        parse_file(path)


def test_missing_columns_and_extra_columns(tmp_path):
    header = [h for h in HEADER if h != "Vilket kön har du?"] + ["Extra kolumn"]
    row = good_row("1")
    del row[7]
    path = write_csv(tmp_path / "cols.csv", [[*row, "något"], [*row]], header=header)
    parsed, rejected = parse_file(path)
    # The missing question is unanswered; the extra column is ignored; a short row is quarantined.
    assert len(parsed) == 1 and "gender" not in parsed[0].closed
    assert "wrong column count: expected 10 fields as in the heading, found 9" in rejected[0].reason


def test_missing_required_column_is_a_clear_file_error(tmp_path):
    header = [h for h in HEADER if h != "Svars-ID"]
    path = write_csv(tmp_path / "noid.csv", [good_row("1")[1:]], header=header)
    with pytest.raises(SourceError, match="needs 'Svars-ID' and 'Inskickad'"):
        parse_file(path)


FORMULAS = ['=HYPERLINK("http://evil.example","klicka")', "+46 11 00", "-2+3", "@SUM(A1)", "=1+1"]


def test_formulas_in_csv_cells_are_kept_as_text(tmp_path):
    path = write_csv(tmp_path / "f.csv", [good_row(str(i), idag=f) for i, f in enumerate(FORMULAS, 1)])
    parsed, _ = parse_file(path)
    assert [p.answers["idag"] for p in parsed] == FORMULAS


def test_formulas_in_xlsx_cells_are_kept_as_text_never_evaluated(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i, formula in enumerate(FORMULAS, 1):
        sheet.append(good_row(str(i), idag=formula))  # openpyxl stores '=…' as a real formula cell
    assert sheet["D2"].data_type == "f"
    book.save(tmp_path / "f.xlsx")
    parsed, _ = parse_file(tmp_path / "f.xlsx")
    assert [p.answers["idag"] for p in parsed] == FORMULAS


def test_templates_write_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook

    from hornsten.forms import workbook

    book = workbook.new_book("dialogue", "norrkoping_vision_2035")
    workbook.add_table(book, "Synpunkter", ["Text"], rows=[[f] for f in FORMULAS])
    path = workbook.save(book, tmp_path / "t.xlsx")
    sheet = load_workbook(path)["Synpunkter"]
    cells = [sheet.cell(row=r, column=1) for r in range(2, 2 + len(FORMULAS))]
    assert [c.value for c in cells] == FORMULAS and {c.data_type for c in cells} == {"s"}


def _zip_bomb(path, inflated: int = 100 << 20):
    """A real workbook whose first sheet is swapped for `inflated` bytes of rows (~300-fold compressed)."""
    from openpyxl import Workbook

    Workbook().save(path.with_suffix(".seed.xlsx"))
    row = b'<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>'
    with zipfile.ZipFile(path.with_suffix(".seed.xlsx")) as seed, zipfile.ZipFile(path, "w") as archive:
        for item in seed.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(item, seed.read(item))
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            member.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            block = row * (1 << 14)
            for _ in range(inflated // len(block)):
                member.write(block)
            member.write(b"</sheetData></worksheet>")
    return path


def test_zip_bomb_disguised_as_xlsx_is_refused_unopened(tmp_path):
    bomb = _zip_bomb(tmp_path / "export.xlsx")
    assert bomb.stat().st_size < 5 << 20
    started = time.process_time()
    with pytest.raises(SourceError, match="refused unopened .* inflates .*-fold .* a zip bomb"), open_export(bomb):
        pass
    assert time.process_time() - started < 1.0


def test_zip_bomb_template_is_refused_with_a_template_error(tmp_path):
    from hornsten.forms import workbook

    bomb = _zip_bomb(tmp_path / "mote.xlsx")
    with pytest.raises(workbook.TemplateError, match="zip bomb"):
        workbook.read_book(bomb, "dialogue", "norrkoping_vision_2035", "Möte", ["Synpunkter"])


def test_ordinary_xlsx_passes_the_zip_check(tmp_path):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for i in range(1000):
        sheet.append(good_row(str(i)))
    book.save(tmp_path / "ok.xlsx")
    parsed, rejected = parse_file(tmp_path / "ok.xlsx")
    assert len(parsed) == 1000 and not rejected


def test_not_a_zip_is_a_clear_error(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 but not really" + bytes(100))
    with pytest.raises(SourceError, match="not a readable Excel workbook"), open_export(path):
        pass


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-03-20T12:00:00+02:00", dt.datetime(2024, 3, 20, 10, 0, tzinfo=dt.UTC)),
        ("2024-03-20T10:00:00Z", dt.datetime(2024, 3, 20, 10, 0, tzinfo=dt.UTC)),
        ("2024-03-20T10:00:00.250+00:00", dt.datetime(2024, 3, 20, 10, 0, 0, 250_000, tzinfo=dt.UTC)),
        ("20240320T100000Z", dt.datetime(2024, 3, 20, 10, 0, tzinfo=dt.UTC)),
        ("1710928800", dt.datetime(2024, 3, 20, 10, 0, tzinfo=dt.UTC)),  # Unix seconds
        ("1710928800000", dt.datetime(2024, 3, 20, 10, 0, tzinfo=dt.UTC)),  # Unix milliseconds (Pol.is)
        ("1710928800.5", dt.datetime(2024, 3, 20, 10, 0, 0, 500_000, tzinfo=dt.UTC)),
    ],
)
def test_timestamps_with_offsets_and_epochs(text, expected):
    assert parse_timestamp(text, []) == expected


@pytest.mark.parametrize("text", ["igår", "99999999999999999999", "2024-13-45", "1", "-", "2024-03-20T25:00"])
def test_unreadable_timestamps_are_none(text):
    assert parse_timestamp(text, []) is None


def test_naive_iso_time_is_the_process_time_zone():
    layout, mapping = choose_layout(CONFIG, HEADER, "x.csv")
    parser = RowParser(CONFIG, layout, mapping, HEADER)
    parsed = parser.parse(2, good_row("1", submitted="2024-03-20T12:00:00"))
    assert parsed.submitted_at.utcoffset() == dt.timedelta(hours=1)


def test_export_without_submission_times_uses_the_delivery_time():
    header = ["id", "lastpage", "token", "Q01", "Q02", "Q03", "ALDER", "KON", "OMRADE", "RELATION"]
    layout, mapping = choose_layout(CONFIG, header, "lime.csv")
    assert layout.name == "limesurvey" and "submitted_at" not in mapping
    parsed = RowParser(CONFIG, layout, mapping, header, DELIVERED).parse(
        2, ["7", "3", "", "Parkerna", "", "", "A2", "A1", "Ljura", "A1"]
    )
    assert (parsed.submitted_at, parsed.submitted_at_source) == (DELIVERED, "delivery")


def test_an_empty_submission_time_in_an_optional_layout_is_the_delivery_time():
    header = ["id", "submitdate", "token", "Q01", "ALDER", "KON", "OMRADE", "RELATION"]
    layout, mapping = choose_layout(CONFIG, header, "lime.csv")
    parser = RowParser(CONFIG, layout, mapping, header, DELIVERED)
    with_time = parser.parse(2, ["1", "2024-04-03 19:20:00", "", "Parker", "A1", "A1", "Ljura", "A1"])
    without = parser.parse(3, ["2", "", "", "Parker", "A1", "A1", "Ljura", "A1"])
    assert with_time.submitted_at_source == "export" and with_time.submitted_at.day == 3
    assert without.submitted_at_source == "delivery" and without.submitted_at == DELIVERED


def test_a_late_delivery_time_is_quarantined_with_a_reason_that_says_so():
    header = ["id", "Q01"]
    layout, mapping = choose_layout(CONFIG, header, "lime.csv")
    late = dt.datetime(2024, 9, 1, tzinfo=dt.UTC)
    rejected = RowParser(CONFIG, layout, mapping, header, late).parse(2, ["1", "Parker"])
    assert isinstance(rejected, RejectedRow)
    assert "the delivery time (the export has no submission time) 2024-09-01" in rejected.reason


def test_the_standard_layout_still_requires_its_submission_time():
    parser = RowParser(CONFIG, *choose_layout(CONFIG, HEADER, "x.csv"), HEADER, DELIVERED)
    rejected = parser.parse(2, good_row("1", submitted=""))
    assert isinstance(rejected, RejectedRow) and "missing submission time" in rejected.reason


def test_unreadable_row_becomes_a_rejected_row_with_its_content():
    parser = RowParser(CONFIG, *choose_layout(CONFIG, HEADER, "x.csv"), HEADER)
    rejected = parser.parse(9, UnreadableRow("line of 3 characters is too long", "abc"))
    assert (rejected.row_number, rejected.reason, rejected.values) == (9, "line of 3 characters is too long", ["abc"])


def test_row_as_text_replaces_nul_which_postgres_cannot_store():
    from hornsten.survey.sources import row_as_text

    assert row_as_text(["a\x00b", None, 3]) == "a\ufffdb;;3"


def test_polis_export_layout_reads_epoch_milliseconds():
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fixtures" / "exports" / "polis_biodiversity_comments.csv"
    with open_export(path) as export:
        layout, mapping = choose_layout(CONFIG, export.header, path.name)
        parser = RowParser(CONFIG, layout, mapping, export.header)
        times = [parser._timestamp(values[mapping["submitted_at"]]) for _, values in export.rows]
    assert layout.name == "polis"
    assert times[0] == dt.datetime(2019, 9, 10, 7, 47, 2, 999_000, tzinfo=dt.UTC)
    assert all(isinstance(t, dt.datetime) for t in times) and len(times) == 12


def test_small_sheets_fail_clearly_on_an_unreadable_row(tmp_path):
    from hornsten.committee.valuation import HEADINGS, ValuationError, read_valuations

    path = tmp_path / "valuation.csv"
    path.write_text(";".join(HEADINGS) + "\n" + "x" * (MAX_ROW_CHARS + 10) + "\n", encoding="utf-8")
    with pytest.raises(ValuationError, match="row 2: line of 1,048,587 characters is longer than the limit"):
        read_valuations(path, {"trygghet"})


def test_an_over_long_heading_line_is_a_clear_file_error(tmp_path):
    path = tmp_path / "head.csv"
    path.write_text("x" * (MAX_ROW_CHARS + 5) + "\n1;2\n", encoding="utf-8")
    with pytest.raises(SourceError, match="the heading line is not a heading: line of 1,048,582 characters"):
        parse_file(path)
