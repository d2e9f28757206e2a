"""Reading survey export files as a stream of rows, whatever the tool or Excel did to them.

Municipalities deliver CSV with commas or semicolons, in UTF-8, UTF-8 with a byte
order mark or Windows-1252 (what Swedish Excel writes), and XLSX workbooks. Nothing
here reads a whole file into memory: a million-response export streams through.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
SUPPORTED_SUFFIXES = CSV_SUFFIXES | XLSX_SUFFIXES

# Excel cells may come back as these; everything else is text.
Cell = str | dt.datetime | dt.date | int | float | None


class SourceError(ValueError):
    """The file as a whole cannot be read (the message says why and what to do)."""


@dataclass(frozen=True)
class Fingerprint:
    sha256: str
    size: int
    encoding: str | None  # None for binary formats


@dataclass(frozen=True)
class ExportFile:
    path: Path
    kind: str  # "csv" or "xlsx"
    encoding: str | None
    delimiter: str | None
    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]  # (row number in the file, 1 = header; values)


def fingerprint(path: Path) -> Fingerprint:
    """Checksum and text encoding in one streaming pass over the bytes."""
    digest = hashlib.sha256()
    size = 0
    is_text = path.suffix.lower() in CSV_SUFFIXES
    decoder = codecs.getincrementaldecoder("utf-8")() if is_text else None
    valid_utf8 = is_text
    head = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if not head:
                head = chunk[:4]
            digest.update(chunk)
            size += len(chunk)
            if valid_utf8 and decoder is not None:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    valid_utf8 = False
    if valid_utf8 and decoder is not None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid_utf8 = False
    encoding: str | None = None
    if is_text:
        if head.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif valid_utf8:
            encoding = "utf-8"
        else:
            # Not UTF-8: Swedish Excel's "CSV (semikolonavgränsad)" is Windows-1252.
            encoding = "cp1252"
    return Fingerprint(sha256=digest.hexdigest(), size=size, encoding=encoding)


def sniff_delimiter(header_line: str) -> str:
    """The separator is whichever of ; , TAB occurs most in the heading line outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


@contextmanager
def open_export(path: Path, encoding: str | None = None) -> Iterator[ExportFile]:
    """Open an export file and yield its heading and a row iterator."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise SourceError(f"{path}: no such file")
    if suffix in XLSX_SUFFIXES:
        with _open_xlsx(path) as export:
            yield export
    elif suffix in CSV_SUFFIXES:
        encoding = encoding or fingerprint(path).encoding or "utf-8"
        with _open_csv(path, encoding) as export:
            yield export
    else:
        raise SourceError(
            f"{path}: unsupported file type {suffix or '(none)'}; "
            f"expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )


@contextmanager
def _open_csv(path: Path, encoding: str) -> Iterator[ExportFile]:
    # cp1252 leaves five bytes undefined; Excel never writes them, so a stray one is
    # replaced rather than failing the whole file.
    errors = "replace" if encoding == "cp1252" else "strict"
    with path.open("r", encoding=encoding, errors=errors, newline="") as handle:
        first = handle.readline()
        if not first.strip():
            raise SourceError(f"{path}: the file is empty or its first line (the headings) is blank")
        delimiter = sniff_delimiter(first)
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]

        def rows() -> Iterator[tuple[int, list[Cell]]]:
            record = 1
            for values in reader:
                record += 1
                if not values or (len(values) == 1 and not values[0].strip()):
                    continue  # blank lines carry no response
                yield record, list(values)

        yield ExportFile(path, "csv", encoding, delimiter, header, rows())


@contextmanager
def _open_xlsx(path: Path) -> Iterator[ExportFile]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SourceError(f"{path}: not a readable Excel workbook ({exc})") from exc
    try:
        sheet = workbook.worksheets[0]
        iterator = sheet.iter_rows(values_only=True)
        try:
            first = next(iterator)
        except StopIteration:
            raise SourceError(f"{path}: the first sheet is empty") from None
        header = ["" if h is None else str(h).strip() for h in first]
        while header and not header[-1]:
            header.pop()
        width = len(header)

        def rows() -> Iterator[tuple[int, list[Cell]]]:
            for number, values in enumerate(iterator, start=2):
                cells = list(values)
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                    continue
                # Trailing empty cells beyond the heading are formatting, not data.
                while len(cells) > width and cells[-1] in (None, ""):
                    cells.pop()
                yield number, cells

        yield ExportFile(path, "xlsx", None, None, header, rows())
    finally:
        workbook.close()


def row_as_text(values: list[Cell], delimiter: str = ";") -> str:
    """A rejected row as one CSV line, for the quarantine."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerow(["" if v is None else v for v in values])
    return buffer.getvalue().rstrip("\r\n")
