"""Export files without an erased person's rows: the archive and the survey and round inboxes.

The archive keeps every export as delivered (``archive/<process>/<date>/`` and
``failed/``), so the originals are on disk as well as in ``restricted``. An erasure
rewrites each such file without the person's rows:

* CSV (any encoding and delimiter the ingest reads): the other records are written
  back with the same encoding (a BOM stays), delimiter and CRLF line ends; the
  quoting may differ from the export tool's, the values do not.
* XLSX: the rows are deleted from the first sheet (the one the ingest reads) and the
  workbook is saved; other sheets are left as they are.

Which rows: with headings of one of the process's survey export layouts, the row whose
response-id column is an erased response, or whose respondent column holds the
erased identifier (or its keyed hash matches); with the headings of a prioritisation
round layout, the row whose respondent column does (its response ids are the round's,
not the survey's); in a file whose headings match no layout (it failed whole), any row
with a cell equal to one of them. A file that
cannot be read at all (an ``.xls``, a broken workbook) cannot be rewritten: it is
named in the result, and the proof searches its bytes.

The archived file keeps its name (``<checksum>_<name>``): the prefix records the
delivery in ``raw.load_log``, although the bytes now differ.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hornsten.config import ProcessConfig
from hornsten.priorities import rows as round_rows
from hornsten.privacy.pseudonymise import keyed_hash
from hornsten.survey.rows import choose_layout
from hornsten.survey.sources import (
    CSV_SUFFIXES,
    XLSX_SUFFIXES,
    SourceError,
    UnreadableRow,
    fingerprint,
    open_export,
    sniff_delimiter,
)

# The template datasets archive below archive/<process>/<dataset>/; they hold no survey rows.
TEMPLATE_FOLDERS = ("dialogue", "remiss", "valuation")


@dataclass(frozen=True)
class Terms:
    """What an erasure removes, in memory only: never logged or stored."""

    survey_id: str
    response_ids: frozenset[str] = frozenset()
    respondent_values: frozenset[str] = frozenset()
    respondent_keys: frozenset[str] = frozenset()

    @property
    def response_keys(self) -> frozenset[str]:
        """``<survey>:<response>``, the form the dbt models build their ids from."""
        return frozenset(f"{self.survey_id}:{r}" for r in self.response_ids)

    def is_empty(self) -> bool:
        return not (self.response_ids or self.respondent_values or self.respondent_keys)


@dataclass
class FileOutcome:
    files_rewritten: int = 0
    rows_removed: int = 0
    not_rewritable: list[str] = field(default_factory=list)


def export_files(archive: Path, *inboxes: Path) -> list[Path]:
    """The process's archived exports (dated folders and failed/, the survey's and the round's)
    and those waiting in its `inboxes`."""
    found = []
    for root in (archive, *inboxes):
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            inside = path.relative_to(root).parts
            template = root == archive and inside[0] in TEMPLATE_FOLDERS
            if path.is_file() and not template and not path.name.endswith(".reason.txt"):
                found.append(path)
    return found


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores ids as floats
    return str(value).strip()


def _fields(text: str, delimiter: str | None) -> list[str]:
    import csv

    try:
        return next(csv.reader([text], delimiter=delimiter or ";"), [])
    except csv.Error:
        return []


def rows_to_drop(path: Path, config: ProcessConfig, terms: Terms, key: bytes) -> set[int] | None:
    """Row numbers (1 = headings) of the person's rows in one export; None if it cannot be read."""
    values_folded = {v.casefold() for v in terms.respondent_values}
    drop: set[int] = set()
    try:
        with open_export(path) as export:
            mapping = _columns(config, export.header, path.name)
            for number, values in export.rows:
                if isinstance(values, UnreadableRow):
                    # An over-long or broken row: match on the fields of what was read of it.
                    values = _fields(values.content, export.delimiter)
                cells = [_cell(v) for v in values]
                if mapping is None:
                    hit = any(c in terms.response_ids or c.casefold() in values_folded for c in cells if c)
                else:
                    hit = _layout_row_matches(cells, mapping, terms, values_folded, key)
                if hit:
                    drop.add(number)
    except (SourceError, UnicodeDecodeError, OSError, ValueError):
        return None
    return drop


def _columns(config: ProcessConfig, header: list[str], name: str) -> dict[str, int] | None:
    """The respondent column of a round layout, else the response-id and respondent columns of
    a survey layout, or None when the headings match neither. The round's layouts go first: they
    need rank columns no survey export has, while a round export can carry a survey layout's
    id and time headings."""
    if config.priorities is not None:
        try:
            fields = round_rows.choose_layout(config, header, name).fields
        except SourceError:
            pass
        else:
            return {"respondent_id": fields["respondent_id"]} if "respondent_id" in fields else {}
    try:
        return choose_layout(config, header, name)[1]
    except SourceError:
        return None


def _layout_row_matches(
    cells: list[str], mapping: dict[str, int], terms: Terms, values_folded: set[str], key: bytes
) -> bool:
    def column(name: str) -> str:
        index = mapping.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    if column("response_id") in terms.response_ids:
        return True
    respondent = column("respondent_id")
    if not respondent:
        return False
    return respondent.casefold() in values_folded or keyed_hash(respondent, key) in terms.respondent_keys


def rewrite_without(path: Path, drop: set[int]) -> None:
    """Write the file back without the rows numbered in `drop` (numbering as the ingest reads it)."""
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        sheet = workbook.worksheets[0]
        for number in sorted(drop, reverse=True):
            sheet.delete_rows(number)
        workbook.save(path)
        return
    if suffix not in CSV_SUFFIXES:
        raise ValueError(f"{path.name}: cannot rewrite a {suffix} file")
    encoding = fingerprint(path).encoding or "utf-8"
    errors = "replace" if encoding == "cp1252" else "strict"
    with path.open("r", encoding=encoding, errors=errors, newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        delimiter = sniff_delimiter(first)
        kept = [
            record for number, record in enumerate(csv.reader(handle, delimiter=delimiter), 1) if number not in drop
        ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(kept)
    text = buffer.getvalue()
    if encoding == "utf-8-sig" and text.startswith("\ufeff"):
        text = text[1:]  # the heading kept its BOM as read; the codec writes one
    path.write_bytes(text.encode(encoding, errors="replace"))


def erase_from_files(
    files: Iterable[Path], config: ProcessConfig, terms: Terms, key: bytes, dry_run: bool = False
) -> FileOutcome:
    """Rewrite every file that holds the person's rows; count what was removed."""
    outcome = FileOutcome()
    for path in files:
        drop = rows_to_drop(path, config, terms, key)
        if drop is None:
            outcome.not_rewritable.append(str(path))
            continue
        if not drop:
            continue
        if not dry_run:
            rewrite_without(path, drop)
        outcome.files_rewritten += 1
        outcome.rows_removed += len(drop)
    return outcome
