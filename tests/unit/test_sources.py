import codecs

import pytest
from openpyxl import Workbook

from hornsten.survey.sources import SourceError, fingerprint, open_export, sniff_delimiter
from tests.exports import HEADER, good_row, write_csv


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")],
)
def test_encoding_is_detected_and_swedish_letters_survive(tmp_path, encoding, expected):
    path = write_csv(tmp_path / "e.csv", [good_row("1", idag="Åby, Ängen och Östra Husby")], encoding=encoding)
    assert fingerprint(path).encoding == expected
    with open_export(path) as export:
        assert export.header == HEADER
        rows = list(export.rows)
    assert rows[0][1][3] == "Åby, Ängen och Östra Husby"


def test_bom_is_not_part_of_the_first_heading(tmp_path):
    path = write_csv(tmp_path / "bom.csv", [good_row("1")], encoding="utf-8-sig", delimiter=",")
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    with open_export(path) as export:
        assert export.header[0] == "Svars-ID"
        assert export.delimiter == ","


def test_checksum_is_stable_and_content_sensitive(tmp_path):
    a = write_csv(tmp_path / "a.csv", [good_row("1")])
    b = write_csv(tmp_path / "b.csv", [good_row("2")])
    assert fingerprint(a).sha256 == fingerprint(a).sha256
    assert fingerprint(a).sha256 != fingerprint(b).sha256
    assert fingerprint(a).size == a.stat().st_size


@pytest.mark.parametrize(
    "line, expected",
    [("a;b;c", ";"), ("a,b,c", ","), ('"x, y";b;c', ";"), ("a\tb\tc", "\t"), ("only", ",")],
)
def test_delimiter_sniffing_ignores_quoted_text(line, expected):
    assert sniff_delimiter(line) == expected


def test_quoted_newlines_and_row_numbers(tmp_path):
    rows = [good_row("1", idag="rad ett\nrad två; med semikolon"), good_row("2")]
    path = write_csv(tmp_path / "q.csv", rows)
    with open_export(path) as export:
        read = list(export.rows)
    assert read[0][1][3] == "rad ett\nrad två; med semikolon"
    assert [number for number, _ in read] == [2, 3]


def test_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text(";".join(HEADER) + "\n\n" + ";".join(good_row("7")) + "\n\n", encoding="utf-8")
    with open_export(path) as export:
        assert [values[0] for _, values in export.rows] == ["7"]


def test_xlsx_rows_stream_with_typed_cells(tmp_path):
    import datetime as dt

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    row = good_row("41")
    row[1] = dt.datetime(2024, 3, 21, 9, 30)
    sheet.append(row)
    path = tmp_path / "x.xlsx"
    book.save(path)
    with open_export(path) as export:
        assert export.kind == "xlsx" and export.header == HEADER
        ((number, values),) = list(export.rows)
    assert number == 2 and values[1] == dt.datetime(2024, 3, 21, 9, 30) and values[0] == "41"


def test_unsupported_and_broken_files_give_clear_errors(tmp_path):
    pdf = tmp_path / "export.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(SourceError, match="unsupported file type .pdf"), open_export(pdf):
        pass
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip")
    with pytest.raises(SourceError, match="not a readable Excel workbook"), open_export(fake):
        pass
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(SourceError, match="empty"), open_export(empty):
        pass
