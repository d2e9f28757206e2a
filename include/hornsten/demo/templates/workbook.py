"""Filling an empty template workbook the way a facilitator or registrar does, then saving it reproducibly."""

from __future__ import annotations

from pathlib import Path

from hornsten.demo.workbooks import save_reproducibly


def fill_form(sheet, values: dict[str, object]) -> None:
    """Fill the Värde column of a Fält | Värde sheet by field label."""
    for row in sheet.iter_rows(min_row=2):
        label = row[0].value
        if label in values:
            row[1].value = values[label]


def fill_table(sheet, rows: list[list[object]], first_row: int = 2) -> None:
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=first_row + offset, column=column, value=value)


def save(book, path: Path) -> Path:
    return save_reproducibly(book, path)
