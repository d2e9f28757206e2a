"""Reading survey export files as a stream of rows, whatever the tool or Excel did to them.

Municipalities deliver CSV with commas, semicolons or tabs, in UTF-8, UTF-8 with a
byte order mark, UTF-16 (Excel's "Unicode text") or Windows-1252 (what Swedish Excel
writes), and XLSX workbooks. Nothing here reads a whole file into memory: a
million-response export streams through, and no line or row is held beyond
``MAX_ROW_CHARS`` (a longer one is handed on as an ``UnreadableRow``, truncated).
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

from hornsten.survey.zip_guard import UnsafeArchive, check_workbook

CHUNK = 1 << 20
# The longest row kept whole (every field of it together); a survey answer is capped far
# lower (survey.text_max_length), so a longer row is quarantined anyway.
MAX_ROW_CHARS = 1 << 20
# What of an over-long row is kept for the quarantine.
PREVIEW_CHARS = 2_000
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
SUPPORTED_SUFFIXES = CSV_SUFFIXES | XLSX_SUFFIXES

# Excel cells may come back as these; everything else is text.
Cell = str | dt.datetime | dt.date | int | float | None


class SourceError(ValueError):
    """The file as a whole cannot be read (the message says why and what to do)."""


@dataclass(frozen=True)
class UnreadableRow:
    """A record the reader could not split into fields (over-long, broken quoting)."""

    reason: str
    content: str  # what was read of it, at most PREVIEW_CHARS characters


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
    # (row number in the file, 1 = header; values, or why the row could not be read)
    rows: Iterator[tuple[int, list[Cell] | UnreadableRow]]


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
    encoding = _text_encoding(path, head, valid_utf8) if is_text else None
    return Fingerprint(sha256=digest.hexdigest(), size=size, encoding=encoding)


# Byte order marks, longest first (UTF-32 LE starts with UTF-16 LE's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),  # even with a stray bad byte later: that row is quarantined
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What exports without a byte order mark that are not valid UTF-8 come in: Swedish Excel's
# "CSV (semikolonavgränsad)" is Windows-1252, "Unicode text" sometimes loses its BOM, and
# UTF-8 with a stray bad byte is still UTF-8.
CANDIDATES = ("utf_8", "cp1252", "utf_16_le", "utf_16_be")


def _text_encoding(path: Path, head: bytes, valid_utf8: bool) -> str:
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    if valid_utf8:
        return "utf-8"
    from charset_normalizer import from_bytes

    with path.open("rb") as handle:
        sample = handle.read(CHUNK)
    best = from_bytes(sample, cp_isolation=list(CANDIDATES)).best()
    # Anything the detector cannot place is read as Windows-1252, which decodes every byte.
    return best.encoding if best is not None else "cp1252"


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
        try:
            check_workbook(path)
        except UnsafeArchive as exc:
            raise SourceError(str(exc)) from None
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
    # A byte the encoding cannot decode (a stray byte in UTF-8, one of the five Windows-1252
    # leaves undefined, half a character at the end of a truncated UTF-16 file) becomes
    # U+FFFD, and row validation quarantines its row, rather than failing the whole file.
    with path.open("r", encoding=encoding, errors="replace", newline="") as handle:
        lines = _BoundedLines(handle)
        first = next(lines, "")
        if lines.overlong:
            raise SourceError(f"{path}: the heading line is not a heading: {lines.overlong[0].reason}")
        if not first.strip():
            raise SourceError(f"{path}: the file is empty or its first line (the headings) is blank")
        delimiter = sniff_delimiter(first)
        lines.push_back(first)
        reader = csv.reader(lines, delimiter=delimiter)
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]

        def rows() -> Iterator[tuple[int, list[Cell] | UnreadableRow]]:
            record = 1
            while True:
                try:
                    values: list[Cell] | UnreadableRow | None = list(next(reader))
                except StopIteration:
                    values = None
                except csv.Error as exc:
                    values = UnreadableRow(f"unreadable row: {exc}", lines.last[:PREVIEW_CHARS])
                # An over-long line was kept from the reader; it came before this record.
                while lines.overlong:
                    record += 1
                    yield record, lines.overlong.pop(0)
                if values is None:
                    return
                record += 1
                if isinstance(values, list) and (not values or (len(values) == 1 and not str(values[0]).strip())):
                    continue  # blank lines carry no response
                yield record, values

        yield ExportFile(path, "csv", encoding, delimiter, header, rows())


class _BoundedLines:
    """The file's lines for csv.reader, none longer than MAX_ROW_CHARS held in memory.

    A longer line is read through in chunks and left out; what it held is kept (as an
    UnreadableRow with its first characters) for the caller to quarantine."""

    def __init__(self, handle):
        self.handle = handle
        self.overlong: list[UnreadableRow] = []
        self.last = ""
        self._pushed: list[str] = []

    def __iter__(self):
        return self

    def push_back(self, line: str) -> None:
        self._pushed.append(line)

    def __next__(self) -> str:
        if self._pushed:
            self.last = self._pushed.pop()
            return self.last
        while True:
            line = self.handle.readline(MAX_ROW_CHARS)
            if not line:
                raise StopIteration
            if len(line) < MAX_ROW_CHARS or line.endswith("\n"):
                self.last = line
                return line
            self.overlong.append(self._skip_rest(line))

    def _skip_rest(self, head: str) -> UnreadableRow:
        length = len(head)
        while not head.endswith("\n"):
            chunk = self.handle.readline(MAX_ROW_CHARS)
            if not chunk:
                break
            length += len(chunk)
            if chunk.endswith("\n"):
                break
        return UnreadableRow(
            f"line of {length:,} characters is longer than the limit of {MAX_ROW_CHARS:,}; "
            f"stored truncated to its first {PREVIEW_CHARS:,} characters",
            head[:PREVIEW_CHARS],
        )


@contextmanager
def _open_xlsx(path: Path) -> Iterator[ExportFile]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not data_only: a formula in a cell is kept as the text it is, never its (possibly
        # absent) computed value; survey tools write answers as plain text.
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, InvalidFileException, ValueError) as exc:
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


def readable_rows(export: ExportFile, error: type[Exception]) -> Iterator[tuple[int, list[Cell]]]:
    """The rows of a small sheet (a valuation, a population table), raising `error` at a row
    that cannot be read: there is no quarantine for them, and no sheet to guess from."""
    for number, values in export.rows:
        if isinstance(values, UnreadableRow):
            raise error(f"{export.path}: row {number}: {values.reason}")
        yield number, values


def row_as_text(values: list[Cell], delimiter: str = ";") -> str:
    """A rejected row as one CSV line, for the quarantine (a NUL, which PostgreSQL text
    cannot hold, becomes U+FFFD; the row's reason says so)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerow(["" if v is None else v for v in values])
    return buffer.getvalue().rstrip("\r\n").replace("\x00", "\ufffd")
