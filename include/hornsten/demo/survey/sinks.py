"""Where rendered rows are written: a CSV file in some encoding and dialect, or an XLSX sheet."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from hornsten.demo.survey.renderer import Renderer
from hornsten.demo.workbooks import save_reproducibly


class CsvSink:
    def __init__(self, path: Path, encoding: str, delimiter: str, newline: str, renderer: Renderer):
        # Swedish Excel replaces what Windows-1252 cannot hold (emoji) with '?'.
        errors = "replace" if encoding == "cp1252" else "strict"
        self.handle = path.open("w", encoding=encoding, errors=errors, newline="")
        # LimeSurvey quotes every field of its CSV export; the others quote where needed.
        quoting = csv.QUOTE_ALL if renderer.machine else csv.QUOTE_MINIMAL
        self.writer = csv.writer(self.handle, delimiter=delimiter, lineterminator=newline, quoting=quoting)
        self.writer.writerow(renderer.headings)
        self.ts_column = renderer.ts_column
        self.ts_format = renderer.ts_format

    def write(self, row: list) -> None:
        value = row[self.ts_column] if self.ts_column < len(row) else None
        if isinstance(value, dt.datetime):
            row = list(row)
            row[self.ts_column] = value.strftime(self.ts_format)
        self.writer.writerow(row)

    def close(self) -> None:
        self.handle.close()


class XlsxSink:
    def __init__(self, path: Path, renderer: Renderer, sheet_title: str):
        from openpyxl import Workbook

        self.path = path
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(sheet_title[:31])
        self.sheet.append(renderer.headings)
        self.width = len(renderer.headings)
        self.rows = 1

    def write(self, row: list) -> None:
        # Like Excel, empty cells are simply not stored.
        self.sheet.append([None if v == "" else v for v in row])
        self.rows += 1

    def close(self) -> None:
        from openpyxl.utils import get_column_letter

        dimension = f"A1:{get_column_letter(self.width)}{self.rows}"
        save_reproducibly(
            self.workbook, self.path, creator="hornsten sample", dimensions={"xl/worksheets/sheet1.xml": dimension}
        )
