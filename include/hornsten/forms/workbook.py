"""The XLSX templates people fill in after a dialogue meeting or as a remiss response.

Every template has the same shape, so facilitators and registrars learn it once:

* a **form** sheet of ``Fält | Värde`` rows (who, when, where),
* one or more **table** sheets with a heading row,
* an **Instruktioner** sheet in plain Swedish,
* a hidden **Mallinfo** sheet naming the template kind and the process, so a file
  dropped into the wrong inbox is refused with a clear message.

This module writes and reads that shape; hornsten.dialogue.template and hornsten.remiss.template
decide what goes into it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from hornsten.config import normalise_value
from hornsten.paths import inbox_dir
from hornsten.survey.zip_guard import UnsafeArchive, check_workbook

INFO_SHEET = "Mallinfo"
HELP_SHEET = "Instruktioner"
HEADER_FILL = "DDE7F0"
INPUT_FILL = "FFF8DC"


class TemplateError(ValueError):
    """The file cannot be used at all (wrong kind, wrong process, a broken form)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Problem:
    """A row that cannot be loaded, with the reason: it goes to the quarantine."""

    sheet: str
    row: int
    reason: str
    content: str


@dataclass
class Sheet:
    title: str
    rows: list[tuple[int, list[object]]] = field(default_factory=list)


@dataclass
class Workbook:
    path: Path
    kind: str
    process: str
    form: dict[str, tuple[int, object]]  # normalised field label -> (row number, value)
    tables: dict[str, Sheet]


# ----------------------------------------------------------------- writing
def new_book(kind: str, process: str):
    from openpyxl import Workbook as OpenpyxlWorkbook

    book = OpenpyxlWorkbook()
    book.remove(book.active)
    info = book.create_sheet(INFO_SHEET)
    info.append(["kind", kind])
    info.append(["process", process])
    info.append(["version", 1])
    info.sheet_state = "hidden"
    return book


def add_form(book, title: str, fields: list[tuple[str, object, str]], choices: dict[str, list[str]] | None = None):
    """A Fält | Värde | Hjälp sheet; `choices` puts a drop-down list on a field."""
    from openpyxl.styles import Font, PatternFill

    sheet = book.create_sheet(title, 0)
    sheet.append(["Fält", "Värde", "Hjälp"])
    _style_header(sheet)
    for label, value, hint in fields:
        append_text(sheet, [label, value, hint])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.cell(row=sheet.max_row, column=2).fill = PatternFill("solid", fgColor=INPUT_FILL)
    for label, options in (choices or {}).items():
        row = next(i for i, (name, _, _) in enumerate(fields, start=2) if name == label)
        _dropdown(book, sheet, f"B{row}", options)
    for column, width in zip("ABC", (28, 44, 70), strict=False):
        sheet.column_dimensions[column].width = width
    return sheet


def add_table(
    book,
    title: str,
    headings: list[str],
    rows: list[list[object]] | None = None,
    widths: list[int] | None = None,
    choices: dict[str, list[str]] | None = None,
    blank_rows: int = 0,
):
    """A table sheet with a heading row, prefilled rows and room for more."""
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    append_text(sheet, headings)
    _style_header(sheet)
    for row in rows or []:
        append_text(sheet, row)
    last = max(sheet.max_row, 1) + blank_rows
    for heading, options in (choices or {}).items():
        column = get_column_letter(headings.index(heading) + 1)
        _dropdown(book, sheet, f"{column}2:{column}{max(last, 2)}", options)
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def append_text(sheet, values: list[object]) -> None:
    """Append a row; text that looks like a formula (=, +, -, @) stays text, never a formula.

    openpyxl stores every string starting with '=' as a formula; a participant's answer or
    a name copied into a template must come back exactly as written and never run."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"


def add_help(book, lines: list[str]) -> None:
    sheet = book.create_sheet(HELP_SHEET)
    for line in lines:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 110


def save(book, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _style_header(sheet) -> None:
    from openpyxl.styles import Font, PatternFill

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)


def _dropdown(book, sheet, cells: str, options: list[str]) -> None:
    """A list validation; long lists live on a hidden sheet (Excel caps inline lists at 255 characters)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if not options:
        return
    if "Listor" not in book.sheetnames:
        lists = book.create_sheet("Listor")
        lists.sheet_state = "hidden"
    lists = book["Listor"]
    column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value is not None else 1
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(column)
    for index, option in enumerate(options, start=1):
        lists.cell(row=index, column=column, value=option)
    validation = DataValidation(
        type="list",
        formula1=f"=Listor!${letter}$1:${letter}${len(options)}",
        allow_blank=True,
        showErrorMessage=False,  # a typo is caught at load with a clear reason; Excel's popup is no help
    )
    sheet.add_data_validation(validation)
    validation.add(cells)


# ----------------------------------------------------------------- reading
def read_book(path: Path, kind: str, process: str, form_title: str, table_titles: list[str]) -> Workbook:
    """Open a filled template and check it is the right kind for this process."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise TemplateError(f"{path.name}: a {kind} template must be an .xlsx file (got {path.suffix or 'no suffix'})")
    try:
        check_workbook(path)
    except UnsafeArchive as exc:
        raise TemplateError(str(exc)) from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, InvalidFileException) as exc:
        raise TemplateError(f"{path.name}: not a readable Excel workbook ({exc})") from exc
    try:
        info = {}
        if INFO_SHEET in book.sheetnames:
            info = {str(k): v for k, v, *_ in book[INFO_SHEET].iter_rows(values_only=True) if k}
        if info.get("kind") not in (None, kind):
            raise TemplateError(f"{path.name}: this is a {info['kind']} template, not a {kind} template")
        if info.get("process") not in (None, process):
            # Name the folder that process's DAG reads, so the file can simply be moved there.
            theirs = inbox_dir(str(info["process"]), kind)
            raise TemplateError(
                f"{path.name}: the template belongs to process {info['process']!r}, not {process!r}; "
                f"move it to {theirs}/"
            )
        missing = [t for t in [form_title, *table_titles] if t not in book.sheetnames]
        if missing:
            raise TemplateError(
                f"{path.name}: sheet(s) {', '.join(missing)} missing; write a fresh template with "
                f"`hornsten {kind} template`"
            )
        form: dict[str, tuple[int, object]] = {}
        for number, values in enumerate(book[form_title].iter_rows(values_only=True), start=1):
            if number == 1 or not values or values[0] is None:
                continue
            form[normalise_value(str(values[0]))] = (number, values[1] if len(values) > 1 else None)
        tables = {}
        for title in table_titles:
            sheet = Sheet(title)
            for number, values in enumerate(book[title].iter_rows(values_only=True), start=1):
                cells = list(values)
                if number == 1 or all(is_blank(v) for v in cells):
                    continue
                sheet.rows.append((number, cells))
            tables[title] = sheet
        return Workbook(path, kind, process, form, tables)
    finally:
        book.close()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def as_date(value: object) -> dt.date:
    """Excel dates, ISO dates and the Swedish d/m/yyyy; raises ValueError with the value."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    for pattern in ("%Y-%m-%d", "%Y%m%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{raw!r} is not a date (write it as ÅÅÅÅ-MM-DD)")


def as_count(value: object) -> int:
    """A whole number of at least 0; raises ValueError with the value."""
    raw = text(value).replace(" ", "").replace("\u00a0", "")
    try:
        number = float(raw.replace(",", "."))
    except ValueError:
        raise ValueError(f"{raw!r} is not a number") from None
    if number < 0 or not number.is_integer():
        raise ValueError(f"{raw!r} is not a whole number of at least 0")
    return int(number)


def lookup(options: dict[str, str], value: object) -> str | None:
    """Code for a code, name or alias, case- and space-insensitively (None when unknown)."""
    return options.get(normalise_value(text(value)))


def choice_map(pairs: list[tuple[str, list[str]]]) -> dict[str, str]:
    """{normalised spelling: code} from (code, [spellings]) pairs; the code is a spelling too."""
    mapping: dict[str, str] = {}
    for code, spellings in pairs:
        for spelling in (code, *spellings):
            mapping[normalise_value(spelling)] = code
    return mapping


def row_content(values: list[object]) -> str:
    from hornsten.survey.sources import row_as_text

    return row_as_text([text(v) for v in values])
